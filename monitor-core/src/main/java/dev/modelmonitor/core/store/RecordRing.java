package dev.modelmonitor.core.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bounded ring of records of one type for one key, oldest evicted first. The backing array starts small
 * and doubles up to the retention, so a key that sees few records costs little; once full, an append
 * overwrites the oldest slot and allocates nothing.
 *
 * <p>Not thread-safe: the owning {@link KeyHistory} guards it with its lock.
 *
 * @param <T> the record type
 */
final class RecordRing<T> {

    static final int INITIAL_CAPACITY = 16;

    private final int retention;
    private Object[] slots;
    private int start;
    private int size;
    private long appended;

    RecordRing(int retention) {
        this.retention = retention;
        this.slots = new Object[Math.min(retention, INITIAL_CAPACITY)];
    }

    void add(T record) {
        if (size == slots.length) {
            if (slots.length < retention) {
                slots = Arrays.copyOf(slots, (int) Math.min(retention, 2L * slots.length));
            } else {
                slots[start] = record;
                start = start + 1 == slots.length ? 0 : start + 1;
                appended++;
                return;
            }
        }
        slots[index(size)] = record;
        size++;
        appended++;
    }

    int size() {
        return size;
    }

    long appended() {
        return appended;
    }

    @SuppressWarnings("unchecked")
    T get(int i) {
        return (T) slots[index(i)];
    }

    /** The newest {@code limit} records, oldest first. */
    List<T> latest(int limit) {
        int n = Math.min(limit, size);
        List<T> out = new ArrayList<>(n);
        for (int i = size - n; i < size; i++) {
            out.add(get(i));
        }
        return out;
    }

    /** The records with {@code from <= timestampMillis < to}, in append order. */
    List<T> range(long fromMillis, long toMillis, TimestampOf<? super T> timestamp) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            T r = get(i);
            long t = timestamp.millis(r);
            if (t >= fromMillis && t < toMillis) {
                out.add(r);
            }
        }
        return out;
    }

    private int index(int i) {
        int j = start + i;
        return j >= slots.length ? j - slots.length : j;
    }

    /** How a ring reads a record's time. */
    @FunctionalInterface
    interface TimestampOf<T> {
        long millis(T record);
    }
}

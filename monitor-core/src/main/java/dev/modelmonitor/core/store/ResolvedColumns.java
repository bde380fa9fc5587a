package dev.modelmonitor.core.store;

import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.Verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The resolved predictions of one key as parallel columns in a bounded ring: id, prediction, outcome,
 * verdict ordinal, logged and resolved time. Records are materialised only when read.
 *
 * <p>The columns start at {@link RecordRing#INITIAL_CAPACITY} slots and double up to the retention; once
 * full, {@link #add} overwrites the oldest slot and allocates nothing. Not thread-safe: the owning
 * {@link KeyHistory} guards it with its lock.
 */
final class ResolvedColumns {

    private static final Verdict[] VERDICTS = Verdict.values();

    private final ModelKey key;
    private final int retention;
    private long[] ids;
    private Prediction[] predictions;
    private Outcome[] outcomes;
    private byte[] verdicts;
    private long[] loggedAt;
    private long[] resolvedAt;
    private int start;
    private int size;
    private long appended;

    ResolvedColumns(ModelKey key, int retention) {
        this.key = key;
        this.retention = retention;
        allocate(Math.min(retention, RecordRing.INITIAL_CAPACITY));
    }

    private void allocate(int capacity) {
        ids = new long[capacity];
        predictions = new Prediction[capacity];
        outcomes = new Outcome[capacity];
        verdicts = new byte[capacity];
        loggedAt = new long[capacity];
        resolvedAt = new long[capacity];
    }

    void add(long id, Prediction prediction, Outcome outcome, Verdict verdict, long loggedAtMillis,
             long resolvedAtMillis) {
        int slot;
        if (size < ids.length) {
            slot = index(size);
            size++;
        } else if (ids.length < retention) {
            grow();
            slot = size;
            size++;
        } else {
            slot = start;
            start = start + 1 == ids.length ? 0 : start + 1;
        }
        ids[slot] = id;
        predictions[slot] = prediction;
        outcomes[slot] = outcome;
        verdicts[slot] = (byte) verdict.ordinal();
        loggedAt[slot] = loggedAtMillis;
        resolvedAt[slot] = resolvedAtMillis;
        appended++;
    }

    /** Only called while the ring has never wrapped, so the slots are in order from 0. */
    private void grow() {
        int capacity = (int) Math.min(retention, 2L * ids.length);
        ids = Arrays.copyOf(ids, capacity);
        predictions = Arrays.copyOf(predictions, capacity);
        outcomes = Arrays.copyOf(outcomes, capacity);
        verdicts = Arrays.copyOf(verdicts, capacity);
        loggedAt = Arrays.copyOf(loggedAt, capacity);
        resolvedAt = Arrays.copyOf(resolvedAt, capacity);
    }

    int size() {
        return size;
    }

    long appended() {
        return appended;
    }

    /** The newest {@code limit} records, oldest first. */
    List<ResolvedPrediction> latest(int limit) {
        int n = Math.min(limit, size);
        List<ResolvedPrediction> out = new ArrayList<>(n);
        for (int i = size - n; i < size; i++) {
            out.add(materialise(index(i)));
        }
        return out;
    }

    /** The records with {@code from <= resolvedAtMillis < to}, in append order. */
    List<ResolvedPrediction> range(long fromMillis, long toMillis) {
        List<ResolvedPrediction> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int slot = index(i);
            long t = resolvedAt[slot];
            if (t >= fromMillis && t < toMillis) {
                out.add(materialise(slot));
            }
        }
        return out;
    }

    private ResolvedPrediction materialise(int slot) {
        return new ResolvedPrediction(ids[slot], key, predictions[slot], outcomes[slot], VERDICTS[verdicts[slot]],
                loggedAt[slot], resolvedAt[slot]);
    }

    private int index(int i) {
        int j = start + i;
        return j >= ids.length ? j - ids.length : j;
    }
}

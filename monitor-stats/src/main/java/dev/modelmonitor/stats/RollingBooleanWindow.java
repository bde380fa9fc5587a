package dev.modelmonitor.stats;

/**
 * A fixed-size rolling window of booleans (for example "was this prediction correct") with an exact
 * running count of {@code true} values.
 *
 * <p>Layout: the window is a ring of {@code capacity} bits packed into a {@code long[]} of
 * {@code ceil(capacity / 64)} words, plus the write position, the size and the count of set bits. Adding a
 * value to a full window overwrites the oldest bit and subtracts it from the count first, so the count is
 * exact by construction (integer arithmetic, no drift however long the stream). One {@link #add(boolean)}
 * costs O(1) (about 2-3 ns) and allocates nothing; the footprint is {@code 8 * ceil(capacity / 64)} bytes
 * plus a small header.
 *
 * <p>Empty window: {@link #size()} and {@link #count()} are 0 and {@link #mean()} is NaN.
 *
 * <p>Not thread-safe: a window is a mutable accumulator owned by one thread or guarded by the caller's
 * lock. {@link #copy()} gives an independent copy in O(capacity / 64).
 */
public final class RollingBooleanWindow {

    private final int capacity;
    private final long[] bits;
    private int head;
    private int size;
    private int count;

    /**
     * Creates an empty window.
     *
     * @param capacity the number of most recent values kept, &gt;= 1
     * @throws IllegalArgumentException if capacity &lt; 1
     */
    public RollingBooleanWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.bits = new long[(capacity + 63) >>> 6];
    }

    private RollingBooleanWindow(RollingBooleanWindow other) {
        this.capacity = other.capacity;
        this.bits = other.bits.clone();
        this.head = other.head;
        this.size = other.size;
        this.count = other.count;
    }

    /**
     * Appends a value, evicting the oldest one when the window is full. O(1), allocation-free.
     *
     * @param value the new value
     */
    public void add(boolean value) {
        int word = head >>> 6;
        long w = bits[word];
        // branch-free on the (random) old and new bits; shift distances are taken mod 64
        if (size == capacity) {
            count -= (int) ((w >>> head) & 1L);
        } else {
            size++;
        }
        long v = value ? 1L : 0L;
        bits[word] = (w & ~(1L << head)) | (v << head);
        count += (int) v;
        head = head + 1 == capacity ? 0 : head + 1;
    }

    /**
     * The value of the given age: {@code get(0)} is the most recent value, {@code get(size() - 1)} the
     * oldest still in the window.
     *
     * @param age 0 &lt;= age &lt; size()
     * @return the value added {@code age} updates ago
     * @throws IndexOutOfBoundsException if age is outside [0, size())
     */
    public boolean get(int age) {
        if (age < 0 || age >= size) {
            throw new IndexOutOfBoundsException("age must be in [0, size=" + size + "), was " + age);
        }
        int pos = head - 1 - age;
        if (pos < 0) {
            pos += capacity;
        }
        return (bits[pos >>> 6] & (1L << pos)) != 0;
    }

    /** @return the maximum number of values kept */
    public int capacity() {
        return capacity;
    }

    /** @return the number of values currently in the window, in [0, capacity] */
    public int size() {
        return size;
    }

    /** @return whether the window holds {@code capacity} values */
    public boolean isFull() {
        return size == capacity;
    }

    /** @return the number of {@code true} values in the window (exact) */
    public int count() {
        return count;
    }

    /** @return the same as {@link #count()}: the sum of the window with true = 1, false = 0 */
    public long sum() {
        return count;
    }

    /** @return count / size, the fraction of {@code true} values; NaN when the window is empty */
    public double mean() {
        return size == 0 ? Double.NaN : (double) count / size;
    }

    /** Empties the window; capacity is kept. O(capacity / 64). */
    public void reset() {
        java.util.Arrays.fill(bits, 0L);
        head = 0;
        size = 0;
        count = 0;
    }

    /** @return an independent copy with the same contents and capacity */
    public RollingBooleanWindow copy() {
        return new RollingBooleanWindow(this);
    }

    /** @return the values in the window, oldest first (a fresh array of length size()) */
    public boolean[] toArray() {
        boolean[] out = new boolean[size];
        for (int i = 0; i < size; i++) {
            out[i] = get(size - 1 - i);
        }
        return out;
    }

    @Override
    public String toString() {
        return "RollingBooleanWindow[capacity=" + capacity + ", size=" + size + ", count=" + count + "]";
    }
}

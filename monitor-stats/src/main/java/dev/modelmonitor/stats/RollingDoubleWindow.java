package dev.modelmonitor.stats;

/**
 * A fixed-size rolling window of doubles with running sum, mean and variance that do not drift.
 *
 * <p>Layout and algorithm: a ring of {@code capacity} doubles. Three running sums are kept: the plain sum
 * of the values, and the sum and the sum of squares of the values shifted by a reference {@code k}. Each
 * is a compensated pair: Knuth's branch-free TwoSum captures the exact rounding error of every addition,
 * and the errors are accumulated, as in Neumaier's improved Kahan-Babuska summation. Adding to a full window subtracts the evicted
 * value from each sum first. In addition, every {@code capacity} updates the three sums are recomputed from
 * the ring (compensated, with {@code k} moved to the current mean), so rounding error can only accumulate
 * over at most {@code capacity} updates, never over the whole stream: the running sum agrees with a fresh
 * summation of the window to about 1e-15 relative to the sum of |values| in the window, after any number
 * of updates (a test checks 10^8 updates against 1e-9 relative). The shift keeps the variance free of the
 * catastrophic cancellation of the textbook {@code sumSq - sum^2/n} when the mean is large compared with
 * the spread: the variance's absolute error is about {@code capacity * 1e-16 * d^2}, where d is the largest
 * distance of a value in the window from the window mean as it was at the last recompute (at most capacity
 * updates ago). For a stationary stream that is the spread itself; right after a jump of the level by D it
 * can be of order {@code 1e-16 * capacity * D^2} until the next recompute.
 *
 * <p>Cost: {@link #add(double)} is O(1) amortised (O(capacity) once every capacity updates, i.e. one extra
 * pass over the ring per window length) and allocates nothing; space is {@code 8 * capacity} bytes plus a
 * small header.
 *
 * <p>Input: values must be finite; NaN and infinities are rejected with an
 * {@link IllegalArgumentException}. Empty window: {@link #sum()} is 0, {@link #mean()} is NaN,
 * {@link #variance()} is NaN below two values.
 *
 * <p>Not thread-safe: a window is a mutable accumulator owned by one thread or guarded by the caller's
 * lock. {@link #copy()} gives an independent copy in O(capacity).
 */
public final class RollingDoubleWindow {

    private final int capacity;
    private final double[] ring;
    private int head;
    private int size;
    private int sinceRecompute;

    private double sum;
    private double sumComp;
    private double shift;
    private double dSum;
    private double dSumComp;
    private double dSq;
    private double dSqComp;

    /**
     * Creates an empty window.
     *
     * @param capacity the number of most recent values kept, &gt;= 1
     * @throws IllegalArgumentException if capacity &lt; 1
     */
    public RollingDoubleWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.ring = new double[capacity];
    }

    private RollingDoubleWindow(RollingDoubleWindow o) {
        this.capacity = o.capacity;
        this.ring = o.ring.clone();
        this.head = o.head;
        this.size = o.size;
        this.sinceRecompute = o.sinceRecompute;
        this.sum = o.sum;
        this.sumComp = o.sumComp;
        this.shift = o.shift;
        this.dSum = o.dSum;
        this.dSumComp = o.dSumComp;
        this.dSq = o.dSq;
        this.dSqComp = o.dSqComp;
    }

    /**
     * Appends a value, evicting the oldest one when the window is full. O(1) amortised, allocation-free.
     *
     * @param value a finite value
     * @throws IllegalArgumentException if value is NaN or infinite
     */
    public void add(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
        if (size == capacity) {
            double old = ring[head];
            addSum(-old);
            double d = old - shift;
            addD(-d, -(d * d));
        } else {
            if (size == 0) {
                shift = value;
            }
            size++;
        }
        ring[head] = value;
        head = head + 1 == capacity ? 0 : head + 1;
        addSum(value);
        double d = value - shift;
        addD(d, d * d);
        if (++sinceRecompute >= capacity) {
            recompute();
        }
    }

    // Knuth's branch-free TwoSum: the exact rounding error of each addition goes into the compensation.
    private void addSum(double x) {
        double t = sum + x;
        double bp = t - sum;
        sumComp += (sum - (t - bp)) + (x - bp);
        sum = t;
    }

    private void addD(double x, double x2) {
        double t = dSum + x;
        double bp = t - dSum;
        dSumComp += (dSum - (t - bp)) + (x - bp);
        dSum = t;
        double u = dSq + x2;
        double bq = u - dSq;
        dSqComp += (dSq - (u - bq)) + (x2 - bq);
        dSq = u;
    }

    /** Recomputes the running sums from the ring, moving the shift to the current mean. */
    private void recompute() {
        sinceRecompute = 0;
        sum = 0.0;
        sumComp = 0.0;
        for (int i = 0; i < size; i++) {
            addSum(ring[i]);
        }
        shift = (sum + sumComp) / size;
        dSum = 0.0;
        dSumComp = 0.0;
        dSq = 0.0;
        dSqComp = 0.0;
        for (int i = 0; i < size; i++) {
            double d = ring[i] - shift;
            addD(d, d * d);
        }
    }

    /**
     * The value of the given age: {@code get(0)} is the most recent value, {@code get(size() - 1)} the
     * oldest still in the window.
     *
     * @param age 0 &lt;= age &lt; size()
     * @return the value added {@code age} updates ago
     * @throws IndexOutOfBoundsException if age is outside [0, size())
     */
    public double get(int age) {
        if (age < 0 || age >= size) {
            throw new IndexOutOfBoundsException("age must be in [0, size=" + size + "), was " + age);
        }
        int pos = head - 1 - age;
        if (pos < 0) {
            pos += capacity;
        }
        return ring[pos];
    }

    /** @return the maximum number of values kept */
    public int capacity() {
        return capacity;
    }

    /** @return the number of values currently in the window, in [0, capacity] */
    public int size() {
        return size;
    }

    /** @return the same as {@link #size()}: the number of values the statistics are over */
    public int count() {
        return size;
    }

    /** @return whether the window holds {@code capacity} values */
    public boolean isFull() {
        return size == capacity;
    }

    /** @return the sum of the values in the window (compensated; 0 when empty) */
    public double sum() {
        return sum + sumComp;
    }

    /** @return the arithmetic mean of the window; NaN when empty */
    public double mean() {
        return size == 0 ? Double.NaN : sum() / size;
    }

    /**
     * The sample variance with the {@code n - 1} denominator (numpy {@code var(ddof=1)}, pandas
     * {@code rolling(n).var()}), computed from the shifted sums and clamped at 0.
     *
     * @return the sample variance; NaN when the window holds fewer than two values
     */
    public double variance() {
        if (size < 2) {
            return Double.NaN;
        }
        return centredSumOfSquares() / (size - 1);
    }

    /**
     * The population variance with the {@code n} denominator (numpy {@code var(ddof=0)}), clamped at 0.
     *
     * @return the population variance; 0 for one value, NaN when empty
     */
    public double populationVariance() {
        if (size == 0) {
            return Double.NaN;
        }
        return centredSumOfSquares() / size;
    }

    private double centredSumOfSquares() {
        double s = dSum + dSumComp;
        double m2 = (dSq + dSqComp) - s * s / size;
        return m2 > 0.0 ? m2 : 0.0;
    }

    /** Empties the window; capacity is kept. O(capacity). */
    public void reset() {
        java.util.Arrays.fill(ring, 0.0);
        head = 0;
        size = 0;
        sinceRecompute = 0;
        sum = 0.0;
        sumComp = 0.0;
        shift = 0.0;
        dSum = 0.0;
        dSumComp = 0.0;
        dSq = 0.0;
        dSqComp = 0.0;
    }

    /** @return an independent copy with the same contents, capacity and running sums */
    public RollingDoubleWindow copy() {
        return new RollingDoubleWindow(this);
    }

    /** @return the values in the window, oldest first (a fresh array of length size()) */
    public double[] toArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = get(size - 1 - i);
        }
        return out;
    }

    @Override
    public String toString() {
        return "RollingDoubleWindow[capacity=" + capacity + ", size=" + size + ", mean=" + mean() + "]";
    }
}

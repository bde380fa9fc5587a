package dev.modelmonitor.stats;

/**
 * A fixed-size rolling window of doubles with running sum, mean and variance that do not drift.
 *
 * <p>Layout and algorithm: a ring of {@code capacity} doubles and a running sum of the values, kept as a
 * compensated pair: Knuth's branch-free TwoSum captures the exact rounding error of every addition, and the
 * errors are accumulated, as in Neumaier's improved Kahan-Babuska summation. Adding to a full window first
 * forms the exact difference {@code value - evicted} as a pair (TwoDiff) and adds that, one TwoSum on the
 * running sum per update. Every {@code capacity} updates the sum is recomputed from the ring (compensated),
 * so rounding error can only accumulate over at most {@code capacity} updates, never over the whole stream:
 * the running sum agrees with a fresh summation of the window to about 1e-15 relative to the sum of
 * |values| in the window, after any number of updates (a test checks 10^8 updates against 1e-9 relative).
 *
 * <p>Variance: the sum of squares of the values shifted by a reference {@code k} (the window mean when it was
 * last rebuilt) is kept as a second compensated pair, updated by the exact difference of the new and the
 * evicted squared deviations; the shifted sum {@code sum - n k} is formed from the compensated sum when the
 * variance is read (the product {@code n k} exactly, by a fused multiply-add). The shift keeps the variance
 * free of the catastrophic cancellation of the textbook {@code sumSq - sum^2/n} when the mean is large
 * compared with the spread: the variance's absolute error is about {@code capacity * 1e-16 * d^2}, where d
 * is the largest distance of a value in the window from the shift (a window mean at most capacity updates
 * old). For a stationary stream that is the spread itself; right after a jump of the level by D it can be
 * of order {@code 1e-16 * capacity * D^2} until the next rebuild. The sum of squares is maintained lazily:
 * only while the variance is being read. The first {@link #variance()} or {@link #populationVariance()} call
 * after a period of {@code capacity} updates without one rebuilds it from the ring (shift moved to the
 * current mean), and from then on every update maintains it and every recompute rebuilds it, until a whole
 * period passes without a variance read; so a window whose variance is never read pays only for its sum.
 *
 * <p>Cost: {@link #add(double)} is O(1) amortised (one TwoDiff and one TwoSum, two more while the variance
 * is being read, plus one pass over the ring every capacity updates) and allocates nothing; {@link #sum()}
 * and {@link #mean()} are O(1); {@link #variance()} is O(1) when the variance was read in the current or
 * the previous period of capacity updates and O(capacity) otherwise, so at most once per capacity updates:
 * O(1) amortised over the updates. Space is {@code 8 * capacity} bytes plus a small header.
 *
 * <p>Input: values must be finite; NaN and infinities are rejected with an
 * {@link IllegalArgumentException}. Empty window: {@link #sum()} is 0, {@link #mean()} is NaN,
 * {@link #variance()} is NaN below two values.
 *
 * <p>Not thread-safe: a window is a mutable accumulator owned by one thread or guarded by the caller's
 * lock; because the variance state is rebuilt on demand, {@link #variance()} and
 * {@link #populationVariance()} may write to the window too and need the same exclusive access as
 * {@link #add(double)}. {@link #copy()} gives an independent copy in O(capacity).
 */
public final class RollingDoubleWindow {

    private final int capacity;
    private final double[] ring;
    private int head;
    private int size;
    private int sinceRecompute;

    private double sum;
    private double sumComp;

    /** Whether shift and dSq are maintained by every update. */
    private boolean tracking;
    /** Whether the variance was read since the last recompute. */
    private boolean varianceRead;
    private double shift;
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
        this.tracking = o.tracking;
        this.varianceRead = o.varianceRead;
        this.shift = o.shift;
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
        int h = head;
        if (size == capacity) {
            double old = ring[h];
            // TwoDiff: value - old == delta + deltaErr exactly
            double delta = value - old;
            double bv = delta - value;
            double deltaErr = (value - (delta - bv)) - (old + bv);
            // TwoSum of the running sum and delta; both rounding errors go into the compensation
            double s = sum;
            double t = s + delta;
            double bp = t - s;
            sumComp += ((s - (t - bp)) + (delta - bp)) + deltaErr;
            sum = t;
            if (tracking) {
                double dn = value - shift;
                double dOld = old - shift;
                addSq(dn * dn, -(dOld * dOld));
            }
        } else {
            if (tracking && size == 0) {
                shift = value;
            }
            size++;
            double s = sum;
            double t = s + value;
            double bp = t - s;
            sumComp += (s - (t - bp)) + (value - bp);
            sum = t;
            if (tracking) {
                double dn = value - shift;
                addSq(dn * dn, 0.0);
            }
        }
        ring[h] = value;
        head = h + 1 == capacity ? 0 : h + 1;
        if (++sinceRecompute >= capacity) {
            recompute();
        }
    }

    /** Adds a + b (b &lt;= 0 &lt;= a) to the compensated sum of squares: TwoDiff, then TwoSum. */
    private void addSq(double a, double b) {
        double x = a + b;
        double bv = x - a;
        double xErr = (a - (x - bv)) + (b - bv);
        double q = dSq;
        double u = q + x;
        double bq = u - q;
        dSqComp += ((q - (u - bq)) + (x - bq)) + xErr;
        dSq = u;
    }

    /**
     * Recomputes the running sum from the ring; rebuilds the sum of squares if the variance was read in the
     * period just ended, stops maintaining it otherwise.
     */
    private void recompute() {
        sinceRecompute = 0;
        double s = 0.0;
        double c = 0.0;
        double[] r = ring;
        for (int i = 0, n = size; i < n; i++) {
            double x = r[i];
            double t = s + x;
            double bp = t - s;
            c += (s - (t - bp)) + (x - bp);
            s = t;
        }
        sum = s;
        sumComp = c;
        if (tracking) {
            if (varianceRead) {
                rebuildSquares();
            } else {
                tracking = false;
            }
        }
        varianceRead = false;
    }

    /** Moves the shift to the current mean and recomputes the shifted sum of squares from the ring. */
    private void rebuildSquares() {
        int n = size;
        double k = n == 0 ? 0.0 : (sum + sumComp) / n;
        double q = 0.0;
        double c = 0.0;
        double[] r = ring;
        for (int i = 0; i < n; i++) {
            double d = r[i] - k;
            double x = d * d;
            double u = q + x;
            double bq = u - q;
            c += (q - (u - bq)) + (x - bq);
            q = u;
        }
        shift = k;
        dSq = q;
        dSqComp = c;
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
        if (!tracking) {
            rebuildSquares();
            tracking = true;
        }
        varianceRead = true;
        double n = size;
        // the shifted sum sum - n k, with n k = p + e exactly
        double p = n * shift;
        double e = Math.fma(n, shift, -p);
        double s = (sum - p) + (sumComp - e);
        double m2 = (dSq + dSqComp) - s * s / n;
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
        tracking = false;
        varianceRead = false;
        shift = 0.0;
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

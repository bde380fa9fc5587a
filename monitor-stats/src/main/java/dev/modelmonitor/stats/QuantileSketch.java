package dev.modelmonitor.stats;

import java.util.Arrays;

/**
 * A mergeable streaming quantile sketch with a relative-error guarantee and a fixed memory footprint,
 * for latency summaries (p50, p95, p99, max). It follows DDSketch (Masson, Rim &amp; Lee, "DDSketch: a
 * fast and fully-mergeable quantile sketch with relative-error guarantees", VLDB 2019).
 *
 * <p><b>Buckets.</b> With relative accuracy {@code a} (default {@value #DEFAULT_RELATIVE_ACCURACY}) and
 * {@code gamma = (1 + a) / (1 - a)}, a positive value x goes to bucket {@code i = ceil(ln(x) / ln(gamma))},
 * which covers (gamma^(i-1), gamma^i]. Zeros are counted apart, exactly. A bucket is represented by
 * {@code 2 gamma^i / (gamma + 1)}, which is within a relative {@code a} of every value in the bucket.
 *
 * <p><b>Query and error bound.</b> {@code quantile(q)} finds the bucket that holds the element of
 * 0-based rank {@code floor(q (n - 1))} in sorted order (zeros first) and returns its representative,
 * clamped to the exact [min, max]. q = 0 and q = 1 return the exact min and max. Let x_q be that element
 * (numpy's {@code quantile(method='lower')}). While no bucket has been collapsed (see below), the estimate
 * v satisfies {@code |v - x_q| <= a x_q} for every q (zero when x_q = 0), whatever the data and its
 * order. Floating-point rounding of the logarithm can move a value that lies within about 1e-15
 * relative of a bucket boundary into the next bucket, and the bound still holds to that precision.
 *
 * <p><b>Fixed memory and collapsing.</b> The counts live in a {@code long[maxBuckets]} (default
 * {@value #DEFAULT_MAX_BUCKETS}, 16 KB) over a sliding range of bucket indices. If the data span more
 * buckets than that, the lowest buckets are collapsed: every value below
 * {@code gamma^(top - maxBuckets)}, where top is the highest bucket, is counted in the lowest kept bucket.
 * High quantiles keep the bound. A quantile whose true value falls in the collapsed range is
 * overestimated: it is reported as at most the lowest kept bucket's representative. The result does not
 * depend on the order of values or merges. With the defaults, the kept range is a factor
 * gamma^2048 ≈ 6e17, so latencies in nanoseconds from 1 ns to 19 years never collapse.
 * {@link #hasCollapsed()} says whether collapsing has happened.
 *
 * <p><b>Merge.</b> {@link #merge(QuantileSketch)} adds another sketch's counts: O(maxBuckets), exact (the
 * same counts as one sketch fed both streams), associative and commutative for the quantiles, count, min
 * and max. The mean's compensated sum is associative up to rounding.
 *
 * <p><b>Input, cost, thread-safety.</b> Values must be finite and &gt;= 0: NaN, negatives and infinities
 * are rejected with an {@link IllegalArgumentException}. {@link #add(double)} costs one logarithm (about
 * 10-20 ns) and allocates nothing, except when the range moves, which costs O(maxBuckets) and does not
 * allocate either. {@link #quantile(double)} is O(maxBuckets). An empty sketch returns NaN for quantiles,
 * min, max and mean. Not thread-safe: one writer, or guard it; {@link #copy()} gives an independent copy.
 */
public final class QuantileSketch {

    /** The default relative accuracy a. */
    public static final double DEFAULT_RELATIVE_ACCURACY = 0.01;
    /** The default number of buckets. */
    public static final int DEFAULT_MAX_BUCKETS = 2048;

    private final double relativeAccuracy;
    private final double gamma;
    private final double invLnGamma;
    private final int maxBuckets;
    private final long[] counts;
    private int offset;
    private int minIndex = Integer.MAX_VALUE;
    private int maxIndex = Integer.MIN_VALUE;
    private boolean collapsed;
    private long zeroCount;
    private long count;
    private double min = Double.NaN;
    private double max = Double.NaN;
    private double sum;
    private double sumComp;

    /** An empty sketch with relative accuracy 0.01 and 2048 buckets. */
    public QuantileSketch() {
        this(DEFAULT_RELATIVE_ACCURACY, DEFAULT_MAX_BUCKETS);
    }

    /**
     * An empty sketch.
     *
     * @param relativeAccuracy the relative accuracy a, in (0, 1)
     * @param maxBuckets       the number of buckets kept, &gt;= 2
     * @throws IllegalArgumentException on parameters out of range
     */
    public QuantileSketch(double relativeAccuracy, int maxBuckets) {
        if (!(relativeAccuracy > 0.0 && relativeAccuracy < 1.0)) {
            throw new IllegalArgumentException("relativeAccuracy must be in (0, 1), was " + relativeAccuracy);
        }
        if (maxBuckets < 2) {
            throw new IllegalArgumentException("maxBuckets must be >= 2, was " + maxBuckets);
        }
        this.relativeAccuracy = relativeAccuracy;
        this.gamma = (1.0 + relativeAccuracy) / (1.0 - relativeAccuracy);
        this.invLnGamma = 1.0 / Math.log(gamma);
        this.maxBuckets = maxBuckets;
        this.counts = new long[maxBuckets];
    }

    private QuantileSketch(QuantileSketch o) {
        this.relativeAccuracy = o.relativeAccuracy;
        this.gamma = o.gamma;
        this.invLnGamma = o.invLnGamma;
        this.maxBuckets = o.maxBuckets;
        this.counts = o.counts.clone();
        this.offset = o.offset;
        this.minIndex = o.minIndex;
        this.maxIndex = o.maxIndex;
        this.collapsed = o.collapsed;
        this.zeroCount = o.zeroCount;
        this.count = o.count;
        this.min = o.min;
        this.max = o.max;
        this.sum = o.sum;
        this.sumComp = o.sumComp;
    }

    /**
     * Records a value.
     *
     * @param value a finite value &gt;= 0 (for example a latency)
     * @throws IllegalArgumentException if value is NaN, negative or infinite
     */
    public void add(double value) {
        if (!(value >= 0.0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("value must be >= 0 and finite, was " + value);
        }
        if (value == 0.0) {
            zeroCount++;
        } else {
            addToBucket(index(value), 1);
        }
        count++;
        if (count == 1) {
            min = value;
            max = value;
        } else {
            if (value < min) {
                min = value;
            }
            if (value > max) {
                max = value;
            }
        }
        addSum(value);
    }

    /**
     * Records an integer value, for example a latency in nanoseconds from {@link System#nanoTime()}
     * differences; the same as {@code add((double) value)}.
     *
     * @param value a value &gt;= 0
     * @throws IllegalArgumentException if value is negative
     */
    public void add(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("value must be >= 0, was " + value);
        }
        add((double) value);
    }

    private int index(double x) {
        return (int) Math.ceil(Math.log(x) * invLnGamma);
    }

    private void addSum(double x) {
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            sumComp += (sum - t) + x;
        } else {
            sumComp += (x - t) + sum;
        }
        sum = t;
    }

    private void addToBucket(int idx, long n) {
        if (minIndex > maxIndex) {
            offset = idx - maxBuckets / 2;
            minIndex = idx;
            maxIndex = idx;
            counts[idx - offset] += n;
            return;
        }
        if (idx > maxIndex) {
            long span = (long) idx - minIndex + 1;
            if (idx >= offset + maxBuckets) {
                rebase(span <= maxBuckets ? minIndex - (int) ((maxBuckets - span) / 2) : idx - maxBuckets + 1);
            } else if (span > maxBuckets) {
                rebase(idx - maxBuckets + 1);
            }
            maxIndex = idx;
        } else if (idx < minIndex) {
            long span = (long) maxIndex - idx + 1;
            if (span > maxBuckets) {
                collapsed = true;
                idx = maxIndex - maxBuckets + 1;
                if (idx != offset) {
                    rebase(idx);
                }
            } else if (idx < offset) {
                rebase(idx - (int) ((maxBuckets - span) / 2));
            }
            if (idx < minIndex) {
                minIndex = idx;
            }
        }
        counts[idx - offset] += n;
    }

    /**
     * Moves the window of bucket indices to start at {@code newOffset}; buckets below it are collapsed
     * into bucket {@code newOffset}. Requires maxIndex &lt; newOffset + maxBuckets.
     */
    private void rebase(int newOffset) {
        if (minIndex > maxIndex) {
            offset = newOffset;
            return;
        }
        long below = 0;
        for (int i = minIndex; i < newOffset && i <= maxIndex; i++) {
            below += counts[i - offset];
        }
        if (newOffset > minIndex) {
            collapsed = true;
        }
        int from = Math.max(minIndex, newOffset);
        int len = maxIndex >= from ? maxIndex - from + 1 : 0;
        int dest = from - newOffset;
        if (len > 0) {
            System.arraycopy(counts, from - offset, counts, dest, len); // handles the overlap
        }
        Arrays.fill(counts, 0, Math.min(dest, maxBuckets), 0L);
        Arrays.fill(counts, Math.min(dest + len, maxBuckets), maxBuckets, 0L);
        offset = newOffset;
        if (below > 0) {
            counts[0] += below;
            if (minIndex < newOffset) {
                minIndex = newOffset;
            }
        }
        if (maxIndex < minIndex) {
            maxIndex = minIndex;
        }
    }

    /**
     * Adds another sketch's values to this one. The other sketch is not changed.
     *
     * @param other a sketch with the same relative accuracy and bucket count; not this sketch
     * @throws IllegalArgumentException if other is null, this sketch, or differently configured
     */
    public void merge(QuantileSketch other) {
        if (other == null) {
            throw new IllegalArgumentException("other must not be null");
        }
        if (other == this) {
            throw new IllegalArgumentException("other must not be this sketch (merge a copy instead)");
        }
        if (other.relativeAccuracy != relativeAccuracy || other.maxBuckets != maxBuckets) {
            throw new IllegalArgumentException("other must have relativeAccuracy=" + relativeAccuracy
                    + " and maxBuckets=" + maxBuckets + ", was " + other.relativeAccuracy + " and "
                    + other.maxBuckets);
        }
        if (other.count == 0) {
            return;
        }
        // add the other's highest bucket first, so that this sketch's range settles on the final top
        if (other.maxIndex >= other.minIndex) {
            for (int i = other.maxIndex; i >= other.minIndex; i--) {
                long c = other.counts[i - other.offset];
                if (c != 0) {
                    addToBucket(i, c);
                }
            }
        }
        collapsed |= other.collapsed;
        zeroCount += other.zeroCount;
        if (count == 0) {
            min = other.min;
            max = other.max;
        } else {
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
        }
        count += other.count;
        addSum(other.sum);
        addSum(other.sumComp);
    }

    /**
     * The estimated q-quantile: within a relative {@code relativeAccuracy} of the element of rank
     * {@code floor(q (n - 1))} while no bucket has collapsed.
     *
     * @param q the quantile level, in [0, 1] (0.5 for p50, 0.99 for p99)
     * @return the estimate, in [min, max]; NaN when empty
     * @throws IllegalArgumentException if q is NaN or outside [0, 1]
     */
    public double quantile(double q) {
        if (!(q >= 0.0 && q <= 1.0)) {
            throw new IllegalArgumentException("q must be in [0, 1], was " + q);
        }
        if (count == 0) {
            return Double.NaN;
        }
        if (q == 0.0) {
            return min;
        }
        if (q == 1.0) {
            return max;
        }
        long rank = (long) Math.floor(q * (count - 1));
        if (rank < zeroCount) {
            return 0.0;
        }
        long seen = zeroCount;
        for (int i = minIndex; i <= maxIndex; i++) {
            seen += counts[i - offset];
            if (seen > rank) {
                double v = 2.0 * Math.pow(gamma, i) / (gamma + 1.0);
                return Math.max(min, Math.min(max, v));
            }
        }
        return max;
    }

    /** @return the number of values recorded */
    public long count() {
        return count;
    }

    /** @return the smallest value recorded (exact); NaN when empty */
    public double min() {
        return min;
    }

    /** @return the largest value recorded (exact); NaN when empty */
    public double max() {
        return max;
    }

    /** @return the sum of the values recorded (compensated); 0 when empty */
    public double sum() {
        return sum + sumComp;
    }

    /** @return the mean of the values recorded; NaN when empty */
    public double mean() {
        return count == 0 ? Double.NaN : sum() / count;
    }

    /** @return whether the lowest buckets have been collapsed, so low quantiles may be overestimated */
    public boolean hasCollapsed() {
        return collapsed;
    }

    /** @return the relative accuracy a */
    public double relativeAccuracy() {
        return relativeAccuracy;
    }

    /** @return the number of buckets kept */
    public int maxBuckets() {
        return maxBuckets;
    }

    /** Empties the sketch; its configuration is kept. O(maxBuckets). */
    public void reset() {
        Arrays.fill(counts, 0L);
        offset = 0;
        minIndex = Integer.MAX_VALUE;
        maxIndex = Integer.MIN_VALUE;
        collapsed = false;
        zeroCount = 0;
        count = 0;
        min = Double.NaN;
        max = Double.NaN;
        sum = 0.0;
        sumComp = 0.0;
    }

    /** @return an independent copy */
    public QuantileSketch copy() {
        return new QuantileSketch(this);
    }

    @Override
    public String toString() {
        return "QuantileSketch[count=" + count + ", p50=" + (count == 0 ? Double.NaN : quantile(0.5)) + ", p99="
                + (count == 0 ? Double.NaN : quantile(0.99)) + ", max=" + max + "]";
    }
}

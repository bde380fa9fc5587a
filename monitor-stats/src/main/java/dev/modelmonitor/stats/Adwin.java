package dev.modelmonitor.stats;

import java.util.Arrays;

/**
 * ADWIN, the adaptive windowing change detector of Bifet &amp; Gavalda ("Learning from time-changing data
 * with adaptive windowing", SIAM SDM 2007), in its ADWIN2 form with exponential histograms.
 *
 * <p><b>Window.</b> The detector keeps a window W of the most recent values, summarised as an
 * exponential histogram: row r holds buckets of 2^r values, each bucket its total and its variance
 * (sum of squared deviations from its own mean); a row holds at most M = {@value #MAX_BUCKETS_PER_ROW}
 * buckets, and a sixth one makes the two oldest of the row merge into one bucket of the next row (the
 * variances combine by the parallel-variance formula). So W of width n costs O(M log n) memory, and an
 * insertion O(1) amortised.
 *
 * <p><b>Cut test.</b> Every {@value #CLOCK} updates (River's {@code clock}) and once the width exceeds
 * 10, every split of W into an older part W0 (n0 values) and a newer part W1 (n1 values) at a bucket
 * boundary with n0, n1 &gt;= 5 is tested, oldest boundary first, with
 * <pre>
 *   m = 1 / (1/n0 + 1/n1),  delta' = delta / ln(n),  L = ln(2 / delta')
 *   epsilon = sqrt(2 / m * variance(W) * L) + 2 / (3 m) * L
 * </pre>
 * where variance(W) is the population variance of the whole window. When {@code |mean(W0) - mean(W1)| >
 * epsilon}, the oldest bucket is dropped, a change is signalled, and the splits are tested again until
 * none cuts. This is the bound of the paper and MOA; River additionally shrinks n0 and n1 by the minimum
 * sub-window length inside m, which makes its test slightly more conservative. The implementation agrees
 * with an independent list-based Python implementation of exactly these rules (reference vectors in the
 * tests): the same detection indices, width and bucket layout, and total and variance to 1e-9 relative.
 *
 * <p><b>Input.</b> The guarantee (false-positive rate at most delta per check) holds for values in [0, 1]
 * (for example 0/1 outcomes); rescale other bounded data into [0, 1]. Values must be finite (NaN and
 * infinities are rejected).
 *
 * <p><b>Published figures</b> (see {@code DETECTORS.md}; seeded simulation, seed 20240601, 2000
 * replicates, runs capped at 20,000 updates) on 0/1 outcomes, delta = 0.002: in control at 0.62, 0.3% of
 * the replicates alarmed within 20,000 updates; for a shift 0.62 -&gt; 0.52 after 1000 in-control
 * updates the median detection delay is 1112 updates, the mean 2563 (censored at 20,000), and 94.5% of
 * the replicates detected the shift within 20,000 updates: once the old data sit in large buckets
 * together with new data, the cut points no longer separate them cleanly.
 *
 * <p><b>Cost and safety.</b> {@link #update(double)} is O(1) amortised for the insertion plus O(log n)
 * for a cut test every {@value #CLOCK} updates, and allocates nothing (the bucket rows are preallocated
 * for up to 2^62 values). Not thread-safe: one instance per stream.
 */
public final class Adwin {

    /** The default confidence parameter delta. */
    public static final double DEFAULT_DELTA = 0.002;
    /** Buckets per row before two merge (M). */
    public static final int MAX_BUCKETS_PER_ROW = 5;
    /** Updates between two cut tests (River's clock). */
    public static final int CLOCK = 32;
    /** No cut test while the window holds this many values or fewer. */
    public static final int GRACE_PERIOD = 10;
    /** The minimum number of values on each side of a cut. */
    public static final int MIN_SUBWINDOW = 5;

    private static final int ROWS = 63;
    private static final int SLOTS = MAX_BUCKETS_PER_ROW + 1;

    private final double delta;
    private final int[] rowSize = new int[ROWS];
    private final double[] totals = new double[ROWS * SLOTS];
    private final double[] variances = new double[ROWS * SLOTS];
    private int rows;
    private long width;
    private double total;
    private double varianceSum;
    private long tick;
    private long detections;

    /** An empty detector with delta = {@value #DEFAULT_DELTA}. */
    public Adwin() {
        this(DEFAULT_DELTA);
    }

    /**
     * An empty detector.
     *
     * @param delta the confidence parameter, in (0, 1)
     * @throws IllegalArgumentException if delta is outside (0, 1)
     */
    public Adwin(double delta) {
        if (!(delta > 0.0 && delta < 1.0)) {
            throw new IllegalArgumentException("delta must be in (0, 1), was " + delta);
        }
        this.delta = delta;
    }

    /**
     * Rebuilds a detector in the exact state of a snapshot.
     *
     * @param snapshot a snapshot from {@link #snapshot()}
     * @return a new detector
     */
    public static Adwin fromSnapshot(Snapshot snapshot) {
        if (snapshot == null) {
            throw new IllegalArgumentException("snapshot must not be null");
        }
        Adwin a = new Adwin(snapshot.delta());
        a.restore(snapshot);
        return a;
    }

    /**
     * Adds one value and, every {@value #CLOCK} updates, tests for a change.
     *
     * @param x a finite value, in [0, 1] for the stated guarantee
     * @return true when the window was cut (a change in the mean was detected) on this update
     * @throws IllegalArgumentException if x is NaN or infinite
     */
    public boolean update(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be finite, was " + x);
        }
        insert(x);
        tick++;
        if (tick % CLOCK == 0 && width > GRACE_PERIOD) {
            if (cut()) {
                detections++;
                return true;
            }
        }
        return false;
    }

    /**
     * Adds one 0/1 outcome, as {@code update(success ? 1 : 0)}.
     *
     * @param success the outcome
     * @return true when a change was detected on this update
     */
    public boolean update(boolean success) {
        return update(success ? 1.0 : 0.0);
    }

    private void insert(double x) {
        if (rows == 0) {
            rows = 1;
        }
        totals[rowSize[0]] = x;
        variances[rowSize[0]] = 0.0;
        rowSize[0]++;
        width++;
        if (width > 1) {
            double prevMean = total / (width - 1);
            double d = x - prevMean;
            varianceSum += (width - 1) * d * d / width;
        }
        total += x;
        compress();
    }

    private void compress() {
        for (int r = 0; r < ROWS - 1 && rowSize[r] == SLOTS; r++) {
            int base = r * SLOTS;
            double n = (double) (1L << r);
            double t0 = totals[base];
            double t1 = totals[base + 1];
            double d = t0 / n - t1 / n;
            double v = variances[base] + variances[base + 1] + n * n * d * d / (2 * n);
            int next = (r + 1) * SLOTS + rowSize[r + 1];
            totals[next] = t0 + t1;
            variances[next] = v;
            rowSize[r + 1]++;
            if (r + 2 > rows) {
                rows = r + 2;
            }
            System.arraycopy(totals, base + 2, totals, base, SLOTS - 2);
            System.arraycopy(variances, base + 2, variances, base, SLOTS - 2);
            rowSize[r] -= 2;
        }
    }

    private void deleteOldest() {
        int r = rows - 1;
        int base = r * SLOTS;
        double n = (double) (1L << r);
        double u = totals[base];
        double v = variances[base];
        width -= 1L << r;
        total -= u;
        double d = u / n - total / width;
        varianceSum -= v + n * width * d * d / (n + width);
        if (varianceSum < 0.0) {
            varianceSum = 0.0;
        }
        System.arraycopy(totals, base + 1, totals, base, SLOTS - 1);
        System.arraycopy(variances, base + 1, variances, base, SLOTS - 1);
        rowSize[r]--;
        if (rowSize[r] == 0) {
            rows--;
        }
    }

    private boolean cut() {
        boolean changed = false;
        boolean again = true;
        while (again) {
            again = false;
            long n0 = 0;
            long n1 = width;
            double u0 = 0.0;
            double u1 = total;
            outer:
            for (int r = rows - 1; r >= 0; r--) {
                long size = 1L << r;
                int base = r * SLOTS;
                for (int k = 0; k < rowSize[r]; k++) {
                    if (r == 0 && k == rowSize[0] - 1) {
                        break outer; // W1 must keep the newest bucket
                    }
                    double t = totals[base + k];
                    n0 += size;
                    n1 -= size;
                    u0 += t;
                    u1 -= t;
                    if (n0 >= MIN_SUBWINDOW && n1 >= MIN_SUBWINDOW && cuts(n0, n1, u0 / n0 - u1 / n1)) {
                        deleteOldest();
                        changed = true;
                        again = width > GRACE_PERIOD;
                        break outer;
                    }
                }
            }
        }
        return changed;
    }

    private boolean cuts(long n0, long n1, double meanDiff) {
        double m = 1.0 / (1.0 / n0 + 1.0 / n1);
        double l = Math.log(2.0 * Math.log(width) / delta);
        double var = varianceSum / width;
        double eps = Math.sqrt(2.0 / m * var * l) + 2.0 / (3.0 * m) * l;
        return Math.abs(meanDiff) > eps;
    }

    /** Empties the window and clears the counters. */
    public void reset() {
        Arrays.fill(rowSize, 0);
        Arrays.fill(totals, 0.0);
        Arrays.fill(variances, 0.0);
        rows = 0;
        width = 0;
        total = 0.0;
        varianceSum = 0.0;
        tick = 0;
        detections = 0;
    }

    /** @return the number of values in the current window */
    public long width() {
        return width;
    }

    /** @return the sum of the values in the current window */
    public double total() {
        return total;
    }

    /** @return the mean of the current window; NaN when empty */
    public double mean() {
        return width == 0 ? Double.NaN : total / width;
    }

    /** @return the population variance of the current window; NaN when empty */
    public double variance() {
        return width == 0 ? Double.NaN : Math.max(0.0, varianceSum / width);
    }

    /** @return the number of changes detected since creation or the last {@link #reset()} */
    public long detections() {
        return detections;
    }

    /** @return the number of buckets in the exponential histogram */
    public int bucketCount() {
        int c = 0;
        for (int r = 0; r < rows; r++) {
            c += rowSize[r];
        }
        return c;
    }

    /** @return the confidence parameter */
    public double delta() {
        return delta;
    }

    /** @return an immutable copy of the full state, O(number of buckets) */
    public Snapshot snapshot() {
        int[] sizes = Arrays.copyOf(rowSize, rows);
        int c = bucketCount();
        double[] t = new double[c];
        double[] v = new double[c];
        int i = 0;
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < rowSize[r]; k++) {
                t[i] = totals[r * SLOTS + k];
                v[i] = variances[r * SLOTS + k];
                i++;
            }
        }
        return new Snapshot(delta, width, total, varianceSum, tick, detections, sizes, t, v);
    }

    /**
     * Puts this detector into the state of a snapshot taken with the same delta.
     *
     * @param snapshot the state to restore
     * @throws IllegalArgumentException if the snapshot's delta differs from this detector's
     */
    public void restore(Snapshot snapshot) {
        if (snapshot == null) {
            throw new IllegalArgumentException("snapshot must not be null");
        }
        if (snapshot.delta() != delta) {
            throw new IllegalArgumentException("snapshot delta must be " + delta + ", was " + snapshot.delta());
        }
        reset();
        int[] sizes = snapshot.rowSizes();
        double[] t = snapshot.totals();
        double[] v = snapshot.variances();
        int i = 0;
        for (int r = 0; r < sizes.length; r++) {
            rowSize[r] = sizes[r];
            for (int k = 0; k < sizes[r]; k++) {
                totals[r * SLOTS + k] = t[i];
                variances[r * SLOTS + k] = v[i];
                i++;
            }
        }
        rows = sizes.length;
        width = snapshot.width();
        total = snapshot.total();
        varianceSum = snapshot.varianceSum();
        tick = snapshot.tick();
        detections = snapshot.detections();
    }

    @Override
    public String toString() {
        return "Adwin[delta=" + delta + ", width=" + width + ", mean=" + mean() + ", buckets=" + bucketCount() + "]";
    }

    /**
     * The complete state of an {@link Adwin} detector. Arrays are copied in and out, so the record is
     * immutable; equality compares array contents.
     *
     * @param delta       the confidence parameter, in (0, 1)
     * @param width       values in the window, &gt;= 0, equal to the sum of the bucket sizes
     * @param total       their sum
     * @param varianceSum their sum of squared deviations from the window mean, &gt;= 0
     * @param tick        updates seen (drives the {@value Adwin#CLOCK}-update check cycle), &gt;= 0
     * @param detections  changes detected, &gt;= 0
     * @param rowSizes    buckets per row, row 0 (buckets of one value) first, each in [0, M]; the last
     *                    row non-empty
     * @param totals      bucket totals, row by row from row 0, oldest bucket of a row first
     * @param variances   bucket variances (sums of squared deviations), same order, each &gt;= 0
     */
    public record Snapshot(double delta, long width, double total, double varianceSum, long tick, long detections,
                           int[] rowSizes, double[] totals, double[] variances) {

        /**
         * Validates every field and copies the arrays.
         *
         * @param delta       the confidence parameter, in (0, 1)
         * @param width       values in the window, &gt;= 0, equal to the sum of the bucket sizes
         * @param total       their sum
         * @param varianceSum their sum of squared deviations from the window mean, &gt;= 0
         * @param tick        updates seen (drives the {@value Adwin#CLOCK}-update check cycle), &gt;= 0
         * @param detections  changes detected, &gt;= 0
         * @param rowSizes    buckets per row, row 0 (buckets of one value) first, each in [0, M]; the last
         *                    row non-empty
         * @param totals      bucket totals, row by row from row 0, oldest bucket of a row first
         * @param variances   bucket variances (sums of squared deviations), same order, each &gt;= 0
         */
        public Snapshot {
            if (!(delta > 0.0 && delta < 1.0)) {
                throw new IllegalArgumentException("delta must be in (0, 1), was " + delta);
            }
            if (rowSizes == null || totals == null || variances == null) {
                throw new IllegalArgumentException("rowSizes, totals and variances must not be null");
            }
            if (rowSizes.length > ROWS) {
                throw new IllegalArgumentException("rowSizes must have at most " + ROWS + " rows, was "
                        + rowSizes.length);
            }
            long w = 0;
            int buckets = 0;
            for (int r = 0; r < rowSizes.length; r++) {
                if (rowSizes[r] < 0 || rowSizes[r] > MAX_BUCKETS_PER_ROW) {
                    throw new IllegalArgumentException("rowSizes[" + r + "] must be in [0, "
                            + MAX_BUCKETS_PER_ROW + "], was " + rowSizes[r]);
                }
                buckets += rowSizes[r];
                w += (long) rowSizes[r] << r;
            }
            if (rowSizes.length > 0 && rowSizes[rowSizes.length - 1] == 0) {
                throw new IllegalArgumentException("rowSizes must not end with an empty row, was "
                        + Arrays.toString(rowSizes));
            }
            if (totals.length != buckets || variances.length != buckets) {
                throw new IllegalArgumentException("totals and variances must have " + buckets
                        + " entries, were " + totals.length + " and " + variances.length);
            }
            if (width != w) {
                throw new IllegalArgumentException("width must equal the bucket sizes' sum " + w + ", was " + width);
            }
            for (int i = 0; i < buckets; i++) {
                if (!Double.isFinite(totals[i])) {
                    throw new IllegalArgumentException("totals must be finite, was " + totals[i] + " at index " + i);
                }
                if (!(variances[i] >= 0.0) || Double.isInfinite(variances[i])) {
                    throw new IllegalArgumentException("variances must be >= 0 and finite, was " + variances[i]
                            + " at index " + i);
                }
            }
            if (!Double.isFinite(total)) {
                throw new IllegalArgumentException("total must be finite, was " + total);
            }
            if (!(varianceSum >= 0.0) || Double.isInfinite(varianceSum)) {
                throw new IllegalArgumentException("varianceSum must be >= 0 and finite, was " + varianceSum);
            }
            if (tick < 0 || detections < 0) {
                throw new IllegalArgumentException("tick and detections must be >= 0, were " + tick + " and "
                        + detections);
            }
            rowSizes = rowSizes.clone();
            totals = totals.clone();
            variances = variances.clone();
        }

        /** @return a copy of the buckets per row */
        @Override
        public int[] rowSizes() {
            return rowSizes.clone();
        }

        /** @return a copy of the bucket totals */
        @Override
        public double[] totals() {
            return totals.clone();
        }

        /** @return a copy of the bucket variances */
        @Override
        public double[] variances() {
            return variances.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot s && Double.compare(delta, s.delta) == 0 && width == s.width
                    && Double.compare(total, s.total) == 0 && Double.compare(varianceSum, s.varianceSum) == 0
                    && tick == s.tick && detections == s.detections && Arrays.equals(rowSizes, s.rowSizes)
                    && Arrays.equals(totals, s.totals) && Arrays.equals(variances, s.variances);
        }

        @Override
        public int hashCode() {
            int h = Double.hashCode(delta);
            h = 31 * h + Long.hashCode(width);
            h = 31 * h + Double.hashCode(total);
            h = 31 * h + Long.hashCode(tick);
            h = 31 * h + Arrays.hashCode(rowSizes);
            return 31 * h + Arrays.hashCode(totals);
        }

        @Override
        public String toString() {
            return "Adwin.Snapshot[delta=" + delta + ", width=" + width + ", total=" + total + ", varianceSum="
                    + varianceSum + ", tick=" + tick + ", detections=" + detections + ", rowSizes="
                    + Arrays.toString(rowSizes) + "]";
        }
    }
}

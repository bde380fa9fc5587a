package dev.modelmonitor.stats;

/**
 * Increasing isotonic regression by pool-adjacent-violators, fitted the way scikit-learn 1.2
 * {@code IsotonicRegression(increasing=True, out_of_bounds='clip', y_min=0, y_max=1)} fits, returning an
 * {@link IsotonicMap}.
 *
 * <p><b>What it computes.</b> Given points (x_i, y_i) with weights w_i &gt; 0, the non-decreasing step
 * function g minimising {@code sum w_i (y_i - g(x_i))^2}, then clipped to [yMin, yMax]. The steps, in
 * scikit-learn's order:
 * <ol>
 *   <li>points with weight 0 are dropped;</li>
 *   <li>points are sorted by x, then y ({@code numpy.lexsort((y, x))}, stable);</li>
 *   <li>runs of equal x (x within 1e-15 of the run's first x, {@code np.finfo(float64).resolution}, as in
 *       {@code _make_unique}) become one point whose y is the weighted mean and whose weight is the sum;</li>
 *   <li>pool-adjacent-violators on those points: adjacent blocks are merged while a block's mean is not
 *       strictly below the next one's (scikit-learn's single-pass, backtracking variant), a merged block
 *       taking the weighted mean;</li>
 *   <li>the fitted values are clipped to [yMin, yMax];</li>
 *   <li>interior points whose y equals both neighbours' are dropped ({@code trim_duplicates}).</li>
 * </ol>
 * The remaining points are the map's thresholds ({@code X_thresholds_}, {@code y_thresholds_}); the map
 * interpolates linearly between them and clips outside. Agreement with scikit-learn 1.2 is 1e-12 relative on
 * thresholds and predictions on the committed reference vectors; the arithmetic follows scikit-learn's
 * order so that agreement is usually exact.
 *
 * <p><b>Input policy.</b> x, y and weights must have equal lengths and contain no NaN or infinity; weights
 * must be &gt;= 0 with at least one positive. Empty input is rejected (there is no map to return). A single
 * point, or all x equal, gives a constant map.
 *
 * <p><b>Cost.</b> O(n) time for the sort (a counting pass into n equal-width buckets finished by insertion
 * sort, with an LSD radix sort on the IEEE-754 bit patterns for crowded buckets) and O(n) for the pooling;
 * O(n) temporary space. 10,000 points fit in well under half a millisecond on a 2.1 GHz core. Pure and
 * thread-safe.
 */
public final class IsotonicRegression {

    /** scikit-learn's tolerance for equal x, {@code np.finfo(np.float64).resolution}. */
    static final double X_RESOLUTION = 1e-15;
    private static final int INSERTION_SORT_BELOW = 64;
    private static final int BUCKET_INSERTION_MAX = 48;
    private static final int DIGIT_BITS = 11;
    private static final int RADIX = 1 << DIGIT_BITS;
    private static final int PASSES = (64 + DIGIT_BITS - 1) / DIGIT_BITS;

    private IsotonicRegression() {
    }

    /**
     * Fits with unit weights, clipping the fitted values to [0, 1] (the probability recalibration setting).
     *
     * @param x the inputs (for example model confidences)
     * @param y the targets (for example 0/1 outcomes), same length
     * @return the fitted map
     */
    public static IsotonicMap fit(double[] x, double[] y) {
        return fit(x, y, null, 0.0, 1.0);
    }

    /**
     * Fits with sample weights, clipping the fitted values to [0, 1].
     *
     * @param x       the inputs
     * @param y       the targets, same length
     * @param weights the sample weights, same length, each &gt;= 0 (zero-weight points are ignored)
     * @return the fitted map
     */
    public static IsotonicMap fit(double[] x, double[] y, double[] weights) {
        if (weights == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
        return fit(x, y, weights, 0.0, 1.0);
    }

    /**
     * Fits with optional sample weights and explicit clipping bounds ({@code y_min}, {@code y_max}).
     *
     * @param x       the inputs
     * @param y       the targets, same length
     * @param weights the sample weights, same length, each &gt;= 0; null for unit weights
     * @param yMin    the lower clip bound; {@code Double.NEGATIVE_INFINITY} for none
     * @param yMax    the upper clip bound, &gt;= yMin; {@code Double.POSITIVE_INFINITY} for none
     * @return the fitted map
     */
    public static IsotonicMap fit(double[] x, double[] y, double[] weights, double yMin, double yMax) {
        Classification.checkLengths("x", x == null ? -1 : x.length, "y", y == null ? -1 : y.length);
        if (weights != null) {
            Classification.checkLengths("x", x.length, "weights", weights.length);
        }
        if (Double.isNaN(yMin) || Double.isNaN(yMax) || yMax < yMin) {
            throw new IllegalArgumentException("yMin must be <= yMax and neither NaN, was [" + yMin + ", " + yMax + "]");
        }
        int n0 = x.length;
        if (n0 == 0) {
            throw new IllegalArgumentException("x must not be empty, was length 0");
        }
        checkFinite("x", x);
        checkFinite("y", y);
        int n = n0;
        double[] xs = x;
        double[] ys = y;
        double[] ws = null;
        if (weights != null) {
            checkFinite("weights", weights);
            int positive = 0;
            for (int i = 0; i < n0; i++) {
                if (weights[i] < 0) {
                    throw new IllegalArgumentException(
                            "weights must be >= 0, was " + weights[i] + " at index " + i);
                }
                if (weights[i] > 0) {
                    positive++;
                }
            }
            if (positive == 0) {
                throw new IllegalArgumentException("weights must contain a positive value, were all 0");
            }
            if (positive < n0) {
                xs = new double[positive];
                ys = new double[positive];
                ws = new double[positive];
                int k = 0;
                for (int i = 0; i < n0; i++) {
                    if (weights[i] > 0) {
                        xs[k] = x[i];
                        ys[k] = y[i];
                        ws[k++] = weights[i];
                    }
                }
                n = positive;
            } else {
                ws = weights;
            }
        }

        int[] order = sortIndices(xs, ys, n);

        double[] ux = new double[n];
        double[] uy = new double[n];
        double[] uw = new double[n];
        int m = makeUnique(xs, ys, ws, order, ux, uy, uw);
        poolAdjacentViolators(uy, uw, m);
        int kept = clipAndTrim(ux, uy, m, yMin, yMax);
        return new IsotonicMap(java.util.Arrays.copyOf(ux, kept), java.util.Arrays.copyOf(uy, kept));
    }

    /**
     * scikit-learn's {@code _make_unique}: walks the points in sorted order and replaces each run of x within
     * 1e-15 of the run's first x by one point (that x, the weighted mean of y, the summed weight).
     *
     * @return the number of unique points written to ux, uy, uw
     */
    private static int makeUnique(double[] xs, double[] ys, double[] ws, int[] order, double[] ux, double[] uy,
            double[] uw) {
        int n = order.length;
        int m = 0;
        int first = order[0];
        double currentX = xs[first];
        double w0 = ws == null ? 1.0 : ws[first];
        double currentWeight = w0;
        double currentY = ys[first] * w0;
        for (int j = 1; j < n; j++) {
            int i = order[j];
            double xi = xs[i];
            double wi = ws == null ? 1.0 : ws[i];
            if (xi - currentX >= X_RESOLUTION) {
                ux[m] = currentX;
                uw[m] = currentWeight;
                uy[m] = currentY / currentWeight;
                m++;
                currentX = xi;
                currentWeight = wi;
                currentY = ys[i] * wi;
            } else {
                currentWeight += wi;
                currentY += ys[i] * wi;
            }
        }
        ux[m] = currentX;
        uw[m] = currentWeight;
        uy[m] = currentY / currentWeight;
        return m + 1;
    }

    /**
     * Clips the fitted values to [yMin, yMax], then drops interior points equal to both neighbours
     * ({@code trim_duplicates}), compacting in place: kept &lt;= i, and the previous original value is carried in
     * a local because its slot may already hold a compacted point.
     *
     * @return the number of thresholds left at the front of ux, uy
     */
    private static int clipAndTrim(double[] ux, double[] uy, int m, double yMin, double yMax) {
        for (int i = 0; i < m; i++) {
            uy[i] = Math.min(Math.max(uy[i], yMin), yMax);
        }
        int kept = 0;
        double previous = Double.NaN;
        for (int i = 0; i < m; i++) {
            double current = uy[i];
            if (i == 0 || i == m - 1 || current != previous || current != uy[i + 1]) {
                ux[kept] = ux[i];
                uy[kept++] = current;
            }
            previous = current;
        }
        return kept;
    }

    /**
     * scikit-learn's {@code _inplace_contiguous_isotonic_regression}: in place on y[0..n) with weights w, which
     * it overwrites. Blocks are kept as target[start] = end and target[end] = start.
     */
    static void poolAdjacentViolators(double[] y, double[] w, int n) {
        int[] target = new int[n];
        for (int i = 0; i < n; i++) {
            target[i] = i;
        }
        int i = 0;
        while (i < n) {
            int k = target[i] + 1;
            if (k == n) {
                break;
            }
            if (y[i] < y[k]) {
                i = k;
                continue;
            }
            double sumWy = w[i] * y[i];
            double sumW = w[i];
            while (true) {
                double prevY = y[k];
                sumWy += w[k] * y[k];
                sumW += w[k];
                k = target[k] + 1;
                if (k == n || prevY < y[k]) {
                    y[i] = sumWy / sumW;
                    w[i] = sumW;
                    target[i] = k - 1;
                    target[k - 1] = i;
                    if (i > 0) {
                        i = target[i - 1];
                    }
                    break;
                }
            }
        }
        i = 0;
        while (i < n) {
            int k = target[i] + 1;
            for (int j = i + 1; j < k; j++) {
                y[j] = y[i];
            }
            i = k;
        }
    }

    /**
     * The stable order of indices 0..n-1 by {@code primary}, ties broken by {@code secondary} (when not
     * null), remaining ties by index: {@code numpy.lexsort((secondary, primary))}, or
     * {@code argsort(primary, kind='stable')} without a secondary key. -0.0 sorts equal to 0.0. NaN and
     * infinities must have been rejected by the caller.
     *
     * <p>Below 64 points an insertion sort. Otherwise one counting pass distributes the indices, in index
     * order, into n buckets of equal width between the smallest and largest primary value (the bucket of x is
     * {@code floor((x - min) n / (max - min))}, monotone in x even under rounding, so buckets are ordered);
     * buckets of up to 48 points are finished by insertion sort, larger ones (clustered data) by a stable LSD
     * radix sort on the IEEE-754 bit patterns of secondary then primary key.
     */
    static int[] sortIndices(double[] primary, double[] secondary, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (n < INSERTION_SORT_BELOW) {
            insertionSort(primary, secondary, idx, 0, n);
            return idx;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = primary[i];
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double scale = n / (max - min);
        if (!(max > min) || Double.isInfinite(scale)) {
            return radixSort(primary, secondary, idx, new long[n]);
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[bucket(primary[i], min, scale, n) + 1]++;
        }
        for (int b = 0; b < n; b++) {
            start[b + 1] += start[b];
        }
        int[] next = start.clone();
        for (int i = 0; i < n; i++) {
            idx[next[bucket(primary[i], min, scale, n)]++] = i;
        }
        long[] keys = null;
        for (int b = 0; b < n; b++) {
            int from = start[b];
            int to = start[b + 1];
            int size = to - from;
            if (size <= 1) {
                continue;
            }
            if (size <= BUCKET_INSERTION_MAX) {
                insertionSort(primary, secondary, idx, from, to);
            } else {
                if (keys == null) {
                    keys = new long[n];
                }
                int[] part = java.util.Arrays.copyOfRange(idx, from, to);
                System.arraycopy(radixSort(primary, secondary, part, keys), 0, idx, from, size);
            }
        }
        return idx;
    }

    private static int bucket(double x, double min, double scale, int n) {
        return Math.min((int) ((x - min) * scale), n - 1);
    }

    /** Stable insertion sort of idx[from..to) by (primary, secondary). */
    private static void insertionSort(double[] primary, double[] secondary, int[] idx, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int v = idx[i];
            int j = i - 1;
            while (j >= from && compare(primary, secondary, idx[j], v) > 0) {
                idx[j + 1] = idx[j];
                j--;
            }
            idx[j + 1] = v;
        }
    }

    /**
     * Stable LSD radix sort of the indices in {@code part} (in ascending index order on entry) by secondary
     * then primary key; {@code keys} is scratch space indexed by original index.
     */
    private static int[] radixSort(double[] primary, double[] secondary, int[] part, long[] keys) {
        int m = part.length;
        int[] tmp = new int[m];
        int[] count = new int[PASSES * RADIX];
        int[] idx = part;
        if (secondary != null) {
            sortableKeys(secondary, part, keys);
            int[] sorted = radixPasses(keys, idx, tmp, count, m);
            if (sorted != idx) {
                tmp = idx;
                idx = sorted;
            }
        }
        sortableKeys(primary, part, keys);
        return radixPasses(keys, idx, tmp, count, m);
    }

    private static int compare(double[] primary, double[] secondary, int a, int b) {
        int c = Double.compare(primary[a] + 0.0, primary[b] + 0.0);
        if (c != 0 || secondary == null) {
            return c;
        }
        return Double.compare(secondary[a] + 0.0, secondary[b] + 0.0);
    }

    /** IEEE-754 bits of v[i] for i in part, mapped so that unsigned order is numeric order (-0.0 as 0.0). */
    private static void sortableKeys(double[] v, int[] part, long[] keys) {
        for (int i : part) {
            long bits = Double.doubleToRawLongBits(v[i] + 0.0);
            keys[i] = bits ^ ((bits >> 63) | Long.MIN_VALUE);
        }
    }

    /**
     * Stable LSD passes over the unsigned 64-bit keys; returns the array (idx or tmp) holding the result. All
     * digit histograms are counted in one read of the keys; a pass whose digit is the same for every key is
     * skipped.
     */
    private static int[] radixPasses(long[] keys, int[] idx, int[] tmp, int[] count, int n) {
        final int mask = RADIX - 1;
        java.util.Arrays.fill(count, 0);
        for (int i = 0; i < n; i++) {
            long k = keys[idx[i]];
            count[(int) k & mask]++;
            count[RADIX + ((int) (k >>> 11) & mask)]++;
            count[2 * RADIX + ((int) (k >>> 22) & mask)]++;
            count[3 * RADIX + ((int) (k >>> 33) & mask)]++;
            count[4 * RADIX + ((int) (k >>> 44) & mask)]++;
            count[5 * RADIX + ((int) (k >>> 55) & mask)]++;
        }
        int[] src = idx;
        int[] dst = tmp;
        for (int pass = 0; pass < PASSES; pass++) {
            int shift = pass * DIGIT_BITS;
            int offset = pass * RADIX;
            if (count[offset + ((int) (keys[idx[0]] >>> shift) & mask)] == n) {
                continue; // every key has the same digit here
            }
            int sum = 0;
            for (int d = offset; d < offset + RADIX; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int v = src[i];
                dst[count[offset + ((int) (keys[v] >>> shift) & mask)]++] = v;
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        return src;
    }

    private static void checkFinite(String name, double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                String what = Double.isNaN(a[i]) ? " must not contain NaN, was NaN" : " must be finite, was " + a[i];
                throw new IllegalArgumentException(name + what + " at index " + i);
            }
        }
    }
}

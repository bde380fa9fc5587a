package dev.modelmonitor.stats;

import java.util.Arrays;

/**
 * An immutable, non-decreasing, piecewise-linear map fitted by {@link IsotonicRegression}: linear
 * interpolation between threshold points, constant (clipped) outside them, exactly as scikit-learn 1.2
 * {@code IsotonicRegression(out_of_bounds='clip').predict} (which interpolates with {@code numpy.interp}).
 *
 * <p>For x below the first threshold it returns the first threshold's y, above the last the last y; at a
 * threshold it returns that threshold's y; between thresholds j and j + 1 it returns
 * {@code slope_j (x - x_j) + y_j} with {@code slope_j = (y_{j+1} - y_j) / (x_{j+1} - x_j)}, the same
 * arithmetic as {@code numpy.interp}, so values agree with scikit-learn to the last bit when the thresholds do.
 *
 * <p><b>Cost.</b> {@link #apply(double)} finds its interval through a bucket index: the range of the
 * thresholds is cut into {@code 2 * nextPowerOfTwo(size)} equal buckets, each remembering the last threshold
 * at or below its lower edge, so a lookup is one multiply, two loads and a search over the few thresholds
 * inside one bucket (O(1) for thresholds spread over their range, O(log size) at worst), with no allocation;
 * the slopes are precomputed. Memory is three double arrays of length size and an int array of about four
 * times size. Instances are
 * immutable and thread-safe; the array accessors return copies.
 *
 * <p><b>NaN policy.</b> {@code apply(NaN)} returns NaN (as numpy does); the map itself never holds NaN.
 */
public final class IsotonicMap {

    private final double[] xs;
    private final double[] ys;
    private final double[] slopes;
    // bucket b covers [xs[0] + b / scale, xs[0] + (b + 1) / scale); starts[b] = largest j with xs[j] <= its
    // lower edge (one extra entry closes the last bucket)
    private final int[] starts;
    private final double scale;

    /**
     * Creates a map from threshold points.
     *
     * @param thresholdsX strictly increasing, finite, at least one point
     * @param thresholdsY non-decreasing, finite, same length
     * @throws IllegalArgumentException if the arrays are empty, of different lengths, not finite, x not
     *                                  strictly increasing or y decreasing somewhere
     */
    public IsotonicMap(double[] thresholdsX, double[] thresholdsY) {
        Classification.checkLengths("thresholdsX", thresholdsX == null ? -1 : thresholdsX.length,
                "thresholdsY", thresholdsY == null ? -1 : thresholdsY.length);
        int n = thresholdsX.length;
        if (n == 0) {
            throw new IllegalArgumentException("thresholdsX must not be empty, was length 0");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(thresholdsX[i])) {
                throw new IllegalArgumentException(
                        "thresholdsX must be finite, was " + thresholdsX[i] + " at index " + i);
            }
            if (!Double.isFinite(thresholdsY[i])) {
                throw new IllegalArgumentException(
                        "thresholdsY must be finite, was " + thresholdsY[i] + " at index " + i);
            }
            if (i > 0 && !(thresholdsX[i] > thresholdsX[i - 1])) {
                throw new IllegalArgumentException("thresholdsX must be strictly increasing, was "
                        + thresholdsX[i] + " after " + thresholdsX[i - 1] + " at index " + i);
            }
            if (i > 0 && thresholdsY[i] < thresholdsY[i - 1]) {
                throw new IllegalArgumentException("thresholdsY must be non-decreasing, was "
                        + thresholdsY[i] + " after " + thresholdsY[i - 1] + " at index " + i);
            }
        }
        this.xs = thresholdsX.clone();
        this.ys = thresholdsY.clone();
        this.slopes = new double[Math.max(0, n - 1)];
        for (int j = 0; j + 1 < n; j++) {
            slopes[j] = (ys[j + 1] - ys[j]) / (xs[j + 1] - xs[j]);
        }
        int buckets = n < 2 ? 1 : Integer.highestOneBit(n - 1) << 2;
        double range = xs[n - 1] - xs[0];
        double sc = range > 0 ? buckets / range : 0.0;
        this.scale = Double.isFinite(sc) ? sc : 0.0;
        this.starts = new int[buckets + 1];
        int j = 0;
        for (int b = 0; b <= buckets; b++) {
            double edge = xs[0] + b / (scale == 0.0 ? 1.0 : scale);
            while (j + 1 < n - 1 && xs[j + 1] <= edge) {
                j++;
            }
            starts[b] = j;
        }
    }

    /**
     * Evaluates the map: clipped outside the thresholds, linear between them. Allocation-free.
     *
     * @param x any double
     * @return the fitted value, inside [thresholdsY[0], thresholdsY[size-1]]; NaN for NaN
     */
    public double apply(double x) {
        double[] a = xs;
        int last = a.length - 1;
        if (x != x) {
            return Double.NaN;
        }
        if (x <= a[0]) {
            return ys[0];
        }
        if (x >= a[last]) {
            return ys[last];
        }
        // largest j in [0, last) with a[j] <= x (a[0] < x < a[last] here): the bucket bounds it to
        // [starts[b], starts[b + 1]]; floating rounding of b can be off by one bucket, which the two loops
        // repair (they almost never run)
        int[] st = starts;
        int b = (int) ((x - a[0]) * scale);
        if (b >= st.length - 1) {
            b = st.length - 2;
        }
        int lo = st[b];
        int hi = st[b + 1];
        while (lo > 0 && a[lo] > x) {
            lo--;
        }
        while (hi + 1 < last && a[hi + 1] <= x) {
            hi++;
        }
        return interpolate(a, x, lo, hi - lo + 1);
    }

    /** The same as {@link #apply(double)} by a binary search over every threshold (for tests). */
    double applyBySearch(double x) {
        double[] a = xs;
        int last = a.length - 1;
        if (x != x) {
            return Double.NaN;
        }
        if (x <= a[0]) {
            return ys[0];
        }
        if (x >= a[last]) {
            return ys[last];
        }
        return interpolate(a, x, 0, last);
    }

    /**
     * Interpolates inside the interval of the largest j in [lo, lo + len) with a[j] <= x, found by a
     * branch-free binary search (the comparison selects the next base instead of jumping, so random inputs
     * cost no mispredictions).
     */
    private double interpolate(double[] a, double x, int lo, int len) {
        while (len > 1) {
            int half = len >>> 1;
            lo = a[lo + half] <= x ? lo + half : lo;
            len -= half;
        }
        if (x == a[lo]) {
            return ys[lo];
        }
        return slopes[lo] * (x - a[lo]) + ys[lo];
    }

    /**
     * Evaluates the map on every element of {@code x} into {@code out} (which may be {@code x} itself).
     *
     * @param x   the inputs
     * @param out the outputs, at least as long as x
     */
    public void applyAll(double[] x, double[] out) {
        if (out.length < x.length) {
            throw new IllegalArgumentException(
                    "out must be at least as long as x (" + x.length + "), was " + out.length);
        }
        for (int i = 0; i < x.length; i++) {
            out[i] = apply(x[i]);
        }
    }

    /**
     * The number of threshold points.
     *
     * @return size, &gt;= 1
     */
    public int size() {
        return xs.length;
    }

    /**
     * A copy of the threshold x values (scikit-learn's {@code X_thresholds_}).
     *
     * @return strictly increasing x values
     */
    public double[] thresholdsX() {
        return xs.clone();
    }

    /**
     * A copy of the threshold y values (scikit-learn's {@code y_thresholds_}).
     *
     * @return non-decreasing fitted values
     */
    public double[] thresholdsY() {
        return ys.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsotonicMap m && Arrays.equals(xs, m.xs) && Arrays.equals(ys, m.ys);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(xs) + Arrays.hashCode(ys);
    }

    @Override
    public String toString() {
        return "IsotonicMap[size=" + xs.length + ", x=[" + xs[0] + ".." + xs[xs.length - 1] + "], y=["
                + ys[0] + ".." + ys[ys.length - 1] + "]]";
    }
}

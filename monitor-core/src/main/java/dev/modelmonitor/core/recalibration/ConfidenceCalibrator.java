package dev.modelmonitor.core.recalibration;

import dev.modelmonitor.stats.IsotonicMap;
import dev.modelmonitor.stats.IsotonicRegression;

import java.util.Arrays;
import java.util.List;

/**
 * Fits the isotonic confidence map and measures it out of sample on a time-ordered holdout (see
 * {@link ConfidenceAnalysis}). The fit is scikit-learn's isotonic regression with its two end steps pooled
 * until each holds at least {@link SafetyPolicy#MIN_TRADES_PER_END_STEP} trades (see {@link #fit}). O(n log n)
 * time, O(n) temporary space. Pure and thread-safe.
 */
final class ConfidenceCalibrator {

    private ConfidenceCalibrator() {
    }

    /**
     * @param trades the trades, oldest first
     * @return the analysis; with fewer than 2 trades there is no holdout and calibration is disabled
     */
    static ConfidenceAnalysis analyze(List<Trade> trades) {
        int n = trades.size();
        if (n == 0) {
            return new ConfidenceAnalysis(0, 0, Double.NaN, Double.NaN, 0.0, false, ConfidenceMap.IDENTITY);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            Trade t = trades.get(i);
            x[i] = t.confidence();
            y[i] = t.win() ? 1.0 : 0.0;
        }
        ConfidenceMap all = fit(x, y, n);
        if (n < 2) {
            return new ConfidenceAnalysis(n, 0, Double.NaN, Double.NaN, 0.0, false, all);
        }
        int test = Math.max(1, (int) Math.ceil(n * SafetyPolicy.HOLDOUT_FRACTION));
        int train = n - test;
        ConfidenceMap fitted = fit(x, y, train);
        double raw = 0;
        double calibrated = 0;
        for (int i = train; i < n; i++) {
            double e = x[i] - y[i];
            raw += e * e;
            double f = fitted.apply(x[i]) - y[i];
            calibrated += f * f;
        }
        raw /= test;
        calibrated /= test;
        double improvement = raw == 0.0 ? 0.0 : (raw - calibrated) / raw;
        return new ConfidenceAnalysis(train, test, raw, calibrated, improvement, improves(raw, calibrated), all);
    }

    /**
     * The isotonic fit of the first n points, with its end steps pooled: while the lowest (highest) step
     * holds fewer than {@link SafetyPolicy#MIN_TRADES_PER_END_STEP} trades it is merged with the next one in
     * (their weighted mean, which keeps the map non-decreasing). Without this a handful of trades at the
     * edge of the confidence range pins the map's end at 0 or 1.
     */
    static ConfidenceMap fit(double[] x, double[] y, int n) {
        double[] xs = Arrays.copyOf(x, n);
        double[] ys = Arrays.copyOf(y, n);
        IsotonicMap map = IsotonicRegression.fit(xs, ys);
        // the fitted value of every point, in x order: sklearn's thresholds sit on the training x's, so the
        // steps are the runs of equal fitted values
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(xs[a], xs[b]));
        double[] sx = new double[n];
        double[] fitted = new double[n];
        double[] sy = new double[n];
        for (int i = 0; i < n; i++) {
            sx[i] = xs[order[i]];
            sy[i] = ys[order[i]];
            fitted[i] = map.apply(sx[i]);
        }
        int min = Math.min(SafetyPolicy.MIN_TRADES_PER_END_STEP, n);
        int lo = endOfRun(fitted, 0, n);
        while (lo < min) {
            lo = endOfRun(fitted, lo, n);
            pool(fitted, sy, 0, lo);
        }
        int hi = startOfRun(fitted, n - 1);
        while (n - hi < min) {
            hi = startOfRun(fitted, hi - 1);
            pool(fitted, sy, hi, n);
        }
        // thresholds: one per distinct x, then the interior points of each flat run dropped
        double[] tx = new double[n];
        double[] ty = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m > 0 && sx[i] - tx[m - 1] < 1e-15) {
                continue;
            }
            tx[m] = sx[i];
            ty[m++] = fitted[i];
        }
        int kept = 0;
        for (int i = 0; i < m; i++) {
            if (i == 0 || i == m - 1 || ty[i] != ty[kept - 1] || ty[i] != ty[i + 1]) {
                tx[kept] = tx[i];
                ty[kept++] = ty[i];
            }
        }
        return ConfidenceMap.of(Arrays.copyOf(tx, kept), Arrays.copyOf(ty, kept));
    }

    /** The index after the run of equal values starting at from. */
    private static int endOfRun(double[] v, int from, int n) {
        int i = from + 1;
        while (i < n && v[i] == v[from]) {
            i++;
        }
        return i;
    }

    /** The first index of the run of equal values ending at to. */
    private static int startOfRun(double[] v, int to) {
        int i = to;
        while (i > 0 && v[i - 1] == v[to]) {
            i--;
        }
        return i;
    }

    /** Sets v[from..to) to the mean of the outcomes there. */
    private static void pool(double[] v, double[] outcomes, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += outcomes[i];
        }
        Arrays.fill(v, from, to, sum / (to - from));
    }

    /**
     * Whether the calibrated MSE is at least {@link SafetyPolicy#MIN_CONFIDENCE_IMPROVEMENT} below the raw one
     * (relative; rounding slack 1e-12).
     */
    static boolean improves(double mseRaw, double mseCalibrated) {
        if (!(mseRaw > 0.0) || Double.isNaN(mseCalibrated)) {
            return false;
        }
        return (mseRaw - mseCalibrated) / mseRaw >= SafetyPolicy.MIN_CONFIDENCE_IMPROVEMENT - SafetyPolicy.EPSILON;
    }
}

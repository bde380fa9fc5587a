package dev.modelmonitor.core.recalibration;

import dev.modelmonitor.stats.IsotonicMap;
import dev.modelmonitor.stats.IsotonicRegression;

import java.util.List;

/**
 * Fits the isotonic confidence map and measures it out of sample on a time-ordered holdout (see
 * {@link ConfidenceAnalysis}). O(n) after the trades are sorted (the isotonic fit sorts in O(n)); O(n)
 * temporary space. Pure and thread-safe.
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
        ConfidenceMap all = ConfidenceMap.of(IsotonicRegression.fit(x, y));
        if (n < 2) {
            return new ConfidenceAnalysis(n, 0, Double.NaN, Double.NaN, 0.0, false, all);
        }
        int test = Math.max(1, (int) Math.ceil(n * SafetyPolicy.HOLDOUT_FRACTION));
        int train = n - test;
        IsotonicMap fitted = IsotonicRegression.fit(java.util.Arrays.copyOf(x, train),
                java.util.Arrays.copyOf(y, train));
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

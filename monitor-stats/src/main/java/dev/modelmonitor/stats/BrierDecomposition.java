package dev.modelmonitor.stats;

/**
 * The Brier score of binary forecasts and its Murphy decomposition over equal-width probability bins, with
 * the two within-bin terms that make the identity exact:
 * <pre>
 *   brier = reliability - resolution + uncertainty + withinBinVariance - 2 withinBinCovariance
 * </pre>
 * See {@link Calibration#brierDecomposition} for the definitions and the derivation.
 *
 * @param n                   the number of forecasts; 0 for empty input, in which case every other field is NaN
 * @param bins                the number of equal-width bins B used, &gt;= 1
 * @param brier               the Brier score, mean (p - y)^2, in [0, 1]
 * @param reliability         REL = (1/N) sum_k n_k (pbar_k - obar_k)^2, &gt;= 0 (lower is better)
 * @param resolution          RES = (1/N) sum_k n_k (obar_k - obar)^2, &gt;= 0 (higher is better)
 * @param uncertainty         UNC = obar (1 - obar), in [0, 1/4]
 * @param withinBinVariance   WBV = (1/N) sum_k sum_{i in k} (p_i - pbar_k)^2, &gt;= 0; 0 when every bin holds one
 *                            distinct forecast
 * @param withinBinCovariance WBC = (1/N) sum_k sum_{i in k} (p_i - pbar_k)(y_i - obar_k), any sign
 */
public record BrierDecomposition(long n, int bins, double brier, double reliability, double resolution,
        double uncertainty, double withinBinVariance, double withinBinCovariance) {

    /**
     * Validates ranges: counts non-negative, B &gt;= 1, the squared terms NaN only when n = 0 and otherwise
     * &gt;= 0.
     *
     * @throws IllegalArgumentException if a field is out of range
     */
    public BrierDecomposition {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, was " + bins);
        }
        if (n > 0) {
            requireNonNegative("brier", brier);
            requireNonNegative("reliability", reliability);
            requireNonNegative("resolution", resolution);
            requireNonNegative("uncertainty", uncertainty);
            requireNonNegative("withinBinVariance", withinBinVariance);
            if (Double.isNaN(withinBinCovariance)) {
                throw new IllegalArgumentException("withinBinCovariance must not be NaN when n > 0, was NaN");
            }
        }
    }

    /**
     * The right-hand side of the identity, {@code REL - RES + UNC + WBV - 2 WBC}; equals {@link #brier()} up
     * to rounding (a few ulps).
     *
     * @return the reconstructed Brier score; NaN when n = 0
     */
    public double reconstructedBrier() {
        return reliability - resolution + uncertainty + withinBinVariance - 2.0 * withinBinCovariance;
    }

    private static void requireNonNegative(String name, double v) {
        if (!(v >= 0.0)) {
            throw new IllegalArgumentException(name + " must be >= 0 when n > 0, was " + v);
        }
    }
}

package dev.modelmonitor.api;

import java.time.Instant;
import java.util.List;

/**
 * Every calibration figure of one key over one window, computed from the key's streaming accumulators.
 *
 * <p><b>Definitions</b> (p the stated probability, y the 0/1 outcome, B equal-width bins with index
 * {@code min(floor(p B), B - 1)}, bin k holding n_k forecasts with mean pbar_k and observed rate obar_k):
 * <ul>
 *   <li>Brier score {@code mean (p - y)^2} and its Murphy decomposition
 *   {@code brier = reliability - resolution + uncertainty + withinBinVariance - 2 withinBinCovariance}, exactly
 *   as monitor-stats {@code Calibration.brierDecomposition};</li>
 *   <li>ECE {@code sum_k (n_k / N) |obar_k - pbar_k|} and MCE {@code max_k |obar_k - pbar_k|} over non-empty
 *   bins;</li>
 *   <li>the reliability curve: every bin (empty ones too), with the Wilson score interval of its observed
 *   rate at the monitor's interval level;</li>
 *   <li>Spiegelhalter's z test of H0 "calibrated": {@code z = sum (y - p)(1 - 2p) / sqrt(sum (1 - 2p)^2 p (1 - p))}
 *   with a two-sided normal p-value (NaN when every p is 0, 1/2 or 1).</li>
 * </ul>
 * For {@link CalibrationKind#CONFIDENCE}, p is the confidence of the predicted label and y whether the
 * prediction was correct.
 *
 * <p><b>Empty window:</b> count 0, every figure NaN, the bins all empty.
 *
 * @param key                 the key
 * @param kind                which probability
 * @param window              the span covered
 * @param count               forecasts in the window
 * @param meanConfidence      their mean probability
 * @param observedRate        their rate of positive outcomes (accuracy for CONFIDENCE)
 * @param brier               the Brier score
 * @param reliability         REL (lower is better)
 * @param resolution          RES (higher is better)
 * @param uncertainty         UNC = obar (1 - obar)
 * @param withinBinVariance   WBV
 * @param withinBinCovariance WBC
 * @param ece                 expected calibration error
 * @param mce                 maximum calibration error
 * @param spiegelhalterZ      Spiegelhalter's z (negative when outcomes fall short of the stated probabilities)
 * @param spiegelhalterP      its two-sided p-value
 * @param bins                the reliability curve, B bins, lowest first
 * @param timestampMillis     when the figures were computed, epoch ms
 */
public record CalibrationMetrics(ModelKey key, CalibrationKind kind, CalibrationWindow window, long count,
                                 double meanConfidence, double observedRate, double brier, double reliability,
                                 double resolution, double uncertainty, double withinBinVariance,
                                 double withinBinCovariance, double ece, double mce, double spiegelhalterZ,
                                 double spiegelhalterP, List<CalibrationBin> bins, long timestampMillis) {

    /**
     * Validates the references and copies the bins.
     *
     * @throws IllegalArgumentException if a reference is null or count negative
     */
    public CalibrationMetrics {
        Checks.notNull(key, "key");
        Checks.notNull(kind, "kind");
        Checks.notNull(window, "window");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        bins = List.copyOf(Checks.notNull(bins, "bins"));
    }

    /** @return observedRate - meanConfidence: negative when over-confident, NaN when empty */
    public double gap() {
        return observedRate - meanConfidence;
    }

    /**
     * Whether Spiegelhalter's test rejects calibration at level alpha.
     *
     * @param alpha the level, in (0, 1)
     * @return spiegelhalterP &lt; alpha; false when NaN
     */
    public boolean miscalibratedAt(double alpha) {
        return spiegelhalterP < alpha;
    }

    /** @return when the figures were computed */
    public Instant computedAt() {
        return Instant.ofEpochMilli(timestampMillis);
    }
}

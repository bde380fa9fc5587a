package dev.modelmonitor.api;

import java.util.List;

/**
 * Confidence calibration of one key over its long rolling window: the stated confidence of each scored
 * prediction against whether it was correct.
 *
 * <p>Brier score = mean (confidence - correct)^2. Expected calibration error (ECE) = sum over non-empty
 * bins of (n_k / N) |observed_k - meanConfidence_k|, with 10 equal-width bins on [0, 1] and bin index
 * min(floor(c * 10), 9). Empty window: count 0 and NaN figures, bins all empty.
 *
 * @param key            the key
 * @param count          predictions with a confidence in the window
 * @param meanConfidence their mean confidence, NaN when empty
 * @param accuracy       their fraction correct, NaN when empty
 * @param brierScore     the Brier score, NaN when empty
 * @param ece            the expected calibration error, NaN when empty
 * @param bins           the reliability curve, 10 bins, lowest first
 */
public record CalibrationSummary(ModelKey key, int count, double meanConfidence, double accuracy, double brierScore,
                                 double ece, List<ReliabilityBin> bins) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a reference is null or count negative
     */
    public CalibrationSummary {
        Checks.notNull(key, "key");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        bins = List.copyOf(Checks.notNull(bins, "bins"));
    }
}

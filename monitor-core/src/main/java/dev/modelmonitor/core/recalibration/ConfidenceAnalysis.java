package dev.modelmonitor.core.recalibration;

/**
 * The confidence part of an analysis: the isotonic map from confidence to observed win rate and how much it
 * improves the mean squared error (the Brier score) of confidence out of sample.
 *
 * <p>Out of sample means a time-ordered holdout: the trades are ordered by resolution time, the map is
 * fitted on the oldest {@code trainTrades} and both MSEs are measured on the newest {@code testTrades}
 * ({@link SafetyPolicy#HOLDOUT_FRACTION} of them). An isotonic fit always looks better on its own data, and
 * k-fold would fit on the future to score the past; the holdout scores the map as it will be used. The map
 * that would be deployed is then refitted on every trade.
 *
 * @param trainTrades   trades the holdout map was fitted on
 * @param testTrades    trades the MSEs were measured on
 * @param mseRaw        mean of (confidence - outcome)^2 on the test trades
 * @param mseCalibrated mean of (map(confidence) - outcome)^2 on the test trades
 * @param improvement   (mseRaw - mseCalibrated) / mseRaw; 0 when mseRaw is 0
 * @param enabled       whether the improvement reaches {@link SafetyPolicy#MIN_CONFIDENCE_IMPROVEMENT}
 * @param map           the map fitted on every trade (what deploys when enabled)
 */
public record ConfidenceAnalysis(int trainTrades, int testTrades, double mseRaw, double mseCalibrated,
                                 double improvement, boolean enabled, ConfidenceMap map) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a count is negative or the map is null
     */
    public ConfidenceAnalysis {
        if (trainTrades < 0 || testTrades < 0) {
            throw new IllegalArgumentException("trainTrades and testTrades must be >= 0, was " + trainTrades
                    + " and " + testTrades);
        }
        if (map == null) {
            throw new IllegalArgumentException("map must not be null");
        }
    }

    /** @return the map a deployment applies: the fitted map when enabled, else the identity */
    public ConfidenceMap deployedMap() {
        return enabled ? map : ConfidenceMap.IDENTITY;
    }
}

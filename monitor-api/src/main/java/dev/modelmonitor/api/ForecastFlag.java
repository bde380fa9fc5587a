package dev.modelmonitor.api;

/**
 * A condition a key's forecasts can be in, raised by the monitor's forecast evaluation (see
 * {@link ForecastConfig} for the thresholds). Declared in the order reports list them.
 */
public enum ForecastFlag {
    /**
     * The p10-p90 interval covers fewer actuals than {@link ForecastConfig#lowerCoverage()} (default 0.70):
     * the intervals are too narrow, the model is overconfident.
     */
    INTERVAL_UNDER_COVERED,
    /**
     * The p10-p90 interval covers more actuals than {@link ForecastConfig#upperCoverage()} (default 0.90):
     * the intervals are too wide, the model is underconfident.
     */
    INTERVAL_OVER_COVERED,
    /**
     * MAE or MAPE of the median forecast worse than {@link ForecastConfig#degradedRatio()} times the
     * {@link ForecastBaseline}'s (the seed's {@code model.performance.degraded} tag).
     */
    PERFORMANCE_DEGRADED,
    /**
     * Some horizon bucket's interval coverage is below {@link ForecastConfig#minHorizonCoverage()} while at
     * least two buckets hold enough forecasts to judge and the loss depends on the horizon (not every bucket
     * is below while INTERVAL_UNDER_COVERED is raised): the seed's horizon-coverage alert.
     */
    HORIZON_UNDER_COVERED
}

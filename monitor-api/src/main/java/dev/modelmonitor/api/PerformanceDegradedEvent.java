package dev.modelmonitor.api;

/**
 * {@value #NAME}: a forecast error metric of a key worsened past its allowed ratio of the baseline (the
 * seed's {@code model.performance.degraded} tag).
 *
 * @param key             the key
 * @param metric          the metric's name, for example {@code "mae"} or {@code "mape"}, not blank
 * @param current         its current value
 * @param baseline        its baseline value
 * @param allowedRatio    the ratio current / baseline above which the metric counts as degraded
 * @param timestampMillis when it was detected, epoch ms
 */
public record PerformanceDegradedEvent(ModelKey key, String metric, double current, double baseline,
                                       double allowedRatio, long timestampMillis) implements MonitoringEvent {

    /** The metric name. */
    public static final String NAME = "model.performance.degraded";

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if key is null or metric blank
     */
    public PerformanceDegradedEvent {
        Checks.notNull(key, "key");
        Checks.notBlank(metric, "metric");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return current / baseline; NaN or infinite when the baseline is 0 */
    public double ratio() {
        return current / baseline;
    }
}

package dev.modelmonitor.api;

/**
 * {@value #NAME}: a drift alert was published for a key (an alerting level entered, escalated or repeated,
 * or a recovery, which {@link DriftAlert#isRecovery()} tells apart).
 *
 * @param alert the alert that was published
 */
public record DriftDetectedEvent(DriftAlert alert) implements MonitoringEvent {

    /** The metric name. */
    public static final String NAME = "model.drift_detected";

    /**
     * Validates the alert.
     *
     * @throws IllegalArgumentException if alert is null
     */
    public DriftDetectedEvent {
        Checks.notNull(alert, "alert");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ModelKey key() {
        return alert.key();
    }

    @Override
    public long timestampMillis() {
        return alert.timestampMillis();
    }
}

package dev.modelmonitor.api;

/**
 * {@value #NAME}: a calibration breach was raised or recovered on a critical key.
 *
 * @param alert the alert that was published
 */
public record CalibrationBreachEvent(CalibrationAlert alert) implements MonitoringEvent {

    /** The metric name. */
    public static final String NAME = "model.calibration.breach";

    /**
     * Validates the alert.
     *
     * @throws IllegalArgumentException if alert is null
     */
    public CalibrationBreachEvent {
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

package dev.modelmonitor.api;

/**
 * {@value #NAME}: a key's calibration for a day that just ended, one per key, kind and day with
 * resolutions.
 *
 * @param day the day's figures
 */
public record CalibrationEvent(CalibrationDay day) implements MonitoringEvent {

    /** The metric name. */
    public static final String NAME = "model.calibration";

    /**
     * Validates the day.
     *
     * @throws IllegalArgumentException if day is null
     */
    public CalibrationEvent {
        Checks.notNull(day, "day");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ModelKey key() {
        return day.key();
    }

    /** @return the end of the day, epoch ms (the start of the next day in the calibration zone) */
    @Override
    public long timestampMillis() {
        return day.timestampMillis() + 86_400_000L;
    }
}

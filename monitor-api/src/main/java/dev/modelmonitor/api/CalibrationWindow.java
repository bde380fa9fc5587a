package dev.modelmonitor.api;

/**
 * The span a calibration figure covers: the last N resolved predictions that carried a probability (a count
 * window), or the last N calendar days of resolutions (a time window: today, in the monitor's calibration
 * zone, and the N - 1 days before it).
 *
 * @param unit what the size counts
 * @param size how many, &gt;= 1
 */
public record CalibrationWindow(Unit unit, int size) {

    /** What a window's size counts. */
    public enum Unit {
        /** Resolved predictions with a probability, newest last. */
        PREDICTIONS,
        /** Calendar days of resolution time, today included. */
        DAYS
    }

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if unit is null or size &lt; 1
     */
    public CalibrationWindow {
        Checks.notNull(unit, "unit");
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, was " + size);
        }
    }

    /**
     * The last {@code n} resolved predictions.
     *
     * @param n &gt;= 1; must be one of the monitor's configured count windows when queried
     * @return the window
     */
    public static CalibrationWindow ofPredictions(int n) {
        return new CalibrationWindow(Unit.PREDICTIONS, n);
    }

    /**
     * The last {@code n} days, today included.
     *
     * @param n &gt;= 1; at most the monitor's retained days when queried
     * @return the window
     */
    public static CalibrationWindow ofDays(int n) {
        return new CalibrationWindow(Unit.DAYS, n);
    }

    @Override
    public String toString() {
        return unit == Unit.DAYS ? "last " + size + " days" : "last " + size + " predictions";
    }
}

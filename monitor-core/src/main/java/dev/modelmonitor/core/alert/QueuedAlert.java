package dev.modelmonitor.core.alert;

import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.Severity;

import java.time.Instant;

/**
 * One alert as read back from a {@link JsonAlertQueueSink} file: the fields of one JSON line.
 *
 * @param schemaVersion the line's {@code schema_version}
 * @param type          the alert kind, for example {@code "model_drift"}
 * @param alertId       the alert's id, unique within the queue
 * @param timestamp     when the alert was raised
 * @param model         the model name
 * @param segment       the segment (symbol, market, ...)
 * @param severity      the severity
 * @param title         the one-line summary
 * @param message       the full human-readable text
 * @param drift         the drift figures of a {@code model_drift} alert, null for other kinds
 */
public record QueuedAlert(int schemaVersion, String type, String alertId, Instant timestamp, String model,
                          String segment, Severity severity, String title, String message, Drift drift) {

    /**
     * Validates the required fields.
     *
     * @throws IllegalArgumentException if a field other than drift is null
     */
    public QueuedAlert {
        requireNonNull(type, "type");
        requireNonNull(alertId, "alertId");
        requireNonNull(timestamp, "timestamp");
        requireNonNull(model, "model");
        requireNonNull(segment, "segment");
        requireNonNull(severity, "severity");
        requireNonNull(title, "title");
        requireNonNull(message, "message");
    }

    /** @return true when the alert carries drift figures */
    public boolean hasDrift() {
        return drift != null;
    }

    private static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /**
     * The figures of an accuracy-drift alert. Figures written as JSON null read back as NaN.
     *
     * @param level            the drift level
     * @param previousLevel    the level at the alert before
     * @param recovery         true when the key left an alerting level
     * @param currentAccuracy  accuracy of the verdict window, NaN when unknown
     * @param baselineAccuracy the baseline accuracy, NaN when no baseline was set
     * @param drop             baseline - current accuracy, NaN without a baseline
     * @param window           size of the verdict window, 0 when none was evaluated
     * @param pValue           the one-sided p-value, NaN when not evaluated
     * @param zStatistic       the z statistic, NaN when not evaluated
     * @param significant      whether the drop is statistically significant
     * @param recommendation   what to do, in plain words
     */
    public record Drift(DriftLevel level, DriftLevel previousLevel, boolean recovery, double currentAccuracy,
                        double baselineAccuracy, double drop, int window, double pValue, double zStatistic,
                        boolean significant, String recommendation) {

        /**
         * Validates the references.
         *
         * @throws IllegalArgumentException if level, previousLevel or recommendation is null
         */
        public Drift {
            requireNonNull(level, "level");
            requireNonNull(previousLevel, "previousLevel");
            requireNonNull(recommendation, "recommendation");
        }
    }
}

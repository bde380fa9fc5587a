package dev.modelmonitor.api;

/**
 * Something a host forwards to the metrics system it already runs, under the seeds' metric names
 * ({@code model.calibration}, {@code model.performance.degraded}, {@code model.drift_detected}, ...). Each
 * kind is a record carrying its figures; {@link #name()} is its stable metric name.
 *
 * <p>The monitor builds events only when a {@link MonitoringListener} is registered, and delivers them from
 * the thread that runs its checks.
 */
public sealed interface MonitoringEvent permits CalibrationEvent, CalibrationBreachEvent, CoverageEvent,
        DriftDetectedEvent, PerformanceDegradedEvent, RetrainRequestedEvent {

    /** @return the stable metric name, for example {@code "model.calibration"} */
    String name();

    /** @return the key it is about */
    ModelKey key();

    /** @return when it happened, epoch ms */
    long timestampMillis();
}

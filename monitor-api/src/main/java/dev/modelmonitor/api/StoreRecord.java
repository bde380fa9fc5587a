package dev.modelmonitor.api;

/**
 * A record a {@link Store} persists. The set of kinds is closed so that every store knows how to write
 * and read each one; new kinds arrive with the capabilities that need them.
 */
public sealed interface StoreRecord permits ResolvedPrediction, BaselineRecord, DriftReport, DriftAlert,
        ForecastDay, ForecastAlert, CalibrationDay, CalibrationAlert, RetrainRequest, LoggedPrediction,
        ExpiredPrediction, KeySnapshot {

    /**
     * The key the record belongs to.
     *
     * @return the key, never null
     */
    ModelKey key();

    /**
     * When the record was made, in epoch milliseconds of the monitor's clock; stores order and range-query
     * by it.
     *
     * @return epoch milliseconds
     */
    long timestampMillis();
}

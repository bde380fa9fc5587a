package dev.modelmonitor.api;

import java.time.Instant;

/**
 * Something a host should hear about, delivered to every {@link AlertSink}. Each capability has its own
 * alert record carrying its figures; all share this face so a sink can deliver any of them without
 * knowing the kinds: a stable {@link #type()}, a severity, a one-line {@link #title()} and a
 * human-readable multi-line {@link #message()}.
 */
public sealed interface Alert permits DriftAlert, ForecastAlert, CalibrationAlert {

    /** @return a stable machine-readable kind, for example {@code "model_drift"} */
    String type();

    /** @return the key the alert is about */
    ModelKey key();

    /** @return how urgent it is */
    Severity severity();

    /** @return when it was raised, epoch milliseconds */
    long timestampMillis();

    /** @return a one-line summary */
    String title();

    /** @return the full human-readable text, several lines */
    String message();

    /** @return when it was raised */
    default Instant raisedAt() {
        return Instant.ofEpochMilli(timestampMillis());
    }
}

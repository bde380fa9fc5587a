package dev.modelmonitor.api;

import java.util.List;

/**
 * A key's forecast figures over one rolling window: the last {@code length} resolved forecasts, or the
 * resolutions of the last {@code length} UTC days (today included, so far). Immutable. An empty window has
 * an empty tally (NaN figures) and empty horizon buckets.
 *
 * @param span      what the length counts
 * @param length    the window's length, in resolved forecasts or days, &gt;= 1
 * @param tally     the window's counts and sums
 * @param byHorizon interval coverage per horizon bucket, in {@link ForecastConfig#horizonEdges()} order
 */
public record ForecastWindow(Span span, int length, ForecastTally tally, List<HorizonCoverage> byHorizon) {

    /** What a window's length counts. */
    public enum Span {
        /** The last N resolved forecasts. */
        PREDICTIONS,
        /** The last N UTC days, today included. */
        DAYS
    }

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a reference is null or the length is below 1
     */
    public ForecastWindow {
        Checks.notNull(span, "span");
        Checks.notNull(tally, "tally");
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, was " + length);
        }
        byHorizon = List.copyOf(Checks.notNull(byHorizon, "byHorizon"));
    }

    /** @return a name for reports: {@code last 200} or {@code 7 days} */
    public String label() {
        return span == Span.PREDICTIONS ? "last " + length : length + (length == 1 ? " day" : " days");
    }
}

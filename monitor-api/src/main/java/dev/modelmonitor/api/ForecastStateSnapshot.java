package dev.modelmonitor.api;

import java.time.LocalDate;
import java.util.List;

/**
 * One key's forecast state captured exactly, for persistence across restarts: the count window's entries
 * oldest first with the running sums as they stood (so a restored state adds and subtracts from the very
 * same doubles), the position in the ring, the open day and the day buckets still inside the long time
 * window, and the baseline. The monitor's forecast state ({@code ForecastAccumulator.restore} in
 * monitor-core) rebuilds from it a state that answers and evolves identically. Alert bookkeeping (what was
 * last published) is not part of it: a restarting monitor takes that from the latest stored
 * {@link ForecastAlert}.
 *
 * <p>A {@link KeySnapshot} carries one as its {@code forecast} component, so a store that keeps key snapshots
 * keeps a key's forecast state with the rest of it. A persisted form should write every field by name with
 * {@link #version()}; NaN marks an absent figure in an entry. Immutable; the lists are copied. Size: O(count
 * window + long days x horizon buckets).
 *
 * @param version       the layout version, {@value #VERSION}
 * @param key           the key
 * @param countWindow   the count window it was taken with
 * @param horizonBuckets the number of horizon buckets it was taken with
 * @param longDays      the day ring's length it was taken with
 * @param pushes        resolved forecasts ever pushed into the count window (fixes the ring position)
 * @param totalResolved resolved forecasts since the state began
 * @param window        the count window's entries, oldest first, at most countWindow
 * @param windowTally   the count window's running counts and sums
 * @param currentDay    the open UTC day, or null before the first resolution
 * @param days          the day buckets that hold resolutions, oldest first, within longDays of currentDay
 * @param baseline      the forecast baseline, or null
 */
public record ForecastStateSnapshot(int version, ModelKey key, int countWindow, int horizonBuckets, int longDays,
                                    long pushes, long totalResolved, List<WindowEntry> window,
                                    ForecastTally windowTally, LocalDate currentDay, List<ForecastDay> days,
                                    ForecastBaseline baseline) {

    /** The current layout version. */
    public static final int VERSION = 1;

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException naming the field that is null, negative or inconsistent
     */
    public ForecastStateSnapshot {
        if (version != VERSION) {
            throw new IllegalArgumentException("version must be " + VERSION + ", was " + version);
        }
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (pushes < 0) {
            throw new IllegalArgumentException("pushes must be >= 0, was " + pushes);
        }
        if (totalResolved < 0) {
            throw new IllegalArgumentException("totalResolved must be >= 0, was " + totalResolved);
        }
        if (window == null) {
            throw new IllegalArgumentException("window must not be null");
        }
        if (window.size() != Math.min(pushes, (long) countWindow)) {
            throw new IllegalArgumentException("window must hold min(pushes, countWindow) = "
                    + Math.min(pushes, (long) countWindow) + " entries, was " + window.size());
        }
        if (windowTally == null) {
            throw new IllegalArgumentException("windowTally must not be null");
        }
        if (days == null) {
            throw new IllegalArgumentException("days must not be null");
        }
        window = List.copyOf(window);
        days = List.copyOf(days);
    }

    /**
     * One resolved forecast in the count window, as the state keeps it.
     *
     * @param hasQuantiles whether the forecast had quantiles (the four flags after it are false without)
     * @param atOrBelowP10 actual &lt;= p10
     * @param atOrBelowP50 actual &lt;= p50
     * @param atOrBelowP90 actual &lt;= p90
     * @param inside       p10 &lt;= actual &lt;= p90
     * @param bucket       the horizon bucket index, &gt;= 0
     * @param absError     |actual - median|, finite and &gt;= 0
     * @param absPctError  |actual - median| / |actual|, or NaN when the actual was 0
     * @param spend        the spend, or NaN when none
     * @param forecastValue the point forecast when a spend was given, else NaN
     * @param actual       the actual when a spend was given, else NaN
     */
    public record WindowEntry(boolean hasQuantiles, boolean atOrBelowP10, boolean atOrBelowP50,
                              boolean atOrBelowP90, boolean inside, int bucket, double absError, double absPctError,
                              double spend, double forecastValue, double actual) {

        /**
         * Validates.
         *
         * @throws IllegalArgumentException naming the field out of range
         */
        public WindowEntry {
            if (bucket < 0) {
                throw new IllegalArgumentException("bucket must be >= 0, was " + bucket);
            }
            if (!(absError >= 0.0) || Double.isInfinite(absError)) {
                throw new IllegalArgumentException("absError must be finite and >= 0, was " + absError);
            }
            if (!hasQuantiles && (atOrBelowP10 || atOrBelowP50 || atOrBelowP90 || inside)) {
                throw new IllegalArgumentException("quantile flags must be false without quantiles");
            }
            if (!Double.isNaN(spend) && (Double.isNaN(forecastValue) || Double.isNaN(actual))) {
                throw new IllegalArgumentException("forecastValue and actual must be given with a spend, was "
                        + forecastValue + " and " + actual);
            }
        }
    }
}

package dev.modelmonitor.api;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One key's forecasts resolved during one UTC day: the daily history point the monitor appends to its
 * {@link Store} once the day is over (on the first resolution of a later day, or at the first check after
 * midnight, whichever comes first). Days add up with {@link ForecastTally#plus}. Immutable.
 *
 * @param key       the key
 * @param day       the UTC day of the resolutions
 * @param tally     the day's counts and sums
 * @param byHorizon interval coverage per horizon bucket, in {@link ForecastConfig#horizonEdges()} order
 */
public record ForecastDay(ModelKey key, LocalDate day, ForecastTally tally, List<HorizonCoverage> byHorizon)
        implements StoreRecord {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a reference is null
     */
    public ForecastDay {
        Checks.notNull(key, "key");
        Checks.notNull(day, "day");
        Checks.notNull(tally, "tally");
        byHorizon = List.copyOf(Checks.notNull(byHorizon, "byHorizon"));
    }

    /** @return the start of the day (00:00 UTC), epoch milliseconds: stores order and range-query by it */
    @Override
    public long timestampMillis() {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}

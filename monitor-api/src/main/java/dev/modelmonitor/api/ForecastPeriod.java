package dev.modelmonitor.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A key's forecast figures over a range of whole UTC days, summed from its {@link ForecastDay} records.
 * Immutable. A range without records gives an empty tally (NaN figures), {@code days} 0 and empty buckets.
 *
 * @param key         the key
 * @param from        the first day, inclusive
 * @param toExclusive the day after the last, after {@code from}
 * @param days        how many days in the range had resolutions, &gt;= 0
 * @param tally       the summed counts and sums
 * @param byHorizon   the summed horizon buckets, in {@link ForecastConfig#horizonEdges()} order (empty when
 *                    {@code days} is 0)
 */
public record ForecastPeriod(ModelKey key, LocalDate from, LocalDate toExclusive, int days, ForecastTally tally,
                             List<HorizonCoverage> byHorizon) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a reference is null, the range is empty or days is negative
     */
    public ForecastPeriod {
        Checks.notNull(key, "key");
        Checks.notNull(from, "from");
        Checks.notNull(toExclusive, "toExclusive");
        Checks.notNull(tally, "tally");
        if (!toExclusive.isAfter(from)) {
            throw new IllegalArgumentException("toExclusive must be after from (" + from + "), was " + toExclusive);
        }
        if (days < 0) {
            throw new IllegalArgumentException("days must be >= 0, was " + days);
        }
        byHorizon = List.copyOf(Checks.notNull(byHorizon, "byHorizon"));
    }

    /**
     * Sums day records of one key that fall in the range; records outside it are skipped.
     *
     * @param key         the key
     * @param from        the first day, inclusive
     * @param toExclusive the day after the last
     * @param records     the day records, each of this key, at most one per day
     * @return the period
     * @throws IllegalArgumentException if a record belongs to another key or the buckets differ in number
     */
    public static ForecastPeriod of(ModelKey key, LocalDate from, LocalDate toExclusive, List<ForecastDay> records) {
        Checks.notNull(records, "records");
        ForecastTally t = ForecastTally.EMPTY;
        List<HorizonCoverage> h = List.of();
        int n = 0;
        for (ForecastDay d : records) {
            if (!d.key().equals(key)) {
                throw new IllegalArgumentException("records must all be of key " + key + ", was " + d.key());
            }
            if (d.day().isBefore(from) || !d.day().isBefore(toExclusive)) {
                continue;
            }
            t = t.plus(d.tally());
            if (n == 0) {
                h = d.byHorizon();
            } else {
                if (d.byHorizon().size() != h.size()) {
                    throw new IllegalArgumentException("records must have " + h.size()
                            + " horizon buckets each, was " + d.byHorizon().size() + " on " + d.day());
                }
                List<HorizonCoverage> sum = new ArrayList<>(h.size());
                for (int i = 0; i < h.size(); i++) {
                    sum.add(h.get(i).plus(d.byHorizon().get(i)));
                }
                h = sum;
            }
            n++;
        }
        return new ForecastPeriod(key, from, toExclusive, n, t, h);
    }
}

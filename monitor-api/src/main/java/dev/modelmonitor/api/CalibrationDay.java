package dev.modelmonitor.api;

import java.time.LocalDate;

/**
 * One day of a key's calibration history: the headline figures of the predictions resolved that day and
 * the sufficient statistics they came from, so any period's figures can be recomputed exactly by merging
 * days ({@link CalibrationStats#plus}). The monitor appends one per key, kind and day that saw resolutions,
 * once the day is over (at the first check after midnight in its calibration zone).
 *
 * @param key             the key
 * @param kind            which probability
 * @param date            the day, in the monitor's calibration zone
 * @param timestampMillis the start of that day, epoch ms; stores order and range-query by it
 * @param count           forecasts resolved that day, &gt;= 0 (the sample size)
 * @param meanConfidence  their mean probability, NaN when count is 0
 * @param observedRate    their rate of positive outcomes, NaN when count is 0
 * @param brier           the Brier score, NaN when count is 0
 * @param ece             the expected calibration error, NaN when count is 0
 * @param mce             the maximum calibration error, NaN when count is 0
 * @param stats           the day's sufficient statistics; {@code stats.count() == count}
 */
public record CalibrationDay(ModelKey key, CalibrationKind kind, LocalDate date, long timestampMillis, long count,
                             double meanConfidence, double observedRate, double brier, double ece, double mce,
                             CalibrationStats stats) implements StoreRecord {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a reference is null, count negative, or count differs from the
     *                                  stats' count
     */
    public CalibrationDay {
        Checks.notNull(key, "key");
        Checks.notNull(kind, "kind");
        Checks.notNull(date, "date");
        Checks.notNull(stats, "stats");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        if (stats.count() != count) {
            throw new IllegalArgumentException("count must equal stats.count() (" + stats.count() + "), was "
                    + count);
        }
    }

    /** @return observedRate - meanConfidence: negative when over-confident, NaN when empty */
    public double gap() {
        return observedRate - meanConfidence;
    }
}

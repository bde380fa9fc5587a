package dev.modelmonitor.api;

import java.time.LocalDate;

/**
 * A run of consecutive days on which a key's calibration error exceeded its threshold: every day from
 * {@code from} to {@code to} (both inclusive) that had enough outcomes to judge had an ECE above the
 * threshold. Days with too few outcomes inside the run neither end it nor count in {@code days}.
 *
 * @param key       the key
 * @param kind      which probability
 * @param from      the first poorly calibrated day, inclusive
 * @param to        the last poorly calibrated day, inclusive, not before from
 * @param days      judged days in the run, &gt;= 1
 * @param count     forecasts resolved on those days
 * @param ece       the ECE of the whole run (its days' statistics merged)
 * @param maxDayEce the worst single day's ECE
 * @param threshold the threshold the days exceeded
 */
public record CalibrationPeriod(ModelKey key, CalibrationKind kind, LocalDate from, LocalDate to, int days,
                                long count, double ece, double maxDayEce, double threshold) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a reference is null, to is before from, or days &lt; 1
     */
    public CalibrationPeriod {
        Checks.notNull(key, "key");
        Checks.notNull(kind, "kind");
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to must not be before from (" + from + "), was " + to);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be >= 1, was " + days);
        }
    }

    /**
     * Whether a day lies inside the period.
     *
     * @param date the day
     * @return from &lt;= date &lt;= to
     */
    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}

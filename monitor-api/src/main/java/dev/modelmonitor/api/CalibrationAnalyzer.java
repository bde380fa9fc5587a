package dev.modelmonitor.api;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Tracks how far a key's stated probabilities can be trusted: confidence against observed hit rate, and
 * event probability against observed frequency. Thread-safe.
 *
 * <p><b>Judged kind.</b> A key's breach alerts, poorly calibrated periods and the methods below that take no
 * {@link CalibrationKind} use its judged kind: {@link CalibrationKind#PROBABILITY} once the key has
 * resolved a {@link Prediction.ProbabilityForecast}, {@link CalibrationKind#CONFIDENCE} before.
 *
 * <p><b>Days.</b> Day ranges are in the monitor's calibration zone and include both ends. The history holds
 * the days that are over (closed by a check after their midnight) and that the store retains.
 *
 * <p>The monitor implements it; see its Javadoc for the costs.
 */
public interface CalibrationAnalyzer {

    /**
     * The confidence calibration of a key over its longest count window.
     *
     * @param key the key, not null; an unknown key gives an empty summary
     * @return the summary
     */
    CalibrationSummary calibration(ModelKey key);

    /**
     * Every calibration figure of a key over a window, from its streaming accumulators. O(bins) for a count
     * window, O(days x bins) for a time window.
     *
     * @param key    the key, not null; an unknown key gives empty metrics
     * @param kind   which probability, not null
     * @param window a configured count window, or a time window of at most the retained days, not null
     * @return the metrics; count 0 and NaN figures when nothing was resolved in the window
     * @throws IllegalArgumentException if an argument is null or the window is not available
     */
    CalibrationMetrics calibration(ModelKey key, CalibrationKind kind, CalibrationWindow window);

    /**
     * The daily calibration history of a key, both kinds, oldest first.
     *
     * @param key  the key, not null
     * @param from the first day, inclusive
     * @param to   the last day, inclusive, not before from
     * @return the days with resolutions in the range, as far as the store retains them
     */
    List<CalibrationDay> calibrationHistory(ModelKey key, LocalDate from, LocalDate to);

    /**
     * Compares the calibration of a current period with a reference period (see {@link CalibrationChange}
     * for the test). Reads the daily history, so both periods must be over.
     *
     * @param key           the key, not null
     * @param kind          which probability, not null
     * @param referenceFrom first reference day, inclusive
     * @param referenceTo   last reference day, inclusive
     * @param currentFrom   first current day, inclusive
     * @param currentTo     last current day, inclusive
     * @return the comparison
     */
    CalibrationChange calibrationChange(ModelKey key, CalibrationKind kind, LocalDate referenceFrom,
                                        LocalDate referenceTo, LocalDate currentFrom, LocalDate currentTo);

    /**
     * The poorly calibrated periods of a key in a range of days, in its judged kind: runs of judged days whose
     * ECE exceeded the key's threshold (its critical threshold, or the default breach threshold when it is
     * not marked critical).
     *
     * @param key  the key, not null
     * @param from the first day, inclusive
     * @param to   the last day, inclusive
     * @return the periods, oldest first
     */
    List<CalibrationPeriod> poorlyCalibratedPeriods(ModelKey key, LocalDate from, LocalDate to);

    /**
     * The last resolved predictions of a key, each flagged when it was made inside a poorly calibrated
     * period, so the host can discount them.
     *
     * @param key the key, not null
     * @param n   how many at most, &gt;= 0
     * @return at most n predictions, oldest first, as far as the store retains them
     */
    List<FlaggedPrediction> flaggedPredictions(ModelKey key, int n);

    /**
     * Marks a key critical: its calibration breaches raise alerts. Replaces an earlier threshold.
     *
     * @param key       the key, not null
     * @param threshold its ECE threshold, in (0, 1)
     */
    void markCritical(ModelKey key, double threshold);

    /**
     * Removes the critical mark of a key; an open breach is closed silently.
     *
     * @param key the key, not null
     */
    void unmarkCritical(ModelKey key);

    /**
     * @param key the key, not null
     * @return its threshold when it is marked critical, else empty
     */
    OptionalDouble criticalThreshold(ModelKey key);
}

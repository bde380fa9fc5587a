package dev.modelmonitor.api;

import java.util.ArrayList;
import java.util.List;

/**
 * {@value #NAME}: a key's quantile forecasts went out of calibration or came back, judged by coverage: the
 * p10-p90 interval covers too few or too many actuals, or one horizon covers too few (the
 * {@link ForecastFlag}s {@code INTERVAL_UNDER_COVERED}, {@code INTERVAL_OVER_COVERED} and
 * {@code HORIZON_UNDER_COVERED}). The seed emits coverage under the calibration metric, so this event
 * shares its name with {@link CalibrationEvent}; a listener tells them apart by type.
 *
 * <p>Published with the {@link ForecastAlert} that raised or cleared a coverage flag (not on the alert's
 * repeats), from the thread that runs the check.
 *
 * @param alert the forecast alert that changed the coverage flags
 */
public record CoverageEvent(ForecastAlert alert) implements MonitoringEvent {

    /** The metric name: the seed's {@code model.calibration}. */
    public static final String NAME = "model.calibration";

    /** The flags that are about coverage, in declaration order. */
    public static final List<ForecastFlag> COVERAGE_FLAGS = List.of(ForecastFlag.INTERVAL_UNDER_COVERED,
            ForecastFlag.INTERVAL_OVER_COVERED, ForecastFlag.HORIZON_UNDER_COVERED);

    /**
     * Validates the alert.
     *
     * @throws IllegalArgumentException if alert is null
     */
    public CoverageEvent {
        Checks.notNull(alert, "alert");
    }

    /**
     * Whether an alert raises or clears a coverage flag.
     *
     * @param alert the alert, not null
     * @return true when {@link #raised()} or {@link #cleared()} of its event would not be empty
     */
    public static boolean changesCoverage(ForecastAlert alert) {
        for (ForecastFlag f : COVERAGE_FLAGS) {
            if (alert.raisedFlags().contains(f) || alert.clearedFlags().contains(f)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ModelKey key() {
        return alert.key();
    }

    @Override
    public long timestampMillis() {
        return alert.timestampMillis();
    }

    /** @return the coverage flags raised by this change, in declaration order */
    public List<ForecastFlag> raised() {
        return coverageOnly(alert.raisedFlags());
    }

    /** @return the coverage flags cleared by this change, in declaration order */
    public List<ForecastFlag> cleared() {
        return coverageOnly(alert.clearedFlags());
    }

    private static List<ForecastFlag> coverageOnly(List<ForecastFlag> flags) {
        List<ForecastFlag> out = new ArrayList<>(flags.size());
        for (ForecastFlag f : flags) {
            if (COVERAGE_FLAGS.contains(f)) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    /** @return the share of actuals inside p10-p90 over the count window, NaN without quantile forecasts */
    public double intervalCoverage() {
        return alert.performance().recent().tally().intervalCoverage();
    }

    /** @return the share of actuals at or below p10, p50 and p90 over the count window, NaN without any */
    public double[] quantileCoverage() {
        ForecastTally t = alert.performance().recent().tally();
        return new double[] {t.coverageP10(), t.coverageP50(), t.coverageP90()};
    }

    /** @return the quantile forecasts in the count window the coverage is over */
    public long count() {
        return alert.performance().recent().tally().quantileCount();
    }

    /** @return the coverage below which the interval is under-covered ({@link ForecastConfig#lowerCoverage()}) */
    public double lowerCoverage() {
        return alert.performance().config().lowerCoverage();
    }

    /** @return the coverage above which the interval is over-covered ({@link ForecastConfig#upperCoverage()}) */
    public double upperCoverage() {
        return alert.performance().config().upperCoverage();
    }
}

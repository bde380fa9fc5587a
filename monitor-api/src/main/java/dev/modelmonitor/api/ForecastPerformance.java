package dev.modelmonitor.api;

import java.util.List;

/**
 * How a key's numeric forecasts are doing, as of one moment: coverage per quantile, interval coverage, MAE,
 * MAPE, coverage by horizon and ROAS over a count window and two time windows, the ratios to the
 * {@link ForecastBaseline}, the flags raised and what to do about them. Immutable.
 *
 * <p>Flags are judged on the count window ({@link #recent()}) with {@link #config()}'s rules; see
 * {@link ForecastConfig}. A key with no resolved forecast gives empty windows, no flags, severity INFO and
 * the recommendation that no action is needed.
 *
 * @param key             the key
 * @param computedAtMillis when it was computed, epoch milliseconds
 * @param totalResolved   resolved forecasts since the key's forecast state began, &gt;= 0
 * @param recent          the last {@link ForecastConfig#countWindow()} resolved forecasts
 * @param shortDays       the last {@link ForecastConfig#shortDays()} days
 * @param longDays        the last {@link ForecastConfig#longDays()} days
 * @param baseline        the baseline the ratios use, or null when none is set
 * @param maeRatio        recent MAE / baseline MAE, NaN without either
 * @param mapeRatio       recent MAPE / baseline MAPE, NaN without either
 * @param flags           the flags raised, in declaration order, no duplicates
 * @param severity        INFO without flags; WARNING with any; CRITICAL when a ratio exceeds
 *                        {@link ForecastConfig#criticalRatio()}
 * @param recommendations one plain-words action per flag, in flag order, or one "no action" line
 * @param config          the rules applied
 */
public record ForecastPerformance(ModelKey key, long computedAtMillis, long totalResolved, ForecastWindow recent,
                                  ForecastWindow shortDays, ForecastWindow longDays, ForecastBaseline baseline,
                                  double maeRatio, double mapeRatio, List<ForecastFlag> flags, Severity severity,
                                  List<String> recommendations, ForecastConfig config) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a required reference is null, a count negative or flags repeat
     */
    public ForecastPerformance {
        Checks.notNull(key, "key");
        Checks.notNull(recent, "recent");
        Checks.notNull(shortDays, "shortDays");
        Checks.notNull(longDays, "longDays");
        Checks.notNull(severity, "severity");
        Checks.notNull(config, "config");
        if (totalResolved < 0) {
            throw new IllegalArgumentException("totalResolved must be >= 0, was " + totalResolved);
        }
        flags = List.copyOf(Checks.notNull(flags, "flags"));
        for (int i = 1; i < flags.size(); i++) {
            if (flags.get(i).compareTo(flags.get(i - 1)) <= 0) {
                throw new IllegalArgumentException("flags must be in declaration order without repeats, was "
                        + flags);
            }
        }
        recommendations = List.copyOf(Checks.notNull(recommendations, "recommendations"));
    }

    /**
     * @param flag a flag
     * @return whether it is raised
     */
    public boolean has(ForecastFlag flag) {
        return flags.contains(flag);
    }

    /** @return true when PERFORMANCE_DEGRADED is raised (the seed's {@code model.performance.degraded} tag) */
    public boolean performanceDegraded() {
        return has(ForecastFlag.PERFORMANCE_DEGRADED);
    }

    /** @return true when any flag is raised */
    public boolean isAlerting() {
        return !flags.isEmpty();
    }
}

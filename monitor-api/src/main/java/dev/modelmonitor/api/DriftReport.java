package dev.modelmonitor.api;

import java.time.Instant;
import java.util.List;

/**
 * The result of one accuracy-drift check of one key.
 *
 * <p>The verdict is the gravest level over the evaluated windows (see {@link WindowAccuracy}); on a tie
 * the shortest window gives it, since it carries the freshest signal. The headline figures
 * ({@code currentAccuracy}, {@code drop}, {@code zStatistic}, {@code pValue}, {@code significant}) are
 * those of that window. When no window is evaluated the level is INSUFFICIENT_DATA, {@code verdictWindow}
 * is 0 and the headline figures are those of the shortest window (NaN where undefined).
 *
 * @param key              the key checked
 * @param level            the verdict
 * @param baselineAccuracy the baseline accuracy, NaN when no baseline is set
 * @param windows          every window, shortest first
 * @param verdictWindow    size of the window the verdict came from, 0 when none was evaluated
 * @param currentAccuracy  accuracy of the verdict window
 * @param drop             baseline - current accuracy in absolute points, NaN without a baseline
 * @param zStatistic       the z statistic of the verdict window
 * @param pValue           its one-sided p-value
 * @param significant      pValue &lt; alpha
 * @param thresholds       the rules the check applied
 * @param resolvedCount    scored predictions resolved for this key since the monitor started
 * @param timestampMillis  when the check ran, epoch milliseconds
 */
public record DriftReport(ModelKey key, DriftLevel level, double baselineAccuracy, List<WindowAccuracy> windows,
                          int verdictWindow, double currentAccuracy, double drop, double zStatistic,
                          double pValue, boolean significant, DriftThresholds thresholds, long resolvedCount,
                          long timestampMillis) implements StoreRecord {

    /**
     * Validates the references and copies the window list.
     *
     * @throws IllegalArgumentException if a reference is null
     */
    public DriftReport {
        Checks.notNull(key, "key");
        Checks.notNull(level, "level");
        Checks.notNull(thresholds, "thresholds");
        windows = List.copyOf(Checks.notNull(windows, "windows"));
    }

    /** @return true when a baseline was set at the time of the check */
    public boolean hasBaseline() {
        return !Double.isNaN(baselineAccuracy);
    }

    /**
     * What to do, in plain words, per the seed: monitor closely and prepare retraining at WARNING; schedule
     * immediate retraining and reduce position sizes by 50% at CRITICAL; stop trading and retrain immediately
     * at RETRAIN; how many more predictions are needed at INSUFFICIENT_DATA. Built on each call from the
     * report's figures, so a check that nobody reads pays nothing for the text.
     *
     * @return the recommendation, never null
     */
    public String recommendation() {
        switch (level) {
            case INSUFFICIENT_DATA:
                return "Insufficient data: " + (windows.isEmpty() ? 0 : windows.get(0).count()) + " of "
                        + thresholds.minPredictions() + " resolved predictions needed before a verdict.";
            case HEALTHY:
                if (!hasBaseline()) {
                    return "No baseline set: accuracy " + percent(currentAccuracy) + " is not below random ("
                            + percent(thresholds.randomBaseline()) + "); set a baseline to monitor drift.";
                }
                return "Model performing within expected range (accuracy " + percent(currentAccuracy)
                        + ", baseline " + percent(baselineAccuracy) + ").";
            case WARNING:
                return "Model accuracy dropped " + percent(drop) + " from baseline. Monitor closely and prepare "
                        + "retraining.";
            case CRITICAL:
                return "Model accuracy dropped " + percent(drop) + " from baseline. Schedule immediate retraining "
                        + "and reduce position sizes by 50%.";
            default:
                return "Model accuracy " + percent(currentAccuracy) + " is below random ("
                        + percent(thresholds.randomBaseline()) + "). STOP trading this model and retrain "
                        + "immediately.";
        }
    }

    /**
     * Formats a fraction as a percentage with one decimal, e.g. 0.1234 as "12.3%"; NaN as "n/a".
     *
     * @param fraction the fraction
     * @return the text
     */
    public static String percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "n/a";
        }
        long tenths = Math.round(fraction * 1000.0);
        String sign = tenths < 0 ? "-" : "";
        tenths = Math.abs(tenths);
        return sign + (tenths / 10) + "." + (tenths % 10) + "%";
    }

    /** @return when the check ran */
    public Instant checkedAt() {
        return Instant.ofEpochMilli(timestampMillis);
    }
}

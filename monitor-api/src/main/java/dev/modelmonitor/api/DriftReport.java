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
 * @param recommendation   what to do, in plain words
 * @param resolvedCount    scored predictions resolved for this key since the monitor started
 * @param timestampMillis  when the check ran, epoch milliseconds
 */
public record DriftReport(ModelKey key, DriftLevel level, double baselineAccuracy, List<WindowAccuracy> windows,
                          int verdictWindow, double currentAccuracy, double drop, double zStatistic,
                          double pValue, boolean significant, String recommendation, long resolvedCount,
                          long timestampMillis) implements StoreRecord {

    /**
     * Validates the references and copies the window list.
     *
     * @throws IllegalArgumentException if a reference is null
     */
    public DriftReport {
        Checks.notNull(key, "key");
        Checks.notNull(level, "level");
        Checks.notNull(recommendation, "recommendation");
        windows = List.copyOf(Checks.notNull(windows, "windows"));
    }

    /** @return true when a baseline was set at the time of the check */
    public boolean hasBaseline() {
        return !Double.isNaN(baselineAccuracy);
    }

    /** @return when the check ran */
    public Instant checkedAt() {
        return Instant.ofEpochMilli(timestampMillis);
    }
}

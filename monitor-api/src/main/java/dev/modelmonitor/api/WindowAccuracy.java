package dev.modelmonitor.api;

/**
 * The accuracy of one rolling window at the moment of a check, and its test against the baseline.
 *
 * <p>A window is evaluated when it holds at least {@link DriftThresholds#minPredictions()} scored
 * predictions and is either full or the shortest window (a partly filled longer window would only repeat
 * the shorter one). An unevaluated window still reports its count and accuracy; its statistic, p-value
 * and drop are NaN and its level is INSUFFICIENT_DATA.
 *
 * @param size       the window's capacity (e.g. 50)
 * @param count      scored predictions currently in it, in [0, size]
 * @param correct    correct predictions among them, in [0, count]
 * @param accuracy   correct / count, or NaN when count is 0
 * @param drop       baseline accuracy - accuracy, NaN when not evaluated or without a baseline
 * @param zStatistic the one-proportion z statistic against the baseline, NaN when not evaluated or
 *                   without a baseline
 * @param pValue     the one-sided p-value (H1: accuracy &lt; baseline), NaN when not evaluated or without
 *                   a baseline
 * @param level      the level this window alone gives
 */
public record WindowAccuracy(int size, int count, int correct, double accuracy, double drop, double zStatistic,
                             double pValue, DriftLevel level) {

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if counts are out of range or level is null
     */
    public WindowAccuracy {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, was " + size);
        }
        if (count < 0 || count > size) {
            throw new IllegalArgumentException("count must be in [0, " + size + "], was " + count);
        }
        if (correct < 0 || correct > count) {
            throw new IllegalArgumentException("correct must be in [0, " + count + "], was " + correct);
        }
        Checks.notNull(level, "level");
    }

    /** @return true when this window was tested (its level is not INSUFFICIENT_DATA) */
    public boolean evaluated() {
        return level != DriftLevel.INSUFFICIENT_DATA;
    }
}

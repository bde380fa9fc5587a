package dev.modelmonitor.core.drift;

import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.WindowAccuracy;
import dev.modelmonitor.stats.Normal;

import java.util.List;

/**
 * Turns the counts of a key's rolling windows into a {@link DriftReport}.
 *
 * <p>Per window: {@code accuracy = correct / count}; RETRAIN when accuracy &lt; randomBaseline; otherwise,
 * with a baseline, {@code drop = baseline - accuracy} gives CRITICAL at drop &gt;= criticalDrop and WARNING
 * at drop &gt;= warningDrop (both gated by the z-test when {@code requireSignificance}), else HEALTHY.
 * Boundaries are compared with a tolerance of {@value #EPS} so that decimal thresholds behave as written.
 * The z-test is statsmodels' {@code proportions_ztest(correct, count, baseline, alternative='smaller',
 * prop_var=baseline)}. A window is evaluated when it holds at least {@code minPredictions} and is full or is
 * the shortest. The verdict is the gravest evaluated level, the shortest window winning ties. The
 * recommendation text comes from {@link DriftReport#recommendation()}.
 *
 * <p>Cost: O(windows), no allocation besides the report itself and its window records. Thread-safe
 * (stateless).
 */
public final class DriftEvaluator {

    /** Tolerance on level boundaries. */
    public static final double EPS = 1e-9;

    private DriftEvaluator() {
    }

    /**
     * Evaluates one key.
     *
     * @param key              the key
     * @param thresholds       the rules
     * @param baselineAccuracy the baseline accuracy in (0, 1), or NaN when none is set
     * @param sizes            window capacities, shortest first
     * @param counts           scored predictions in each window
     * @param corrects         correct predictions in each window
     * @param resolvedCount    scored predictions since start, for the report
     * @param nowMillis        the check time
     * @return the report
     */
    public static DriftReport evaluate(ModelKey key, DriftThresholds thresholds, double baselineAccuracy,
                                       int[] sizes, int[] counts, int[] corrects, long resolvedCount,
                                       long nowMillis) {
        if (key == null || thresholds == null || sizes == null || counts == null || corrects == null) {
            throw new IllegalArgumentException("key, thresholds, sizes, counts and corrects must not be null");
        }
        int n = sizes.length;
        if (n == 0 || counts.length != n || corrects.length != n) {
            throw new IllegalArgumentException("sizes, counts and corrects must have the same length >= 1, was "
                    + n + ", " + counts.length + ", " + corrects.length);
        }
        WindowAccuracy[] windows = new WindowAccuracy[n];
        boolean hasBaseline = !Double.isNaN(baselineAccuracy);
        int verdictIndex = -1;
        DriftLevel verdict = DriftLevel.INSUFFICIENT_DATA;
        for (int i = 0; i < n; i++) {
            int count = counts[i];
            int correct = corrects[i];
            double accuracy = count == 0 ? Double.NaN : (double) correct / count;
            boolean evaluated = count >= thresholds.minPredictions() && (count == sizes[i] || i == 0);
            double drop = Double.NaN;
            double z = Double.NaN;
            double p = Double.NaN;
            DriftLevel level = DriftLevel.INSUFFICIENT_DATA;
            if (evaluated) {
                if (hasBaseline) {
                    drop = baselineAccuracy - accuracy;
                    z = (accuracy - baselineAccuracy) / Math.sqrt(baselineAccuracy * (1.0 - baselineAccuracy) / count);
                    p = Normal.cdf(z);
                }
                level = level(thresholds, baselineAccuracy, accuracy, count, p);
                if (level.compareTo(verdict) > 0) {
                    verdict = level;
                    verdictIndex = i;
                }
            }
            windows[i] = new WindowAccuracy(sizes[i], count, correct, accuracy, drop, z, p, level);
        }
        WindowAccuracy head = windows[verdictIndex < 0 ? 0 : verdictIndex];
        boolean significant = head.pValue() < thresholds.alpha();
        return new DriftReport(key, verdict, baselineAccuracy, List.of(windows),
                verdictIndex < 0 ? 0 : head.size(), head.accuracy(), hasBaseline ? baselineAccuracy - head.accuracy()
                : Double.NaN, head.zStatistic(), head.pValue(), significant, thresholds, resolvedCount,
                nowMillis);
    }

    /**
     * The level one evaluated window gives.
     *
     * <p>RETRAIN when the accuracy is below the random baseline; with {@code requireSignificance} only when
     * it is significantly below it too (one-sided z-test against the random baseline at alpha), so that a
     * 50-prediction window of a sound model does not stop trading by chance. Then CRITICAL / WARNING by the
     * drop from the baseline, gated by the z-test against the baseline when {@code requireSignificance}.
     *
     * @param t                the rules
     * @param baselineAccuracy the baseline accuracy, or NaN when none is set
     * @param correct          correct predictions in the window
     * @param count            scored predictions in the window, &gt; 0
     * @return RETRAIN, CRITICAL, WARNING or HEALTHY
     */
    public static DriftLevel levelOf(DriftThresholds t, double baselineAccuracy, int correct, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be > 0, was " + count);
        }
        double accuracy = (double) correct / count;
        double p = Double.isNaN(baselineAccuracy) ? Double.NaN : Normal.cdf((accuracy - baselineAccuracy)
                / Math.sqrt(baselineAccuracy * (1.0 - baselineAccuracy) / count));
        return level(t, baselineAccuracy, accuracy, count, p);
    }

    /** The level of a window whose one-sided p-value against the baseline is already known. */
    private static DriftLevel level(DriftThresholds t, double baselineAccuracy, double accuracy, int count,
                                    double pBaseline) {
        if (accuracy < t.randomBaseline() - EPS) {
            double rb = t.randomBaseline();
            if (!t.requireSignificance()
                    || Normal.cdf((accuracy - rb) / Math.sqrt(rb * (1.0 - rb) / count)) < t.alpha()) {
                return DriftLevel.RETRAIN;
            }
        }
        if (Double.isNaN(baselineAccuracy)) {
            return DriftLevel.HEALTHY;
        }
        double drop = baselineAccuracy - accuracy;
        boolean gatePassed = !t.requireSignificance() || pBaseline < t.alpha();
        if (drop >= t.criticalDrop() - EPS && gatePassed) {
            return DriftLevel.CRITICAL;
        }
        if (drop >= t.warningDrop() - EPS && gatePassed) {
            return DriftLevel.WARNING;
        }
        return DriftLevel.HEALTHY;
    }
}

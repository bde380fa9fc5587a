package dev.modelmonitor.core.forecast;

import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastFlag;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.ForecastWindow;
import dev.modelmonitor.api.HorizonCoverage;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a key's forecast windows into a {@link ForecastPerformance}: flags, severity and recommendations,
 * judged on the count window with the rules of {@link ForecastConfig}.
 *
 * <ul>
 *   <li>INTERVAL_UNDER_COVERED when at least {@code minSamples} forecasts carry quantiles and the interval
 *   coverage is below {@code lowerCoverage}; INTERVAL_OVER_COVERED when it is above {@code upperCoverage};</li>
 *   <li>PERFORMANCE_DEGRADED when a baseline is set and MAE / baseline MAE (over at least {@code minSamples}
 *   forecasts) or MAPE / baseline MAPE (over at least {@code minSamples} non-zero actuals) exceeds
 *   {@code degradedRatio}; CRITICAL severity when a ratio exceeds {@code criticalRatio};</li>
 *   <li>HORIZON_UNDER_COVERED when at least two horizon buckets hold {@code minSamples} forecasts each and
 *   one of them has an interval coverage below {@code minHorizonCoverage}, unless every such bucket is below
 *   it and INTERVAL_UNDER_COVERED is raised (the loss then does not depend on the horizon, and the
 *   interval flag already says it; likewise a single populated bucket says nothing the interval coverage
 *   does not).</li>
 * </ul>
 * Every comparison is strict with a tolerance of {@value #EPS}. Severity: INFO without flags, else WARNING,
 * CRITICAL for a critical degradation. Cost: O(horizon buckets); allocates the result only. Stateless and
 * thread-safe.
 */
public final class ForecastEvaluator {

    /** Tolerance on threshold comparisons. */
    public static final double EPS = 1e-9;

    /** The recommendation when no flag is raised. */
    public static final String NO_ACTION = "Forecast quality is within bounds: no action needed.";

    private ForecastEvaluator() {
    }

    /**
     * Evaluates one key.
     *
     * @param key       the key
     * @param config    the rules
     * @param baseline  the baseline, or null
     * @param total     resolved forecasts since the state began
     * @param recent    the count window
     * @param shortDays the short time window
     * @param longDays  the long time window
     * @param nowMillis when
     * @return the performance
     */
    public static ForecastPerformance evaluate(ModelKey key, ForecastConfig config, ForecastBaseline baseline,
                                               long total, ForecastWindow recent, ForecastWindow shortDays,
                                               ForecastWindow longDays, long nowMillis) {
        ForecastTally t = recent.tally();
        int min = config.minSamples();
        List<ForecastFlag> flags = new ArrayList<>(4);
        List<String> actions = new ArrayList<>(4);
        Severity severity = Severity.INFO;

        double coverage = t.intervalCoverage();
        if (t.quantileCount() >= min && coverage < config.lowerCoverage() - EPS) {
            flags.add(ForecastFlag.INTERVAL_UNDER_COVERED);
            actions.add(String.format(Locale.ROOT, "Prediction intervals are too narrow: only %s of actuals fell "
                    + "inside p10-p90 (target 80%%, warning below %s). The model is overconfident: widen the "
                    + "intervals (recalibrate the quantiles) and size decisions as if uncertainty were larger.",
                    percent(coverage), percent(config.lowerCoverage())));
        }
        if (t.quantileCount() >= min && coverage > config.upperCoverage() + EPS) {
            flags.add(ForecastFlag.INTERVAL_OVER_COVERED);
            actions.add(String.format(Locale.ROOT, "Prediction intervals are too wide: %s of actuals fell inside "
                    + "p10-p90 (target 80%%, warning above %s). The model is underconfident: tighten the "
                    + "intervals (recalibrate the quantiles) before they are used to set buffers or budgets.",
                    percent(coverage), percent(config.upperCoverage())));
        }

        double maeRatio = Double.NaN;
        double mapeRatio = Double.NaN;
        if (baseline != null) {
            if (!Double.isNaN(baseline.mae()) && t.count() > 0) {
                maeRatio = t.mae() / baseline.mae();
            }
            if (!Double.isNaN(baseline.mape()) && t.pctCount() > 0) {
                mapeRatio = t.mape() / baseline.mape();
            }
        }
        boolean maeJudged = t.count() >= min && !Double.isNaN(maeRatio);
        boolean mapeJudged = t.pctCount() >= min && !Double.isNaN(mapeRatio);
        boolean maeBad = maeJudged && maeRatio > config.degradedRatio() + EPS;
        boolean mapeBad = mapeJudged && mapeRatio > config.degradedRatio() + EPS;
        if (maeBad || mapeBad) {
            flags.add(ForecastFlag.PERFORMANCE_DEGRADED);
            boolean critical = (maeJudged && maeRatio > config.criticalRatio() + EPS)
                    || (mapeJudged && mapeRatio > config.criticalRatio() + EPS);
            StringBuilder sb = new StringBuilder("Forecast error has worsened:");
            if (maeBad) {
                sb.append(String.format(Locale.ROOT, " MAE %s is %.2fx its baseline %s;", number(t.mae()), maeRatio,
                        number(baseline.mae())));
            }
            if (mapeBad) {
                sb.append(String.format(Locale.ROOT, " MAPE %s is %.2fx its baseline %s;", percent(t.mape()),
                        mapeRatio, percent(baseline.mape())));
            }
            sb.setLength(sb.length() - 1);
            if (critical) {
                sb.append(". Retrain the model now and treat plans built on these forecasts with caution.");
                severity = Severity.CRITICAL;
            } else {
                sb.append(". Review recent inputs for drift and schedule retraining.");
            }
            actions.add(sb.toString());
        }

        List<HorizonCoverage> hs = recent.byHorizon();
        int worst = -1;
        int judged = 0;
        int poor = 0;
        for (int b = 0; b < hs.size(); b++) {
            HorizonCoverage h = hs.get(b);
            if (h.count() >= min) {
                judged++;
                if (h.coverage() < config.minHorizonCoverage() - EPS) {
                    poor++;
                    if (worst < 0 || h.coverage() < hs.get(worst).coverage()) {
                        worst = b;
                    }
                }
            }
        }
        boolean underEverywhere = poor == judged && flags.contains(ForecastFlag.INTERVAL_UNDER_COVERED);
        if (worst >= 0 && judged >= 2 && !underEverywhere) {
            flags.add(ForecastFlag.HORIZON_UNDER_COVERED);
            StringBuilder sb = new StringBuilder("Intervals lose coverage with the horizon:");
            for (int b = 0; b < hs.size(); b++) {
                HorizonCoverage h = hs.get(b);
                if (h.count() >= min && h.coverage() < config.minHorizonCoverage() - EPS) {
                    sb.append(String.format(Locale.ROOT, " horizon %s covers %s of %d;",
                            ForecastAlert.horizonLabel(config, b), percent(h.coverage()), h.count()));
                }
            }
            sb.setLength(sb.length() - 1);
            sb.append(String.format(Locale.ROOT, " (minimum %s). Do not rely on forecasts at horizon %s until the "
                    + "model is recalibrated or retrained for it.", percent(config.minHorizonCoverage()),
                    ForecastAlert.horizonLabel(config, worst)));
            actions.add(sb.toString());
        }
        if (!flags.isEmpty() && severity == Severity.INFO) {
            severity = Severity.WARNING;
        }
        if (flags.isEmpty()) {
            actions.add(NO_ACTION);
        }
        return new ForecastPerformance(key, nowMillis, total, recent, shortDays, longDays, baseline, maeRatio,
                mapeRatio, flags, severity, actions, config);
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String number(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
    }

    /**
     * Whether a performance's MAE is past its allowed ratio of the baseline, by the rule that raises
     * {@link dev.modelmonitor.api.ForecastFlag#PERFORMANCE_DEGRADED}: judged over at least {@code minSamples}
     * forecasts of the count window, ratio above {@code degradedRatio}.
     *
     * @param p the performance
     * @return true when MAE is degraded
     */
    public static boolean maeDegraded(dev.modelmonitor.api.ForecastPerformance p) {
        return p.recent().tally().count() >= p.config().minSamples() && !Double.isNaN(p.maeRatio())
                && p.maeRatio() > p.config().degradedRatio() + EPS;
    }

    /**
     * Whether a performance's MAPE is past its allowed ratio of the baseline (see {@link #maeDegraded}; MAPE
     * counts the forecasts whose actual was not 0).
     *
     * @param p the performance
     * @return true when MAPE is degraded
     */
    public static boolean mapeDegraded(dev.modelmonitor.api.ForecastPerformance p) {
        return p.recent().tally().pctCount() >= p.config().minSamples() && !Double.isNaN(p.mapeRatio())
                && p.mapeRatio() > p.config().degradedRatio() + EPS;
    }
}

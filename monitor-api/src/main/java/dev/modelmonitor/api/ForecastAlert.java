package dev.modelmonitor.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A forecast-quality alert: a key's {@link ForecastPerformance} with flags raised (interval coverage out of
 * band, performance degraded, poor horizon coverage), or the recovery from them. The monitor publishes one
 * when a key enters the alerting state, escalates (a graver severity or a new flag), again every alert
 * repeat interval while it stays alerting, and once on recovery.
 *
 * @param performance     the figures that raised it
 * @param previousSeverity the severity of the key's previous forecast alert (INFO when there was none)
 * @param previousFlags   the flags of the key's previous forecast alert (empty when there was none)
 */
public record ForecastAlert(ForecastPerformance performance, Severity previousSeverity,
                            List<ForecastFlag> previousFlags) implements Alert, StoreRecord {

    /** The {@link #type()} of every forecast alert. */
    public static final String TYPE = "forecast_quality";

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a reference is null
     */
    public ForecastAlert {
        Checks.notNull(performance, "performance");
        Checks.notNull(previousSeverity, "previousSeverity");
        previousFlags = List.copyOf(Checks.notNull(previousFlags, "previousFlags"));
    }

    /** @return true when the key has no flag left */
    public boolean isRecovery() {
        return performance.flags().isEmpty();
    }

    /** @return the flags raised now that the previous alert did not carry, in declaration order */
    public List<ForecastFlag> raisedFlags() {
        List<ForecastFlag> out = new ArrayList<>();
        for (ForecastFlag f : performance.flags()) {
            if (!previousFlags.contains(f)) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    /** @return the flags the previous alert carried that are gone now, in declaration order */
    public List<ForecastFlag> clearedFlags() {
        List<ForecastFlag> out = new ArrayList<>();
        for (ForecastFlag f : previousFlags) {
            if (!performance.flags().contains(f)) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    /** @return the flags raised now */
    public List<ForecastFlag> flags() {
        return performance.flags();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ModelKey key() {
        return performance.key();
    }

    /** @return INFO for a recovery, else the performance's severity */
    @Override
    public Severity severity() {
        return isRecovery() ? Severity.INFO : performance.severity();
    }

    @Override
    public long timestampMillis() {
        return performance.computedAtMillis();
    }

    @Override
    public String title() {
        ForecastWindow w = performance.recent();
        if (isRecovery()) {
            return "Forecast quality recovered: " + key() + " (was " + previousFlags + ")";
        }
        return String.format(Locale.ROOT, "Forecast %s: %s %s, interval coverage %s, MAE %s", severity(), key(),
                performance.flags(), percent(w.tally().intervalCoverage()), number(w.tally().mae()));
    }

    /** The figures of the count window, the baseline ratios, the horizon buckets and the recommendations. */
    @Override
    public String message() {
        ForecastPerformance p = performance;
        ForecastTally t = p.recent().tally();
        ForecastConfig c = p.config();
        StringBuilder sb = new StringBuilder(512);
        sb.append(isRecovery() ? "FORECAST QUALITY RECOVERED" : "FORECAST QUALITY ALERT").append("\n\n");
        sb.append("Model: ").append(key().model()).append('\n');
        sb.append("Segment: ").append(key().segment()).append('\n');
        sb.append("Severity: ").append(severity()).append('\n');
        sb.append("Flags: ").append(p.flags().isEmpty() ? "none" : p.flags().toString()).append('\n');
        if (!previousFlags.isEmpty()) {
            sb.append("Previous flags: ").append(previousFlags).append('\n');
        }
        sb.append("\nWindow: ").append(p.recent().label()).append(" forecasts (").append(t.count())
                .append(" resolved, ").append(t.quantileCount()).append(" with quantiles)\n");
        sb.append(String.format(Locale.ROOT, "- Interval coverage p10-p90: %s (target 80%%, band %s-%s)\n",
                percent(t.intervalCoverage()), percent(c.lowerCoverage()), percent(c.upperCoverage())));
        sb.append(String.format(Locale.ROOT, "- Below p10 / p50 / p90: %s / %s / %s (targets 10%% / 50%% / 90%%)\n",
                percent(t.coverageP10()), percent(t.coverageP50()), percent(t.coverageP90())));
        sb.append("- MAE: ").append(number(t.mae()));
        if (p.baseline() != null && !Double.isNaN(p.baseline().mae())) {
            sb.append(" (baseline ").append(number(p.baseline().mae())).append(", ratio ")
                    .append(number(p.maeRatio())).append(')');
        }
        sb.append('\n');
        sb.append("- MAPE: ").append(percent(t.mape()));
        if (p.baseline() != null && !Double.isNaN(p.baseline().mape())) {
            sb.append(" (baseline ").append(percent(p.baseline().mape())).append(", ratio ")
                    .append(number(p.mapeRatio())).append(')');
        }
        sb.append('\n');
        List<HorizonCoverage> hs = p.recent().byHorizon();
        for (int i = 0; i < hs.size(); i++) {
            HorizonCoverage h = hs.get(i);
            if (h.count() > 0) {
                sb.append("- Horizon ").append(horizonLabel(c, i)).append(": ").append(percent(h.coverage()))
                        .append(" of ").append(h.count()).append('\n');
            }
        }
        if (t.spendCount() > 0) {
            sb.append(String.format(Locale.ROOT, "- ROAS forecast %s, actual %s, delta %s\n",
                    number(t.forecastRoas()), number(t.actualRoas()), number(t.roasDelta())));
        }
        sb.append("\nRecommendation:\n");
        for (String r : p.recommendations()) {
            sb.append("- ").append(r).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /**
     * A horizon bucket's label: {@code <= PT1H}, or {@code > PT168H} for the open bucket.
     *
     * @param config the config the buckets come from
     * @param bucket the bucket index
     * @return the label
     */
    public static String horizonLabel(ForecastConfig config, int bucket) {
        Duration edge = config.horizonEdge(bucket);
        if (edge != null) {
            return "<= " + edge;
        }
        return bucket == 0 ? "any" : "> " + config.horizonEdge(bucket - 1);
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String number(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
    }
}

package dev.modelmonitor.core.forecast;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastFlag;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.ForecastPeriod;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.ForecastWindow;
import dev.modelmonitor.api.HorizonCoverage;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.core.ModelMonitor;

import java.time.LocalDate;
import java.util.List;

/**
 * The forecast section of a weekly report for one key: this week against last week and against the
 * baseline (coverage per quantile, interval coverage, MAE, MAPE, coverage by horizon, ROAS), with the flags
 * the week's figures raise under the monitor's {@link ForecastConfig} and the recommended actions in plain
 * words. Self-contained so a weekly report can embed it: {@link #toJson()} gives its JSON object and
 * {@link ForecastWeeklyMarkdown#render} its Markdown.
 *
 * <p>A week is seven whole UTC days from {@code weekStart}, summed from the key's daily history
 * ({@link ModelMonitor#forecastHistory}); the flags are judged on the week's sums as on the count window
 * (same thresholds and minimum sample). A week without resolutions has an empty tally (NaN figures), no
 * flags and the "no action" recommendation. Immutable.
 *
 * @param key             the key
 * @param weekStart       the first day of the week
 * @param thisWeek        the week's figures
 * @param lastWeek        the figures of the seven days before
 * @param baseline        the key's forecast baseline, or null
 * @param flags           the flags the week's figures raise
 * @param recommendations one action per flag, or the "no action" line
 * @param config          the rules applied
 */
public record ForecastWeeklySection(ModelKey key, LocalDate weekStart, ForecastPeriod thisWeek,
                                    ForecastPeriod lastWeek, ForecastBaseline baseline, List<ForecastFlag> flags,
                                    List<String> recommendations, ForecastConfig config) {

    /** The version of {@link #toJson()}'s field names. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a required reference is null
     */
    public ForecastWeeklySection {
        if (key == null || weekStart == null || thisWeek == null || lastWeek == null || flags == null
                || recommendations == null || config == null) {
            throw new IllegalArgumentException("key, weekStart, thisWeek, lastWeek, flags, recommendations and "
                    + "config must not be null");
        }
        flags = List.copyOf(flags);
        recommendations = List.copyOf(recommendations);
    }

    /**
     * Computes the section from a monitor's daily history. Closes a finished day first (see
     * {@link ModelMonitor#forecastHistory}). Cost: O(days retained in the two weeks).
     *
     * @param monitor   the monitor, not null
     * @param key       the key, not null
     * @param weekStart the first day of the week, not null
     * @return the section
     */
    public static ForecastWeeklySection of(ModelMonitor monitor, ModelKey key, LocalDate weekStart) {
        if (monitor == null) {
            throw new IllegalArgumentException("monitor must not be null");
        }
        if (weekStart == null) {
            throw new IllegalArgumentException("weekStart must not be null");
        }
        ForecastPeriod week = monitor.forecastPerformance(key, weekStart, weekStart.plusDays(7));
        ForecastPeriod before = monitor.forecastPerformance(key, weekStart.minusDays(7), weekStart);
        return of(week, before, monitor.forecastBaseline(key).orElse(null), monitor.forecastConfig());
    }

    /**
     * Builds the section from two periods of one key.
     *
     * @param thisWeek the week
     * @param lastWeek the week before
     * @param baseline the baseline, or null
     * @param config   the rules
     * @return the section
     */
    public static ForecastWeeklySection of(ForecastPeriod thisWeek, ForecastPeriod lastWeek,
                                           ForecastBaseline baseline, ForecastConfig config) {
        List<HorizonCoverage> buckets = thisWeek.byHorizon();
        if (buckets.isEmpty()) {
            buckets = ForecastAccumulator.emptyHorizons(config);
        }
        ForecastWindow w = new ForecastWindow(ForecastWindow.Span.DAYS, 7, thisWeek.tally(), buckets);
        ForecastPerformance p = ForecastEvaluator.evaluate(thisWeek.key(), config, baseline, thisWeek.tally().count(),
                w, w, w, 0L);
        return new ForecastWeeklySection(thisWeek.key(), thisWeek.from(), thisWeek, lastWeek, baseline, p.flags(),
                p.recommendations(), config);
    }

    /** @return the Markdown of this section; see {@link ForecastWeeklyMarkdown} */
    public String toMarkdown() {
        return ForecastWeeklyMarkdown.render(this);
    }

    /**
     * The section as a JSON object with explicit snake_case field names ({@code schema_version}
     * {@value #SCHEMA_VERSION}); NaN figures are null.
     *
     * <pre>
     * { "schema_version": 1, "model": "demand", "segment": "eu", "week_start": "2026-03-02",
     *   "this_week": { period }, "last_week": { period },
     *   "baseline": { "mae": 3.0, "mape": 0.04 } | null,
     *   "flags": ["INTERVAL_UNDER_COVERED"], "recommendations": ["..."] }
     * period: { "from", "to_exclusive", "days", "count", "quantile_count", "coverage_p10", "coverage_p50",
     *           "coverage_p90", "interval_coverage", "mae", "mape", "mape_count", "spend_count",
     *           "forecast_roas", "actual_roas", "roas_delta",
     *           "by_horizon": [ { "up_to": "PT1H" | null, "count", "inside", "coverage" } ] }
     * </pre>
     *
     * @return a new JSON object
     */
    public ObjectNode toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("schema_version", SCHEMA_VERSION);
        o.put("model", key.model());
        o.put("segment", key.segment());
        o.put("week_start", weekStart.toString());
        o.set("this_week", period(thisWeek));
        o.set("last_week", period(lastWeek));
        if (baseline == null) {
            o.putNull("baseline");
        } else {
            ObjectNode b = o.putObject("baseline");
            ForecastTrends.number(b, "mae", baseline.mae());
            ForecastTrends.number(b, "mape", baseline.mape());
        }
        ArrayNode f = o.putArray("flags");
        for (ForecastFlag flag : flags) {
            f.add(flag.name());
        }
        ArrayNode r = o.putArray("recommendations");
        for (String s : recommendations) {
            r.add(s);
        }
        return o;
    }

    private static ObjectNode period(ForecastPeriod p) {
        ForecastTally t = p.tally();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("from", p.from().toString());
        o.put("to_exclusive", p.toExclusive().toString());
        o.put("days", p.days());
        o.put("count", t.count());
        o.put("quantile_count", t.quantileCount());
        ForecastTrends.number(o, "coverage_p10", t.coverageP10());
        ForecastTrends.number(o, "coverage_p50", t.coverageP50());
        ForecastTrends.number(o, "coverage_p90", t.coverageP90());
        ForecastTrends.number(o, "interval_coverage", t.intervalCoverage());
        ForecastTrends.number(o, "mae", t.mae());
        ForecastTrends.number(o, "mape", t.mape());
        o.put("mape_count", t.pctCount());
        o.put("spend_count", t.spendCount());
        ForecastTrends.number(o, "forecast_roas", t.forecastRoas());
        ForecastTrends.number(o, "actual_roas", t.actualRoas());
        ForecastTrends.number(o, "roas_delta", t.roasDelta());
        ArrayNode h = o.putArray("by_horizon");
        for (HorizonCoverage c : p.byHorizon()) {
            ObjectNode b = h.addObject();
            if (c.upTo() == null) {
                b.putNull("up_to");
            } else {
                b.put("up_to", c.upTo().toString());
            }
            b.put("count", c.count());
            b.put("inside", c.inside());
            ForecastTrends.number(b, "coverage", c.coverage());
        }
        return o;
    }
}

package dev.modelmonitor.core.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastFlag;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weekly forecast section, field by field. Last week (2026-03-02..08): 10 forecasts a day at
 * p10/p50/p90 = 90/100/110, 8 with actual 100 and 2 with actual 120. This week (2026-03-09..15): 5 with
 * actual 100 and 5 with actual 130, each with a spend of 10 on a forecast of 100. Baseline MAE 5.
 */
class ForecastWeeklySectionTest {

    private static final ModelKey KEY = ModelKey.of("demand", "eu");
    private static final LocalDate WEEK = LocalDate.of(2026, 3, 9);
    private static final Quantiles Q = new Quantiles(90, 100, 110);

    private static ForecastWeeklySection section() {
        MutableClock clock = MutableClock.of(Instant.parse("2026-03-02T08:00:00Z"));
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).build()) {
            m.setForecastBaseline(KEY, ForecastBaseline.ofMae(5.0));
            for (int day = 0; day < 14; day++) {
                boolean thisWeek = day >= 7;
                for (int i = 0; i < 10; i++) {
                    Prediction.Forecast f = Prediction.forecast(100, Q, Duration.ofHours(1));
                    double actual;
                    if (thisWeek) {
                        f = f.withSpend(10.0);
                        actual = i < 5 ? 100 : 130;
                    } else {
                        actual = i < 8 ? 100 : 120;
                    }
                    long id = m.log(KEY, f);
                    assertTrue(m.resolve(id, Outcome.value(actual)));
                    clock.advance(Duration.ofMinutes(30));
                }
                clock.advance(Duration.ofHours(19));
            }
            return ForecastWeeklySection.of(m, KEY, WEEK);
        }
    }

    @Test
    void periodsAreTheTwoWeeksSummedFromTheDailyHistory() {
        ForecastWeeklySection s = section();
        assertEquals(KEY, s.key());
        assertEquals(WEEK, s.weekStart());
        assertEquals(WEEK, s.thisWeek().from());
        assertEquals(LocalDate.of(2026, 3, 16), s.thisWeek().toExclusive());
        assertEquals(LocalDate.of(2026, 3, 2), s.lastWeek().from());
        assertEquals(7, s.thisWeek().days());
        assertEquals(7, s.lastWeek().days());

        ForecastTally w = s.thisWeek().tally();
        assertEquals(70, w.count());
        assertEquals(0.5, w.intervalCoverage());
        assertEquals(0.0, w.coverageP10());
        assertEquals(0.5, w.coverageP50());
        assertEquals(0.5, w.coverageP90());
        assertEquals(15.0, w.mae(), 1e-12);
        assertEquals(0.5 * 30.0 / 130.0, w.mape(), 1e-12);
        assertEquals(10.0, w.forecastRoas(), 1e-12);
        assertEquals(11.5, w.actualRoas(), 1e-12);
        assertEquals(1.5, w.roasDelta(), 1e-12);
        assertEquals(70, s.thisWeek().byHorizon().get(0).count());
        assertEquals(35, s.thisWeek().byHorizon().get(0).inside());

        ForecastTally l = s.lastWeek().tally();
        assertEquals(70, l.count());
        assertEquals(0.8, l.intervalCoverage(), 1e-12);
        assertEquals(0.0, l.coverageP10());
        assertEquals(0.8, l.coverageP50(), 1e-12);
        assertEquals(0.8, l.coverageP90(), 1e-12);
        assertEquals(4.0, l.mae(), 1e-12);
        assertEquals(0.2 * 20.0 / 120.0, l.mape(), 1e-12);
        assertEquals(0, l.spendCount());
        assertTrue(Double.isNaN(l.forecastRoas()));

        assertEquals(ForecastBaseline.ofMae(5.0), s.baseline());
        assertEquals(List.of(ForecastFlag.INTERVAL_UNDER_COVERED, ForecastFlag.PERFORMANCE_DEGRADED), s.flags());
        assertEquals(2, s.recommendations().size());
        assertTrue(s.recommendations().get(1).startsWith("Forecast error has worsened: MAE 15.00 is 3.00x its "
                + "baseline 5.000. Retrain the model now"), s.recommendations().get(1));
    }

    @Test
    void markdownShowsEachFigureThisWeekLastWeekChangeAndBaseline() {
        String md = section().toMarkdown();
        String expected = String.join("\n",
                "### Forecasts: demand/eu, week of 2026-03-09",
                "",
                "| metric | this week | last week | change | baseline |",
                "|---|---|---|---|---|",
                "| resolved forecasts | 70 | 70 | 0 |  |",
                "| interval coverage p10-p90 (target 80%) | 50.0% | 80.0% | -30.0 pts |  |",
                "| at or below p10 (target 10%) | 0.0% | 0.0% | +0.0 pts |  |",
                "| at or below p50 (target 50%) | 50.0% | 80.0% | -30.0 pts |  |",
                "| at or below p90 (target 90%) | 50.0% | 80.0% | -30.0 pts |  |",
                "| MAE | 15.00 | 4.000 | +275.0% | 5.000 |",
                "| MAPE | 11.5% | 3.3% | +8.2 pts | n/a |",
                "| forecast ROAS | 10.00 | n/a | n/a |  |",
                "| actual ROAS | 11.50 | n/a | n/a |  |",
                "| ROAS delta (actual - forecast) | 1.500 | n/a | n/a |  |",
                "",
                "| horizon | forecasts | interval coverage | last week |",
                "|---|---|---|---|",
                "| <= PT1H | 70 | 50.0% | 80.0% |",
                "| <= PT24H | 0 | n/a | n/a |",
                "| <= PT168H | 0 | n/a | n/a |",
                "| > PT168H | 0 | n/a | n/a |",
                "",
                "**Flags:** INTERVAL_UNDER_COVERED, PERFORMANCE_DEGRADED",
                "",
                "**Recommended actions:**",
                "",
                "- Prediction intervals are too narrow: only 50.0% of actuals fell inside p10-p90 (target 80%, "
                        + "warning below 70.0%). The model is overconfident: widen the intervals (recalibrate the "
                        + "quantiles) and size decisions as if uncertainty were larger.",
                "- Forecast error has worsened: MAE 15.00 is 3.00x its baseline 5.000. Retrain the model now and "
                        + "treat plans built on these forecasts with caution.",
                "");
        assertEquals(expected, md);
    }

    @Test
    void jsonHasVersionedSnakeCaseFields() {
        ObjectNode j = section().toJson();
        assertEquals(1, j.get("schema_version").asInt());
        assertEquals("demand", j.get("model").asText());
        assertEquals("eu", j.get("segment").asText());
        assertEquals("2026-03-09", j.get("week_start").asText());
        JsonNode w = j.get("this_week");
        assertEquals("2026-03-09", w.get("from").asText());
        assertEquals("2026-03-16", w.get("to_exclusive").asText());
        assertEquals(7, w.get("days").asInt());
        assertEquals(70, w.get("count").asInt());
        assertEquals(70, w.get("quantile_count").asInt());
        assertEquals(0.0, w.get("coverage_p10").asDouble());
        assertEquals(0.5, w.get("coverage_p50").asDouble());
        assertEquals(0.5, w.get("coverage_p90").asDouble());
        assertEquals(0.5, w.get("interval_coverage").asDouble());
        assertEquals(15.0, w.get("mae").asDouble(), 1e-12);
        assertEquals(0.5 * 30.0 / 130.0, w.get("mape").asDouble(), 1e-12);
        assertEquals(70, w.get("mape_count").asInt());
        assertEquals(70, w.get("spend_count").asInt());
        assertEquals(10.0, w.get("forecast_roas").asDouble(), 1e-12);
        assertEquals(11.5, w.get("actual_roas").asDouble(), 1e-12);
        assertEquals(1.5, w.get("roas_delta").asDouble(), 1e-12);
        JsonNode h = w.get("by_horizon");
        assertEquals(4, h.size());
        assertEquals("PT1H", h.get(0).get("up_to").asText());
        assertEquals(70, h.get(0).get("count").asInt());
        assertEquals(35, h.get(0).get("inside").asInt());
        assertEquals(0.5, h.get(0).get("coverage").asDouble());
        assertTrue(h.get(3).get("up_to").isNull());
        assertTrue(h.get(3).get("coverage").isNull());
        JsonNode l = j.get("last_week");
        assertTrue(l.get("forecast_roas").isNull());
        assertEquals(4.0, l.get("mae").asDouble(), 1e-12);
        assertEquals(5.0, j.get("baseline").get("mae").asDouble());
        assertTrue(j.get("baseline").get("mape").isNull());
        assertEquals("INTERVAL_UNDER_COVERED", j.get("flags").get(0).asText());
        assertEquals("PERFORMANCE_DEGRADED", j.get("flags").get(1).asText());
        assertEquals(2, j.get("recommendations").size());
    }

    @Test
    void anEmptyWeekSaysSoWithoutFlags() {
        MutableClock clock = MutableClock.of(Instant.parse("2026-03-20T08:00:00Z"));
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).build()) {
            ForecastWeeklySection s = ForecastWeeklySection.of(m, KEY, WEEK);
            assertEquals(0, s.thisWeek().days());
            assertEquals(List.of(), s.flags());
            assertEquals(List.of(ForecastEvaluator.NO_ACTION), s.recommendations());
            assertTrue(s.baseline() == null);
            String md = s.toMarkdown();
            assertTrue(md.contains("| interval coverage p10-p90 (target 80%) | n/a | n/a | n/a |  |"), md);
            assertTrue(md.contains("**Flags:** none"), md);
            assertTrue(s.toJson().get("baseline").isNull());
            assertTrue(s.toJson().get("this_week").get("mae").isNull());
        }
    }
}

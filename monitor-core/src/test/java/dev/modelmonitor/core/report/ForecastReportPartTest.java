package dev.modelmonitor.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastFlag;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.forecast.ForecastWeeklyMarkdown;
import dev.modelmonitor.core.forecast.ForecastWeeklySection;
import dev.modelmonitor.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forecast part of the weekly report: a section for each key with forecasts, with this week against last
 * week and the baseline, checked field by field in the JSON and the Markdown, and none for a key without.
 */
class ForecastReportPartTest {

    static final ModelKey SEARCH = ModelKey.of("revenue", "search");
    static final ModelKey BTC = ModelKey.of("lstm", "BTC/USDT");
    static final LocalDate WEEK_START = LocalDate.of(2026, 3, 2);   // a Monday
    static final ObjectMapper JSON = new ObjectMapper();

    /** n forecasts of 100, p10-p90 [90, 110], spend 20, actual 100 + miss, horizon 1 h. */
    static void forecasts(ModelMonitor m, int n, double miss) {
        for (int i = 0; i < n; i++) {
            long id = m.log(SEARCH, new Prediction.Forecast(100.0, new Quantiles(90.0, 100.0, 110.0),
                    Duration.ofHours(1)).withSpend(20.0));
            m.resolve(id, Outcome.value(100.0 + miss));
        }
    }

    @Test
    void aKeyWithForecastsGetsTheWeeksFiguresFieldByField(@TempDir Path dir) throws Exception {
        MutableClock clock = MutableClock.of(Instant.parse("2026-02-23T12:00:00Z"));
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).build()) {
            m.setForecastBaseline(SEARCH, ForecastBaseline.of(4.0, 0.04));
            forecasts(m, 40, 2.0);           // last week: 40 inside, |error| 2
            clock.advance(Duration.ofDays(7));
            forecasts(m, 30, 5.0);           // this week: 30 inside, |error| 5
            forecasts(m, 30, 20.0);          //            30 outside above p90, |error| 20
            clock.advance(Duration.ofDays(7));
            m.checkAll();

            WeeklyReport report = m.weeklyReport(WEEK_START.plusDays(6));
            assertEquals(1, report.keys().size());
            KeyReport k = report.keys().get(0);
            assertEquals(SEARCH, k.key());
            ForecastSection section = k.section(ForecastSection.class);
            ForecastWeeklySection f = section.forecasts();
            assertEquals(ForecastWeeklySection.of(m, SEARCH, WEEK_START), f);
            assertEquals(60, f.thisWeek().tally().count());
            assertEquals(40, f.lastWeek().tally().count());
            assertEquals(List.of(ForecastFlag.INTERVAL_UNDER_COVERED, ForecastFlag.PERFORMANCE_DEGRADED), f.flags());

            JsonNode json = JSON.readTree(report.toJson());
            JsonNode s = json.get("keys").get(0).get("sections").get(ForecastSection.NAME);
            assertEquals(ForecastWeeklySection.SCHEMA_VERSION, s.get("schema_version").asInt());
            assertEquals("revenue", s.get("model").asText());
            assertEquals("search", s.get("segment").asText());
            assertEquals("2026-03-02", s.get("week_start").asText());
            JsonNode w = s.get("this_week");
            assertEquals("2026-03-02", w.get("from").asText());
            assertEquals("2026-03-09", w.get("to_exclusive").asText());
            assertEquals(60, w.get("count").asInt());
            assertEquals(60, w.get("quantile_count").asInt());
            assertEquals(0.5, w.get("interval_coverage").asDouble(), 1e-12);
            assertEquals(0.0, w.get("coverage_p10").asDouble(), 1e-12);
            assertEquals(0.0, w.get("coverage_p50").asDouble(), 1e-12);
            assertEquals(0.5, w.get("coverage_p90").asDouble(), 1e-12);
            assertEquals(12.5, w.get("mae").asDouble(), 1e-12);
            assertEquals((30 * 5.0 / 105 + 30 * 20.0 / 120) / 60, w.get("mape").asDouble(), 1e-12);
            assertEquals(60, w.get("spend_count").asInt());
            assertEquals(100.0 / 20.0, w.get("forecast_roas").asDouble(), 1e-12);
            assertEquals((30 * 105.0 + 30 * 120.0) / (60 * 20.0), w.get("actual_roas").asDouble(), 1e-12);
            int byHorizon = 0;
            for (JsonNode h : w.get("by_horizon")) {
                byHorizon += h.get("count").asInt();
            }
            assertEquals(60, byHorizon, "every forecast in one horizon bucket");
            JsonNode l = s.get("last_week");
            assertEquals(40, l.get("count").asInt());
            assertEquals(1.0, l.get("interval_coverage").asDouble(), 1e-12);
            assertEquals(2.0, l.get("mae").asDouble(), 1e-12);
            assertEquals(4.0, s.get("baseline").get("mae").asDouble());
            assertEquals(0.04, s.get("baseline").get("mape").asDouble());
            assertEquals("INTERVAL_UNDER_COVERED", s.get("flags").get(0).asText());
            assertEquals("PERFORMANCE_DEGRADED", s.get("flags").get(1).asText());
            assertEquals(f.recommendations().size(), s.get("recommendations").size());
            assertEquals(f.recommendations().get(0), s.get("recommendations").get(0).asText());
            assertEquals(JSON.readTree(f.toJson().toString()), s,
                    "the section's object is the forecast section's JSON");

            String md = report.toMarkdown();
            assertTrue(md.contains("### forecasts\n\n| key | forecasts | interval coverage | MAE | MAPE | flags |\n"),
                    md);
            String mape = String.format(java.util.Locale.ROOT, "%.1f%%", 100 * f.thisWeek().tally().mape());
            assertEquals("10.7%", mape);
            assertTrue(md.contains("| revenue/search | 60 | 50.0% | 12.50 | 10.7% | INTERVAL_UNDER_COVERED, "
                    + "PERFORMANCE_DEGRADED |\n"), md);
            assertTrue(md.contains("## revenue/search\n\n### Forecasts\n\n| metric | this week | last week | change | "
                    + "baseline |\n"), md);
            assertTrue(md.contains("| interval coverage p10-p90 (target 80%) | 50.0% | 100.0% | -50.0 pts |  |\n"), md);
            assertTrue(md.contains("| MAE | 12.50 | 2.000 | +525.0% | 4.000 |\n"), md);
            assertFalse(md.contains("### " + ForecastWeeklyMarkdown.heading(f)), "one heading, the report's");
            StringBuilder body = new StringBuilder();
            ForecastWeeklyMarkdown.appendBody(f, body);
            assertTrue(md.contains(body), "the body is the forecast section's Markdown");
            assertEquals("### " + ForecastWeeklyMarkdown.heading(f) + "\n\n" + body, f.toMarkdown());

            List<Path> files = report.write(dir);
            assertTrue(Files.readString(files.get(1)).contains("\"forecasts\""));
        }
    }

    @Test
    void aKeyWithoutForecastsGetsNoForecastSection() {
        MutableClock clock = MutableClock.of(Instant.parse("2026-03-02T12:00:00Z"));
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).build()) {
            for (int i = 0; i < 20; i++) {
                long id = m.log(BTC, Prediction.up(0.7, 100.0, Duration.ofHours(1)));
                m.resolve(id, Outcome.exitPrice(i % 2 == 0 ? 101.0 : 99.0));
            }
            clock.advance(Duration.ofDays(7));
            m.checkAll();
            WeeklyReport report = m.weeklyReport(WEEK_START.plusDays(6));
            assertEquals(1, report.keys().size());
            assertNull(report.keys().get(0).section(ForecastSection.class));
            assertTrue(report.keys().get(0).section(CalibrationSection.class) != null);
        }
    }

    @Test
    void aForecastBaselineAloneIsEnoughForAnEmptySection() {
        MutableClock clock = MutableClock.of(Instant.parse("2026-03-09T12:00:00Z"));
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).build()) {
            m.setForecastBaseline(SEARCH, ForecastBaseline.ofMae(3.0));
            WeeklyReport report = m.weeklyReport(WEEK_START.plusDays(6));
            ForecastSection s = report.keys().get(0).section(ForecastSection.class);
            assertEquals(0, s.forecasts().thisWeek().tally().count());
            assertEquals(List.of(), s.forecasts().flags());
            assertEquals(List.of("revenue/search", "0", "n/a", "n/a", "n/a", "-"), List.of(s.summaryRow()));
        }
    }
}

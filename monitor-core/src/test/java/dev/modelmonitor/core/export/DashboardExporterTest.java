package dev.modelmonitor.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardExporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void calls(ModelMonitor m, ModelKey key, int correct, int total) {
        for (int i = 0; i < total; i++) {
            long id = m.log(key, Prediction.up(0.7, 100.0, Duration.ofMinutes(60)));
            m.resolve(id, Outcome.exitPrice(i < correct ? 101.0 : 99.0));
        }
    }

    @Test
    void writesSummaryTrendsAndOneStatusFilePerKey(@TempDir Path dir) throws Exception {
        MutableClock clock = MutableClock.of(Instant.parse("2026-01-05T09:00:00Z"));
        ModelKey btc = ModelKey.of("lstm_btc", "BTC/USDT");
        ModelKey eth = ModelKey.of("lstm_eth", "ETH/USDT");
        ModelKey sol = ModelKey.of("lstm_sol", "SOL/USDT");
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).build()) {
            m.setBaseline(btc, Baseline.ofAccuracy(0.65));
            m.setBaseline(eth, Baseline.ofAccuracy(0.65));
            calls(m, btc, 26, 50); // critical
            calls(m, eth, 33, 50); // healthy
            calls(m, sol, 5, 10);  // no baseline, too few: unknown
            m.checkAll();
            clock.advance(Duration.ofMinutes(30));
            m.checkAll();

            List<Path> files = m.exportDashboard(dir.resolve("dash"));
            assertEquals(6, files.size());
            JsonNode d = JSON.readTree(dir.resolve("dash/dashboard.json").toFile());
            assertEquals(3, d.get("schema_version").asInt());
            assertEquals("2026-01-05T09:30:00Z", d.get("generated_at").asText());
            JsonNode summary = d.get("summary");
            assertEquals(3, summary.get("total_models").asInt());
            assertEquals(1, summary.get("healthy").asInt());
            assertEquals(0, summary.get("warning").asInt());
            assertEquals(1, summary.get("critical").asInt());
            assertEquals(1, summary.get("unknown").asInt());
            JsonNode first = d.get("models").get(0);
            assertEquals("lstm_btc", first.get("model").asText());
            assertEquals("critical", first.get("health").asText());
            assertEquals("CRITICAL", first.get("drift_level").asText());
            assertEquals(0.52, first.get("current_accuracy").asDouble(), 1e-12);
            assertTrue(first.get("retrain_candidate").asBoolean());
            assertEquals(3, first.get("windows").size());
            assertEquals(0.05, d.get("thresholds").get("warning_drop").asDouble());
            assertEquals(30, d.get("thresholds").get("check_interval_minutes").asInt());
            JsonNode cal = first.get("calibration");
            assertEquals(50, cal.get("count").asInt());
            assertEquals(0.7, cal.get("mean_confidence").asDouble(), 1e-12);
            assertEquals(0.52, cal.get("accuracy").asDouble(), 1e-12);
            assertEquals(0.18, cal.get("ece").asDouble(), 1e-12);
            assertFalse(cal.get("critical").asBoolean());
            assertEquals(0.05, cal.get("threshold").asDouble());
            assertFalse(cal.get("breached").asBoolean());
            JsonNode solStatus = d.get("models").get(2);
            assertTrue(solStatus.get("baseline").isNull());
            assertTrue(solStatus.get("p_value").isNull(), "NaN is written as null");

            JsonNode trends = JSON.readTree(dir.resolve("dash/accuracy_trends.json").toFile()).get("trends");
            assertEquals(3, trends.size());
            JsonNode points = trends.get(0).get("points");
            assertEquals(2, points.size());
            assertEquals(0.52, points.get(0).get("accuracy_short").asDouble(), 1e-12);
            assertEquals("2026-01-05T09:30:00Z", points.get(1).get("timestamp").asText());

            Path status = dir.resolve("dash/lstm_btc_BTC_USDT_status.json");
            assertTrue(Files.exists(status));
            assertEquals("BTC/USDT", JSON.readTree(status.toFile()).get("status").get("segment").asText());
            try (var listing = Files.list(dir.resolve("dash"))) {
                assertFalse(listing.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
            }
        }
    }

    @Test
    void calibrationTrendsPerKeyAndAcrossKeysByDay(@TempDir Path dir) throws Exception {
        MutableClock clock = MutableClock.of(Instant.parse("2026-01-05T09:00:00Z"));
        ModelKey btc = ModelKey.of("lstm_btc", "BTC/USDT");
        ModelKey eth = ModelKey.of("lstm_eth", "ETH/USDT");
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).criticalKey(eth, 0.1).build()) {
            calls(m, btc, 35, 50);   // confidence 0.7, 70% right: ECE 0
            calls(m, eth, 20, 50);   // 40% right: ECE 0.3
            clock.advance(Duration.ofDays(1));
            calls(m, btc, 25, 50);   // 50% right: ECE 0.2
            clock.advance(Duration.ofDays(1));
            m.checkAll();
            m.exportDashboard(dir);
            JsonNode t = JSON.readTree(dir.resolve("calibration_trends.json").toFile());
            assertEquals(3, t.get("schema_version").asInt());
            JsonNode perKey = t.get("per_key");
            assertEquals(2, perKey.size());
            JsonNode b = perKey.get(0);
            assertEquals("lstm_btc", b.get("model").asText());
            assertEquals("CONFIDENCE", b.get("kind").asText());
            assertEquals(2, b.get("points").size());
            assertEquals("2026-01-05", b.get("points").get(0).get("date").asText());
            assertEquals(50, b.get("points").get(0).get("count").asInt());
            assertEquals(0.0, b.get("points").get(0).get("ece").asDouble(), 1e-12);
            assertEquals(0.2, b.get("points").get(1).get("ece").asDouble(), 1e-12);
            assertEquals(0, b.get("coverage_by_day").size(), "no forecasts: no coverage");
            JsonNode across = t.get("across_keys");
            assertEquals(2, across.size());
            assertEquals("2026-01-05", across.get(0).get("date").asText());
            assertEquals(2, across.get(0).get("keys").asInt());
            assertEquals(100, across.get(0).get("count").asInt());
            assertEquals(0.15, across.get(0).get("ece").asDouble(), 1e-12, "pooled: 35+20 of 100 right at 0.7");
            assertEquals(1, across.get(1).get("keys").asInt());
            assertEquals(0, t.get("coverage_by_day").size());
            assertEquals(0, t.get("coverage_per_key").size());
            JsonNode ethStatus = JSON.readTree(dir.resolve("lstm_eth_ETH_USDT_status.json").toFile()).get("status");
            assertTrue(ethStatus.get("calibration").get("critical").asBoolean());
            assertEquals(0.1, ethStatus.get("calibration").get("threshold").asDouble());
        }
    }

    /** n forecasts of 100 with p10-p90 [90, 110] (or no quantiles), actual 100 + miss, horizon 1 h. */
    private static void forecasts(ModelMonitor m, ModelKey key, int n, double miss, boolean quantiles) {
        for (int i = 0; i < n; i++) {
            long id = m.log(key, new Prediction.Forecast(100.0, quantiles ? new Quantiles(90.0, 100.0, 110.0) : null,
                    Duration.ofHours(1)));
            m.resolve(id, Outcome.value(100.0 + miss));
        }
    }

    @Test
    void coverageByDayPerKeyAndAcrossKeysFromTheForecastHistory(@TempDir Path dir) throws Exception {
        MutableClock clock = MutableClock.of(Instant.parse("2026-01-05T09:00:00Z"));
        ModelKey search = ModelKey.of("revenue", "search");
        ModelKey social = ModelKey.of("revenue", "social");
        ModelKey btc = ModelKey.of("lstm_btc", "BTC/USDT");
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).build()) {
            forecasts(m, search, 3, 0.0, true);    // day 1: 3 inside (each actual 100: at or below p50 and p90)
            forecasts(m, search, 1, -15.0, true);  //        1 below p10
            forecasts(m, social, 2, 20.0, true);   //        2 above p90
            forecasts(m, social, 1, 0.0, false);   //        1 without quantiles
            calls(m, btc, 35, 50);                  // calibration history for the per-key series
            clock.advance(Duration.ofDays(1));
            forecasts(m, search, 2, 5.0, true);    // day 2: 2 inside, above p50
            clock.advance(Duration.ofDays(1));
            m.checkAll();
            m.exportDashboard(dir);
            JsonNode t = JSON.readTree(dir.resolve("calibration_trends.json").toFile());
            JsonNode perKey = t.get("coverage_per_key");
            assertEquals(2, perKey.size());
            JsonNode s = perKey.get(0);
            assertEquals("revenue", s.get("model").asText());
            assertEquals("search", s.get("segment").asText());
            assertEquals(2, s.get("points").size());
            JsonNode d1 = s.get("points").get(0);
            assertEquals("2026-01-05", d1.get("date").asText());
            assertEquals(4, d1.get("count").asInt());
            assertEquals(4, d1.get("quantile_count").asInt());
            assertEquals(3, d1.get("inside_interval").asInt());
            assertEquals(0.75, d1.get("interval_coverage").asDouble(), 1e-12);
            assertEquals(0.25, d1.get("coverage_p10").asDouble(), 1e-12);
            assertEquals(1.0, d1.get("coverage_p50").asDouble(), 1e-12);
            assertEquals(1.0, d1.get("coverage_p90").asDouble(), 1e-12);
            JsonNode d2 = s.get("points").get(1);
            assertEquals("2026-01-06", d2.get("date").asText());
            assertEquals(1.0, d2.get("interval_coverage").asDouble(), 1e-12);
            assertEquals(0.0, d2.get("coverage_p50").asDouble(), 1e-12);
            JsonNode o = perKey.get(1);
            assertEquals("social", o.get("segment").asText());
            JsonNode o1 = o.get("points").get(0);
            assertEquals(3, o1.get("count").asInt());
            assertEquals(2, o1.get("quantile_count").asInt());
            assertEquals(0.0, o1.get("interval_coverage").asDouble(), 1e-12);
            assertEquals(0.0, o1.get("coverage_p90").asDouble(), 1e-12);

            JsonNode pooled = t.get("coverage_by_day");
            assertEquals(2, pooled.size());
            assertEquals("2026-01-05", pooled.get(0).get("date").asText());
            assertEquals(2, pooled.get(0).get("keys").asInt());
            assertEquals(7, pooled.get(0).get("count").asInt());
            assertEquals(6, pooled.get(0).get("quantile_count").asInt());
            assertEquals(0.5, pooled.get(0).get("interval_coverage").asDouble(), 1e-12, "3 of 6 inside");
            assertEquals(1, pooled.get(1).get("keys").asInt());

            JsonNode btcSeries = t.get("per_key").get(0);
            assertEquals("lstm_btc", btcSeries.get("model").asText());
            assertEquals(0, btcSeries.get("coverage_by_day").size(), "a key without forecasts has no coverage");
        }
    }

    @Test
    void aDayWithoutQuantilesHasNullCoverage(@TempDir Path dir) throws Exception {
        MutableClock clock = MutableClock.of(Instant.parse("2026-01-05T09:00:00Z"));
        ModelKey key = ModelKey.of("revenue", "email");
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).build()) {
            forecasts(m, key, 2, 1.0, false);
            clock.advance(Duration.ofDays(1));
            m.checkAll();
            m.exportDashboard(dir);
            JsonNode p = JSON.readTree(dir.resolve("calibration_trends.json").toFile()).get("coverage_per_key").get(0)
                    .get("points").get(0);
            assertEquals(2, p.get("count").asInt());
            assertEquals(0, p.get("quantile_count").asInt());
            assertTrue(p.get("interval_coverage").isNull());
            assertTrue(p.get("coverage_p10").isNull());
        }
    }

    @Test
    void collidingFileNamesGetDistinctFiles(@TempDir Path dir) {
        try (ModelMonitor m = ModelMonitor.builder().build()) {
            m.setBaseline(ModelKey.of("m", "A/B"), Baseline.ofAccuracy(0.6));
            m.setBaseline(ModelKey.of("m", "A_B"), Baseline.ofAccuracy(0.6));
            List<Path> files = m.exportDashboard(dir);
            assertEquals(5, files.stream().distinct().count());
        }
    }
}

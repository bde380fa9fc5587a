package dev.modelmonitor.core.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.api.ForecastStateSnapshot;
import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ForecastFlag;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.ForecastPeriod;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.api.Severity;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.store.InMemoryStore;
import dev.modelmonitor.core.testing.FailingAlertSink;
import dev.modelmonitor.core.testing.MutableClock;
import dev.modelmonitor.core.testing.RecordingAlertSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forecast tracker end to end through {@link ModelMonitor}: streams drawn from a known distribution,
 * alerts through the sinks with entry, repeat, escalation and recovery, the daily history in the store,
 * snapshots, the trends file and bad input.
 */
class ForecastMonitorTest {

    private static final ModelKey KEY = ModelKey.of("demand", "eu");
    private static final ModelKey OTHER = ModelKey.of("lstm", "BTC/USDT");
    /** The standard normal's 90% quantile (scipy.stats.norm.ppf(0.9)). */
    private static final double Z90 = 1.2815515655446004;
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final List<Duration> HORIZONS = List.of(Duration.ofMinutes(30), Duration.ofHours(6),
            Duration.ofDays(3), Duration.ofDays(14));

    private final MutableClock clock = MutableClock.of(START);
    private final RecordingAlertSink sink = RecordingAlertSink.create();
    private final InMemoryStore store = InMemoryStore.withDefaults();

    private ModelMonitor monitor() {
        return ModelMonitor.builder().clock(clock).store(store).addSink(sink).build();
    }

    /**
     * Logs and resolves {@code n} forecasts of actual ~ Normal(100, 10) with the median at the true median and
     * p10/p90 at {@code 100 -/+ halfWidthSigmas * 10}, spread evenly over {@code days} days.
     */
    private void normalStream(ModelMonitor m, Random rnd, int n, double halfWidthSigmas, int days) {
        long step = days * 86_400_000L / n;
        for (int i = 0; i < n; i++) {
            Quantiles q = new Quantiles(100 - halfWidthSigmas * 10, 100, 100 + halfWidthSigmas * 10);
            long id = m.log(KEY, new Prediction.Forecast(100, q, HORIZONS.get(i % HORIZONS.size())));
            assertTrue(m.resolve(id, Outcome.value(100 + 10 * rnd.nextGaussian())));
            clock.advanceMillis(step);
        }
    }

    /**
     * Quantiles at the true p10/p50/p90: over 2,000 draws each coverage is within 0.035 of its truth (the
     * interval's standard error is sqrt(0.8 * 0.2 / 2000) = 0.0089, so about 4 standard errors; the quantiles'
     * at most 0.011), and no flag is raised.
     */
    @Test
    void trueQuantilesCoverAtTheirNominalRates() {
        try (ModelMonitor m = monitor()) {
            normalStream(m, new Random(20261124), 2_000, Z90, 20);
            m.checkAll();
            ForecastPerformance p = m.forecastPerformance(KEY);
            ForecastTally t = p.longDays().tally();
            assertEquals(2_000, t.count());
            assertEquals(0.80, t.intervalCoverage(), 0.035);
            assertEquals(0.10, t.coverageP10(), 0.035);
            assertEquals(0.50, t.coverageP50(), 0.035);
            assertEquals(0.90, t.coverageP90(), 0.035);
            // E|X - mu| = sigma * sqrt(2 / pi) = 7.979 for Normal(100, 10)
            assertEquals(7.979, t.mae(), 0.4);
            assertEquals(List.of(), p.flags());
            assertEquals(List.of(), sink.alerts(ForecastAlert.class));
        }
    }

    @Test
    void tooNarrowIntervalsWarnBelowTheBand() {
        try (ModelMonitor m = monitor()) {
            normalStream(m, new Random(7), 300, 0.5, 1); // true coverage 2 * Phi(0.5) - 1 = 0.383
            m.checkAll();
            ForecastAlert a = sink.alerts(ForecastAlert.class).get(0);
            assertEquals(List.of(ForecastFlag.INTERVAL_UNDER_COVERED), a.flags());
            assertEquals(Severity.WARNING, a.severity());
            assertEquals(0.383, a.performance().recent().tally().intervalCoverage(), 0.12);
            assertTrue(a.title().startsWith("Forecast WARNING: demand/eu [INTERVAL_UNDER_COVERED], interval coverage"),
                    a.title());
            assertTrue(a.message().contains("Prediction intervals are too narrow"), a.message());
            assertEquals(List.of(a), store.latest(ForecastAlert.class, KEY, 10));
        }
    }

    @Test
    void tooWideIntervalsWarnAboveTheBand() {
        try (ModelMonitor m = monitor()) {
            normalStream(m, new Random(8), 300, 2.5, 1); // true coverage 0.988
            m.checkAll();
            ForecastAlert a = sink.alerts(ForecastAlert.class).get(0);
            assertEquals(List.of(ForecastFlag.INTERVAL_OVER_COVERED), a.flags());
            assertTrue(a.performance().recent().tally().intervalCoverage() > 0.9);
        }
    }

    @Test
    void alertsOnEntryRepeatAfterTheIntervalEscalateAndRecover() {
        try (ModelMonitor m = monitor()) {
            m.setForecastBaseline(KEY, ForecastBaseline.ofMae(100.0));
            normalStream(m, new Random(1), 200, 0.5, 1);
            m.checkAll();
            assertEquals(1, sink.alerts(ForecastAlert.class).size(), "entry");
            clock.advance(Duration.ofHours(3));
            m.checkAll();
            assertEquals(1, sink.alerts(ForecastAlert.class).size(), "no repeat before 4 hours");
            clock.advance(Duration.ofHours(1));
            m.checkAll();
            assertEquals(2, sink.alerts(ForecastAlert.class).size(), "repeat at 4 hours");
            assertEquals(List.of(), sink.alerts(ForecastAlert.class).get(1).raisedFlags());

            // escalation: errors far past the baseline ratio -> a new flag and CRITICAL, published at once
            m.setForecastBaseline(KEY, ForecastBaseline.ofMae(1.0));
            m.checkAll();
            ForecastAlert escalated = sink.alerts(ForecastAlert.class).get(2);
            assertEquals(Severity.CRITICAL, escalated.severity());
            assertEquals(Severity.WARNING, escalated.previousSeverity());
            assertEquals(List.of(ForecastFlag.PERFORMANCE_DEGRADED), escalated.raisedFlags());
            assertTrue(escalated.performance().performanceDegraded());

            // recovery: a calibrated stream with a fair baseline pushes the bad window out
            m.setForecastBaseline(KEY, ForecastBaseline.ofMae(100.0));
            normalStream(m, new Random(2), 200, Z90, 1);
            m.checkAll();
            ForecastAlert recovery = sink.alerts(ForecastAlert.class).get(3);
            assertTrue(recovery.isRecovery());
            assertEquals(Severity.INFO, recovery.severity());
            assertEquals(List.of(ForecastFlag.INTERVAL_UNDER_COVERED, ForecastFlag.PERFORMANCE_DEGRADED),
                    recovery.clearedFlags());
            assertTrue(recovery.title().startsWith("Forecast quality recovered: demand/eu"), recovery.title());
            m.checkAll();
            assertEquals(4, sink.alerts(ForecastAlert.class).size(), "a recovery is reported once");
            assertEquals(4, store.latest(ForecastAlert.class, KEY, 10).size());
        }
    }

    @Test
    void aFailingSinkDoesNotStopForecastAlerts() {
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).addSink(FailingAlertSink.create()).addSink(sink)
                .build()) {
            normalStream(m, new Random(3), 100, 0.5, 1);
            m.checkAll();
            assertEquals(1, sink.alerts(ForecastAlert.class).size());
            // the intervals also fail as accuracy calls (a drift alert): both reach the failing sink
            assertEquals(sink.size(), m.counters().sinkFailures());
        }
    }

    @Test
    void eachFinishedDayReachesTheStoreOnce() {
        try (ModelMonitor m = monitor()) {
            normalStream(m, new Random(4), 300, Z90, 3); // 100 a day over 3 days
            // days 1 and 2 were closed by the first resolution of the next day; day 3 is still open
            List<ForecastDay> days = store.latest(ForecastDay.class, KEY, 10);
            assertEquals(List.of(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3)),
                    days.stream().map(ForecastDay::day).toList());
            assertEquals(List.of(100L, 100L), days.stream().map(d -> d.tally().count()).toList());
            // the clock stands at midnight after day 3: a check closes the quiet key's last day, once
            m.checkAll();
            clock.advance(Duration.ofHours(1));
            m.checkAll();
            assertEquals(3, store.latest(ForecastDay.class, KEY, 10).size());
            assertEquals(100, store.latest(ForecastDay.class, KEY, 1).get(0).tally().count());

            List<ForecastDay> range = m.forecastHistory(KEY, LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 5));
            assertEquals(List.of(LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 4)),
                    range.stream().map(ForecastDay::day).toList());
            ForecastPeriod all = m.forecastPerformance(KEY, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1));
            assertEquals(3, all.days());
            assertEquals(300, all.tally().count());
            assertEquals(m.forecastPerformance(KEY).longDays().tally().insideInterval(), all.tally().insideInterval());
            ForecastPeriod none = m.forecastPerformance(KEY, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 2));
            assertEquals(0, none.days());
            assertTrue(Double.isNaN(none.tally().mae()));
        }
    }

    @Test
    void historyClosesAFinishedDayWithoutACheck() {
        try (ModelMonitor m = monitor()) {
            normalStream(m, new Random(5), 10, Z90, 0);
            clock.advance(Duration.ofDays(1));
            assertEquals(1, m.forecastHistory(KEY, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3)).size());
            assertEquals(1, m.forecastHistory(KEY, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3)).size());
        }
    }

    @Test
    void keysWithoutForecastsHaveNoForecastState() {
        try (ModelMonitor m = monitor()) {
            long id = m.log(OTHER, Prediction.up(0.7, 100.0, Duration.ofHours(1)));
            m.resolve(id, Outcome.exitPrice(101.0));
            m.checkAll();
            assertTrue(m.forecastSnapshot(OTHER).isEmpty());
            assertTrue(m.forecastBaseline(OTHER).isEmpty());
            ForecastPerformance p = m.forecastPerformance(OTHER);
            assertEquals(0, p.totalResolved());
            assertEquals(List.of(), p.flags());
            assertEquals(0, store.size(ForecastDay.class));
            m.setForecastBaseline(OTHER, ForecastBaseline.ofMae(2.0));
            assertEquals(ForecastBaseline.ofMae(2.0), m.forecastBaseline(OTHER).orElseThrow());
        }
    }

    @Test
    void aSnapshotRestoresIntoAFreshMonitor() {
        ForecastStateSnapshot snap;
        ForecastPerformance before;
        try (ModelMonitor m = monitor()) {
            m.setForecastBaseline(KEY, ForecastBaseline.of(8.0, 0.08));
            normalStream(m, new Random(6), 250, 1.0, 2);
            snap = m.forecastSnapshot(KEY).orElseThrow();
            before = m.forecastPerformance(KEY);
        }
        try (ModelMonitor fresh = ModelMonitor.builder().clock(clock).build()) {
            fresh.restoreForecast(snap);
            assertEquals(before, fresh.forecastPerformance(KEY));
            assertEquals(snap, fresh.forecastSnapshot(KEY).orElseThrow());
        }
        try (ModelMonitor other = ModelMonitor.builder().clock(clock)
                .forecastConfig(ForecastConfig.builder().countWindow(100).build()).build()) {
            assertEquals("snapshot countWindow must equal the config's 100, was 200",
                    assertThrows(IllegalArgumentException.class, () -> other.restoreForecast(snap)).getMessage());
        }
    }

    @Test
    void forecastTrendsFileHasOnePointPerDayWithVersionedFields(@TempDir Path dir) throws IOException {
        try (ModelMonitor m = monitor()) {
            normalStream(m, new Random(9), 200, Z90, 2);
            long id = m.log(OTHER, Prediction.up(0.7, 100.0, Duration.ofHours(1)));
            m.resolve(id, Outcome.exitPrice(101.0));
            Path file = m.exportForecastTrends(dir);
            assertEquals(dir.resolve("forecast_trends.json"), file);
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            assertEquals(1, root.get("schema_version").asInt());
            assertEquals("2026-03-04T00:00:00Z", root.get("generated_at").asText());
            assertEquals(90, root.get("trend_days").asInt());
            assertEquals(1, root.get("trends").size(), "the key without forecasts is left out");
            JsonNode k = root.get("trends").get(0);
            assertEquals("demand", k.get("model").asText());
            assertEquals("eu", k.get("segment").asText());
            JsonNode points = k.get("points");
            assertEquals(2, points.size());
            JsonNode p = points.get(0);
            ForecastDay day = store.latest(ForecastDay.class, KEY, 2).get(0);
            assertEquals("2026-03-02", p.get("day").asText());
            assertEquals(100, p.get("count").asInt());
            assertEquals(100, p.get("quantile_count").asInt());
            assertEquals(day.tally().intervalCoverage(), p.get("interval_coverage").asDouble());
            assertEquals(day.tally().coverageP10(), p.get("coverage_p10").asDouble());
            assertEquals(day.tally().coverageP50(), p.get("coverage_p50").asDouble());
            assertEquals(day.tally().coverageP90(), p.get("coverage_p90").asDouble());
            assertEquals(day.tally().mae(), p.get("mae").asDouble());
            assertEquals(day.tally().mape(), p.get("mape").asDouble());
            assertTrue(p.get("forecast_roas").isNull());
            assertTrue(p.get("actual_roas").isNull());
        }
    }

    @Test
    void roasIsReportedPerSegment() {
        ModelKey us = ModelKey.of("demand", "us");
        try (ModelMonitor m = monitor()) {
            resolve(m, KEY, Prediction.forecast(500.0, Duration.ofDays(1)).withSpend(100.0), 400.0);
            resolve(m, KEY, Prediction.forecast(300.0, Duration.ofDays(1)).withSpend(100.0), 350.0);
            resolve(m, us, Prediction.forecast(900.0, Duration.ofDays(1)).withSpend(300.0), 1200.0);
            ForecastTally eu = m.forecastPerformance(KEY).recent().tally();
            assertEquals(4.0, eu.forecastRoas(), 1e-12);
            assertEquals(3.75, eu.actualRoas(), 1e-12);
            assertEquals(-0.25, eu.roasDelta(), 1e-12);
            ForecastTally usT = m.forecastPerformance(us).recent().tally();
            assertEquals(3.0, usT.forecastRoas(), 1e-12);
            assertEquals(4.0, usT.actualRoas(), 1e-12);
        }
    }

    private static void resolve(ModelMonitor m, ModelKey key, Prediction.Forecast f, double actual) {
        long id = m.log(key, f);
        assertTrue(m.resolve(id, Outcome.value(actual)));
    }

    @Test
    void badInputIsRejectedNamingTheField() {
        try (ModelMonitor m = monitor()) {
            rejects("key must not be null", () -> m.forecastPerformance(null));
            rejects("baseline must not be null", () -> m.setForecastBaseline(KEY, null));
            rejects("from must not be null", () -> m.forecastHistory(KEY, null, LocalDate.of(2026, 1, 1)));
            rejects("toExclusive must be after from (2026-01-02), was 2026-01-02",
                    () -> m.forecastHistory(KEY, LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 2)));
            rejects("snapshot must not be null", () -> m.restoreForecast(null));
            long id = m.log(KEY, Prediction.forecast(10.0, new Quantiles(9, 10, 11), Duration.ofHours(1)));
            rejects("actual must be finite, was NaN", () -> m.resolve(id, Outcome.value(Double.NaN)));
            rejects("outcome must be ActualValue for a Forecast, was ExitPrice",
                    () -> m.resolve(id, Outcome.exitPrice(10.0)));
            assertTrue(m.resolve(id, Outcome.value(10.0)), "the bad resolves left it pending");
            assertEquals(1, m.forecastPerformance(KEY).totalResolved());
        }
        rejects("forecastConfig must not be null", () -> ModelMonitor.builder().forecastConfig(null));
        rejects("spend must be finite and >= 0, was -1.0",
                () -> Prediction.forecast(10.0, Duration.ZERO).withSpend(-1.0));
        rejects("spend must be finite and >= 0, was NaN",
                () -> Prediction.forecast(10.0, Duration.ZERO).withSpend(Double.NaN));
        rejects("spend must be finite and >= 0, was Infinity",
                () -> new Prediction.Forecast(10.0, null, Duration.ZERO, Double.POSITIVE_INFINITY));
        rejects("quantiles must be ordered p10 <= p50 <= p90, was 1.0, 3.0, 2.0", () -> new Quantiles(1, 3, 2));
        rejects("quantiles must not be null", () -> Prediction.forecast(10.0, null, Duration.ZERO));
        assertFalse(new Prediction.Forecast(10.0, null, Duration.ZERO).hasSpend());
        assertNull(Prediction.forecast(10.0, Duration.ZERO).quantiles());
    }

    private static void rejects(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}

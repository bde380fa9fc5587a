package dev.modelmonitor.core.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.HorizonCoverage;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage, MAE, MAPE, horizon coverage and ROAS on a fixed vector against numpy / scikit-learn
 * ({@code reference/forecast_reference.py} wrote {@code forecast_reference.json}), to 1e-12 relative.
 */
class ForecastReferenceTest {

    private static final ModelKey KEY = ModelKey.of("demand", "eu");
    private static final double REL = 1e-12;

    static JsonNode reference() throws IOException {
        try (InputStream in = ForecastReferenceTest.class.getResourceAsStream("/reference/forecast_reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Prediction.Forecast forecast(JsonNode row) {
        Quantiles q = row.get("has_quantiles").asBoolean()
                ? new Quantiles(row.get("p10").asDouble(), row.get("p50").asDouble(), row.get("p90").asDouble())
                : null;
        Prediction.Forecast f = new Prediction.Forecast(row.get("value").asDouble(), q,
                Duration.ofMinutes(row.get("horizon_minutes").asLong()));
        return row.get("spend").isNull() ? f : f.withSpend(row.get("spend").asDouble());
    }

    static void assertRel(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= REL * Math.abs(expected),
                what + ": expected " + expected + " but was " + actual);
    }

    static void assertMatches(JsonNode ref, ForecastTally t, List<HorizonCoverage> byHorizon) {
        assertEquals(ref.get("count").asLong(), t.count());
        assertEquals(ref.get("quantile_count").asLong(), t.quantileCount());
        assertRel(ref.get("coverage_p10").asDouble(), t.coverageP10(), "coverage_p10");
        assertRel(ref.get("coverage_p50").asDouble(), t.coverageP50(), "coverage_p50");
        assertRel(ref.get("coverage_p90").asDouble(), t.coverageP90(), "coverage_p90");
        assertRel(ref.get("interval_coverage").asDouble(), t.intervalCoverage(), "interval_coverage");
        assertRel(ref.get("mae").asDouble(), t.mae(), "mae");
        assertRel(ref.get("mape").asDouble(), t.mape(), "mape");
        assertEquals(ref.get("mape_count").asLong(), t.pctCount());
        assertEquals(2, t.zeroActuals());
        assertRel(ref.get("forecast_roas").asDouble(), t.forecastRoas(), "forecast_roas");
        assertRel(ref.get("actual_roas").asDouble(), t.actualRoas(), "actual_roas");
        JsonNode h = ref.get("by_horizon");
        assertEquals(h.size(), byHorizon.size());
        for (int b = 0; b < h.size(); b++) {
            assertEquals(h.get(b).get("count").asLong(), byHorizon.get(b).count(), "bucket " + b);
            assertEquals(h.get(b).get("inside").asLong(), byHorizon.get(b).inside(), "bucket " + b);
        }
    }

    @Test
    void countWindowMatchesNumpyAndSklearn() throws IOException {
        JsonNode ref = reference();
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.builder().countWindow(100).build());
        long t = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
        for (JsonNode row : ref.get("rows")) {
            a.add(forecast(row), row.get("actual").asDouble(), t);
        }
        assertMatches(ref, a.recentWindow().tally(), a.recentWindow().byHorizon());
        // the same resolutions seen through the day window
        assertMatches(ref, a.dayWindow(7, t).tally(), a.dayWindow(7, t).byHorizon());
    }

    @Test
    void monitorEndToEndMatchesTheReference() throws IOException {
        JsonNode ref = reference();
        MutableClock clock = MutableClock.of(Instant.parse("2026-03-02T10:00:00Z"));
        try (ModelMonitor m = ModelMonitor.builder().clock(clock)
                .forecastConfig(ForecastConfig.builder().countWindow(100).build()).build()) {
            for (JsonNode row : ref.get("rows")) {
                long id = m.log(KEY, forecast(row));
                assertTrue(m.resolve(id, Outcome.value(row.get("actual").asDouble())));
            }
            ForecastPerformance p = m.forecastPerformance(KEY);
            assertMatches(ref, p.recent().tally(), p.recent().byHorizon());
            assertEquals(60, p.totalResolved());
        }
    }
}

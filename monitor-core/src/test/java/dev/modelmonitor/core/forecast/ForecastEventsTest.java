package dev.modelmonitor.core.forecast;

import dev.modelmonitor.api.CoverageEvent;
import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastFlag;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.MonitoringEvent;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.PerformanceDegradedEvent;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.testing.MutableClock;
import dev.modelmonitor.core.testing.RecordingAlertSink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitoring events a forecast alert publishes: {@code model.performance.degraded} per degraded error
 * metric when PERFORMANCE_DEGRADED is raised, and a {@link CoverageEvent} ({@code model.calibration}) when a
 * coverage flag is raised or cleared; none on a repeat, none for flags that are not about coverage.
 */
class ForecastEventsTest {

    static final ModelKey KEY = ModelKey.of("revenue", "search");
    static final ForecastConfig CONFIG = ForecastConfig.builder().countWindow(10).minSamples(4).shortDays(1)
            .longDays(3).degradedRatio(1.5).criticalRatio(3.0).build();

    final MutableClock clock = MutableClock.of(Instant.parse("2026-03-02T09:00:00Z"));
    final List<MonitoringEvent> events = new ArrayList<>();
    final RecordingAlertSink sink = RecordingAlertSink.create();

    ModelMonitor monitor() {
        return ModelMonitor.builder().clock(clock).forecastConfig(CONFIG).addSink(sink).addListener(events::add)
                .alertRepeatInterval(Duration.ofHours(1)).build();
    }

    /** n forecasts of 100 with p10-p90 [90, 110] whose actual is 100 + miss: inside when |miss| < 10. */
    static void resolve(ModelMonitor m, int n, double miss) {
        for (int i = 0; i < n; i++) {
            long id = m.log(KEY, new Prediction.Forecast(100.0, new Quantiles(90.0, 100.0, 110.0),
                    Duration.ofHours(1)));
            assertTrue(m.resolve(id, Outcome.value(100.0 + miss)));
        }
    }

    List<MonitoringEvent> named(String name) {
        List<MonitoringEvent> out = new ArrayList<>();
        for (MonitoringEvent e : events) {
            if (e.name().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void raisingPerformanceDegradedPublishesOneEventPerDegradedMetricWithItsFigures() {
        try (ModelMonitor m = monitor()) {
            m.setForecastBaseline(KEY, ForecastBaseline.of(2.0, 0.02));
            resolve(m, 10, 5.0);             // MAE 5 = 2.5x, MAPE 5/105 = 2.4x; all inside: 1.0
            m.checkAll();
            ForecastAlert alert = (ForecastAlert) sink.alerts().get(0);
            assertEquals(List.of(ForecastFlag.INTERVAL_OVER_COVERED, ForecastFlag.PERFORMANCE_DEGRADED),
                    alert.raisedFlags());
            List<MonitoringEvent> degraded = named(PerformanceDegradedEvent.NAME);
            assertEquals(2, degraded.size(), degraded.toString());
            PerformanceDegradedEvent mae = (PerformanceDegradedEvent) degraded.get(0);
            assertEquals(new PerformanceDegradedEvent(KEY, "mae", 5.0, 2.0, 1.5, clock.millis()), mae);
            assertEquals(2.5, mae.ratio(), 1e-12);
            assertEquals(alert.performance().maeRatio(), mae.ratio());
            PerformanceDegradedEvent mape = (PerformanceDegradedEvent) degraded.get(1);
            assertEquals("mape", mape.metric());
            assertEquals(5.0 / 105.0, mape.current(), 1e-15);  // |100 - 105| / 105
            assertEquals(0.02, mape.baseline());
            assertEquals(alert.performance().mapeRatio(), mape.ratio());

            clock.advance(Duration.ofHours(2));   // the alert repeats: no new event
            m.checkAll();
            assertEquals(2, sink.alerts().size(), "the alert repeated");
            assertEquals(2, named(PerformanceDegradedEvent.NAME).size(), "a repeat publishes no event");
        }
    }

    @Test
    void onlyTheMetricPastItsRatioIsPublished() {
        try (ModelMonitor m = monitor()) {
            m.setForecastBaseline(KEY, ForecastBaseline.of(2.0, 0.1)); // MAE 2.5x, MAPE 0.5x
            resolve(m, 10, 5.0);
            m.checkAll();
            List<MonitoringEvent> degraded = named(PerformanceDegradedEvent.NAME);
            assertEquals(1, degraded.size());
            assertEquals("mae", ((PerformanceDegradedEvent) degraded.get(0)).metric());
        }
    }

    @Test
    void coverageFlagsRaisedAndClearedPublishACoverageEventUnderTheCalibrationName() {
        try (ModelMonitor m = monitor()) {
            resolve(m, 10, 25.0);            // every actual outside p10-p90: under-covered
            m.checkAll();
            List<MonitoringEvent> coverage = named(CoverageEvent.NAME);
            assertEquals(1, coverage.size());
            CoverageEvent raised = (CoverageEvent) coverage.get(0);
            assertEquals(List.of(ForecastFlag.INTERVAL_UNDER_COVERED), raised.raised());
            assertEquals(List.of(), raised.cleared());
            assertEquals(0.0, raised.intervalCoverage());
            assertArrayEquals(new double[] {0.0, 0.0, 0.0}, raised.quantileCoverage(), "every actual above p90");
            assertEquals(10, raised.count());
            assertEquals(CONFIG.lowerCoverage(), raised.lowerCoverage());
            assertEquals(CONFIG.upperCoverage(), raised.upperCoverage());
            assertEquals(KEY, raised.key());
            assertEquals(clock.millis(), raised.timestampMillis());
            assertEquals(List.of(), named(PerformanceDegradedEvent.NAME), "no baseline: no degraded event");

            clock.advance(Duration.ofHours(2));
            resolve(m, 3, 0.0);              // 3 of 10 inside: 0.3, still under-covered: a repeat, no event
            m.checkAll();
            assertEquals(1, named(CoverageEvent.NAME).size());
            resolve(m, 2, 25.0);
            resolve(m, 8, 0.0);              // the last 10: 2 outside, 8 inside: 0.8, back in [0.7, 0.9]
            m.checkAll();
            List<MonitoringEvent> after = named(CoverageEvent.NAME);
            assertEquals(2, after.size(), after.toString());
            CoverageEvent cleared = (CoverageEvent) after.get(1);
            assertEquals(List.of(), cleared.raised());
            assertEquals(List.of(ForecastFlag.INTERVAL_UNDER_COVERED), cleared.cleared());
            assertEquals(0.8, cleared.intervalCoverage(), 1e-12);
            assertTrue(((ForecastAlert) sink.alerts().get(sink.alerts().size() - 1)).isRecovery());
        }
    }
}

package dev.modelmonitor.core;

import dev.modelmonitor.api.Alert;
import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.CalibrationSummary;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.Health;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.ModelStatus;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.Severity;
import dev.modelmonitor.api.Verdict;
import dev.modelmonitor.api.WindowAccuracy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.modelmonitor.core.Fixtures.BTC;
import static dev.modelmonitor.core.Fixtures.ETH;
import static dev.modelmonitor.core.Fixtures.HOUR;
import static dev.modelmonitor.core.Fixtures.call;
import static dev.modelmonitor.core.Fixtures.calls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelMonitorTest {

    private final Fixtures.Manual clock = new Fixtures.Manual();
    private final Fixtures.Collecting sink = new Fixtures.Collecting();

    private ModelMonitor monitor() {
        return ModelMonitor.builder().clock(clock).addSink(sink).build();
    }

    @Test
    void seedExampleBaseline65Accuracy52Over50IsCritical() {
        try (ModelMonitor m = monitor()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.65));
            calls(m, BTC, 26, 50);
            DriftReport r = m.detectDrift(BTC);
            assertEquals(DriftLevel.CRITICAL, r.level());
            assertEquals(0.52, r.currentAccuracy(), 1e-12);
            assertEquals(0.13, r.drop(), 1e-12);
            assertEquals(50, r.verdictWindow());
            // statsmodels proportions_ztest(26, 50, 0.65, alternative='smaller', prop_var=0.65)
            assertEquals(-1.927248223318863, r.zStatistic(), 1e-12);
            assertEquals(0.026974351402524948, r.pValue(), 1e-12);
            assertTrue(r.significant());
            assertEquals("Model accuracy dropped 13.0% from baseline. Schedule immediate retraining and reduce "
                    + "position sizes by 50%.", r.recommendation());
        }
    }

    @Test
    void levelsAtEachBoundaryOverTheShortWindow() {
        // baseline 0.65; 50 predictions: 33 -> 0.66, 30 -> 0.60 (drop 0.05), 28 -> 0.56, 27 -> 0.54,
        // 25 -> 0.50 (not below random), 24 -> 0.48 (below random)
        int[] correct = {33, 31, 30, 28, 27, 25, 24};
        DriftLevel[] expected = {DriftLevel.HEALTHY, DriftLevel.HEALTHY, DriftLevel.WARNING, DriftLevel.WARNING,
            DriftLevel.CRITICAL, DriftLevel.CRITICAL, DriftLevel.RETRAIN};
        for (int i = 0; i < correct.length; i++) {
            try (ModelMonitor m = monitor()) {
                m.setBaseline(BTC, Baseline.ofAccuracy(0.65));
                calls(m, BTC, correct[i], 50);
                assertEquals(expected[i], m.detectDrift(BTC).level(), "correct=" + correct[i]);
            }
        }
    }

    @Test
    void recommendationTextPerLevel() {
        try (ModelMonitor m = monitor()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.65));
            calls(m, BTC, 30, 50);
            assertEquals("Model accuracy dropped 5.0% from baseline. Monitor closely and prepare retraining.",
                    m.detectDrift(BTC).recommendation());
        }
        try (ModelMonitor m = monitor()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.65));
            calls(m, BTC, 20, 50);
            assertEquals("Model accuracy 40.0% is below random (50.0%). STOP trading this model and retrain "
                    + "immediately.", m.detectDrift(BTC).recommendation());
        }
    }

    @Test
    void noVerdictBelowMinPredictions() {
        try (ModelMonitor m = monitor()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.65));
            calls(m, BTC, 0, 49);
            DriftReport r = m.detectDrift(BTC);
            assertEquals(DriftLevel.INSUFFICIENT_DATA, r.level());
            assertEquals(0, r.verdictWindow());
            assertEquals("Insufficient data: 49 of 50 resolved predictions needed before a verdict.",
                    r.recommendation());
            assertEquals(Health.UNKNOWN, m.status(BTC).health());
            assertTrue(m.status(BTC).health().isRetrainCandidate());
            call(m, BTC, false);
            assertEquals(DriftLevel.RETRAIN, m.detectDrift(BTC).level());
        }
    }

    @Test
    void unknownKeyHasNoVerdictAndUnknownHealth() {
        try (ModelMonitor m = monitor()) {
            ModelStatus s = m.status(ETH);
            assertEquals(Health.UNKNOWN, s.health());
            assertEquals(DriftLevel.INSUFFICIENT_DATA, s.level());
            assertEquals(0, s.logged());
            assertTrue(m.keys().isEmpty(), "a query must not create a key");
        }
    }

    @Test
    void withoutBaselineOnlyRetrainIsPossibleAndHealthIsUnknown() {
        try (ModelMonitor m = monitor()) {
            calls(m, BTC, 30, 50);
            DriftReport r = m.detectDrift(BTC);
            assertEquals(DriftLevel.HEALTHY, r.level());
            assertTrue(Double.isNaN(r.drop()));
            assertTrue(Double.isNaN(r.pValue()));
            assertFalse(r.significant());
            assertEquals(Health.UNKNOWN, m.status(BTC).health());
            calls(m, BTC, 10, 50);
            assertEquals(Health.CRITICAL, m.status(BTC).health());
        }
    }

    @Test
    void windowsCountTheLastNAndTheGravestWindowGivesTheVerdict() {
        try (ModelMonitor m = monitor()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.70));
            // 150 wrong-heavy then 100 good: long window carries the bad stretch
            for (int i = 0; i < 150; i++) {
                call(m, BTC, i % 10 < 4); // 0.40
            }
            for (int i = 0; i < 100; i++) {
                call(m, BTC, i % 10 < 7); // 0.70
            }
            DriftReport r = m.detectDrift(BTC);
            List<WindowAccuracy> w = r.windows();
            assertEquals(3, w.size());
            assertEquals(50, w.get(0).count());
            assertEquals(0.70, w.get(0).accuracy(), 1e-12);
            assertEquals(0.70, w.get(1).accuracy(), 1e-12);
            assertEquals(200, w.get(2).count());
            assertEquals((100 * 0.4 + 100 * 0.7) / 200, w.get(2).accuracy(), 1e-12);
            assertEquals(DriftLevel.HEALTHY, w.get(0).level());
            assertEquals(DriftLevel.CRITICAL, w.get(2).level());
            assertEquals(DriftLevel.CRITICAL, r.level());
            assertEquals(200, r.verdictWindow());
            assertEquals(250, r.resolvedCount());
        }
    }

    @Test
    void partlyFilledLongerWindowsAreNotEvaluated() {
        try (ModelMonitor m = monitor()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.60));
            calls(m, BTC, 40, 80);
            DriftReport r = m.detectDrift(BTC);
            assertTrue(r.windows().get(0).evaluated());
            assertFalse(r.windows().get(1).evaluated(), "80 of 100 is not full");
            assertEquals(80, r.windows().get(1).count());
            assertTrue(Double.isNaN(r.windows().get(1).pValue()));
        }
    }

    @Test
    void requireSignificanceGatesEveryLevel() {
        DriftThresholds gated = DriftThresholds.builder().requireSignificance(true).build();
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).thresholds(gated).build()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.65));
            calls(m, BTC, 29, 50); // 0.58: drop 0.07, p ~ 0.15
            DriftReport r = m.detectDrift(BTC);
            assertEquals(DriftLevel.HEALTHY, r.level());
            assertFalse(r.significant());
        }
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).build()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.65));
            calls(m, BTC, 29, 50);
            assertEquals(DriftLevel.WARNING, m.detectDrift(BTC).level());
        }
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).thresholds(gated).build()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.52));
            calls(m, BTC, 24, 50); // 0.48 < 0.50, but not significantly below random or 0.52
            DriftReport r = m.detectDrift(BTC);
            assertFalse(r.significant());
            assertEquals(DriftLevel.HEALTHY, r.level());
            calls(m, BTC, 15, 50); // 0.30: z = -2.83 against 0.50, p = 0.0023
            assertEquals(DriftLevel.RETRAIN, m.detectDrift(BTC).level());
        }
    }

    @Test
    void unknownAndRepeatedIdsResolveFalseAndCountOnce() {
        try (ModelMonitor m = monitor()) {
            long id = m.log(BTC, Prediction.up(0.7, 100.0, HOUR));
            assertTrue(m.resolve(id, Outcome.exitPrice(101.0)));
            assertFalse(m.resolve(id, Outcome.exitPrice(101.0)));
            assertFalse(m.resolve(id + 1_000_000, Outcome.exitPrice(101.0)));
            assertFalse(m.resolve(0, Outcome.exitPrice(101.0)));
            assertFalse(m.resolve(-5, Outcome.exitPrice(101.0)));
            ModelStatus s = m.status(BTC);
            assertEquals(1, s.logged());
            assertEquals(1, s.resolved());
            assertEquals(0, s.pending());
            assertEquals(1, s.report().windows().get(0).count());
        }
    }

    @Test
    void idsAreUniqueAndPositive() {
        try (ModelMonitor m = monitor()) {
            long prev = 0;
            for (int i = 0; i < 1000; i++) {
                long id = m.log(BTC, Prediction.up(0.7, 100.0, HOUR));
                assertTrue(id > prev);
                prev = id;
            }
        }
    }

    @Test
    void outcomeOfTheWrongKindIsRejectedAndThePredictionStaysPending() {
        try (ModelMonitor m = monitor()) {
            long id = m.log(BTC, Prediction.up(0.7, 100.0, HOUR));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.resolve(id, Outcome.label("UP")));
            assertEquals("outcome must be ExitPrice for a DirectionCall, was ActualLabel", e.getMessage());
            assertEquals(1, m.status(BTC).pending());
            assertTrue(m.resolve(id, Outcome.exitPrice(101.0)));
        }
    }

    @Test
    void holdIsCorrectInsideTheBand() {
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).holdBand(0.01).build()) {
            long inside = m.log(BTC, Prediction.hold(0.6, 100.0, HOUR));
            long edge = m.log(BTC, Prediction.hold(0.6, 100.0, HOUR));
            long outside = m.log(BTC, Prediction.hold(0.6, 100.0, HOUR));
            long flatUp = m.log(BTC, Prediction.up(0.6, 100.0, HOUR));
            m.resolve(inside, Outcome.exitPrice(100.5));
            m.resolve(edge, Outcome.exitPrice(99.0));
            m.resolve(outside, Outcome.exitPrice(101.5));
            m.resolve(flatUp, Outcome.exitPrice(100.0));
            List<ResolvedPrediction> r = m.resolved(BTC, 10);
            assertEquals(List.of(Verdict.CORRECT, Verdict.CORRECT, Verdict.WRONG, Verdict.WRONG),
                    r.stream().map(ResolvedPrediction::verdict).toList());
        }
    }

    @Test
    void classCallsAndForecastsAreScored() {
        try (ModelMonitor m = monitor()) {
            long c = m.log(BTC, new Prediction.ClassCall("UP", 0.8, HOUR));
            long q = m.log(BTC, new Prediction.Forecast(10.0, new Quantiles(8.0, 10.0, 12.0), HOUR));
            long f = m.log(BTC, new Prediction.Forecast(10.0, null, HOUR));
            assertTrue(m.resolve(c, Outcome.label("UP")));
            assertTrue(m.resolve(q, Outcome.value(13.0)));
            assertTrue(m.resolve(f, Outcome.value(13.0)));
            ModelStatus s = m.status(BTC);
            assertEquals(3, s.resolved());
            WindowAccuracy w = s.report().windows().get(0);
            assertEquals(2, w.count(), "the unscored forecast is not in the window");
            assertEquals(1, w.correct());
        }
    }

    @Test
    void resolvedReturnsTheLastNOldestFirst() {
        try (ModelMonitor m = monitor()) {
            long first = call(m, BTC, true);
            clock.advance(Duration.ofSeconds(1));
            long second = call(m, BTC, false);
            long third = call(m, BTC, true);
            List<ResolvedPrediction> last2 = m.resolved(BTC, 2);
            assertEquals(List.of(second, third), last2.stream().map(ResolvedPrediction::id).toList());
            assertEquals(3, m.resolved(BTC, 10).size());
            assertEquals(first, m.resolved(BTC, 10).get(0).id());
            assertTrue(m.resolved(ETH, 10).isEmpty());
            assertTrue(m.resolved(BTC, 0).isEmpty());
        }
    }

    @Test
    void pendingPredictionsExpireAfterHorizonPlusGrace() {
        try (ModelMonitor m = monitor()) {
            long id = m.log(BTC, Prediction.up(0.7, 100.0, Duration.ofMinutes(10)));
            clock.advance(Duration.ofMinutes(70));
            m.checkAll();
            assertEquals(1, m.status(BTC).pending());
            clock.advance(Duration.ofMinutes(1).plusMillis(1));
            m.checkAll();
            ModelStatus s = m.status(BTC);
            assertEquals(0, s.pending());
            assertEquals(1, s.expired());
            assertFalse(m.resolve(id, Outcome.exitPrice(101.0)), "an expired prediction cannot be resolved");
            assertEquals(1, m.counters().expired());
        }
    }

    @Test
    void expireOverdueWorksWithoutChecksAndWithZeroGrace() {
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).expiryGrace(Duration.ZERO).build()) {
            m.log(BTC, Prediction.up(0.7, 100.0, Duration.ofMinutes(10)));
            m.log(BTC, Prediction.up(0.7, 100.0, Duration.ofMinutes(30)));
            clock.advance(Duration.ofMinutes(11));
            assertEquals(1, m.expireOverdue());
            assertEquals(1, m.status(BTC).pending());
        }
    }

    @Test
    void checkAllPublishesOnChangeRepeatsAfterIntervalAndReportsRecovery() {
        try (ModelMonitor m = monitor()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.65));
            m.setBaseline(ETH, Baseline.ofAccuracy(0.65));
            calls(m, BTC, 26, 50);
            calls(m, ETH, 33, 50);
            List<DriftAlert> alerts = m.checkAll();
            assertEquals(1, alerts.size());
            assertEquals(BTC, alerts.get(0).key());
            assertEquals(1, sink.alerts.size());
            assertEquals(Severity.CRITICAL, sink.alerts.get(0).severity());

            clock.advance(Duration.ofMinutes(30));
            assertEquals(1, m.checkAll().size(), "still critical");
            assertEquals(1, sink.alerts.size(), "not published again within the repeat interval");

            clock.advance(Duration.ofHours(4));
            m.checkAll();
            assertEquals(2, sink.alerts.size(), "published again after the repeat interval");

            calls(m, BTC, 50, 50);
            List<DriftAlert> recovery = m.checkAll();
            assertEquals(1, recovery.size());
            assertTrue(recovery.get(0).isRecovery());
            assertEquals(DriftLevel.CRITICAL, recovery.get(0).previousLevel());
            assertEquals(Severity.INFO, sink.alerts.get(2).severity());
            assertTrue(m.checkAll().isEmpty());
            assertEquals(3, m.counters().alertsPublished());
            assertEquals(5, m.counters().checks());
        }
    }

    @Test
    void alertMessageFollowsTheSeedFormat() {
        try (ModelMonitor m = monitor()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.65));
            calls(m, BTC, 26, 50);
            String msg = m.checkAll().get(0).message();
            assertTrue(msg.startsWith("\uD83D\uDEA8 MODEL DRIFT ALERT\n\nModel: lstm_btc\nSymbol: BTC/USDT\nLevel: CRITICAL"), msg);
            assertTrue(msg.contains("\u2022 Current: 52.0%\n\u2022 Baseline: 65.0%\n\u2022 Drop: 13.0%"), msg);
            assertTrue(msg.contains("\u2022 Window: last 50 predictions\n\u2022 p-value: 0.0270\n\u2022 \u2713 statistically significant"), msg);
            assertTrue(msg.endsWith("reduce position sizes by 50%."), msg);
        }
    }

    @Test
    void failingSinkIsIsolatedAndCounted() {
        Fixtures.Collecting after = new Fixtures.Collecting();
        try (ModelMonitor m = ModelMonitor.builder().clock(clock)
                .addSink(alert -> {
                    throw new IllegalStateException("sink down");
                })
                .addSink(after).build()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.65));
            calls(m, BTC, 26, 50);
            assertEquals(1, m.checkAll().size());
            assertEquals(1, after.alerts.size());
            assertEquals(1, m.counters().sinkFailures());
        }
    }

    @Test
    void alertsAndTrendsGoToTheStore() {
        try (ModelMonitor m = monitor()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.65));
            calls(m, BTC, 26, 50);
            m.checkAll();
            clock.advance(Duration.ofMinutes(30));
            m.checkAll();
            List<DriftReport> history = m.history(BTC, 10);
            assertEquals(2, history.size());
            assertTrue(history.get(0).timestampMillis() < history.get(1).timestampMillis());
        }
    }

    @Test
    void calibrationSummaryOverTheLongWindow() {
        try (ModelMonitor m = monitor()) {
            for (int i = 0; i < 100; i++) {
                long id = m.log(BTC, Prediction.up(0.85, 100.0, HOUR));
                m.resolve(id, Outcome.exitPrice(i % 2 == 0 ? 101.0 : 99.0));
            }
            CalibrationSummary c = m.calibration(BTC);
            assertEquals(100, c.count());
            assertEquals(0.5, c.accuracy(), 1e-12);
            assertEquals(0.85, c.meanConfidence(), 1e-6);
            assertEquals(0.35, c.ece(), 1e-6);
            assertEquals(0.5 * 0.85 * 0.85 + 0.5 * 0.15 * 0.15, c.brierScore(), 1e-6);
            assertEquals(100, c.bins().get(8).count());
            assertEquals(0, m.calibration(ETH).count());
            assertTrue(Double.isNaN(m.calibration(ETH).ece()));
        }
    }

    @Test
    void closedMonitorRefusesWork() {
        ModelMonitor m = monitor();
        long id = m.log(BTC, Prediction.up(0.7, 100.0, HOUR));
        m.close();
        m.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> m.log(BTC, Prediction.up(0.7, 100.0, HOUR)));
        assertEquals("monitor is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> m.resolve(id, Outcome.exitPrice(1.0)));
    }

    @Test
    void convenienceHelpersWrapAnExplicitMonitor() {
        try (ModelMonitor m = monitor()) {
            Monitors.setModelBaseline(m, "my_model", "ETH/USDT", 0.65);
            long id = Monitors.logModelPrediction(m, "my_model", "ETH/USDT", 1, 0.7, 3000.0);
            assertTrue(Monitors.resolveModelPrediction(m, id, 3100.0));
            assertTrue(Monitors.checkModelDrift(m).isEmpty());
            assertEquals(0.65, m.baseline(ModelKey.of("my_model", "ETH/USDT")).orElseThrow().accuracy());
            assertEquals(1, m.status(ModelKey.of("my_model", "ETH/USDT")).resolved());
        }
    }

    @Test
    void alertTitleNamesKeyAndFigures() {
        try (ModelMonitor m = monitor()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.65));
            calls(m, BTC, 26, 50);
            Alert a = m.checkAll().get(0);
            assertEquals("Model drift CRITICAL: lstm_btc/BTC/USDT accuracy 52.0% vs baseline 65.0%", a.title());
            assertEquals("model_drift", a.type());
        }
    }
}

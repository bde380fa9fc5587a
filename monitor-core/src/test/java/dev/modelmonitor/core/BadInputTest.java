package dev.modelmonitor.core;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.Direction;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;

import static dev.modelmonitor.core.Fixtures.BTC;
import static dev.modelmonitor.core.Fixtures.HOUR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every kind of bad input is rejected with a message naming the field and the value. */
class BadInputTest {

    private static void rejects(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }

    @Test
    void keys() {
        rejects("model must not be null", () -> ModelKey.of(null, "BTC"));
        rejects("model must not be blank, was ' '", () -> ModelKey.of(" ", "BTC"));
        rejects("segment must not be blank, was ''", () -> ModelKey.of("m", ""));
    }

    @Test
    void predictions() {
        rejects("confidence must be in [0, 1], was NaN", () -> Prediction.up(Double.NaN, 100.0, HOUR));
        rejects("confidence must be in [0, 1], was 1.5", () -> Prediction.up(1.5, 100.0, HOUR));
        rejects("confidence must be in [0, 1], was -0.1", () -> new Prediction.ClassCall("UP", -0.1, HOUR));
        rejects("entryPrice must be positive and finite, was Infinity",
                () -> Prediction.down(0.5, Double.POSITIVE_INFINITY, HOUR));
        rejects("entryPrice must be positive and finite, was NaN", () -> Prediction.down(0.5, Double.NaN, HOUR));
        rejects("entryPrice must be positive and finite, was -3.0", () -> Prediction.down(0.5, -3.0, HOUR));
        rejects("horizon must not be negative, was PT-1M", () -> Prediction.up(0.5, 100.0, Duration.ofMinutes(-1)));
        rejects("horizon must not be null", () -> Prediction.up(0.5, 100.0, null));
        rejects("direction must not be null", () -> new Prediction.DirectionCall(null, 0.5, 100.0, HOUR));
        rejects("label must not be blank, was ''", () -> new Prediction.ClassCall("", 0.5, HOUR));
        rejects("value must be finite, was NaN", () -> new Prediction.Forecast(Double.NaN, null, HOUR));
        rejects("spend must be finite and >= 0, was -0.01",
                () -> new Prediction.Forecast(1.0, null, HOUR).withSpend(-0.01));
        rejects("spend must be finite and >= 0, was -5.0", () -> new Prediction.Forecast(1.0, null, HOUR, -5.0));
        rejects("quantiles must be ordered p10 <= p50 <= p90, was 3.0, 2.0, 4.0", () -> new Quantiles(3, 2, 4));
        rejects("p90 must be finite, was Infinity", () -> new Quantiles(1, 2, Double.POSITIVE_INFINITY));
        rejects("direction signal must be 1, -1 or 0, was 2", () -> Direction.ofSignal(2));
    }

    @Test
    void outcomes() {
        rejects("exitPrice must be positive and finite, was NaN", () -> Outcome.exitPrice(Double.NaN));
        rejects("exitPrice must be positive and finite, was 0.0", () -> Outcome.exitPrice(0.0));
        rejects("actual must be finite, was -Infinity", () -> Outcome.value(Double.NEGATIVE_INFINITY));
        rejects("label must not be null", () -> Outcome.label(null));
    }

    @Test
    void baselines() {
        rejects("accuracy must be in (0, 1), was 1.0", () -> Baseline.ofAccuracy(1.0));
        rejects("accuracy must be in (0, 1), was NaN", () -> Baseline.ofAccuracy(Double.NaN));
        rejects("precision must be in [0, 1], was 1.2", () -> Baseline.builder().precision(1.2));
        rejects("totalTrades must be >= 0, was -1", () -> Baseline.builder().totalTrades(-1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Baseline.builder().build());
        assertEquals("accuracy must be set", e.getMessage());
    }

    @Test
    void thresholds() {
        rejects("warningDrop must be in (0, 1), was -0.05", () -> DriftThresholds.builder().warningDrop(-0.05));
        rejects("criticalDrop must be >= warningDrop (0.05), was 0.03",
                () -> DriftThresholds.builder().criticalDrop(0.03).build());
        rejects("windows must be strictly increasing (short < medium < long), was 50/50/200",
                () -> DriftThresholds.builder().windows(50, 50, 200));
        rejects("shortWindow must be >= 1, was 0", () -> DriftThresholds.builder().windows(0, 50, 200));
        rejects("longWindow must be <= 65536, was 100000", () -> DriftThresholds.builder().windows(1, 2, 100_000));
        rejects("alpha must be in (0, 1), was 1.0", () -> DriftThresholds.builder().alpha(1.0));
        rejects("alpha must be in (0, 1), was 0.0", () -> DriftThresholds.builder().alpha(0.0));
        rejects("minPredictions must be >= 1, was 0", () -> DriftThresholds.builder().minPredictions(0));
        rejects("minPredictions must be <= longWindow (200), was 300",
                () -> DriftThresholds.builder().minPredictions(300).build());
        rejects("checkInterval must be positive, was PT0S",
                () -> DriftThresholds.builder().checkInterval(Duration.ZERO));
        rejects("randomBaseline must be in (0, 1), was NaN", () -> DriftThresholds.builder().randomBaseline(Double.NaN));
        DriftThresholds t = DriftThresholds.builder().warningDrop(0.03).criticalDrop(0.08).randomBaseline(0.52)
                .build();
        assertEquals(t, t.toBuilder().build());
        assertEquals(0.05, DriftThresholds.defaults().warningDrop());
        assertEquals(Duration.ofMinutes(30), DriftThresholds.defaults().checkInterval());
    }

    @Test
    void builder() {
        rejects("store must not be null", () -> ModelMonitor.builder().store(null));
        rejects("clock must not be null", () -> ModelMonitor.builder().clock(null));
        rejects("sink must not be null", () -> ModelMonitor.builder().addSink(null));
        rejects("holdBand must be in [0, 1), was -0.1", () -> ModelMonitor.builder().holdBand(-0.1));
        rejects("holdBand must be in [0, 1), was NaN", () -> ModelMonitor.builder().holdBand(Double.NaN));
        rejects("expiryGrace must not be negative, was PT-1S",
                () -> ModelMonitor.builder().expiryGrace(Duration.ofSeconds(-1)));
        rejects("alertRepeatInterval must be positive, was PT0S",
                () -> ModelMonitor.builder().alertRepeatInterval(Duration.ZERO));
        rejects("pendingCapacity must be a power of two in [64, 16777216], was 1000",
                () -> ModelMonitor.builder().pendingCapacity(1000));
        rejects("executor must not be null", () -> ModelMonitor.builder().scheduleChecks(null));
        rejects("expiryGrace and alertRepeatInterval must fit in a long of milliseconds, was PT2562047788015H13M2S "
                + "and PT4H", () -> ModelMonitor.builder().expiryGrace(Duration.ofSeconds(Long.MAX_VALUE / 1000 + 7)).build());
    }

    @Test
    void monitorCalls() {
        try (ModelMonitor m = ModelMonitor.builder().build()) {
            rejects("key must not be null", () -> m.log(null, Prediction.up(0.5, 1.0, HOUR)));
            rejects("prediction must not be null", () -> m.log(BTC, null));
            rejects("outcome must not be null", () -> m.resolve(1, null));
            rejects("n must be >= 0, was -1", () -> m.resolved(BTC, -1));
            rejects("key must not be null", () -> m.detectDrift(null));
            rejects("baseline must not be null", () -> m.setBaseline(BTC, null));
            rejects("key must not be null", () -> m.baseline(null));
            rejects("monitor must not be null", () -> Monitors.checkModelDrift(null));
            rejects("monitor must not be null", () -> Monitors.setModelBaseline(null, "m", "s", 0.6));
            rejects("sizes, counts and corrects must have the same length >= 1, was 3, 2, 3",
                    () -> dev.modelmonitor.core.drift.DriftEvaluator.evaluate(BTC, DriftThresholds.defaults(),
                            Double.NaN, new int[3], new int[2], new int[3], 0, 0));
            long id = m.log(BTC, new Prediction.ClassCall("UP", 0.5, HOUR));
            rejects("outcome must be ActualLabel for a ClassCall, was ExitPrice",
                    () -> m.resolve(id, Outcome.exitPrice(2.0)));
        }
    }
}

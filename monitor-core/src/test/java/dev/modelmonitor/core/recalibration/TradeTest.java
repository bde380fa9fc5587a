package dev.modelmonitor.core.recalibration;

import dev.modelmonitor.api.Direction;
import dev.modelmonitor.api.Ensemble;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradeTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void componentCallsAreScoredAgainstTheExitPrice() {
        Ensemble e = Ensemble.builder().call("up", Direction.UP, 0.6).call("down", Direction.DOWN, 0.7)
                .call("hold", Direction.HOLD, 0.5).weight("up", 0.4).build();
        ResolvedPrediction r = new ResolvedPrediction(7, Sim.KEY, Prediction.up(0.8, 100.0, HOUR).withEnsemble(e),
                Outcome.exitPrice(100.1), Verdict.CORRECT, 1_000, 2_000);
        Trade t = Trade.from(r, 0.002).orElseThrow();
        assertEquals(0.8, t.confidence());
        assertTrue(t.win());
        assertEquals(2_000, t.resolvedAtMillis());
        assertEquals(List.of(new ComponentResult("down", Direction.DOWN, 0.7, Verdict.WRONG),
                new ComponentResult("hold", Direction.HOLD, 0.5, Verdict.CORRECT),
                new ComponentResult("up", Direction.UP, 0.6, Verdict.CORRECT)), t.components());
        assertEquals(Map.of("up", 0.4), t.weights());
        assertFalse(t.components().get(1).directional());
        assertFalse(Trade.from(r, 0.0).orElseThrow().components().get(1).correct(), "hold band 0: a move is a miss");
    }

    @Test
    void onlyScoredPredictionsWithAConfidenceAreTrades() {
        ResolvedPrediction label = new ResolvedPrediction(1, Sim.KEY, new Prediction.ClassCall("buy", 0.6, HOUR),
                Outcome.label("sell"), Verdict.WRONG, 0, 1);
        Trade t = Trade.from(label, 0.002).orElseThrow();
        assertFalse(t.win());
        assertEquals(List.of(), t.components());
        ResolvedPrediction forecast = new ResolvedPrediction(2, Sim.KEY,
                new Prediction.Forecast(1.0, new Quantiles(0.5, 1.0, 1.5), HOUR), Outcome.value(1.2), Verdict.CORRECT, 0, 1);
        assertTrue(Trade.from(forecast, 0.002).isEmpty());
        assertEquals("resolved must not be null",
                assertThrows(IllegalArgumentException.class, () -> Trade.from(null, 0.002)).getMessage());
    }
}

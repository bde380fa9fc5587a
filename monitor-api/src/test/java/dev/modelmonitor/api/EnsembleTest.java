package dev.modelmonitor.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnsembleTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void existingConstructorsAndFactoriesCarryNoEnsemble() {
        Prediction.DirectionCall up = Prediction.up(0.7, 100.0, HOUR);
        assertNull(up.ensemble());
        assertNull(new Prediction.DirectionCall(Direction.DOWN, 0.6, 100.0, HOUR).ensemble());
        assertNull(new Prediction.ClassCall("buy", 0.6, HOUR).ensemble());
        assertNull(new Prediction.Forecast(1.0, null, HOUR).ensemble());
        assertEquals(up, new Prediction.DirectionCall(Direction.UP, 0.7, 100.0, HOUR, null));
    }

    @Test
    void withEnsembleAttachesItAndScoringIgnoresIt() {
        Ensemble e = Ensemble.builder().call("xgb", Direction.UP, 0.71).call("lgbm", Direction.DOWN, 0.55)
                .weight("xgb", 0.3).weight("lgbm", 0.3).build();
        Prediction.DirectionCall plain = Prediction.up(0.7, 100.0, HOUR);
        Prediction.DirectionCall call = plain.withEnsemble(e);
        assertSame(e, call.ensemble());
        assertEquals(plain.direction(), call.direction());
        assertEquals(plain.confidence(), call.confidence());
        assertNotEquals(plain, call);
        assertEquals(plain, call.withEnsemble(null));
        assertEquals(Verdict.CORRECT, call.score(Outcome.exitPrice(101.0), 0.002));
        assertEquals(List.of("lgbm", "xgb"), List.copyOf(e.calls().keySet()), "sorted by model");
        assertEquals(new Ensemble.ComponentCall(Direction.UP, 0.71), e.calls().get("xgb"));
        assertEquals(0.3, e.weights().get("lgbm"));
        assertTrue(Ensemble.builder().build().isEmpty());
    }

    @Test
    void theMapsAreCopiedAndUnmodifiable() {
        Map<String, Double> weights = new HashMap<>(Map.of("a", 0.5));
        Ensemble e = new Ensemble(Map.of(), weights);
        weights.put("b", 0.5);
        assertEquals(Map.of("a", 0.5), e.weights());
        assertThrows(UnsupportedOperationException.class, () -> e.weights().put("c", 0.1));
    }

    @Test
    void badInputIsRejectedNamingTheField() {
        assertEquals("calls.xgb.confidence must be in [0, 1], was 1.2", reject(
                () -> Ensemble.builder().call("xgb", Direction.UP, 1.2)));
        assertEquals("calls.xgb.confidence must be in [0, 1], was NaN", reject(
                () -> Ensemble.builder().call("xgb", Direction.UP, Double.NaN)));
        assertEquals("calls.xgb.direction must not be null", reject(
                () -> Ensemble.builder().call("xgb", null, 0.5)));
        assertEquals("calls model name must not be blank, was ' '", reject(
                () -> Ensemble.builder().call(" ", Direction.UP, 0.5)));
        assertEquals("weights model name must not be null", reject(
                () -> Ensemble.builder().weight(null, 0.5)));
        assertEquals("weights.xgb must be finite and >= 0, was -0.1", reject(
                () -> Ensemble.builder().weight("xgb", -0.1)));
        assertEquals("weights.xgb must be finite and >= 0, was Infinity", reject(
                () -> Ensemble.builder().weight("xgb", Double.POSITIVE_INFINITY)));
        assertEquals("weights.xgb must be finite and >= 0, was NaN", reject(
                () -> new Ensemble(Map.of(), Map.of("xgb", Double.NaN))));
        assertEquals("calls.xgb must not be null", reject(() -> {
            Map<String, Ensemble.ComponentCall> calls = new HashMap<>();
            calls.put("xgb", null);
            new Ensemble(calls, Map.of());
        }));
        assertEquals("confidence must be in [0, 1], was -0.5", reject(
                () -> new Ensemble.ComponentCall(Direction.UP, -0.5)));
        assertEquals("calls must not be null", reject(() -> new Ensemble(null, Map.of())));
        assertEquals("weights must not be null", reject(() -> new Ensemble(Map.of(), null)));
    }

    private static String reject(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}

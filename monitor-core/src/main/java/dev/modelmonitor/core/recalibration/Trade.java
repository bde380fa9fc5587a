package dev.modelmonitor.core.recalibration;

import dev.modelmonitor.api.Ensemble;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One resolved trade as calibration-only learning sees it: the confidence the model gave, whether it won,
 * when it was resolved, and, when the host attached ensemble data, each component's scored call and the
 * ensemble weights in force.
 *
 * <p>A trade is a resolved prediction that carries a confidence and was scored CORRECT or WRONG (a direction
 * call or a class call); forecasts (no confidence) and unscored predictions are not trades.
 *
 * @param id               the prediction id
 * @param key              the key it was logged under
 * @param confidence       the model's confidence, in [0, 1]
 * @param win              whether the prediction was correct
 * @param resolvedAtMillis when it was resolved, epoch ms
 * @param components       the component calls, scored; empty when none were attached
 * @param weights          the ensemble weights attached when logged, sorted by model; empty when none
 */
public record Trade(long id, ModelKey key, double confidence, boolean win, long resolvedAtMillis,
                    List<ComponentResult> components, Map<String, Double> weights) {

    /**
     * Validates and copies the fields.
     *
     * @throws IllegalArgumentException naming the field that is null or out of range
     */
    public Trade {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
        if (components == null) {
            throw new IllegalArgumentException("components must not be null");
        }
        if (weights == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
        components = List.copyOf(components);
        TreeMap<String, Double> w = new TreeMap<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            Double v = e.getValue();
            if (e.getKey() == null || e.getKey().isBlank() || v == null || !Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException("weights." + e.getKey() + " must be finite and >= 0, was " + v);
            }
            w.put(e.getKey(), v);
        }
        weights = Collections.unmodifiableMap(w);
    }

    /**
     * A trade without ensemble data.
     *
     * @param id               the prediction id
     * @param key              the key
     * @param confidence       in [0, 1]
     * @param win              whether it was correct
     * @param resolvedAtMillis when it was resolved
     * @return the trade
     */
    public static Trade of(long id, ModelKey key, double confidence, boolean win, long resolvedAtMillis) {
        return new Trade(id, key, confidence, win, resolvedAtMillis, List.of(), Map.of());
    }

    /**
     * The trade a resolved prediction makes, if it is one. Component calls are scored against the
     * prediction's exit price with the given hold band (the monitor's, 0.002 by default).
     *
     * @param resolved the resolved prediction, not null
     * @param holdBand the relative band inside which a HOLD component call is correct, in [0, 1)
     * @return the trade, or empty for a forecast or an unscored prediction
     */
    public static Optional<Trade> from(ResolvedPrediction resolved, double holdBand) {
        if (resolved == null) {
            throw new IllegalArgumentException("resolved must not be null");
        }
        Prediction p = resolved.prediction();
        double c = p.confidence();
        if (resolved.verdict() == Verdict.UNSCORED || Double.isNaN(c)) {
            return Optional.empty();
        }
        List<ComponentResult> components = List.of();
        Map<String, Double> weights = Map.of();
        Ensemble e = p.ensemble();
        if (e != null && p instanceof Prediction.DirectionCall) {
            Prediction.DirectionCall call = (Prediction.DirectionCall) p;
            Outcome outcome = resolved.outcome();
            List<ComponentResult> scored = new ArrayList<>(e.calls().size());
            for (Map.Entry<String, Ensemble.ComponentCall> cc : e.calls().entrySet()) {
                Ensemble.ComponentCall v = cc.getValue();
                Verdict verdict = new Prediction.DirectionCall(v.direction(), v.confidence(), call.entryPrice(),
                        Duration.ZERO).score(outcome, holdBand);
                scored.add(new ComponentResult(cc.getKey(), v.direction(), v.confidence(), verdict));
            }
            components = scored;
            weights = e.weights();
        }
        return Optional.of(new Trade(resolved.id(), resolved.key(), c, resolved.correct(),
                resolved.resolvedAtMillis(), components, weights));
    }
}

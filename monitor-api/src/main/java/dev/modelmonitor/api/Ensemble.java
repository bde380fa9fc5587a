package dev.modelmonitor.api;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Optional ensemble data a host attaches to a {@link Prediction.DirectionCall} when it logs: each
 * component model's own call and the ensemble weights in force when the call was made. Calibration-only
 * learning reads it to measure each component's precision and propose small weight adjustments.
 *
 * <p>Additive and optional: a call without ensemble data carries a null reference and costs nothing; the
 * monitor never looks inside this record on its log or resolve path, it only keeps the reference.
 *
 * <p>Immutable and thread-safe. Both maps are copied into unmodifiable maps sorted by model name, so
 * iteration (and any serialization) is deterministic. Either map may be empty (a host that sends only
 * weights, or only calls); component names in one map need not appear in the other.
 *
 * <p>Validation, with messages that name the field: every model name is non-blank, every call non-null
 * with a confidence in [0, 1], every weight finite and &gt;= 0 (weights need not sum to 1 here: the
 * recalibration checks that, not the logging path).
 *
 * @param calls   the component models' calls by model name, not null (may be empty)
 * @param weights the ensemble weights by model name, not null (may be empty)
 */
public record Ensemble(Map<String, ComponentCall> calls, Map<String, Double> weights) {

    /**
     * Validates and copies both maps.
     *
     * @throws IllegalArgumentException naming the map, the model and the bad value
     */
    public Ensemble {
        Checks.notNull(calls, "calls");
        Checks.notNull(weights, "weights");
        TreeMap<String, ComponentCall> c = new TreeMap<>();
        for (Map.Entry<String, ComponentCall> e : calls.entrySet()) {
            String name = modelName(e.getKey(), "calls");
            if (e.getValue() == null) {
                throw new IllegalArgumentException("calls." + name + " must not be null");
            }
            c.put(name, e.getValue());
        }
        TreeMap<String, Double> w = new TreeMap<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            String name = modelName(e.getKey(), "weights");
            Double v = e.getValue();
            if (v == null || !Double.isFinite(v) || v < 0.0) {
                throw new IllegalArgumentException("weights." + name + " must be finite and >= 0, was " + v);
            }
            w.put(name, v);
        }
        calls = Collections.unmodifiableMap(c);
        weights = Collections.unmodifiableMap(w);
    }

    /**
     * A builder, for hosts that add calls one at a time.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether this carries neither calls nor weights (the same as no ensemble data at all).
     *
     * @return true when both maps are empty
     */
    public boolean isEmpty() {
        return calls.isEmpty() && weights.isEmpty();
    }

    private static String modelName(String name, String map) {
        if (name == null) {
            throw new IllegalArgumentException(map + " model name must not be null");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException(map + " model name must not be blank, was '" + name + "'");
        }
        return name;
    }

    /**
     * One component model's call.
     *
     * @param direction  the component's call, not null
     * @param confidence the component's confidence in it, in [0, 1]
     */
    public record ComponentCall(Direction direction, double confidence) {
        /**
         * Validates both fields.
         *
         * @throws IllegalArgumentException if direction is null or confidence is NaN or outside [0, 1]
         */
        public ComponentCall {
            Checks.notNull(direction, "direction");
            Checks.probability(confidence, "confidence");
        }
    }

    /**
     * Builds an {@link Ensemble}; each setter validates at once and names the model. Not thread-safe.
     */
    public static final class Builder {
        private final TreeMap<String, ComponentCall> calls = new TreeMap<>();
        private final TreeMap<String, Double> weights = new TreeMap<>();

        private Builder() {
        }

        /**
         * Adds (or replaces) one component's call.
         *
         * @param model      the component's name, not blank
         * @param direction  its call, not null
         * @param confidence its confidence, in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException naming the field and the model
         */
        public Builder call(String model, Direction direction, double confidence) {
            String name = modelName(model, "calls");
            if (direction == null) {
                throw new IllegalArgumentException("calls." + name + ".direction must not be null");
            }
            if (!(confidence >= 0.0 && confidence <= 1.0)) {
                throw new IllegalArgumentException("calls." + name + ".confidence must be in [0, 1], was "
                        + confidence);
            }
            calls.put(name, new ComponentCall(direction, confidence));
            return this;
        }

        /**
         * Adds (or replaces) one component's current ensemble weight.
         *
         * @param model  the component's name, not blank
         * @param weight its weight, finite and &gt;= 0
         * @return this builder
         * @throws IllegalArgumentException naming the model and the value
         */
        public Builder weight(String model, double weight) {
            String name = modelName(model, "weights");
            if (!Double.isFinite(weight) || weight < 0.0) {
                throw new IllegalArgumentException("weights." + name + " must be finite and >= 0, was " + weight);
            }
            weights.put(name, weight);
            return this;
        }

        /** @return the ensemble data */
        public Ensemble build() {
            return new Ensemble(calls, weights);
        }
    }
}

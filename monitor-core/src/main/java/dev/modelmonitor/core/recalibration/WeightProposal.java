package dev.modelmonitor.core.recalibration;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Proposed ensemble weights. When the host attached no weights to its trades, both maps are empty and
 * nothing is proposed. When the current weights make the rules impossible to satisfy together (for example
 * two models, whose weights cannot reach 1 under the 0.40 cap), the proposal keeps the current weights and
 * {@link #problem()} says why; the safety checks then fail on them.
 *
 * @param current  the weights in force, sorted by model
 * @param proposed the proposed weights, sorted by model, same models
 * @param changes  one entry per model, in model order
 * @param problem  why no valid proposal exists; empty when the proposal satisfies every rule
 */
public record WeightProposal(Map<String, Double> current, Map<String, Double> proposed, List<WeightChange> changes,
                             String problem) {

    /**
     * Validates and copies the fields.
     *
     * @throws IllegalArgumentException if a reference is null
     */
    public WeightProposal {
        if (current == null || proposed == null || changes == null || problem == null) {
            throw new IllegalArgumentException("current, proposed, changes and problem must not be null");
        }
        current = Collections.unmodifiableMap(new TreeMap<>(current));
        proposed = Collections.unmodifiableMap(new TreeMap<>(proposed));
        changes = List.copyOf(changes);
    }

    /** @return a proposal with no weights at all (the host attached none) */
    public static WeightProposal none() {
        return new WeightProposal(Map.of(), Map.of(), List.of(), "");
    }

    /** @return true when there are weights to adjust */
    public boolean hasWeights() {
        return !current.isEmpty();
    }

    /** @return true when {@link #problem()} is empty */
    public boolean feasible() {
        return problem.isEmpty();
    }
}

package dev.modelmonitor.api;

/**
 * The one-word state of a key that a host can act on, as in the seed's {@code status["health"]}.
 */
public enum Health {
    /** Performing within the baseline's warning band. */
    HEALTHY,
    /** Drifting: watch closely. */
    WARNING,
    /** Critical drift or below random: retrain. */
    CRITICAL,
    /** No verdict: too few resolved predictions, or no baseline to compare with. */
    UNKNOWN;

    /**
     * Whether a host should consider retraining, as the seed does for "critical" or "unknown".
     *
     * @return true for CRITICAL and UNKNOWN
     */
    public boolean isRetrainCandidate() {
        return this == CRITICAL || this == UNKNOWN;
    }
}

package dev.modelmonitor.api;

/**
 * The verdict of an accuracy-drift check, in increasing order of gravity (so {@code compareTo} orders
 * them). See {@link DriftThresholds} for the rules.
 */
public enum DriftLevel {
    /** Fewer resolved predictions than {@link DriftThresholds#minPredictions()}: no verdict yet. */
    INSUFFICIENT_DATA(Severity.INFO, Health.UNKNOWN),
    /** Accuracy within the warning drop of the baseline. */
    HEALTHY(Severity.INFO, Health.HEALTHY),
    /** Accuracy down by at least the warning drop: monitor closely, prepare retraining. */
    WARNING(Severity.WARNING, Health.WARNING),
    /** Accuracy down by at least the critical drop: retrain now, reduce positions by 50%. */
    CRITICAL(Severity.CRITICAL, Health.CRITICAL),
    /** Accuracy below the random baseline: stop trading, retrain immediately. */
    RETRAIN(Severity.CRITICAL, Health.CRITICAL);

    private final Severity severity;
    private final Health health;

    DriftLevel(Severity severity, Health health) {
        this.severity = severity;
        this.health = health;
    }

    /** @return the severity an alert at this level carries */
    public Severity severity() {
        return severity;
    }

    /** @return the health word this level maps to */
    public Health health() {
        return health;
    }

    /** @return true for WARNING, CRITICAL and RETRAIN: the levels that raise alerts */
    public boolean isAlerting() {
        return this == WARNING || this == CRITICAL || this == RETRAIN;
    }
}

package dev.modelmonitor.api;

import java.time.Instant;

/**
 * Everything the monitor knows about one key at a moment: the current drift verdict, the health word a
 * host can act on, and the ledger counts.
 *
 * <p>{@code health} follows the level ({@link DriftLevel#health()}), except that a key with no baseline is
 * UNKNOWN unless it is below random (RETRAIN).
 *
 * @param key                 the key
 * @param health              the one-word state; {@link Health#isRetrainCandidate()} tells whether to retrain
 * @param report              the drift check made for this status
 * @param baseline            the baseline, or null when none is set
 * @param logged              predictions logged for this key since the monitor started
 * @param resolved            predictions resolved (scored or not)
 * @param pending             predictions logged but neither resolved nor expired
 * @param expired             predictions that passed their horizon plus grace unresolved
 * @param lastResolvedAtMillis time of the last resolution, epoch ms, or 0 when none
 */
public record ModelStatus(ModelKey key, Health health, DriftReport report, Baseline baseline, long logged,
                          long resolved, long pending, long expired, long lastResolvedAtMillis) {

    /**
     * Validates the references and counts.
     *
     * @throws IllegalArgumentException if a reference is null or a count negative
     */
    public ModelStatus {
        Checks.notNull(key, "key");
        Checks.notNull(health, "health");
        Checks.notNull(report, "report");
        if (logged < 0 || resolved < 0 || pending < 0 || expired < 0) {
            throw new IllegalArgumentException("counts must be >= 0, was logged=" + logged + " resolved=" + resolved
                    + " pending=" + pending + " expired=" + expired);
        }
    }

    /** @return the drift level of the report */
    public DriftLevel level() {
        return report.level();
    }

    /** @return the time of the last resolution, or null when none */
    public Instant lastResolvedAt() {
        return lastResolvedAtMillis == 0 ? null : Instant.ofEpochMilli(lastResolvedAtMillis);
    }
}

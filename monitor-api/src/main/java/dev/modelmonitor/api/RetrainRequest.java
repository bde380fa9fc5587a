package dev.modelmonitor.api;

import java.time.Instant;
import java.util.List;

/**
 * The monitor asks the host to retrain the model behind a key, with its reasons.
 *
 * <p>Each request the monitor raises is also a {@link StoreRecord}: it is appended to the monitor's store when
 * it is raised, before the {@link RetrainHandler} is called, whether or not a handler is set and whether or
 * not the handler throws, so the store's retrain history says what was asked and when
 * ({@code ModelMonitor.retrainHistory}). Immutable; the reasons are copied.
 *
 * @param key             the key
 * @param reasons         why, at least one
 * @param timestampMillis when it was asked, epoch ms of the monitor's clock
 */
public record RetrainRequest(ModelKey key, List<RetrainReason> reasons, long timestampMillis) implements StoreRecord {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a reference is null or there is no reason
     */
    public RetrainRequest {
        Checks.notNull(key, "key");
        reasons = List.copyOf(Checks.notNull(reasons, "reasons"));
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("reasons must not be empty");
        }
    }

    /**
     * @param trigger a trigger
     * @return whether one of the reasons has it
     */
    public boolean has(RetrainTrigger trigger) {
        for (RetrainReason r : reasons) {
            if (r.trigger() == trigger) {
                return true;
            }
        }
        return false;
    }

    /** @return when it was asked */
    public Instant requestedAt() {
        return Instant.ofEpochMilli(timestampMillis);
    }
}

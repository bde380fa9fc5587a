package dev.modelmonitor.api;

import java.time.Instant;
import java.util.List;

/**
 * The monitor asks the host to retrain the model behind a key, with its reasons.
 *
 * @param key             the key
 * @param reasons         why, at least one
 * @param timestampMillis when it was asked, epoch ms
 */
public record RetrainRequest(ModelKey key, List<RetrainReason> reasons, long timestampMillis) {

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

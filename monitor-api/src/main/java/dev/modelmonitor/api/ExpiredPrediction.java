package dev.modelmonitor.api;

/**
 * A logged prediction that passed its horizon plus the monitor's grace unresolved: it counts as expired
 * and can no longer be resolved.
 *
 * @param id              the prediction's id
 * @param key             the key
 * @param loggedAtMillis  when it was logged, epoch milliseconds
 * @param expiredAtMillis when it was expired, epoch milliseconds
 */
public record ExpiredPrediction(long id, ModelKey key, long loggedAtMillis, long expiredAtMillis)
        implements StoreRecord {

    /**
     * Validates the key.
     *
     * @throws IllegalArgumentException if the key is null
     */
    public ExpiredPrediction {
        Checks.notNull(key, "key");
    }

    /** @return the expiry time: same as {@link #expiredAtMillis()} */
    @Override
    public long timestampMillis() {
        return expiredAtMillis;
    }
}

package dev.modelmonitor.api;

/**
 * A prediction as it was logged, before its outcome: what a store keeps so that a restarted monitor can
 * still resolve it. Superseded by the {@link ResolvedPrediction} or {@link ExpiredPrediction} of the same
 * id.
 *
 * @param id             the id {@link PredictionLogger#log} returned, &gt; 0
 * @param key            the key
 * @param prediction     the prediction
 * @param loggedAtMillis when it was logged, epoch milliseconds
 */
public record LoggedPrediction(long id, ModelKey key, Prediction prediction, long loggedAtMillis)
        implements StoreRecord {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a reference is null or the id not positive
     */
    public LoggedPrediction {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be > 0, was " + id);
        }
        Checks.notNull(key, "key");
        Checks.notNull(prediction, "prediction");
    }

    /** @return the logging time: same as {@link #loggedAtMillis()} */
    @Override
    public long timestampMillis() {
        return loggedAtMillis;
    }
}

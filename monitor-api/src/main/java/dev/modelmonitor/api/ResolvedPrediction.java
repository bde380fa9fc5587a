package dev.modelmonitor.api;

import java.time.Instant;

/**
 * A prediction together with its outcome and verdict.
 *
 * @param id               the id {@link PredictionLogger#log} returned
 * @param key              the key it was logged under
 * @param prediction       the prediction as logged
 * @param outcome          the outcome it was resolved with, of the matching kind
 * @param verdict          how it scored
 * @param loggedAtMillis   when it was logged, epoch milliseconds
 * @param resolvedAtMillis when it was resolved, epoch milliseconds, &gt;= loggedAtMillis
 */
public record ResolvedPrediction(long id, ModelKey key, Prediction prediction, Outcome outcome, Verdict verdict,
                                 long loggedAtMillis, long resolvedAtMillis) implements StoreRecord {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a reference is null or resolvedAtMillis &lt; loggedAtMillis
     */
    public ResolvedPrediction {
        Checks.notNull(key, "key");
        Checks.notNull(prediction, "prediction");
        Checks.notNull(outcome, "outcome");
        Checks.notNull(verdict, "verdict");
        if (resolvedAtMillis < loggedAtMillis) {
            throw new IllegalArgumentException("resolvedAtMillis must be >= loggedAtMillis (" + loggedAtMillis
                    + "), was " + resolvedAtMillis);
        }
    }

    /** @return true when the verdict is {@link Verdict#CORRECT} */
    public boolean correct() {
        return verdict == Verdict.CORRECT;
    }

    /** @return when it was logged */
    public Instant loggedAt() {
        return Instant.ofEpochMilli(loggedAtMillis);
    }

    /** @return when it was resolved */
    public Instant resolvedAt() {
        return Instant.ofEpochMilli(resolvedAtMillis);
    }

    /** @return the resolution time: same as {@link #resolvedAtMillis()} */
    @Override
    public long timestampMillis() {
        return resolvedAtMillis;
    }
}

package dev.modelmonitor.api;

import java.util.List;

/**
 * Records predictions and resolves them when their outcomes arrive. Implementations are thread-safe: many
 * host threads log and resolve at once.
 */
public interface PredictionLogger {

    /**
     * Logs a prediction and returns its id. Cheap: no scan of history, no lock shared across threads.
     *
     * @param key        the model and segment, not null
     * @param prediction the prediction, not null
     * @return a positive id, unique within this monitor, to pass to {@link #resolve(long, Outcome)}
     * @throws IllegalArgumentException if key or prediction is null
     * @throws IllegalStateException    if the monitor is closed
     */
    long log(ModelKey key, Prediction prediction);

    /**
     * Resolves a logged prediction with its outcome. Each id resolves at most once: the first call
     * returns true and counts; any later call with the same id returns false and changes nothing, as does
     * a call with an id that was never issued or whose prediction expired. A check that begins after this
     * method returns sees the resolution.
     *
     * @param id      an id from {@link #log(ModelKey, Prediction)}
     * @param outcome the outcome, of the kind that matches the prediction
     * @return true when this call resolved the prediction; false for an unknown, expired or already
     *         resolved id
     * @throws IllegalArgumentException if the outcome is null or of the wrong kind for the prediction (the
     *                                  prediction stays pending)
     * @throws IllegalStateException    if the monitor is closed
     */
    boolean resolve(long id, Outcome outcome);

    /**
     * The last resolved predictions of a key, oldest first, as far as the store retains them.
     *
     * @param key the key
     * @param n   how many at most, &gt;= 0
     * @return at most n resolved predictions, oldest first; empty for an unknown key
     * @throws IllegalArgumentException if n is negative or key null
     */
    List<ResolvedPrediction> resolved(ModelKey key, int n);
}

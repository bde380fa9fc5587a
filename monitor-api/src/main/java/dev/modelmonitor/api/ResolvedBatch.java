package dev.modelmonitor.api;

/**
 * Resolved predictions handed to a {@link Store} in one call, as their fields: the resolutions of one key
 * that one thread's buffer applied together (a few dozen at most).
 *
 * <p>A view, not a copy: it is valid only during the {@link Store#appendResolved(ResolvedBatch)} call that
 * receives it, and its entries may change once that call returns. A store that keeps the resolutions
 * copies what it needs ({@link #toRecord(int)} builds one entry's record). Indexes run from 0 to
 * {@link #size()} - 1, in the order the monitor applied the resolutions to its windows.
 */
public interface ResolvedBatch {

    /** @return how many resolutions, &gt;= 1 */
    int size();

    /**
     * @param i the entry, in [0, size())
     * @return its prediction id
     */
    long id(int i);

    /**
     * @param i the entry, in [0, size())
     * @return its key
     */
    ModelKey key(int i);

    /**
     * @param i the entry, in [0, size())
     * @return its prediction
     */
    Prediction prediction(int i);

    /**
     * @param i the entry, in [0, size())
     * @return its outcome
     */
    Outcome outcome(int i);

    /**
     * @param i the entry, in [0, size())
     * @return its verdict
     */
    Verdict verdict(int i);

    /**
     * @param i the entry, in [0, size())
     * @return when it was logged, epoch ms
     */
    long loggedAtMillis(int i);

    /**
     * @param i the entry, in [0, size())
     * @return when it was resolved, epoch ms
     */
    long resolvedAtMillis(int i);

    /**
     * One entry as a record a store may keep.
     *
     * @param i the entry, in [0, size())
     * @return a new record with the entry's fields
     */
    default ResolvedPrediction toRecord(int i) {
        return new ResolvedPrediction(id(i), key(i), prediction(i), outcome(i), verdict(i), loggedAtMillis(i),
                resolvedAtMillis(i));
    }
}

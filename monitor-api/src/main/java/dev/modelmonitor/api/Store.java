package dev.modelmonitor.api;

import java.util.List;
import java.util.function.Consumer;

/**
 * The persistence SPI: an append-only log of typed {@link StoreRecord}s, readable by type, key and time.
 *
 * <p>The monitor appends resolved predictions, baselines, drift reports (the accuracy trend) and alerts.
 * Nothing here assumes one process, one file or one table: a file store writes segments, a database store
 * writes rows, and readers only ask by type, key and time range. Implementations must be thread-safe;
 * records of one key are appended in order by the monitor. A store may bound what it retains (documented
 * by the implementation); reads return what is retained.
 *
 * <p>Errors: an implementation that cannot write throws an unchecked exception from {@code append}; the
 * monitor logs it, counts it and keeps working in memory.
 */
public interface Store extends AutoCloseable {

    /**
     * Appends one record.
     *
     * @param record the record, not null
     */
    void append(StoreRecord record);

    /**
     * Appends one resolved prediction given as its fields. The monitor calls this on its resolve path so a
     * store that keeps columns need not allocate a record; the default builds the record and calls
     * {@link #append(StoreRecord)}.
     *
     * @param id               the prediction id
     * @param key              the key
     * @param prediction       the prediction
     * @param outcome          the outcome
     * @param verdict          the verdict
     * @param loggedAtMillis   when it was logged
     * @param resolvedAtMillis when it was resolved
     */
    default void appendResolved(long id, ModelKey key, Prediction prediction, Outcome outcome, Verdict verdict,
                                long loggedAtMillis, long resolvedAtMillis) {
        append(new ResolvedPrediction(id, key, prediction, outcome, verdict, loggedAtMillis, resolvedAtMillis));
    }

    /**
     * The newest records of a type for one key.
     *
     * @param type  the record type, not null
     * @param key   the key, not null
     * @param limit how many at most, &gt;= 0
     * @param <T>   the record type
     * @return at most {@code limit} records, oldest first
     */
    <T extends StoreRecord> List<T> latest(Class<T> type, ModelKey key, int limit);

    /**
     * Visits the records of a type with {@code fromMillis <= timestampMillis < toMillis}, per key in
     * append order.
     *
     * @param type       the record type, not null
     * @param key        the key, or null for every key
     * @param fromMillis inclusive lower bound, epoch ms
     * @param toMillis   exclusive upper bound, epoch ms
     * @param action     called once per record
     * @param <T>        the record type
     */
    <T extends StoreRecord> void scan(Class<T> type, ModelKey key, long fromMillis, long toMillis,
                                      Consumer<? super T> action);

    /** Makes every appended record durable, as far as the implementation offers durability. */
    default void flush() {
    }

    /** Releases the store's resources. The default does nothing. */
    @Override
    default void close() {
    }
}

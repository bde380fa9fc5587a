package dev.modelmonitor.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The persistence SPI: an append-only log of typed {@link StoreRecord}s, readable by type, key and time.
 *
 * <p>The monitor appends resolved predictions, baselines, drift reports (the accuracy trend), daily forecast
 * and calibration records, alerts and retrain requests.
 * Nothing here assumes one process, one file or one table: a file store writes segments, a database store
 * writes rows, and readers only ask by type, key and time range. Implementations must be thread-safe;
 * records of one key are appended in order by the monitor. A store may bound what it retains (documented
 * by the implementation); reads return what is retained.
 *
 * <p>Errors: an implementation that cannot write throws an unchecked exception from {@code append}
 * (preferably a {@link StoreException}); the monitor logs it, counts it and keeps working in memory. A
 * store that writes in the background reports such failures through {@link #health()}.
 *
 * <h2>Restart</h2>
 * A store that outlives its process lets a new monitor pick up where the old one stopped. The monitor
 * persists, besides the records above, each logged prediction ({@link #appendLogged}), each expiry
 * ({@link ExpiredPrediction}) and, from time to time, a {@link KeySnapshot} of each key's state; on build it
 * asks {@link #recover} for what it needs and rebuilds itself. Ids are reserved through
 * {@link #reserveIds} so that a restarted monitor never issues an id twice, and the monitor's settings are
 * recorded through {@link #recordSettings} so that the next monitor can report what changed. Every restart
 * method has a
 * default that keeps nothing, so a store that does not outlive its process (such as an in-memory one)
 * need not implement any of them and pays nothing for them.
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
     * Appends resolved predictions handed over together: a store that overrides this receives, in one call,
     * the resolutions of one key that one thread's buffer applied together, so that it can hand records to
     * another thread or to a database once per batch rather than once per record. The batch is valid only
     * during this call (see {@link ResolvedBatch}). The default calls
     * {@link #appendResolved(long, ModelKey, Prediction, Outcome, Verdict, long, long)} for each entry in
     * order; when one of those throws, the entries before it are appended and the rest are not. (The monitor
     * does not call the default: to a store that keeps it, it hands the entries one by one itself, so that a
     * failure loses only its own record.)
     *
     * @param batch the resolutions, in the order the monitor applied them; not null
     */
    default void appendResolved(ResolvedBatch batch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            appendResolved(batch.id(i), batch.key(i), batch.prediction(i), batch.outcome(i), batch.verdict(i),
                    batch.loggedAtMillis(i), batch.resolvedAtMillis(i));
        }
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

    /**
     * Whether this store outlives its process and keeps the restart records (logged predictions, expiries,
     * key snapshots, id reservations). A monitor writes them only to a store that says so, so a store that
     * does not pays nothing for them. The default is false.
     *
     * @return true when a new monitor can recover from this store's data
     */
    default boolean restartable() {
        return false;
    }

    /**
     * Persists a prediction as it is logged, so that a restarted monitor can still resolve it. Called on
     * the monitor's {@code log} path, once per prediction: it must be cheap. The default does nothing
     * (costs nothing): a store that does not outlive its process has no use for pending predictions.
     *
     * @param id             the prediction id, &gt; 0
     * @param key            the key
     * @param prediction     the prediction
     * @param loggedAtMillis when it was logged
     */
    default void appendLogged(long id, ModelKey key, Prediction prediction, long loggedAtMillis) {
    }

    /**
     * Hands a restarting monitor what it needs to rebuild itself. Visits, per key, the key's latest
     * {@link KeySnapshot} (if any) and then, in append order, the key's {@link LoggedPrediction},
     * {@link ResolvedPrediction} and {@link ExpiredPrediction} records appended after that snapshot; and
     * also every {@link LoggedPrediction} still pending (neither resolved nor expired) wherever it stands.
     * Records of different keys may interleave; a key's snapshot comes before its other records. No other
     * kind is visited: baselines, reports and alerts are read with {@link #latest}. The default visits
     * nothing.
     *
     * @param visitor called once per record
     */
    default void recover(Consumer<? super StoreRecord> visitor) {
    }

    /**
     * The highest id reserved so far by {@link #reserveIds}, across restarts; a restarted monitor issues
     * ids above it. The default is 0 (nothing kept).
     *
     * @return the highest reserved id, &gt;= 0
     */
    default long reservedIds() {
        return 0;
    }

    /**
     * Durably reserves ids up to {@code throughId}: on return, {@link #reservedIds()} of this store and of
     * any later instance on the same data is at least that. The monitor calls it rarely (once per tens of
     * thousands of ids), so an implementation may write synchronously. The default keeps nothing.
     *
     * @param throughId the highest id to reserve
     */
    default void reserveIds(long throughId) {
    }

    /**
     * Records the settings a monitor applies, replacing those recorded before, so that a later monitor on the
     * same data can tell what changed ({@link MonitorSettings#changesFrom}). A monitor calls it once, when it
     * is built on a {@link #restartable()} store, and only when its settings differ from
     * {@link #storedSettings()} (or none are stored). The default keeps nothing (a store that does not outlive
     * its process has no later monitor to tell).
     *
     * @param settings the settings, not null
     */
    default void recordSettings(MonitorSettings settings) {
    }

    /**
     * The settings last recorded by {@link #recordSettings}, by this instance or an earlier one on the same
     * data. The default keeps nothing and answers empty.
     *
     * @return the stored settings, or empty when none are stored
     */
    default Optional<MonitorSettings> storedSettings() {
        return Optional.empty();
    }

    /**
     * Whether the store keeps up with its writes. The default reports healthy.
     *
     * @return the store's health, never null
     */
    default StoreHealth health() {
        return StoreHealth.HEALTHY;
    }

    /** Makes every appended record durable, as far as the implementation offers durability. */
    default void flush() {
    }

    /** Releases the store's resources. The default does nothing. */
    @Override
    default void close() {
    }
}

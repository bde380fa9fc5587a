package dev.modelmonitor.core;

import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.ResolvedBatch;
import dev.modelmonitor.api.Store;
import dev.modelmonitor.api.StoreRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.LongAdder;

/**
 * The monitor's guarded path into its {@link Store}: a store call that throws is counted and logged (the
 * first failure and every thousandth), never thrown into {@code resolve} or a check. Per-thread buffers
 * hold this, not the monitor, so a thread that outlives a closed monitor does not keep it reachable.
 */
final class StoreWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ModelMonitor.class);

    final Store store;
    final LongAdder failures = new LongAdder();
    // true from a call that threw until one that did not
    volatile boolean failing;

    // whether the store takes batches itself; if it keeps the SPI's default, which stops at the first entry
    // that throws, the entries are handed over one by one here so that a failure loses only its own record
    private final boolean batches;

    StoreWriter(Store store) {
        this.store = store;
        this.batches = overridesBatch(store);
    }

    private static boolean overridesBatch(Store store) {
        try {
            return store.getClass().getMethod("appendResolved", ResolvedBatch.class).getDeclaringClass()
                    != Store.class;
        } catch (NoSuchMethodException | SecurityException e) {
            return false;
        }
    }

    /**
     * Hands over one key's resolutions: in one call to a store that takes batches, else entry by entry, each
     * failure contained and counted on its own (as a batch that throws is, once).
     */
    void resolved(ResolvedBatch batch) {
        if (batches) {
            try {
                store.appendResolved(batch);
                succeeded();
            } catch (RuntimeException e) {
                failed("appendResolved of " + batch.size() + " resolution(s)", e);
            }
            return;
        }
        for (int i = 0, n = batch.size(); i < n; i++) {
            try {
                store.appendResolved(batch.id(i), batch.key(i), batch.prediction(i), batch.outcome(i),
                        batch.verdict(i), batch.loggedAtMillis(i), batch.resolvedAtMillis(i));
                succeeded();
            } catch (RuntimeException e) {
                failed("appendResolved", e);
            }
        }
    }

    void logged(long id, ModelKey key, Prediction prediction, long loggedAtMillis) {
        try {
            store.appendLogged(id, key, prediction, loggedAtMillis);
            succeeded();
        } catch (RuntimeException e) {
            failed("appendLogged", e);
        }
    }

    void reserveIds(long throughId) {
        try {
            store.reserveIds(throughId);
            succeeded();
        } catch (RuntimeException e) {
            failed("reserveIds", e);
        }
    }

    void append(StoreRecord record) {
        try {
            store.append(record);
            succeeded();
        } catch (RuntimeException e) {
            failed("append " + record.getClass().getSimpleName(), e);
        }
    }

    private void succeeded() {
        if (failing) {
            failing = false;
        }
    }

    void failed(String what, RuntimeException e) {
        failing = true;
        failures.increment();
        long n = failures.sum();
        if (n == 1 || n % 1000 == 0) {
            LOG.error("store failed on {} ({} failures so far); monitoring continues in memory", what, n, e);
        }
    }
}

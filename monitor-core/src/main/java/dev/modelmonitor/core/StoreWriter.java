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

    StoreWriter(Store store) {
        this.store = store;
    }

    void resolved(ResolvedBatch batch) {
        try {
            store.appendResolved(batch);
            succeeded();
        } catch (RuntimeException e) {
            failed("appendResolved", e);
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

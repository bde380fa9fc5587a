package dev.modelmonitor.core;

import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Verdict;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One thread's resolutions not yet applied to their keys, plus that thread's block of ids.
 *
 * <p>A resolve appends here under this buffer's own spin lock (uncontended: only its thread and a
 * draining check take it, each for a few microseconds at most) and, every {@value #CAPACITY} entries, applies them to their keys, taking each key's lock
 * once per run of entries for the same key. This keeps the cache line of a shared key from bouncing between
 * cores on every resolve. A check drains every thread's buffer before it reads, so it sees every resolve
 * that returned before it began, and a quiet thread holds nothing back from a check.
 */
final class ResolutionBuffer {

    static final int CAPACITY = 32;

    final Thread owner;
    // cleared when the monitor closes, so a thread that outlives the monitor does not keep its store
    private volatile StoreWriter store;

    // touched only by the owner thread: its id block and the last key it logged for
    long nextId;
    long idLimit;
    ModelKey lastKey;
    KeyState lastState;

    // 0 free, 1 held: a CAS to take, a release store to give back (one atomic instruction per add, where a
    // monitor lock costs two); held by the owner while it adds and by a check while it drains
    private final AtomicInteger lock = new AtomicInteger();

    // guarded by lock
    private int size;
    private final KeyState[] keys = new KeyState[CAPACITY];
    private final long[] ids = new long[CAPACITY];
    private final Prediction[] predictions = new Prediction[CAPACITY];
    private final Outcome[] outcomes = new Outcome[CAPACITY];
    private final Verdict[] verdicts = new Verdict[CAPACITY];
    private final long[] loggedAt = new long[CAPACITY];
    private final long[] resolvedAt = new long[CAPACITY];

    ResolutionBuffer(Thread owner, StoreWriter store) {
        this.owner = owner;
        this.store = store;
    }

    void add(KeyState key, long id, Prediction prediction, Outcome outcome, Verdict verdict, long logged,
             long resolved) {
        acquire();
        try {
            addLocked(key, id, prediction, outcome, verdict, logged, resolved);
        } finally {
            lock.setRelease(0);
        }
    }

    private void addLocked(KeyState key, long id, Prediction prediction, Outcome outcome, Verdict verdict,
                           long logged, long resolved) {
        int i = size;
        keys[i] = key;
        ids[i] = id;
        predictions[i] = prediction;
        outcomes[i] = outcome;
        verdicts[i] = verdict;
        loggedAt[i] = logged;
        resolvedAt[i] = resolved;
        size = i + 1;
        if (size == CAPACITY) {
            drainLocked();
        }
    }

    /** Applies every buffered resolution to its key. */
    void drain() {
        acquire();
        try {
            if (size > 0) {
                drainLocked();
            }
        } finally {
            lock.setRelease(0);
        }
    }

    /** Drops the reference to the monitor's store; called once the monitor is closed and drained. */
    void detach() {
        store = null;
    }

    private void acquire() {
        while (!lock.compareAndSet(0, 1)) {
            Thread.onSpinWait();
        }
    }

    private void drainLocked() {
        int n = size;
        int i = 0;
        StoreWriter writer = store;
        while (i < n) {
            KeyState key = keys[i];
            synchronized (key) {
                do {
                    key.applyLocked(verdicts[i], predictions[i], outcomes[i], resolvedAt[i]);
                    if (writer != null) {
                        writer.resolved(ids[i], key.key, predictions[i], outcomes[i], verdicts[i], loggedAt[i],
                                resolvedAt[i]);
                    }
                    keys[i] = null;
                    predictions[i] = null;
                    outcomes[i] = null;
                    i++;
                } while (i < n && keys[i] == key);
            }
        }
        size = 0;
    }
}

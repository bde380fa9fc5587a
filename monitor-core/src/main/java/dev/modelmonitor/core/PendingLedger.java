package dev.modelmonitor.core;

import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Verdict;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The predictions logged and not yet resolved, indexed by id.
 *
 * <p>Ids are handed to threads in blocks of {@value #BLOCK} (one shared counter increment per block, not per
 * id), so consecutive ids of one thread are adjacent. A pending prediction lives in slot {@code id & mask}
 * of a ring of parallel arrays (no object per prediction). Each slot's state is its id in {@code ids}:
 * {@link #FREE}, {@link #BUSY} (being written or cleared) or the id of the prediction it holds. Logging
 * claims a free slot by CAS and publishes the id with release semantics after writing the fields; resolving
 * reads the fields between two acquire reads of the id (a seqlock: ids are never reused, so an unchanged
 * id proves the fields are its own) and claims them with a CAS from the id to BUSY, so exactly one of
 * several racing resolvers (or the expiry sweep) wins. When a slot is still held by an older
 * pending prediction, the new one goes to an overflow map (boxed, rare). Memory: 36 bytes per slot.
 */
final class PendingLedger {

    static final int BLOCK = 64;
    static final long FREE = 0L;
    static final long BUSY = -1L;

    private static final VarHandle IDS = MethodHandles.arrayElementVarHandle(long[].class);

    private final AtomicLong blocks = new AtomicLong();
    private final int mask;
    private final long[] ids;
    private final KeyState[] keys;
    private final Prediction[] predictions;
    private final long[] loggedAt;
    private final long[] deadlines;
    private final ConcurrentHashMap<Long, Pending> overflow = new ConcurrentHashMap<>();

    /** A pending prediction that did not fit its ring slot. */
    record Pending(KeyState key, Prediction prediction, long loggedAtMillis, long deadlineMillis) {
    }

    PendingLedger(int capacity) {
        this.mask = capacity - 1;
        this.ids = new long[capacity];
        this.keys = new KeyState[capacity];
        this.predictions = new Prediction[capacity];
        this.loggedAt = new long[capacity];
        this.deadlines = new long[capacity];
    }

    /** Durably reserves ids, so that a restarted monitor never issues one twice. */
    interface IdReserver {
        void reserve(long throughId);
    }

    /** Ids reserved ahead each time the reservation runs out: one store write per this many ids. */
    static final long RESERVE_AHEAD = 1L << 16;

    // ids start at base + 1; set once, before the first id is issued
    private long base;
    private volatile long reservedThrough;
    private IdReserver reserver = throughId -> { };

    /**
     * Makes ids start after {@code lastIssued} (the highest id an earlier monitor on the same store may
     * have issued) and reserves through the given reserver. Called once, before the first log.
     */
    void startAfter(long lastIssued, IdReserver reserver) {
        this.base = lastIssued;
        this.reservedThrough = lastIssued;
        this.reserver = reserver;
    }

    /**
     * The first id of a fresh block of {@link #BLOCK} ids; ids start at 1 (or after the restored
     * reservation). Every id of the block is reserved before it is handed out: when the reservation runs
     * out, the thread that needs more reserves {@link #RESERVE_AHEAD} ids ahead (one store write per
     * 65,536 ids).
     */
    long nextBlock() {
        long first = base + blocks.getAndIncrement() * BLOCK + 1;
        long last = first + BLOCK - 1;
        if (last > reservedThrough) {
            reserve(last);
        }
        return first;
    }

    private synchronized void reserve(long last) {
        if (last > reservedThrough) {
            long target = last + RESERVE_AHEAD;
            reserver.reserve(target);
            reservedThrough = target;
        }
    }

    /** The largest id handed out so far (base when none). */
    long highestIssued() {
        return base + blocks.get() * BLOCK;
    }

    /** Puts a pending prediction restored from a store back. */
    void restore(long id, KeyState key, Prediction prediction, long loggedAt, long deadline) {
        add(id, key, prediction, loggedAt, deadline);
    }

    void add(long id, KeyState key, Prediction prediction, long now, long deadline) {
        int i = (int) (id & mask);
        if (IDS.compareAndSet(ids, i, FREE, BUSY)) {
            keys[i] = key;
            predictions[i] = prediction;
            loggedAt[i] = now;
            deadlines[i] = deadline;
            IDS.setRelease(ids, i, id);
        } else {
            overflow.put(id, new Pending(key, prediction, now, deadline));
        }
    }

    /**
     * Resolves the pending prediction with this id, if it is there: scores it (a mismatched outcome throws
     * and leaves it pending), claims it, and hands it to the thread's buffer.
     *
     * @return true when this call resolved it
     */
    boolean resolve(long id, Outcome outcome, double holdBand, long now, ResolutionBuffer buffer) {
        if (id <= 0) {
            return false;
        }
        int i = (int) (id & mask);
        if ((long) IDS.getAcquire(ids, i) == id) {
            KeyState key = keys[i];
            Prediction prediction = predictions[i];
            long logged = loggedAt[i];
            // Seqlock-style validation: a racing resolver may have claimed and cleared the slot (or a new
            // prediction taken it) while the fields were read; the id never comes back, so seeing it again
            // after a load-load fence proves the fields belong to it.
            VarHandle.loadLoadFence();
            if ((long) IDS.getAcquire(ids, i) != id) {
                return false;
            }
            Verdict verdict = prediction.score(outcome, holdBand);
            if (IDS.compareAndSet(ids, i, id, BUSY)) {
                keys[i] = null;
                predictions[i] = null;
                IDS.setRelease(ids, i, FREE);
                buffer.add(key, id, prediction, outcome, verdict, logged, Math.max(now, logged));
                return true;
            }
            return false;
        }
        if (overflow.isEmpty()) {
            return false;
        }
        Long boxed = id;
        Pending p = overflow.get(boxed);
        if (p == null) {
            return false;
        }
        Verdict verdict = p.prediction().score(outcome, holdBand);
        if (overflow.remove(boxed, p)) {
            buffer.add(p.key(), id, p.prediction(), outcome, verdict, p.loggedAtMillis(),
                    Math.max(now, p.loggedAtMillis()));
            return true;
        }
        return false;
    }

    /** Receives each expired prediction. */
    interface ExpiryListener {
        void expired(KeyState key, long id, long loggedAtMillis);
    }

    /**
     * Removes every pending prediction whose deadline is before {@code now}. O(capacity + overflow).
     *
     * @return how many expired
     */
    int expire(long now, ExpiryListener listener) {
        int n = 0;
        for (int i = 0; i <= mask; i++) {
            long id = (long) IDS.getAcquire(ids, i);
            if (id > 0 && deadlines[i] < now && IDS.compareAndSet(ids, i, id, BUSY)) {
                KeyState key = keys[i];
                long logged = loggedAt[i];
                keys[i] = null;
                predictions[i] = null;
                IDS.setRelease(ids, i, FREE);
                listener.expired(key, id, logged);
                n++;
            }
        }
        for (Iterator<Map.Entry<Long, Pending>> it = overflow.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Pending> e = it.next();
            if (e.getValue().deadlineMillis() < now && overflow.remove(e.getKey(), e.getValue())) {
                listener.expired(e.getValue().key(), e.getKey(), e.getValue().loggedAtMillis());
                n++;
            }
        }
        return n;
    }

    /** Pending predictions that did not fit the ring (for status and tests). */
    int overflowSize() {
        return overflow.size();
    }
}

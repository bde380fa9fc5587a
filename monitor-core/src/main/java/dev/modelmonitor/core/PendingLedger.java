package dev.modelmonitor.core;

import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Verdict;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The predictions logged and not yet resolved, indexed by id.
 *
 * <p>Ids are handed to threads in blocks of {@value #BLOCK} (one shared counter increment per block, not per
 * id), so consecutive ids of one thread are adjacent. A pending prediction lives in slot
 * {@code (id - 1) & mask} of a ring of parallel arrays (no object per prediction), so a block covers one
 * aligned chunk of {@value #BLOCK} slots. A thread takes its block only together with its chunk (a CAS on
 * the chunk's owner flag, once per block) and gives the chunk back when it takes its next block; a block
 * whose chunk another thread still holds is skipped (its ids are never issued). So while a thread logs into
 * its block it is the only writer that can turn one of its slots from free to used.
 *
 * <p>Each slot's state is its id in {@code ids}: {@link #FREE}, {@link #BUSY} (being cleared) or the id of
 * the prediction it holds. Logging reads the slot's state with acquire and, when it is free, writes the
 * fields and publishes the id with a release store: no atomic read-modify-write. Resolving reads the fields
 * between two acquire reads of the id (a seqlock: ids are never reused, so an unchanged id proves the
 * fields are its own) and claims them with a CAS from the id to BUSY, so exactly one of several racing
 * resolvers (or the expiry sweep) wins. When a slot is still held by an older pending prediction, or when
 * every chunk is held by other threads (more logging threads than {@code capacity / 64}), the new prediction
 * goes to an overflow map (boxed, rare). Memory: 36 bytes per slot, 45 with the gaps that keep each chunk on
 * cache lines of its own, plus a 64-byte owner flag per chunk.
 */
final class PendingLedger {

    static final int BLOCK = 64;
    static final long FREE = 0L;
    static final long BUSY = -1L;

    private static final VarHandle IDS = MethodHandles.arrayElementVarHandle(long[].class);

    private static final VarHandle OWNERS = MethodHandles.arrayElementVarHandle(int[].class);
    /**
     * Ints between two chunks' owner flags: each flag on a cache line of its own, so that threads taking and
     * giving back neighbouring chunks (each thread's next block is usually next to another's) do not write
     * one line between them.
     */
    private static final int OWNER_STRIDE = 16;
    /**
     * Array elements per chunk: its {@link #BLOCK} slots and a gap of 16 unused ones (128 bytes of a long
     * array, 64 of a reference array), so that no cache line holds slots of two chunks: two threads logging
     * into neighbouring chunks (each thread's next block is usually next to another's) never write one line
     * between them, wherever the arrays happen to start. The last chunk's gap also keeps it off the line of
     * whatever follows the array.
     */
    private static final int CHUNK_STRIDE = BLOCK + 16;
    /** Unused elements before the first chunk, which would otherwise share a line with the array's header. */
    private static final int GAP = CHUNK_STRIDE - BLOCK;

    /** The array index of an id's slot: slot {@code (id - 1) & mask}, laid out chunk by chunk with gaps. */
    private int slot(long id) {
        int s = (int) ((id - 1) & mask);
        return GAP + s + s / BLOCK * GAP;
    }

    /**
     * The count of blocks handed out, in element {@link #BLOCKS_AT} of a 16-long array so that the 64 bytes
     * on either side of it are the array's own: every thread increments it once per block, and the fields
     * every log and resolve reads (this object's, the arrays' headers) must not share its cache line.
     */
    private final long[] blockCounter = new long[16];
    private static final int BLOCKS_AT = 8;
    private static final VarHandle COUNTER = MethodHandles.arrayElementVarHandle(long[].class);
    private final int mask;
    private final int chunkMask;
    // per chunk of BLOCK slots, at chunk * OWNER_STRIDE: 1 while a thread logs into it, else 0
    private final int[] owners;
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
        this.chunkMask = capacity / BLOCK - 1;
        this.owners = new int[capacity / BLOCK * OWNER_STRIDE];
        int slots = capacity / BLOCK * CHUNK_STRIDE + GAP;
        this.ids = new long[slots];
        this.keys = new KeyState[slots];
        this.predictions = new Prediction[slots];
        this.loggedAt = new long[slots];
        this.deadlines = new long[slots];
    }

    /** Durably reserves ids, so that a restarted monitor never issues one twice. */
    interface IdReserver {
        void reserve(long throughId);
    }

    /** Ids reserved ahead each time the reservation runs out: one store write per this many ids. */
    static final long RESERVE_AHEAD = 1L << 16;

    // ids start at base + 1, base a multiple of BLOCK; set once, before the first id is issued
    private long base;
    private volatile long reservedThrough;
    private IdReserver reserver = throughId -> { };

    /**
     * Makes ids start after {@code lastIssued} (the highest id an earlier monitor on the same store may
     * have issued, rounded up to a whole block so that blocks stay aligned with ring chunks) and reserves
     * through the given reserver. Called once, before the first log.
     */
    void startAfter(long lastIssued, IdReserver reserver) {
        long aligned = (lastIssued + BLOCK - 1) / BLOCK * BLOCK;
        this.base = aligned;
        this.reservedThrough = aligned;
        this.reserver = reserver;
    }

    /**
     * Hands a thread a fresh block of {@link #BLOCK} ids (ids start at 1, or after the restored
     * reservation), giving back the chunk of its previous block. Sets {@link ResolutionBuffer#ownedChunk}
     * to the block's chunk, or to -1 when every chunk is held by another thread (the block's predictions
     * then go to the overflow map). Every id of the block is reserved before it is handed out: when the
     * reservation runs out, the thread that needs more reserves {@link #RESERVE_AHEAD} ids ahead (one store
     * write per 65,536 ids).
     *
     * @return the first id of the block
     */
    long nextBlock(ResolutionBuffer buffer) {
        release(buffer);
        long block = -1;
        for (int attempt = 0; attempt <= chunkMask; attempt++) {
            long b = (long) COUNTER.getAndAdd(blockCounter, BLOCKS_AT, 1L);
            int chunk = (int) ((base / BLOCK + b) & chunkMask);
            if (OWNERS.compareAndSet(owners, chunk * OWNER_STRIDE, 0, 1)) {
                buffer.ownedChunk = chunk;
                block = b;
                break;
            }
        }
        if (block < 0) {
            block = (long) COUNTER.getAndAdd(blockCounter, BLOCKS_AT, 1L);
        }
        long first = base + block * BLOCK + 1;
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

    /** Gives back the chunk a thread holds, if any (when it takes a new block, or when it has died). */
    void release(ResolutionBuffer buffer) {
        int chunk = buffer.ownedChunk;
        if (chunk >= 0) {
            buffer.ownedChunk = -1;
            OWNERS.setRelease(owners, chunk * OWNER_STRIDE, 0);
        }
    }

    /** The largest id handed out so far (base when none). */
    long highestIssued() {
        return base + (long) COUNTER.getVolatile(blockCounter, BLOCKS_AT) * BLOCK;
    }

    /** Puts a pending prediction restored from a store back. */
    void restore(long id, KeyState key, Prediction prediction, long loggedAt, long deadline) {
        // called while the monitor is built, before any thread logs: no other writer can race for the slot
        add(id, key, prediction, loggedAt, deadline, true);
    }

    /**
     * Records a pending prediction. Called by the thread that holds the id's block.
     *
     * @param owned whether that thread holds the block's chunk (else the prediction goes to the overflow)
     */
    void add(long id, KeyState key, Prediction prediction, long now, long deadline, boolean owned) {
        int i = slot(id);
        // only the chunk's holder turns a slot from FREE to used, and it is this thread: no CAS needed
        if (owned && (long) IDS.getAcquire(ids, i) == FREE) {
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
        int i = slot(id);
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
        // the gaps between chunks are always FREE, so they are passed over like free slots
        for (int i = 0; i < ids.length; i++) {
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

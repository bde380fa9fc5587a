package dev.modelmonitor.core;

import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Verdict;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The predictions logged and not yet resolved, indexed by id.
 *
 * <p>Ids are handed to threads in blocks of {@value #BLOCK}, so consecutive ids of one thread are adjacent. A
 * pending prediction lives in slot {@code (id - 1) & mask} of a ring of parallel arrays (no object per
 * prediction), so a block covers one aligned chunk of {@value #BLOCK} slots. A thread takes its block only
 * together with its chunk (a CAS on the chunk's owner flag, once per block) and gives the chunk back when it
 * takes its next block. So while a thread logs into its block it is the only writer that can turn one of its
 * slots from free to used.
 *
 * <p>Each thread walks the ring on its own, chunk after chunk, from a starting chunk spread away from the
 * other threads' (the golden-ratio sequence), and a thread that finds its next chunk held (it has caught up
 * with another thread) carries on half a ring further. So two threads log into distant parts of the arrays,
 * each into lines it wrote itself a lap before, and not into alternate chunks: with alternate chunks each
 * thread's hardware prefetchers pull in the neighbouring chunk the other thread is writing, and every chunk a
 * thread takes was last written by the other core, which doubled the cost of a pair on two threads whenever
 * the two threads' turns fell that way. A chunk's blocks are numbered by generation: the g-th block issued in
 * chunk c is {@code g * chunks + ((c - base / 64) mod chunks)} (a per-chunk counter, in the chunk's owner
 * line), so ids are unique and every id maps to its chunk, but they are not issued in global order. With
 * one thread the walk covers the whole ring, as one shared counter would, so ids then grow by one per log;
 * with several, by one per log when they cover the ring evenly and by up to about two when a thread keeps
 * meeting a slower one and so visits only half of it (each chunk's generation advances once per visit).
 *
 * <p>Each slot's state is its id in {@code ids}: {@link #FREE}, {@link #BUSY} (being cleared) or the id of
 * the prediction it holds. Logging reads the slot's state with acquire and, when it is free, writes the
 * fields and publishes the id with a release store: no atomic read-modify-write. Resolving reads the fields
 * between two acquire reads of the id (a seqlock: ids are never reused, so an unchanged id proves the
 * fields are its own) and claims them with a CAS from the id to BUSY, so exactly one of several racing
 * resolvers (or the expiry sweep) wins. When a slot is still held by an older pending prediction, or when
 * every chunk is held by other threads (more logging threads than {@code capacity / 64}), the new prediction
 * goes to an overflow map (boxed, rare). Memory: 36 bytes per slot, 45 with the gaps that keep each chunk on
 * cache lines of its own, plus a 64-byte owner line per chunk (its flag and its generation).
 */
final class PendingLedger {

    static final int BLOCK = 64;
    static final long FREE = 0L;
    static final long BUSY = -1L;

    private static final VarHandle IDS = MethodHandles.arrayElementVarHandle(long[].class);

    private static final VarHandle STATES = MethodHandles.arrayElementVarHandle(long[].class);
    /**
     * Longs per chunk in {@link #chunkStates}: its owner flag and its next generation on a cache line of their
     * own, so that threads taking and giving back chunks never write one line between them.
     */
    private static final int STATE_STRIDE = 8;
    /**
     * Array elements per chunk: its {@link #BLOCK} slots and a gap of 16 unused ones (128 bytes of a long
     * array, 64 of a reference array), so that no cache line holds slots of two chunks: two threads logging
     * into neighbouring chunks (when they meet on the ring) never write one line between them, wherever the
     * arrays happen to start. The last chunk's gap also keeps it off the line of
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

    private final int mask;
    private final int chunkMask;
    /**
     * Per chunk of BLOCK slots, from index {@code (chunk + 1) * STATE_STRIDE} (a line of padding before the
     * first and after the last): the owner flag (1 while a thread logs into it, else 0), then the generation
     * of its next block.
     */
    private final long[] chunkStates;
    /** How many threads have started walking the ring, for their starting chunks. */
    private final AtomicInteger walkers = new AtomicInteger();
    // (base / BLOCK) mod chunks: block numbers are offset by it so that block b of chunk c maps to chunk c
    private int chunkOffset;
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
        this.chunkStates = new long[(capacity / BLOCK + 2) * STATE_STRIDE];
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
        this.chunkOffset = (int) ((aligned / BLOCK) & chunkMask);
        this.reservedThrough = aligned;
        this.reserver = reserver;
    }

    /**
     * Hands a thread a fresh block of {@link #BLOCK} ids in the next chunk of its walk (see the class comment),
     * giving back the chunk of its previous block. Sets {@link ResolutionBuffer#ownedChunk} to the block's
     * chunk, or to -1 when every chunk is held by another thread (the block is then one of the next chunk's
     * generations all the same, and its predictions go to the overflow map). Every id of the block is reserved
     * before it is handed out: when the reservation runs out, the thread that needs more reserves
     * {@link #RESERVE_AHEAD} ids ahead.
     *
     * @return the first id of the block
     */
    long nextBlock(ResolutionBuffer buffer) {
        int previous = buffer.ownedChunk;
        release(buffer);
        int chunks = chunkMask + 1;
        int c;
        if (previous >= 0) {
            c = (previous + 1) & chunkMask;
        } else if (buffer.walk >= 0) {
            c = buffer.walk & chunkMask;
        } else {
            // spread the threads' starting chunks: the fractional parts of n times the golden ratio
            double spread = walkers.getAndIncrement() * 0.6180339887498949;
            c = (int) ((spread - Math.floor(spread)) * chunks) & chunkMask;
        }
        int owned = -1;
        // the first chunk, then from half a ring on: every chunk once (the first one twice)
        for (int attempt = 0; attempt <= chunks; attempt++) {
            if (STATES.compareAndSet(chunkStates, (c + 1) * STATE_STRIDE, 0L, 1L)) {
                owned = c;
                break;
            }
            // held: this thread has caught up with another one, so it carries on half a ring ahead of it
            // rather than right behind it, in chunks the other thread has just written
            c = (attempt == 0 ? c + chunks / 2 : c + 1) & chunkMask;
        }
        buffer.ownedChunk = owned;
        buffer.walk = c + 1;
        long generation = (long) STATES.getAndAdd(chunkStates, (c + 1) * STATE_STRIDE + 1, 1L);
        long block = generation * chunks + ((c - chunkOffset) & chunkMask);
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
            STATES.setRelease(chunkStates, (chunk + 1) * STATE_STRIDE, 0L);
        }
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

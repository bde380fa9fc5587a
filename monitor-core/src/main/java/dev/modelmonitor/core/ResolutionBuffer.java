package dev.modelmonitor.core;

import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.ResolvedBatch;
import dev.modelmonitor.api.Verdict;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One thread's events not yet applied to their keys (logs to count, resolutions to score into the
 * windows), plus that thread's block of ids.
 *
 * <p>A single-producer ring of {@value #CAPACITY} entries. Only the owner thread adds: it writes an
 * entry's fields with plain stores and publishes them by a release store of {@code tail}, so an add costs no
 * atomic read-modify-write. Whoever applies entries (the owner when the ring is full, or a check draining
 * every thread's ring) first takes the ring's consume lock (a CAS, once per drain, not per event), reads
 * {@code tail} with acquire, applies {@code [head, tail)} taking each key's lock once per run of entries for
 * the same key (and, still under that lock, hands the run's resolutions to the store in one call, as a
 * {@link ResolvedBatch} view over the slots), clears them, and hands the slots back by a release store of
 * {@code head}. The owner reuses a slot only after seeing {@code head} pass it. This keeps the cache line of
 * a shared key from bouncing between cores on every call, and a check still sees every log and resolve that
 * returned before it began: it drains every ring first, and a quiet thread holds nothing back.
 *
 * <p>Logs are counted per run of consecutive logs for one key: the owner increments the current run's count (a
 * release store), and puts a run in the ring as one entry only when it logs for another key. A consumer reads
 * the current run under a sequence number (a seqlock) before the ring, and keeps how much of which run it has
 * applied, so a run read while current and later met in the ring counts once.
 *
 * <p>Within a run, the common resolutions (scored, with a confidence, not a probability forecast) are
 * collected and handed to the key together ({@link KeyState#applyScoredLocked}), so that its window counts
 * and calibration sums stay in registers across them instead of going through memory once per resolution;
 * any other resolution first flushes those collected before it, so the key takes every resolution in ring
 * order, and the result is bit for bit that of applying them one at a time.
 */
final class ResolutionBuffer {

    static final int CAPACITY = 64;
    private static final int MASK = CAPACITY - 1;

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle CONSUMING;
    private static final VarHandle TALLY_SEQ;
    private static final VarHandle TALLY_COUNT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(ResolutionBuffer.class, "head", long.class);
            TAIL = l.findVarHandle(ResolutionBuffer.class, "tail", long.class);
            CONSUMING = l.findVarHandle(ResolutionBuffer.class, "consuming", int.class);
            TALLY_SEQ = l.findVarHandle(ResolutionBuffer.class, "tallySeq", long.class);
            TALLY_COUNT = l.findVarHandle(ResolutionBuffer.class, "tallyCount", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread owner;
    // cleared when the monitor closes, so a thread that outlives the monitor does not keep its store
    private volatile StoreWriter store;

    // touched only by the owner thread: its id block and the last key it logged for
    long nextId;
    long idLimit;
    /** The ledger chunk whose slots this thread writes alone, or -1 when its block is shared. */
    int ownedChunk = -1;
    /** The next chunk of this thread's walk around the ledger, or -1 before its first block. */
    int walk = -1;
    ModelKey lastKey;
    KeyState lastState;

    // written by the owner only (release), read by consumers (acquire)
    private volatile long tail;
    // written by the consumer holding the consume lock only (release), read by the owner (acquire)
    private volatile long head;
    // the consume lock: 0 free, 1 held
    private volatile int consuming;

    // The owner's current run of logs for one key, counted here rather than one ring entry per log: written by
    // the owner only, read by consumers between two reads of tallySeq (odd while the owner switches keys).
    private KeyState tallyKey;
    private volatile long tallyCount;
    private volatile long tallySeq;
    // consumer only: the run of logs applied last and how many of its logs were
    private long appliedSeq = -1;
    private long appliedCount;

    // entry i lives in slot i & MASK; a null outcome marks a log event: a finished run of logs for its key, with
    // the run's count in ids and its sequence number in loggedAt
    private final KeyState[] keys = new KeyState[CAPACITY];
    private final long[] ids = new long[CAPACITY];
    private final Prediction[] predictions = new Prediction[CAPACITY];
    private final Outcome[] outcomes = new Outcome[CAPACITY];
    private final Verdict[] verdicts = new Verdict[CAPACITY];
    private final long[] loggedAt = new long[CAPACITY];
    private final long[] resolvedAt = new long[CAPACITY];
    /** One run's resolutions as the store sees them; reused, valid only during the store call. */
    private final Run run = new Run();
    // consumer only: the common resolutions of one run (scored, with a confidence, not a probability forecast),
    // handed to their key together
    private final double[] stagedConfidence = new double[CAPACITY];
    private final int[] stagedHit = new int[CAPACITY];
    private final long[] stagedAt = new long[CAPACITY];

    ResolutionBuffer(Thread owner, StoreWriter store) {
        this.owner = owner;
        this.store = store;
    }

    /**
     * Owner only: counts one logged prediction for a key. Consecutive logs for one key are one run: the count
     * of the current run is a field the owner increments (no ring entry, no atomic read-modify-write), and a
     * log for another key first puts the finished run in the ring as one entry.
     */
    void logged(KeyState key) {
        if (key == tallyKey) {
            TALLY_COUNT.setRelease(this, tallyCount + 1);
        } else {
            switchTally(key);
        }
    }

    private void switchTally(KeyState key) {
        long seq = tallySeq;
        KeyState finished = tallyKey;
        if (finished != null) {
            // published before the sequence turns odd: a consumer that cannot read the run sees it in the ring
            long t = (long) TAIL.getOpaque(this);
            int i = slotFor(t);
            keys[i] = finished;
            ids[i] = tallyCount;
            loggedAt[i] = seq;
            outcomes[i] = null;
            TAIL.setRelease(this, t + 1);
        }
        // release: a consumer that sees the odd number must also see the entry above
        TALLY_SEQ.setRelease(this, seq + 1);
        VarHandle.storeStoreFence();
        tallyKey = key;
        TALLY_COUNT.setOpaque(this, 1L);
        TALLY_SEQ.setRelease(this, seq + 2);
    }

    /** Owner only: records one resolution, applied to its key at the next drain. */
    void add(KeyState key, long id, Prediction prediction, Outcome outcome, Verdict verdict, long logged,
             long resolved) {
        long t = (long) TAIL.getOpaque(this);
        int i = slotFor(t);
        keys[i] = key;
        ids[i] = id;
        predictions[i] = prediction;
        outcomes[i] = outcome;
        verdicts[i] = verdict;
        loggedAt[i] = logged;
        resolvedAt[i] = resolved;
        TAIL.setRelease(this, t + 1);
    }

    /** Owner only: the slot for entry {@code t}, draining first when the ring is full. */
    private int slotFor(long t) {
        if (t - (long) HEAD.getAcquire(this) >= CAPACITY) {
            drain();
        }
        return (int) (t & MASK);
    }

    /** Applies every published entry to its key. Any thread. */
    void drain() {
        while (!CONSUMING.compareAndSet(this, 0, 1)) {
            Thread.onSpinWait();
        }
        try {
            // The owner's current run of logs is read before the ring: every log that returned before this drain
            // began is then either counted in that run or in a run the owner put in the ring before switching
            // keys, which the read of tail below sees. A run the owner is switching away from meanwhile (an odd
            // or changed sequence) is in the ring already, so it is left to the ring.
            long seq = (long) TALLY_SEQ.getAcquire(this);
            KeyState runKey = null;
            long runCount = 0;
            if ((seq & 1) == 0) {
                runKey = tallyKey;
                runCount = (long) TALLY_COUNT.getAcquire(this);
                VarHandle.loadLoadFence();
                if ((long) TALLY_SEQ.getAcquire(this) != seq) {
                    runKey = null;
                }
            }
            long h = head;
            long t = (long) TAIL.getAcquire(this);
            if (t != h) {
                apply(h, t);
                HEAD.setRelease(this, t);
            }
            if (runKey != null) {
                long logs = newLogs(seq, runCount);
                if (logs > 0) {
                    synchronized (runKey) {
                        runKey.loggedLocked(logs);
                    }
                }
            }
        } finally {
            CONSUMING.setRelease(this, 0);
        }
    }

    /**
     * Drops the references to the monitor's store and keys; called once the monitor is closed and drained, so
     * that a thread that outlives the monitor does not keep them.
     */
    void detach() {
        while (!CONSUMING.compareAndSet(this, 0, 1)) {
            Thread.onSpinWait();
        }
        try {
            store = null;
            Arrays.fill(keys, null);
            Arrays.fill(predictions, null);
            Arrays.fill(outcomes, null);
            tallyKey = null;
        } finally {
            CONSUMING.setRelease(this, 0);
        }
    }

    /**
     * How many of run {@code seq}'s {@code count} logs were not applied yet, recording them as applied. Runs
     * are numbered in the order the owner logs them; a run may be applied in part (read while current) and
     * later in full (from its ring entry), or read again after its ring entry was applied (then nothing).
     */
    private long newLogs(long seq, long count) {
        long logs;
        if (seq > appliedSeq) {
            logs = count;
        } else if (seq == appliedSeq) {
            logs = count - appliedCount;
        } else {
            return 0;
        }
        if (logs <= 0) {
            return 0;
        }
        appliedSeq = seq;
        appliedCount = count;
        return logs;
    }

    private void apply(long from, long to) {
        StoreWriter writer = store;
        long e = from;
        while (e < to) {
            KeyState key = keys[(int) (e & MASK)];
            if (key == null) {
                // an event that raced with the monitor's close (detach clears the keys): dropped, as is
                // everything added after the close's last drain
                e++;
                continue;
            }
            synchronized (key) {
                int resolved = 0;
                long logs = 0;
                int staged = 0;
                List<ForecastDay> days = null;
                do {
                    int i = (int) (e & MASK);
                    Outcome outcome = outcomes[i];
                    if (outcome == null) {
                        logs += newLogs(loggedAt[i], ids[i]);
                    } else {
                        Prediction prediction = predictions[i];
                        Verdict verdict = verdicts[i];
                        double confidence;
                        if (verdict != Verdict.UNSCORED && !(prediction instanceof Prediction.ProbabilityForecast)
                                && !Double.isNaN(confidence = prediction.confidence())) {
                            // the common case, applied with the next ones of its kind in one pass
                            stagedConfidence[staged] = confidence;
                            stagedHit[staged] = verdict == Verdict.CORRECT ? 1 : 0;
                            stagedAt[staged] = resolvedAt[i];
                            staged++;
                        } else {
                            // any other kind goes after the staged ones, so the key takes them all in order
                            key.applyScoredLocked(stagedConfidence, stagedHit, stagedAt, staged);
                            staged = 0;
                            key.applyLocked(verdict, prediction, outcome, resolvedAt[i]);
                        }
                        if (prediction instanceof Prediction.Forecast) {
                            ForecastDay day = key.applyForecastLocked((Prediction.Forecast) prediction,
                                    ((Outcome.ActualValue) outcome).value(), resolvedAt[i]);
                            if (day != null && writer != null) {
                                // after the run's resolutions, which it may summarise, reach the store
                                if (days == null) {
                                    days = new ArrayList<>(1);
                                }
                                days.add(day);
                            }
                        }
                        run.slots[resolved++] = i;
                    }
                    e++;
                } while (e < to && keys[(int) (e & MASK)] == key);
                key.applyScoredLocked(stagedConfidence, stagedHit, stagedAt, staged);
                if (logs > 0) {
                    key.loggedLocked(logs);
                }
                // still under the key's lock, so the store receives each key's resolutions in the order
                // its windows took them, whichever threads' buffers they came from
                if (resolved > 0 && writer != null) {
                    run.size = resolved;
                    run.key = key.key;
                    writer.resolved(run);
                    run.key = null;
                }
                if (days != null) {
                    for (ForecastDay day : days) {
                        writer.append(day);
                    }
                }
                // a log event holds no reference but its key (kept: keys outlive the ring, and detach clears them)
                int[] slots = run.slots;
                for (int r = 0; r < resolved; r++) {
                    int i = slots[r];
                    predictions[i] = null;
                    outcomes[i] = null;
                }
            }
        }
    }

    private final class Run implements ResolvedBatch {
        final int[] slots = new int[CAPACITY];
        int size;
        ModelKey key;

        @Override
        public int size() {
            return size;
        }

        @Override
        public long id(int i) {
            return ids[slot(i)];
        }

        @Override
        public ModelKey key(int i) {
            slot(i);
            return key;
        }

        @Override
        public Prediction prediction(int i) {
            return predictions[slot(i)];
        }

        @Override
        public Outcome outcome(int i) {
            return outcomes[slot(i)];
        }

        @Override
        public Verdict verdict(int i) {
            return verdicts[slot(i)];
        }

        @Override
        public long loggedAtMillis(int i) {
            return loggedAt[slot(i)];
        }

        @Override
        public long resolvedAtMillis(int i) {
            return resolvedAt[slot(i)];
        }

        private int slot(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("entry must be in [0, " + size + "), was " + i);
            }
            return slots[i];
        }
    }
}

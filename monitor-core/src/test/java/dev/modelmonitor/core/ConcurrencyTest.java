package dev.modelmonitor.core;

import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.ModelStatus;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.ResolvedBatch;
import dev.modelmonitor.api.Store;
import dev.modelmonitor.api.StoreRecord;
import dev.modelmonitor.core.store.InMemoryStore;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

import static dev.modelmonitor.core.Fixtures.HOUR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several threads log and resolve at once: nothing lost, nothing counted twice. */
class ConcurrencyTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 20_000;
    /** Every this many logs, a logger of the read-count test waits for one status read. */
    private static final int CHECKPOINT = 250;

    @Test
    void concurrentLogAndResolveKeepExactTotals() throws Exception {
        runExactTotals(1024);
    }

    /** One chunk of 64 slots for four threads: three log through the overflow map at any moment. */
    @Test
    void moreLoggingThreadsThanRingChunksStillKeepExactTotals() throws Exception {
        runExactTotals(64);
    }

    @Test
    void aDeadThreadGivesItsRingChunkBack() throws Exception {
        ModelKey key = ModelKey.of("m", "s");
        try (ModelMonitor m = ModelMonitor.builder().pendingCapacity(64).build()) {
            long[] first = new long[1];
            Thread t = new Thread(() -> first[0] = m.log(key, Prediction.up(0.7, 100.0, HOUR)));
            t.start();
            t.join();
            m.checkAll(); // forgets the dead thread's buffer and frees the only chunk it held
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(m.log(key, Prediction.up(0.7, 100.0, HOUR)));
            }
            // the slot of the dead thread's still-pending id is taken, so exactly one new id overflows
            assertEquals(1, m.counters().pendingOverflow());
            assertTrue(m.resolve(first[0], Outcome.exitPrice(101.0)));
            for (long id : ids) {
                assertTrue(m.resolve(id, Outcome.exitPrice(101.0)));
            }
            ModelStatus s = m.status(key);
            assertEquals(11, s.logged());
            assertEquals(11, s.resolved());
            assertEquals(0, m.counters().pendingOverflow());
        }
    }

    /** Records the batches of resolutions the monitor hands over, keeping them in an in-memory store. */
    private static final class BatchRecordingStore implements Store {
        final InMemoryStore inner = InMemoryStore.withDefaults();
        final List<List<Long>> batches = new ArrayList<>();
        final List<ModelKey> keys = new ArrayList<>();

        @Override
        public synchronized void appendResolved(ResolvedBatch batch) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                ids.add(batch.id(i));
                assertEquals(batch.key(0), batch.key(i), "one key per batch");
            }
            batches.add(ids);
            keys.add(batch.key(0));
            inner.appendResolved(batch);
        }

        @Override
        public void append(StoreRecord record) {
            inner.append(record);
        }

        @Override
        public <T extends StoreRecord> List<T> latest(Class<T> type, ModelKey key, int limit) {
            return inner.latest(type, key, limit);
        }

        @Override
        public <T extends StoreRecord> void scan(Class<T> type, ModelKey key, long fromMillis, long toMillis,
                                                 Consumer<? super T> action) {
            inner.scan(type, key, fromMillis, toMillis, action);
        }
    }

    @Test
    void theStoreReceivesEachResolutionOnceInBatchesOfOneKeyOfAtMost64() throws Exception {
        BatchRecordingStore store = new BatchRecordingStore();
        ModelKey shared = ModelKey.of("shared", "ALL");
        List<Long> resolvedIds = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ModelMonitor m = ModelMonitor.builder().store(store).build()) {
            runTogether(t -> {
                ModelKey own = ModelKey.of("own", "T" + t);
                for (int i = 0; i < 5_000; i++) {
                    long id = m.log(i % 3 == 0 ? own : shared, Prediction.up(0.7, 100.0, HOUR));
                    if (m.resolve(id, Outcome.exitPrice(101.0))) {
                        resolvedIds.add(id);
                    }
                }
            });
            m.checkAll(); // drains every thread's buffer into the store
            List<Long> stored = new ArrayList<>();
            synchronized (store) {
                for (List<Long> b : store.batches) {
                    assertTrue(b.size() >= 1 && b.size() <= 64, "batch of " + b.size());
                    stored.addAll(b);
                }
                assertTrue(store.keys.contains(shared));
            }
            assertEquals(THREADS * 5_000, resolvedIds.size());
            assertEquals(new java.util.TreeSet<>(resolvedIds), new java.util.TreeSet<>(stored));
            assertEquals(resolvedIds.size(), stored.size(), "no resolution stored twice");
            assertEquals(THREADS * 5_000L, m.status(shared).resolved() + sumOwn(m));
        }
    }

    /**
     * Three threads log to four keys in runs of random length (so each thread's current run of logs is counted
     * in place and its finished runs go through its ring), resolving some, while a fourth reads every key's
     * status: each read counts at least the logs that returned before it began and at most those that began
     * before it ended, never fewer than the read before, and the totals are exact once the loggers are done.
     */
    @RepeatedTest(25)
    void aReadCountsEveryLogThatReturnedBeforeItAndNoneTwice() throws Exception {
        int keys = 4;
        int loggers = THREADS - 1;
        ModelKey[] k = new ModelKey[keys];
        for (int i = 0; i < keys; i++) {
            k[i] = ModelKey.of("runs", "K" + i);
        }
        AtomicLongArray started = new AtomicLongArray(keys);
        AtomicLongArray returned = new AtomicLongArray(keys);
        AtomicInteger done = new AtomicInteger();
        AtomicLong reads = new AtomicLong();
        AtomicBoolean readerStopped = new AtomicBoolean();
        try (ModelMonitor m = ModelMonitor.builder().build()) {
            runTogether(t -> {
                if (t == loggers) {
                    long[] last = new long[keys];
                    try {
                        while (done.get() < loggers) {
                            for (int i = 0; i < keys; i++) {
                                long low = returned.get(i);
                                long logged = m.status(k[i]).logged();
                                long high = started.get(i);
                                assertTrue(low <= logged && logged <= high && logged >= last[i],
                                        "key " + i + ": logged " + logged + ", returned before " + low
                                                + ", started after " + high + ", read before " + last[i]);
                                last[i] = logged;
                                reads.incrementAndGet();
                            }
                        }
                    } finally {
                        readerStopped.set(true); // a failed read must not leave the loggers waiting for the next
                    }
                    return;
                }
                java.util.SplittableRandom random = new java.util.SplittableRandom(t);
                long seen = 0;
                for (int n = 0; n < PER_THREAD; ) {
                    int key = random.nextInt(keys);
                    int run = 1 + random.nextInt(random.nextBoolean() ? 3 : 200);
                    for (int r = 0; r < run && n < PER_THREAD; r++, n++) {
                        if (n % CHECKPOINT == 0) {
                            // On a machine with fewer cores than threads the reader might otherwise not run until
                            // the loggers are done; wait for one of its reads, often in the middle of a run.
                            while (reads.get() <= seen && !readerStopped.get()) {
                                Thread.yield();
                            }
                            seen = reads.get();
                        }
                        started.incrementAndGet(key);
                        long id = m.log(k[key], Prediction.up(0.7, 100.0, HOUR));
                        returned.incrementAndGet(key);
                        if (random.nextInt(3) == 0) {
                            m.resolve(id, Outcome.exitPrice(101.0));
                        }
                    }
                }
                done.incrementAndGet();
            });
            long total = 0;
            for (int i = 0; i < keys; i++) {
                assertEquals(started.get(i), m.status(k[i]).logged(), "key " + i);
                total += m.status(k[i]).logged();
            }
            assertEquals((long) loggers * PER_THREAD, total);
            assertTrue(reads.get() >= PER_THREAD / CHECKPOINT, "reads " + reads.get());
        }
    }

    /**
     * Runs {@link #THREADS} threads, released together, each doing {@code work} with its index, and waits for
     * them; fails if any of them threw.
     */
    private static void runTogether(java.util.function.IntConsumer work) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < THREADS; t++) {
            int index = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                work.accept(index);
            });
            th.setUncaughtExceptionHandler((thread, e) -> failures.add(e));
            threads.add(th);
            th.start();
        }
        start.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertTrue(failures.isEmpty(), () -> "worker threads failed: " + failures);
    }

    private static long sumOwn(ModelMonitor m) {
        long n = 0;
        for (int t = 0; t < THREADS; t++) {
            n += m.status(ModelKey.of("own", "T" + t)).resolved();
        }
        return n;
    }

    private static void runExactTotals(int capacity) throws Exception {
        ModelKey shared = ModelKey.of("shared", "ALL");
        try (ModelMonitor m = ModelMonitor.builder().pendingCapacity(capacity).build()) {
            ConcurrentLinkedQueue<Long> handOff = new ConcurrentLinkedQueue<>();
            AtomicInteger wins = new AtomicInteger();
            runTogether(t -> {
                ModelKey own = ModelKey.of("own", "T" + t);
                for (int i = 0; i < PER_THREAD; i++) {
                    long a = m.log(own, Prediction.up(0.7, 100.0, HOUR));
                    if (m.resolve(a, Outcome.exitPrice(101.0))) {
                        wins.incrementAndGet();
                    }
                    // shared key: resolved by whichever thread polls it first, and a second time by
                    // its own thread, which must lose
                    long b = m.log(shared, Prediction.up(0.7, 100.0, HOUR));
                    handOff.add(b);
                    Long other = handOff.poll();
                    if (other != null && m.resolve(other, Outcome.exitPrice(99.0))) {
                        wins.incrementAndGet();
                    }
                    m.resolve(b, Outcome.exitPrice(99.0)); // may or may not win; counted below
                    if (i % 5000 == 0) {
                        m.checkAll();
                    }
                }
            });
            for (Long left; (left = handOff.poll()) != null; ) {
                m.resolve(left, Outcome.exitPrice(99.0));
            }
            long resolvedTotal = 0;
            for (int t = 0; t < THREADS; t++) {
                ModelStatus s = m.status(ModelKey.of("own", "T" + t));
                assertEquals(PER_THREAD, s.logged());
                assertEquals(PER_THREAD, s.resolved());
                assertEquals(0, s.pending());
                assertEquals(50, s.report().windows().get(0).correct());
                resolvedTotal += s.resolved();
            }
            ModelStatus sh = m.status(shared);
            assertEquals((long) THREADS * PER_THREAD, sh.logged());
            assertEquals((long) THREADS * PER_THREAD, sh.resolved(), "every shared prediction resolved exactly once");
            assertEquals(0, sh.pending());
            assertEquals(0, sh.report().windows().get(2).correct());
            assertEquals(200, sh.report().windows().get(2).count());
            assertTrue(wins.get() <= resolvedTotal + sh.resolved());
            assertEquals(0, m.counters().pendingOverflow());
        }
    }
}

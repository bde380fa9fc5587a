package dev.modelmonitor.core;

import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.modelmonitor.core.Fixtures.BTC;
import static dev.modelmonitor.core.Fixtures.HOUR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How threads walk the pending ledger's chunks, and the ids that walk gives. */
class PendingLedgerWalkTest {

    private static final int CAPACITY = 1024;
    private static final int CHUNKS = CAPACITY / PendingLedger.BLOCK;

    private static int chunkOf(long id) {
        return chunkOf(id, CAPACITY);
    }

    private static int chunkOf(long id, int capacity) {
        return (int) (((id - 1) & (capacity - 1)) / PendingLedger.BLOCK);
    }

    private static ResolutionBuffer buffer() {
        return new ResolutionBuffer(Thread.currentThread(), null);
    }

    @Test
    void aThreadWalksEveryChunkInTurnAndEachBlockLiesInItsChunk() {
        walkEveryChunk(new PendingLedger(CAPACITY), 0);
    }

    @Test
    void afterARestartIdsStartAboveTheLastAndStillLieInTheirChunks() {
        PendingLedger ledger = new PendingLedger(CAPACITY);
        long lastIssued = 1_000L * PendingLedger.BLOCK + 5;  // not a multiple of the ring: chunk numbers are offset
        ledger.startAfter(lastIssued, throughId -> { });
        walkEveryChunk(ledger, lastIssued);
    }

    private static void walkEveryChunk(PendingLedger ledger, long lastIssued) {
        ResolutionBuffer b = buffer();
        Set<Long> ids = new HashSet<>();
        int start = -1;
        for (int i = 0; i < 3 * CHUNKS; i++) {
            long first = ledger.nextBlock(b);
            if (start < 0) {
                start = b.ownedChunk;
            }
            assertEquals((start + i) % CHUNKS, b.ownedChunk, "block " + i);
            assertEquals(b.ownedChunk, chunkOf(first));
            assertEquals(b.ownedChunk, chunkOf(first + PendingLedger.BLOCK - 1));
            for (long id = first; id < first + PendingLedger.BLOCK; id++) {
                assertTrue(id > lastIssued && ids.add(id), "id " + id + " issued twice or not above " + lastIssued);
            }
        }
    }

    @Test
    void threadsStartFarApartAndOneThatCatchesUpJumpsHalfARing() {
        PendingLedger ledger = new PendingLedger(CAPACITY);
        ResolutionBuffer a = buffer();
        ResolutionBuffer b = buffer();
        ledger.nextBlock(a);
        ledger.nextBlock(b);
        int apart = Math.floorMod(b.ownedChunk - a.ownedChunk, CHUNKS);
        assertTrue(apart >= CHUNKS / 4 && apart <= 3 * CHUNKS / 4, "started " + apart + " chunks apart");
        // a walks up to the chunk b holds: it skips it and carries on half a ring further
        for (int i = 1; i < apart; i++) {
            ledger.nextBlock(a);
        }
        assertEquals(Math.floorMod(b.ownedChunk - 1, CHUNKS), a.ownedChunk);
        ledger.nextBlock(a);
        assertEquals((b.ownedChunk + CHUNKS / 2) % CHUNKS, a.ownedChunk);
        assertNotEquals(a.ownedChunk, b.ownedChunk);
    }

    @Test
    void newThreadsStartSpreadAroundTheRing() {
        PendingLedger ledger = new PendingLedger(CAPACITY);
        int[] starts = new int[4];
        for (int t = 0; t < starts.length; t++) {
            ResolutionBuffer r = buffer();
            ledger.nextBlock(r);
            starts[t] = r.ownedChunk;
        }
        for (int i = 0; i < starts.length; i++) {
            for (int j = i + 1; j < starts.length; j++) {
                int d = Math.floorMod(starts[i] - starts[j], CHUNKS);
                assertTrue(Math.min(d, CHUNKS - d) >= 2, "starts " + java.util.Arrays.toString(starts));
            }
        }
    }

    @Test
    void aLedgerWhoseChunksAreAllHeldStillIssuesFreshIdsForTheOverflow() {
        PendingLedger ledger = new PendingLedger(PendingLedger.BLOCK * 2);
        ResolutionBuffer a = buffer();
        ResolutionBuffer b = buffer();
        ResolutionBuffer c = buffer();
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            for (ResolutionBuffer r : new ResolutionBuffer[] {a, b, c}) {
                long first = ledger.nextBlock(r);
                for (long id = first; id < first + PendingLedger.BLOCK; id++) {
                    assertTrue(ids.add(id), "id " + id + " issued twice");
                }
            }
        }
        assertTrue(a.ownedChunk == -1 || b.ownedChunk == -1 || c.ownedChunk == -1, "two chunks, three threads");
    }

    @Test
    void theOneFreeChunkIsFoundWhereverItIs() {
        int chunks = 8;
        for (int free = 0; free < chunks; free++) {
            PendingLedger ledger = new PendingLedger(chunks * PendingLedger.BLOCK);
            ResolutionBuffer[] holders = new ResolutionBuffer[chunks];
            ResolutionBuffer freed = null;
            for (int t = 0; t < chunks; t++) {
                holders[t] = buffer();
                ledger.nextBlock(holders[t]);
                assertTrue(holders[t].ownedChunk >= 0, "holder " + t + " found no free chunk");
                if (holders[t].ownedChunk == free) {
                    freed = holders[t];
                }
            }
            ledger.release(freed);
            ResolutionBuffer late = buffer();
            ledger.nextBlock(late);
            assertEquals(free, late.ownedChunk, "the only free chunk");
        }
    }

    @Test
    void manyMoreThreadsThanChunksGetUniqueReservedIds() throws Exception {
        PendingLedger ledger = new PendingLedger(2 * PendingLedger.BLOCK);
        java.util.concurrent.atomic.AtomicLong reserved = new java.util.concurrent.atomic.AtomicLong();
        ledger.startAfter(0, throughId -> reserved.accumulateAndGet(throughId, Math::max));
        Set<Long> firsts = ConcurrentHashMap.newKeySet();
        java.util.concurrent.ConcurrentLinkedQueue<String> problems = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Thread[] workers = new Thread[6];
        for (int t = 0; t < workers.length; t++) {
            workers[t] = new Thread(() -> {
                ResolutionBuffer own = new ResolutionBuffer(Thread.currentThread(), null);
                for (int i = 0; i < 5_000; i++) {
                    long first = ledger.nextBlock(own);
                    if (!firsts.add(first)) {
                        problems.add("block " + first + " issued twice");
                    }
                    if (first + PendingLedger.BLOCK - 1 > reserved.get()) {
                        problems.add("block " + first + " handed out before it was reserved");
                    }
                    if (own.ownedChunk >= 0 && chunkOf(first, 2 * PendingLedger.BLOCK) != own.ownedChunk) {
                        problems.add("block " + first + " outside its chunk " + own.ownedChunk);
                    }
                }
                ledger.release(own);
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        assertTrue(problems.isEmpty(), () -> problems.stream().limit(5).toList().toString());
        assertEquals(6 * 5_000, firsts.size());
    }

    @Test
    void oneThreadKeepsAWholeRingOfPendingPredictionsInTheRing() {
        try (ModelMonitor m = ModelMonitor.builder().pendingCapacity(CAPACITY).build()) {
            for (int lap = 0; lap < 3; lap++) {
                long[] ids = new long[CAPACITY];
                for (int i = 0; i < CAPACITY; i++) {
                    ids[i] = m.log(BTC, Prediction.up(0.7, 100.0, HOUR));
                }
                assertEquals(0, m.counters().pendingOverflow(), "lap " + lap);
                for (long id : ids) {
                    assertTrue(m.resolve(id, Outcome.exitPrice(101.0)));
                }
            }
            assertEquals(3L * CAPACITY, m.status(BTC).resolved());
        }
    }

    @Test
    void idsStayUniqueAcrossThreadsAndLaps() throws Exception {
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        int threads = 4;
        int perThread = 5 * CAPACITY;
        try (ModelMonitor m = ModelMonitor.builder().pendingCapacity(CAPACITY).build()) {
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                workers[t] = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        long id = m.log(BTC, Prediction.up(0.7, 100.0, HOUR));
                        ids.add(id);
                        m.resolve(id, Outcome.exitPrice(101.0));
                    }
                });
                workers[t].start();
            }
            for (Thread w : workers) {
                w.join();
            }
            assertEquals((long) threads * perThread, ids.size());
            assertEquals((long) threads * perThread, m.status(BTC).resolved());
        }
    }
}

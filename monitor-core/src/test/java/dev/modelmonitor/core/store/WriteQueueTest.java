package dev.modelmonitor.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The file store's write queue: exact capacity, FIFO, nothing lost or doubled under many producers. */
class WriteQueueTest {

    /** Any interleaving of offers and polls behaves like a bounded FIFO of exactly that capacity. */
    @Property(tries = 300)
    void behavesLikeABoundedFifo(@ForAll @IntRange(min = 1, max = 40) int capacity, @ForAll long seed) {
        WriteQueue q = new WriteQueue(capacity);
        java.util.ArrayDeque<Integer> model = new java.util.ArrayDeque<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int next = 0;
        for (int step = 0; step < 500; step++) {
            if (r.nextInt(3) > 0) {
                boolean added = q.offer(next);
                assertEquals(model.size() < capacity, added, "offer at size " + model.size());
                if (added) {
                    model.add(next);
                }
                next++;
            } else {
                assertEquals(model.poll(), q.poll());
            }
            assertEquals(model.size(), q.size());
        }
    }

    /**
     * With elements of several units (batches), the queue behaves like a bounded FIFO whose capacity counts
     * units: an element is refused exactly when its units do not fit, and the size is the units held.
     */
    @Property(tries = 300)
    void weightedElementsCountTheirUnitsAgainstTheCapacity(@ForAll @IntRange(min = 1, max = 40) int capacity,
                                                           @ForAll long seed) {
        WriteQueue q = new WriteQueue(capacity);
        java.util.ArrayDeque<int[]> model = new java.util.ArrayDeque<>();
        int units = 0;
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int next = 0;
        for (int step = 0; step < 500; step++) {
            if (r.nextInt(3) > 0) {
                int weight = 1 + r.nextInt(capacity);
                int[] element = {next++, weight};
                boolean added = q.offer(element, weight);
                assertEquals(units + weight <= capacity, added, "offer of " + weight + " at " + units);
                if (added) {
                    model.add(element);
                    units += weight;
                }
            } else {
                int[] expected = model.poll();
                assertSame(expected, q.poll());
                if (expected != null) {
                    assertEquals(expected[1], q.lastWeight());
                    units -= expected[1];
                }
            }
            assertEquals(units, q.size());
        }
    }

    @Test
    void aWeightOutsideOneToTheCapacityIsRejected() {
        WriteQueue q = new WriteQueue(8);
        assertEquals("weight must be in [1, 8], was 0",
                assertThrows(IllegalArgumentException.class, () -> q.offer("a", 0)).getMessage());
        assertEquals("weight must be in [1, 8], was 9",
                assertThrows(IllegalArgumentException.class, () -> q.offer("a", 9)).getMessage());
        assertEquals(0, q.size());
    }

    @Test
    void drainToStopsOnceItHoldsTheUnitsAskedFor() {
        WriteQueue q = new WriteQueue(64);
        assertTrue(q.offer("a", 30));
        assertTrue(q.offer("b", 30));
        assertTrue(q.offer("c", 1));
        List<Object> out = new ArrayList<>();
        assertEquals(60, q.drainTo(out, 40));
        assertEquals(List.of("a", "b"), out);
        assertEquals(1, q.size());
    }

    @Test
    void manyProducersOfBatchesLoseAndDoubleNothingAndKeepEachProducersOrder() throws Exception {
        checkManyProducers(50, 20_000, 20);
    }


    @Test
    void pollOfAnEmptyQueueIsNull() {
        assertNull(new WriteQueue(4).poll());
    }

    @Test
    void capacityOutsideItsRangeIsRejected() {
        assertEquals("capacity must be in [1, 1073741824], was 0",
                assertThrows(IllegalArgumentException.class, () -> new WriteQueue(0)).getMessage());
    }

    @Test
    void manyProducersLoseAndDoubleNothingAndKeepEachProducersOrder() throws Exception {
        checkManyProducers(64, 50_000, 1);
    }

    /**
     * Four producers each put {@code perProducer} numbers, one at a time when {@code maxWeight} is 1, else in
     * batches of 1 to {@code maxWeight}, while this thread drains: every number arrives once, in each
     * producer's order, and the queue never holds more than its capacity.
     */
    private static void checkManyProducers(int capacity, int perProducer, int maxWeight) throws Exception {
        int producers = 4;
        WriteQueue q = new WriteQueue(capacity);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long base = (long) p << 32;
            int producer = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    java.util.SplittableRandom r = new java.util.SplittableRandom(producer);
                    int i = 0;
                    while (i < perProducer) {
                        if (maxWeight == 1) {
                            q.put(base + i);
                            i++;
                            continue;
                        }
                        int weight = Math.min(perProducer - i, 1 + r.nextInt(maxWeight));
                        long[] batch = new long[weight];
                        for (int k = 0; k < weight; k++) {
                            batch[k] = base + i + k;
                        }
                        q.put(batch, weight);
                        i += weight;
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        start.countDown();
        long[] expected = new long[producers];
        int received = 0;
        List<Object> drained = new ArrayList<>();
        while (received < producers * perProducer) {
            drained.clear();
            if (q.drainTo(drained, 100) == 0) {
                Thread.onSpinWait();
                continue;
            }
            for (Object o : drained) {
                long[] values = o instanceof long[] ? (long[]) o : new long[] {(Long) o};
                for (long v : values) {
                    int p = (int) (v >>> 32);
                    assertEquals(expected[p], v & 0xffffffffL, "producer " + p + " out of order");
                    expected[p]++;
                    received++;
                }
            }
            assertTrue(q.size() <= capacity, "size " + q.size());
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(failures.isEmpty(), () -> "producers failed: " + failures);
        assertNull(q.poll());
        assertEquals(0, q.size());
        for (long e : expected) {
            assertEquals(perProducer, e);
        }
    }


    @Test
    void putWaitsForRoomAndAnInterruptedPutAddsNothing() throws Exception {
        WriteQueue q = new WriteQueue(1);
        assertTrue(q.offer("a"));
        assertFalse(q.offer("b"));
        Thread waiting = new Thread(() -> {
            try {
                q.put("b");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        waiting.start();
        FileStoreTest.awaitTrue(() -> waiting.getState() == Thread.State.WAITING, "the put waits");
        List<Object> out = new ArrayList<>();
        assertEquals(1, q.drainTo(out, 10));
        waiting.join();
        assertEquals("b", q.poll());

        assertTrue(q.offer("c"));
        Throwable[] thrown = new Throwable[1];
        Thread interrupted = new Thread(() -> {
            try {
                q.put("d");
            } catch (InterruptedException e) {
                thrown[0] = e;
            }
        });
        interrupted.start();
        FileStoreTest.awaitTrue(() -> interrupted.getState() == Thread.State.WAITING, "the put waits");
        interrupted.interrupt();
        interrupted.join();
        assertTrue(thrown[0] instanceof InterruptedException);
        assertEquals("c", q.poll());
        assertNull(q.poll());
    }
}

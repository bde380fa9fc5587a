package dev.modelmonitor.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        int producers = 4;
        int perProducer = 50_000;
        WriteQueue q = new WriteQueue(64);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long base = (long) p << 32;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perProducer; i++) {
                        q.put(base + i);
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
        List<Object> batch = new ArrayList<>();
        while (received < producers * perProducer) {
            batch.clear();
            if (q.drainTo(batch, 100) == 0) {
                Thread.onSpinWait();
                continue;
            }
            for (Object o : batch) {
                long v = (Long) o;
                int p = (int) (v >>> 32);
                assertEquals(expected[p], v & 0xffffffffL, "producer " + p + " out of order");
                expected[p]++;
                received++;
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(failures.isEmpty(), () -> "producers failed: " + failures);
        assertNull(q.poll());
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

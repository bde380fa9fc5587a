package dev.modelmonitor.core;

import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.ModelStatus;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.modelmonitor.core.Fixtures.HOUR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several threads log and resolve at once: nothing lost, nothing counted twice. */
class ConcurrencyTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 20_000;

    @Test
    void concurrentLogAndResolveKeepExactTotals() throws Exception {
        ModelKey shared = ModelKey.of("shared", "ALL");
        try (ModelMonitor m = ModelMonitor.builder().pendingCapacity(1024).build()) {
            ConcurrentLinkedQueue<Long> handOff = new ConcurrentLinkedQueue<>();
            AtomicInteger wins = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            for (int t = 0; t < THREADS; t++) {
                ModelKey own = ModelKey.of("own", "T" + t);
                Thread th = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
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
                th.setUncaughtExceptionHandler((thread, e) -> failures.add(e));
                threads.add(th);
                th.start();
            }
            start.countDown();
            for (Thread th : threads) {
                th.join();
            }
            assertTrue(failures.isEmpty(), () -> "worker threads failed: " + failures);
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

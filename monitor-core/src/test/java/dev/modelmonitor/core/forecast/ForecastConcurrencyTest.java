package dev.modelmonitor.core.forecast;

import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.store.InMemoryStore;
import dev.modelmonitor.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forecasts resolved from several threads on one shared key while a checker runs and the clock crosses
 * midnight: nothing is lost or counted twice, and every day reaches the store once.
 */
class ForecastConcurrencyTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 5_000;

    @Test
    void concurrentResolutionsAndChecksKeepExactTotals() throws Exception {
        ModelKey key = ModelKey.of("demand", "shared");
        MutableClock clock = MutableClock.of(Instant.parse("2026-03-02T23:59:59Z"));
        InMemoryStore store = InMemoryStore.withDefaults();
        Quantiles q = new Quantiles(-1, 0, 1);
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).store(store).build()) {
            CountDownLatch start = new CountDownLatch(1);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread th = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < PER_THREAD; i++) {
                            long id = m.log(key, Prediction.forecast(0.0, q, Duration.ofHours(1)));
                            // every 4th outside the interval: interval coverage exactly 0.75
                            if (!m.resolve(id, Outcome.value(i % 4 == 0 ? 5.0 : 0.5))) {
                                throw new AssertionError("resolve of " + id + " failed");
                            }
                            if (i == PER_THREAD / 2) {
                                clock.set(Instant.parse("2026-03-03T00:00:01Z"));
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads.add(th);
                th.start();
            }
            Thread checker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        m.checkAll();
                        m.forecastPerformance(key);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            checker.start();
            start.countDown();
            for (Thread th : threads) {
                th.join();
            }
            checker.join();
            assertTrue(failures.isEmpty(), failures.toString());

            clock.set(Instant.parse("2026-03-04T00:00:01Z"));
            m.checkAll();
            ForecastPerformance p = m.forecastPerformance(key);
            assertEquals(THREADS * PER_THREAD, p.totalResolved());
            ForecastTally all = p.longDays().tally();
            assertEquals(THREADS * PER_THREAD, all.count());
            assertEquals(THREADS * PER_THREAD * 3 / 4, all.insideInterval());
            assertEquals(200, p.recent().tally().count());
            List<ForecastDay> days = store.latest(ForecastDay.class, key, 10);
            assertEquals(2, days.size(), days.toString());
            assertEquals(THREADS * PER_THREAD, days.get(0).tally().count() + days.get(1).tally().count());
        }
    }
}

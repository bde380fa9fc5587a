package dev.modelmonitor.benchmarks;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Store;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.store.InMemoryStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Heap retained per idle key at the default windows (50/100/200): the monitor is built, the heap is
 * measured after several {@code System.gc()} rounds, then {@code keys} keys are each given a baseline and
 * 200 resolved predictions, and the heap is measured again. The keys, the baseline and the predictions and
 * outcomes are the caller's objects and exist before the first measurement, as does the monitor's pending
 * ring (sized at build), so the difference is the monitor's per-key state.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.modelmonitor.benchmarks.HeapPerKey
 * [keys] [defaultStoreKeys]} (defaults 100000 and 10000). The first figure uses a {@link NoopStore}; the
 * second the default {@link InMemoryStore}, which also retains the 200 resolved records and the baseline
 * record of each key (fewer keys, since it holds 201 records per key).
 */
public final class HeapPerKey {

    private static final int RESOLVED_PER_KEY = 200;

    private HeapPerKey() {
    }

    /**
     * @param args optional key counts: with the no-op store, with the default store
     * @throws InterruptedException if interrupted between GC rounds
     */
    public static void main(String[] args) throws InterruptedException {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int defaultStoreKeys = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        System.out.printf(Locale.ROOT, "java %s, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        inOwnThread("no-op store", NoopStore::new, keys);
        inOwnThread("default store (InMemoryStore)", () -> InMemoryStore.builder().build(), defaultStoreKeys);
    }

    /**
     * Measures on a thread of its own, then reports the heap once more after that thread ends: a closed
     * monitor stays reachable from the thread-local map of every live thread that logged or resolved on it
     * (its per-thread buffer refers back to the monitor), so only the thread's end releases it.
     */
    private static void inOwnThread(String label, Supplier<Store> store, int n) throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                measure(label, store.get(), n);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "heap-per-key");
        t.start();
        t.join();
        if (failure[0] != null) {
            throw new IllegalStateException(label + " failed", failure[0]);
        }
        System.out.printf(Locale.ROOT, "%-32s after that thread ended: %,14d B%n", "", usedHeap());
    }

    private static void measure(String label, Store store, int n) throws InterruptedException {
        Clock clock = Clock.fixed(Instant.parse("2024-01-02T00:00:00Z"), ZoneOffset.UTC);
        ModelKey[] keys = new ModelKey[n];
        for (int k = 0; k < n; k++) {
            keys[k] = MonitorData.key("heap", k);
        }
        Prediction[] predictions = MonitorData.predictions(RESOLVED_PER_KEY);
        Outcome[] outcomes = MonitorData.outcomes(predictions);
        Baseline baseline = Baseline.ofAccuracy(0.65);
        ModelMonitor monitor = ModelMonitor.builder().clock(clock).store(store).recordTrends(false).build();

        long before = usedHeap();
        for (ModelKey key : keys) {
            monitor.setBaseline(key, baseline);
            for (int i = 0; i < RESOLVED_PER_KEY; i++) {
                monitor.resolve(monitor.log(key, predictions[i]), outcomes[i]);
            }
        }
        // apply what this thread's buffer still holds
        if (monitor.detectDrift(keys[0]).resolvedCount() != RESOLVED_PER_KEY) {
            throw new IllegalStateException("resolutions were not applied");
        }
        long after = usedHeap();

        double perKey = (double) (after - before) / n;
        System.out.printf(Locale.ROOT, "%-32s keys %,9d  heap before %,14d B  after %,14d B  per key %,10.0f B%n",
                label, n, before, after, perKey);
        if (monitor.keys().size() != n) {
            throw new IllegalStateException("expected " + n + " keys");
        }
        monitor.close();
        monitor = null;
        System.out.printf(Locale.ROOT, "%-32s closed, thread alive:    %,14d B%n", "", usedHeap());
        java.lang.ref.Reference.reachabilityFence(keys);
        java.lang.ref.Reference.reachabilityFence(predictions);
        java.lang.ref.Reference.reachabilityFence(outcomes);
    }

    private static long usedHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}

package dev.modelmonitor.benchmarks;

import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.store.FileStore;
import dev.modelmonitor.core.store.InMemoryStore;
import dev.modelmonitor.core.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a check pays for the key snapshots a restartable store needs, now that a snapshot carries the key's
 * calibration state: {@code keys} keys, each with a month of calibration history (20 resolved calls a day
 * for 30 days, at the default thresholds: 10 bins, a 200 window, 30 retained days), each resolve one more
 * call and then one {@code checkAll} runs. On {@code memory} (not restartable) the check writes no snapshot;
 * on {@code file-none} (a {@link FileStore} that never forces) it builds and appends one snapshot per key, the
 * background writer encoding them; the difference is the snapshots' cost on the checking thread, and once
 * the queue is full it includes the writer's pace. Microseconds per check; the check thread is not the hot
 * path.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SnapshotCheckBenchmark {

    @State(Scope.Benchmark)
    public static class Keys {
        @Param({"memory", "file-none"})
        String store;

        @Param({"100"})
        int keys;

        Path dir;
        MutableClock clock;
        ModelMonitor monitor;
        ModelKey[] ids;
        int i;

        @Setup(Level.Trial)
        public void setUp() {
            clock = MutableClock.of(Instant.parse("2026-01-05T00:00:00Z"));
            ModelMonitor.Builder b = ModelMonitor.builder().clock(clock);
            if (store.equals("memory")) {
                b.store(InMemoryStore.builder().build());
            } else {
                dir = FileStoreBenchmark.tempDir("snapshot-check");
                b.store(FileStore.builder(dir).clock(clock).durability(FileStoreBenchmark.durability(store)).build());
            }
            monitor = b.build();
            ids = new ModelKey[keys];
            for (int k = 0; k < keys; k++) {
                ids[k] = MonitorData.key("bench", k);
            }
            for (int day = 0; day < 30; day++) {
                for (int n = 0; n < 20; n++) {
                    for (ModelKey key : ids) {
                        resolveOne(key);
                    }
                }
                clock.advance(Duration.ofDays(1));
                monitor.checkAll();
            }
        }

        void resolveOne(ModelKey key) {
            int j = i++;
            double confidence = 0.5 + (j % 45) / 100.0;
            long id = monitor.log(key, Prediction.up(confidence, 100.0, Duration.ofHours(1)));
            monitor.resolve(id, Outcome.exitPrice(j % 3 == 0 ? 99.0 : 101.0));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            monitor.close();
            if (dir != null) {
                FileStoreBenchmark.delete(dir);
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public int resolveEachKeyThenCheck(Keys k) {
        for (ModelKey key : k.ids) {
            k.resolveOne(key);
        }
        k.clock.advance(Duration.ofSeconds(1));
        return k.monitor.checkAll().size();
    }
}

package dev.modelmonitor.benchmarks;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.core.ModelMonitor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code checkAll()} over {@code keys} keys, each with a baseline of 0.65 and full windows (200
 * resolutions at exactly 0.62: a 3-point drop, so every key is HEALTHY, nothing is published, and every
 * window runs its z-test). The figure is µs per
 * check; divide by {@code keys} for the per-key cost. The call also sweeps the pending ring (65,536 slots,
 * empty here) for expiry, a fixed cost per check: the per-key cost proper is the slope between the two key
 * counts. {@code recordTrends} true hands every report to the store, a {@link NoopStore} here, so the
 * difference is the store call and not a store's own cost. The clock is fixed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CheckAllBenchmark {

    static final int RESOLVED_PER_KEY = 200;

    @Param({"1000", "10000"})
    int keys;

    @Param({"false", "true"})
    boolean recordTrends;

    ModelMonitor monitor;

    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2024-01-02T00:00:00Z"), ZoneOffset.UTC);
        monitor = ModelMonitor.builder().clock(clock).store(new NoopStore()).recordTrends(recordTrends).build();
        Prediction[] predictions = MonitorData.predictions(RESOLVED_PER_KEY);
        Outcome[] outcomes = MonitorData.outcomes(predictions);
        Baseline baseline = Baseline.ofAccuracy(0.65);
        for (int k = 0; k < keys; k++) {
            ModelKey key = MonitorData.key("check", k);
            monitor.setBaseline(key, baseline);
            for (int i = 0; i < RESOLVED_PER_KEY; i++) {
                monitor.resolve(monitor.log(key, predictions[i]), outcomes[i]);
            }
        }
        List<DriftAlert> alerts = monitor.checkAll();
        if (!alerts.isEmpty() || monitor.keys().size() != keys) {
            throw new IllegalStateException("expected " + keys + " healthy keys, got alerts " + alerts);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        monitor.close();
    }

    @Benchmark
    public List<DriftAlert> checkAll() {
        return monitor.checkAll();
    }
}

package dev.modelmonitor.benchmarks;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.core.ModelMonitor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code detectDrift} on one key whose windows (50/100/200) are full, with a baseline of 0.65 and an
 * accuracy of exactly 0.62 in every window: a drop of 3 points, HEALTHY, and all three z-tests run with
 * z != 0 (at z = 0 commons-math3 takes a shortcut that would flatter the naive side). {@link #library} is
 * {@link ModelMonitor} (its own erfc-based normal CDF); {@link #naive} is {@link NaiveMonitor}, the same
 * work with commons-math3's {@code NormalDistribution.cumulativeProbability} for the p-values. Both hold
 * the same 400 resolutions and read a fixed clock. B/op is the report (a {@code DriftReport}, its list and
 * three {@code WindowAccuracy}) plus whatever else the call allocates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DetectDriftBenchmark {

    static final int RESOLVED = 400;

    ModelKey key;
    ModelMonitor monitor;
    NaiveMonitor naiveMonitor;

    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2024-01-02T00:00:00Z"), ZoneOffset.UTC);
        key = MonitorData.key("drift", 0);
        Prediction[] predictions = MonitorData.predictions(RESOLVED);
        Outcome[] outcomes = MonitorData.outcomes(predictions);
        Baseline baseline = Baseline.ofAccuracy(0.65);
        monitor = ModelMonitor.builder().clock(clock).store(new NoopStore()).recordTrends(false).build();
        naiveMonitor = new NaiveMonitor(clock);
        monitor.setBaseline(key, baseline);
        naiveMonitor.setBaseline(key, baseline);
        for (int i = 0; i < RESOLVED; i++) {
            monitor.resolve(monitor.log(key, predictions[i]), outcomes[i]);
            naiveMonitor.resolve(naiveMonitor.log(key, predictions[i]), outcomes[i]);
        }
        DriftReport a = monitor.detectDrift(key);
        DriftReport b = naiveMonitor.detectDrift(key);
        if (a.level() != b.level() || a.resolvedCount() != RESOLVED || b.resolvedCount() != RESOLVED
                || Math.abs(a.pValue() - b.pValue()) > 1e-9 || a.windows().get(2).count() != 200) {
            throw new IllegalStateException("library and naive disagree: " + a + " vs " + b);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        monitor.close();
    }

    @Benchmark
    public DriftReport library() {
        return monitor.detectDrift(key);
    }

    @Benchmark
    public DriftReport naive() {
        return naiveMonitor.detectDrift(key);
    }
}

package dev.modelmonitor.benchmarks;

import dev.modelmonitor.stats.QuantileSketch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link QuantileSketch} (defaults: relative accuracy 0.01, 2048 buckets) on latency-like values
 * ({@link StreamData#latenciesNanos}, seed 11): one add, one p99 query of a sketch of 100,000 values,
 * and a reset plus two merges of 100,000-value sketches followed by a median query.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class QuantileSketchBenchmark {

    private static final int MASK = (1 << 16) - 1;

    double[] latencies;
    QuantileSketch adding;
    QuantileSketch full;
    QuantileSketch other;
    QuantileSketch target;
    int i;

    @Setup
    public void setUp() {
        latencies = StreamData.latenciesNanos(11, MASK + 1);
        adding = new QuantileSketch();
        full = new QuantileSketch();
        other = new QuantileSketch();
        double[] a = StreamData.latenciesNanos(12, 100_000);
        double[] b = StreamData.latenciesNanos(13, 100_000);
        for (int k = 0; k < a.length; k++) {
            full.add(a[k]);
            other.add(b[k]);
        }
        target = new QuantileSketch();
    }

    @Benchmark
    public long add() {
        adding.add(latencies[i++ & MASK]);
        return adding.count();
    }

    @Benchmark
    public double quantileP99() {
        return full.quantile(0.99);
    }

    @Benchmark
    public double mergeTwo() {
        target.reset();
        target.merge(full);
        target.merge(other);
        return target.quantile(0.5);
    }
}

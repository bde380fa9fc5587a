package dev.modelmonitor.benchmarks;

import dev.modelmonitor.stats.RollingBooleanWindow;
import dev.modelmonitor.stats.RollingDoubleWindow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One update of a rolling window (and, for the double window, reading its mean), on 2^16 precomputed
 * values from {@link StreamData} (seed 42) cycled through.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class WindowBenchmark {

    private static final int MASK = (1 << 16) - 1;

    @Param({"200"})
    int capacity;

    boolean[] outcomes;
    double[] values;
    RollingBooleanWindow booleans;
    RollingDoubleWindow doubles;
    int i;

    @Setup
    public void setUp() {
        outcomes = StreamData.bernoullis(42, MASK + 1, 0.62);
        values = StreamData.normals(42, MASK + 1);
        booleans = new RollingBooleanWindow(capacity);
        doubles = new RollingDoubleWindow(capacity);
    }

    @Benchmark
    public int booleanAdd() {
        booleans.add(outcomes[i++ & MASK]);
        return booleans.count();
    }

    @Benchmark
    public double doubleAdd() {
        doubles.add(values[i++ & MASK]);
        return doubles.mean();
    }

    @Benchmark
    public double doubleAddVariance() {
        doubles.add(values[i++ & MASK]);
        return doubles.variance();
    }
}

package dev.modelmonitor.benchmarks;

import dev.modelmonitor.stats.KolmogorovSmirnov;
import dev.modelmonitor.stats.KsMethod;
import dev.modelmonitor.stats.KsResult;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two-sample KS with scipy-equivalent p-values (exact up to 10k per sample, kstwo above), on n vs n normal
 * samples (seed 1, and seed 2 shifted by 0.05; see {@link DriftData}); {@code bench_drift.py} times
 * scipy's {@code ks_2samp} on the same data.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KolmogorovSmirnovBenchmark {

    /** Sample size of each of the two samples. */
    @Param({"1000", "10000", "100000"})
    public int n;

    private double[] x;
    private double[] y;
    private double[] sortedX;

    /** Generates both samples and the sorted reference. */
    @Setup
    public void setup() {
        x = DriftData.normals(1, n, 0.0, 1.0);
        y = DriftData.normals(2, n, 0.05, 1.0);
        sortedX = x.clone();
        Arrays.sort(sortedX);
    }

    /**
     * Both samples unsorted, as {@code ks_2samp(x, y)}.
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    public KsResult test() {
        return KolmogorovSmirnov.test(x, y, KsMethod.AUTO);
    }

    /**
     * The reference sorted once at setup, only the current sample sorted per call.
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    public KsResult testAgainstSortedReference() {
        return KolmogorovSmirnov.testAgainstSorted(sortedX, y, KsMethod.AUTO);
    }
}

package dev.modelmonitor.benchmarks;

import dev.modelmonitor.stats.PopulationStability;
import dev.modelmonitor.stats.PsiReference;
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
 * PSI on n vs n (baseline seed 1, current seed 2 shifted by 0.1; see {@link DriftData}): with decile edges
 * computed from the baseline on each call, and with edges and reference fractions fixed once (the
 * monitoring path, counting into a reused scratch array).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PsiBenchmark {

    /** Size of the baseline and of the current sample. */
    @Param({"10000", "100000"})
    public int n;

    private double[] baseline;
    private double[] current;
    private PsiReference reference;
    private int[] scratch;

    /** Generates both samples and prepares the fixed-edge reference. */
    @Setup
    public void setup() {
        baseline = DriftData.normals(1, n, 0.0, 1.0);
        current = DriftData.normals(2, n, 0.1, 1.0);
        reference = PsiReference.ofDeciles(baseline);
        scratch = new int[reference.binCount()];
    }

    /**
     * Decile edges from the baseline (quickselect), both samples binned.
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    public double psiDecileEdges() {
        return PopulationStability.psi(baseline, current);
    }

    /**
     * Edges and reference fractions fixed once; only the current window is binned.
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    public double psiFixedEdges() {
        return reference.psi(current, scratch);
    }
}

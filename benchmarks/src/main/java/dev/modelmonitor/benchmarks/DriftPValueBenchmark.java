package dev.modelmonitor.benchmarks;

import dev.modelmonitor.stats.ChiSquare;
import dev.modelmonitor.stats.ChiSquareResult;
import dev.modelmonitor.stats.KolmogorovSmirnov;
import dev.modelmonitor.stats.PsiReference;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The p-value functions on the check path; run with {@code -prof gc} to see 0 B/op. The Kolmogorov
 * survival function is timed in its three common regions (Pelz-Good, Smirnov sum, Durbin matrix), the
 * chi-square survival function at 9 degrees of freedom, and the 2 x 10 contingency test on counts of the
 * PSI benchmark's data binned at the baseline deciles.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DriftPValueBenchmark {

    private long[] row0;
    private long[] row1;
    /** Perturbed each call through a field so the JIT cannot fold the argument. */
    private double d = 0.006;

    /** Builds the contingency table from seeded data. */
    @Setup
    public void setup() {
        double[] base = DriftData.normals(1, 10_000, 0.0, 1.0);
        double[] cur = DriftData.normals(2, 10_000, 0.1, 1.0);
        PsiReference ref = PsiReference.ofDeciles(base);
        double[] fb = ref.referenceFractions();
        double[] fc = ref.binFractions(cur);
        row0 = new long[fb.length];
        row1 = new long[fb.length];
        for (int i = 0; i < fb.length; i++) {
            row0[i] = Math.round(fb[i] * base.length);
            row1[i] = Math.round(fc[i] * cur.length);
        }
    }

    /**
     * kstwo.sf at n = 50,000, n d^2 = 1.8: the Pelz-Good region (100k vs 100k, no drift).
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    public double kolmogorovSfPelzGood() {
        return KolmogorovSmirnov.kolmogorovSf(d, 50_000);
    }

    /**
     * kstwo.sf at n = 50,000, d = 0.012 (n d^2 = 7.2): the Smirnov-sum region (a drifted window).
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    public double kolmogorovSfSmirnov() {
        return KolmogorovSmirnov.kolmogorovSf(2 * d, 50_000);
    }

    /**
     * kstwo.sf at n = 5,000, d = 0.003 (n d^1.5 = 0.82): the Durbin-matrix region (p close to 1).
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    public double kolmogorovSfDurbin() {
        return KolmogorovSmirnov.kolmogorovSf(d / 2, 5_000);
    }

    /**
     * chi2.sf(12.5, 9).
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    public double chiSquareSf() {
        return ChiSquare.sf(d * 2083.3, 9);
    }

    /**
     * chi2_contingency on a 2 x 10 table, correction off.
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    public ChiSquareResult chiSquareContingency() {
        return ChiSquare.test(row0, row1);
    }
}

package dev.modelmonitor.benchmarks;

import dev.modelmonitor.stats.BrierDecomposition;
import dev.modelmonitor.stats.Calibration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Brier score ({@code brier_score_loss}) and its seven-term decomposition over 10 bins, on 100,000
 * calibrated forecasts ({@link ClassicData#forecasts}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class BrierBenchmark {

    private static final int N = 100_000;

    private double[] p;
    private int[] y;

    /** Generates the data. */
    @Setup
    public void setUp() {
        p = new double[N];
        y = new int[N];
        ClassicData.forecasts(ClassicData.SEED, N, p, y);
    }

    /**
     * The Brier score.
     *
     * @return the score
     */
    @Benchmark
    public double brier100k() {
        return Calibration.brier(y, p);
    }

    /**
     * The decomposition over 10 bins.
     *
     * @return the decomposition
     */
    @Benchmark
    public BrierDecomposition decomposition100k() {
        return Calibration.brierDecomposition(y, p, 10);
    }
}

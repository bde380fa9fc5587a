package dev.modelmonitor.benchmarks;

import dev.modelmonitor.stats.BinningStrategy;
import dev.modelmonitor.stats.Calibration;
import dev.modelmonitor.stats.ReliabilityCurve;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The reliability curve of 100,000 calibrated forecasts ({@link ClassicData#forecasts}) in 10 bins,
 * scikit-learn's {@code calibration_curve(y, p, n_bins=10, strategy=...)}, and the ECE over the same bins.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ReliabilityCurveBenchmark {

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
     * Uniform strategy, 10 bins.
     *
     * @return the curve
     */
    @Benchmark
    public ReliabilityCurve uniform100k() {
        return Calibration.reliabilityCurve(y, p, 10, BinningStrategy.UNIFORM);
    }

    /**
     * Quantile strategy, 10 bins (sorts a copy of p).
     *
     * @return the curve
     */
    @Benchmark
    public ReliabilityCurve quantile100k() {
        return Calibration.reliabilityCurve(y, p, 10, BinningStrategy.QUANTILE);
    }

    /**
     * Expected calibration error, 10 equal-width bins.
     *
     * @return the ECE
     */
    @Benchmark
    public double ece100k() {
        return Calibration.expectedCalibrationError(y, p, 10);
    }
}

package dev.modelmonitor.benchmarks;

import dev.modelmonitor.stats.IsotonicMap;
import dev.modelmonitor.stats.IsotonicRegression;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Isotonic recalibration on 10,000 calibrated forecasts ({@link ClassicData#forecasts}): fitting the map
 * (scikit-learn: {@code IsotonicRegression(out_of_bounds='clip', y_min=0, y_max=1).fit}) and evaluating it
 * on all 10,000 inputs ({@code predict}). Time is per 10,000-point operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class IsotonicBenchmark {

    private static final int N = 10_000;

    private double[] x;
    private double[] y;
    private double[] out;
    private IsotonicMap map;

    /** Generates the data and one fitted map. */
    @Setup
    public void setUp() {
        x = new double[N];
        int[] labels = new int[N];
        ClassicData.forecasts(ClassicData.SEED, N, x, labels);
        y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = labels[i];
        }
        out = new double[N];
        map = IsotonicRegression.fit(x, y);
    }

    /**
     * Fits 10,000 points.
     *
     * @return the map
     */
    @Benchmark
    public IsotonicMap fit10k() {
        return IsotonicRegression.fit(x, y);
    }

    /**
     * Evaluates the map on 10,000 points into a preallocated array.
     *
     * @return the output array
     */
    @Benchmark
    public double[] apply10k() {
        map.applyAll(x, out);
        return out;
    }
}

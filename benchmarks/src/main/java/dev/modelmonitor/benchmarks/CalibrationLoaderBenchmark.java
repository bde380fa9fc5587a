package dev.modelmonitor.benchmarks;

import dev.modelmonitor.core.recalibration.CalibrationConfig;
import dev.modelmonitor.core.recalibration.CalibrationLoader;
import dev.modelmonitor.core.recalibration.ConfidenceMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The inference side of calibration-only learning: {@link CalibrationLoader#calibrate(double)},
 * {@link CalibrationLoader#weights()} and {@link CalibrationLoader#weight(String, double)} with an active
 * config of {@code thresholds} isotonic thresholds (identity: calibration disabled) and four ensemble
 * weights. Inputs cycle through 1,024 confidences drawn uniformly from [0.5, 0.95) with SplitMix64, so the
 * binary search meets varied branches. Time per call; run with {@code -prof gc} to see 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class CalibrationLoaderBenchmark {

    /** Thresholds of the active map; 0 is the identity. */
    @Param({"0", "20", "200"})
    public int thresholds;

    private static final int INPUTS = 1024;

    private Path dir;
    private CalibrationLoader loader;
    private final double[] inputs = new double[INPUTS];
    private int next;

    /**
     * Builds a loader on an empty temporary directory and activates a config as a deployment would.
     *
     * @throws IOException when the temporary directory cannot be made
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("calibration-loader-bench");
        loader = CalibrationLoader.builder(dir).build();
        ConfidenceMap map = ConfidenceMap.IDENTITY;
        if (thresholds > 0) {
            double[] x = new double[thresholds];
            double[] y = new double[thresholds];
            for (int i = 0; i < thresholds; i++) {
                x[i] = 0.5 + 0.45 * i / thresholds;
                y[i] = 0.45 + 0.3 * i / thresholds;
            }
            map = ConfidenceMap.of(x, y);
        }
        loader.activated(new CalibrationConfig("bench", 0L, map,
                Map.of("xgb", 0.27, "lgbm", 0.33, "nhits", 0.2, "patchtst", 0.2)));
        SplitMix64 rnd = new SplitMix64(20260210L);
        for (int i = 0; i < INPUTS; i++) {
            inputs[i] = 0.5 + 0.45 * rnd.nextDouble();
        }
    }

    /**
     * Removes the temporary directory.
     *
     * @throws IOException when it cannot be removed
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir);
    }

    /**
     * One calibrated confidence.
     *
     * @return the calibrated confidence
     */
    @Benchmark
    public double calibrate() {
        int i = next;
        next = (i + 1) & (INPUTS - 1);
        return loader.calibrate(inputs[i]);
    }

    /**
     * The active weights map (no copy).
     *
     * @return the map
     */
    @Benchmark
    public Map<String, Double> weights() {
        return loader.weights();
    }

    /**
     * One model's weight, unboxed.
     *
     * @return the weight
     */
    @Benchmark
    public double weight() {
        return loader.weight("lgbm", 0.25);
    }
}

package dev.modelmonitor.benchmarks;

import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationMetrics;
import dev.modelmonitor.api.CalibrationWindow;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.CalibrationThresholds;
import dev.modelmonitor.api.Verdict;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.calibration.CalibrationEngine;
import dev.modelmonitor.core.calibration.KeyCalibration;
import dev.modelmonitor.stats.Calibration;
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
 * A key's full calibration snapshot ({@code ModelMonitor.calibration(key, kind, window)}: 10 bins with their
 * Wilson intervals, the Brier decomposition, ECE, MCE and Spiegelhalter's test) on one key holding 1,000
 * resolved direction calls spread over 7 days, read through a fixed clock:
 * <ul>
 *   <li>{@link #countWindow200}: the 200-prediction count window (O(bins));</li>
 *   <li>{@link #lastSevenDays}: the 7-day time window (merges 7 day buckets, O(days x bins));</li>
 *   <li>{@link #accumulatorAdd}: what one resolution adds to the resolve path's drain: one confidence into a
 *   key's accumulators (the default 200-prediction count window and the day buckets);</li>
 *   <li>{@link #recomputeKernels200}: the comparator, the monitor-stats kernels recomputing the same figures
 *   from the window's 200 forecasts (what a design without streaming accumulators pays).</li>
 * </ul>
 * Target: under 2 us and allocation-light (the result: a record, a list and 10 bin records).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CalibrationSnapshotBenchmark {

    static final int RESOLVED = 1_000;

    ModelKey key;
    ModelMonitor monitor;
    double[] p;
    int[] y;

    @Setup(Level.Trial)
    public void setUp() {
        Instant start = Instant.parse("2024-01-02T00:00:00Z");
        key = MonitorData.key("calibration", 0);
        Prediction[] predictions = MonitorData.predictions(RESOLVED);
        Outcome[] outcomes = MonitorData.outcomes(predictions);
        long[] now = {start.toEpochMilli()};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }

            @Override
            public long millis() {
                return now[0];
            }
        };
        monitor = ModelMonitor.builder().clock(clock).store(new NoopStore()).recordTrends(false).build();
        p = new double[200];
        y = new int[200];
        for (int i = 0; i < RESOLVED; i++) {
            now[0] = start.toEpochMilli() + i * (7L * 86_400_000L / RESOLVED);
            monitor.resolve(monitor.log(key, predictions[i]), outcomes[i]);
            if (i >= RESOLVED - 200) {
                p[i - (RESOLVED - 200)] = predictions[i].confidence();
                y[i - (RESOLVED - 200)] = predictions[i].score(outcomes[i], 0.002).ordinal() == 0 ? 1 : 0;
            }
        }
        CalibrationMetrics m = countWindow200();
        if (m.count() != 200 || Math.abs(m.ece() - Calibration.expectedCalibrationError(y, p, 10)) > 1e-9
                || lastSevenDays().count() != RESOLVED) {
            throw new IllegalStateException("snapshot disagrees with the kernels: " + m);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        monitor.close();
    }

    /** One key's calibration accumulators fed directly, as the drain does under the key's lock. */
    @State(Scope.Thread)
    public static class Feed {
        KeyCalibration calibration;
        Prediction[] predictions;
        Outcome[] outcomes;
        Verdict[] verdicts;
        long at = Instant.parse("2024-01-02T00:00:00Z").toEpochMilli();
        int i;

        @Setup(Level.Trial)
        public void setUp() {
            calibration = new CalibrationEngine(CalibrationThresholds.defaults(), java.util.Map.of())
                    .newKey(MonitorData.key("feed", 0), this);
            predictions = MonitorData.predictions(MonitorData.SIZE);
            outcomes = MonitorData.outcomes(predictions);
            verdicts = new Verdict[predictions.length];
            for (int j = 0; j < predictions.length; j++) {
                verdicts[j] = predictions[j].score(outcomes[j], 0.002);
            }
        }
    }

    @Benchmark
    public void accumulatorAdd(Feed f) {
        int j = f.i++ & MonitorData.MASK;
        Prediction p = f.predictions[j];
        f.calibration.applyLocked(p, f.outcomes[j], f.verdicts[j], p.confidence(), f.at++);
    }

    @Benchmark
    public CalibrationMetrics countWindow200() {
        return monitor.calibration(key, CalibrationKind.CONFIDENCE, CalibrationWindow.ofPredictions(200));
    }

    @Benchmark
    public CalibrationMetrics lastSevenDays() {
        return monitor.calibration(key, CalibrationKind.CONFIDENCE, CalibrationWindow.ofDays(7));
    }

    @Benchmark
    public double recomputeKernels200() {
        return Calibration.brierDecomposition(y, p, 10).reliability() + Calibration.expectedCalibrationError(y, p, 10)
                + Calibration.maximumCalibrationError(y, p, 10) + Calibration.spiegelhalter(y, p).pValue();
    }
}

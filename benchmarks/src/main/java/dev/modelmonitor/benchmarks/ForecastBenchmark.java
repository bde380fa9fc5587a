package dev.modelmonitor.benchmarks;

import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.forecast.ForecastAccumulator;
import dev.modelmonitor.api.ForecastConfig;
import java.time.Clock;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What forecast tracking costs: the log + resolve pair of a numeric forecast (against the same pair of a
 * direction call, which pays nothing for forecasts), the accumulator's own update, and reading a key's
 * forecast performance.
 *
 * <ul>
 *   <li>{@link #logResolve}: one thread, one key, {@code ModelMonitor} with a {@link NoopStore} and a fixed
 *   clock; {@code kind} is {@code direction} (the baseline pair), {@code forecast} (p10/p50/p90, four horizons)
 *   or {@code forecast-spend} (the same with a spend). The difference forecast - direction is the
 *   per-resolution cost forecast tracking adds (about 1/32 of a drain per pair, amortised);</li>
 *   <li>{@link #accumulatorAdd}: {@code ForecastAccumulator.add} alone, at the default config (count window 200,
 *   30 days, 4 horizon buckets);</li>
 *   <li>{@link #performance}: {@code ModelMonitor.forecastPerformance} of a key with a full count window and 30
 *   days of buckets (calibrated, so no flag is raised): the count window, the 7- and 30-day windows and the
 *   evaluation. A key with flags also formats one recommendation per flag, a few microseconds more;</li>
 *   <li>{@link #snapshot}: {@code ForecastAccumulator.snapshot()} of the same state (what a store persists).</li>
 * </ul>
 * Predictions and outcomes are built in set-up, so {@code -prof gc} B/op is the library's own allocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ForecastBenchmark {

    static final int SIZE = 1 << 12;
    static final int MASK = SIZE - 1;
    static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    static final Duration[] HORIZONS = {Duration.ofMinutes(30), Duration.ofHours(6), Duration.ofDays(3),
            Duration.ofDays(14)};

    @Param({"direction", "forecast", "forecast-spend"})
    String kind;

    final ModelKey key = ModelKey.of("demand", "eu");
    ModelMonitor monitor;
    ModelMonitor warmMonitor;
    ForecastAccumulator accumulator;
    ForecastAccumulator warm;
    Prediction[] predictions;
    Outcome[] outcomes;
    Prediction.Forecast[] forecasts;
    double[] actuals;
    int i;
    long t;

    @Setup(Level.Trial)
    public void setUp() {
        SplitMix64 rnd = new SplitMix64(20261124L);
        predictions = new Prediction[SIZE];
        outcomes = new Outcome[SIZE];
        forecasts = new Prediction.Forecast[SIZE];
        actuals = new double[SIZE];
        for (int j = 0; j < SIZE; j++) {
            double center = 100 + 10 * rnd.nextGaussian();
            double actual = center + 12 * rnd.nextGaussian();
            Prediction.Forecast f = new Prediction.Forecast(center,
                    new Quantiles(center - 15.4, center, center + 15.4), HORIZONS[j & 3]);
            if (kind.equals("forecast-spend")) {
                f = f.withSpend(10 + rnd.nextDouble());
            }
            forecasts[j] = f;
            actuals[j] = actual;
            if (kind.equals("direction")) {
                predictions[j] = Prediction.up(0.6, 100.0, Duration.ofHours(1));
                outcomes[j] = Outcome.exitPrice(actual);
            } else {
                predictions[j] = f;
                outcomes[j] = Outcome.value(actual);
            }
        }
        Clock fixed = Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC);
        monitor = ModelMonitor.builder().clock(fixed).store(new NoopStore()).build();
        accumulator = new ForecastAccumulator(key, ForecastConfig.defaults());
        // a warm key: 30 days of forecasts, 400 a day, the last at the fixed clock's time
        Clock late = Clock.fixed(Instant.ofEpochMilli(T0 + 30 * ForecastAccumulator.DAY_MILLIS - 1), ZoneOffset.UTC);
        warmMonitor = ModelMonitor.builder().clock(late).store(new NoopStore()).build();
        // the warm key's data does not depend on kind: its own generator, no spends, calibrated intervals
        SplitMix64 warmRnd = new SplitMix64(42L);
        warm = new ForecastAccumulator(key, ForecastConfig.defaults());
        for (int d = 0; d < 30; d++) {
            for (int k = 0; k < 400; k++) {
                double center = 100 + 10 * warmRnd.nextGaussian();
                Prediction.Forecast f = new Prediction.Forecast(center,
                        new Quantiles(center - 15.4, center, center + 15.4), HORIZONS[k & 3]);
                warm.add(f, center + 12 * warmRnd.nextGaussian(), T0 + d * ForecastAccumulator.DAY_MILLIS + k * 1000L);
            }
        }
        warmMonitor.restoreForecast(warm.snapshot());
        t = T0;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        monitor.close();
        warmMonitor.close();
    }

    @Benchmark
    @Threads(1)
    public boolean logResolve() {
        int j = i++ & MASK;
        return monitor.resolve(monitor.log(key, predictions[j]), outcomes[j]);
    }

    @Benchmark
    @Threads(1)
    public Object accumulatorAdd() {
        int j = i++ & MASK;
        t += 20_000; // 4,320 resolutions a day: a day closes now and then, as in production
        return accumulator.add(forecasts[j], actuals[j], t);
    }

    @Benchmark
    @Threads(1)
    public ForecastPerformance performance() {
        return warmMonitor.forecastPerformance(key);
    }

    @Benchmark
    @Threads(1)
    public Object snapshot() {
        return warm.snapshot();
    }
}

package dev.modelmonitor.core;

import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationThresholds;
import dev.modelmonitor.api.CalibrationWindow;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.api.Verdict;
import dev.modelmonitor.core.calibration.CalibrationEngine;
import dev.modelmonitor.core.testing.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The resolutions a thread's buffer applies together give exactly what applying them one at a time gives:
 * {@link KeyState#applyScoredLocked} against {@link KeyState#applyLocked}, and a monitor whose buffer drains
 * long runs of mixed kinds against a key state fed one apply each, as the drain did before (bit for bit: the
 * same arithmetic in the same order).
 */
class AppliedTogetherPropertiesTest {

    private static final ModelKey KEY = ModelKey.of("runs", "BTC/USDT");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant START = Instant.parse("2026-03-02T21:00:00Z");
    /** The builder's default hold band. */
    private static final double HOLD_BAND = 0.002;

    /**
     * One resolution: its kind (0 direction call, 1 probability forecast, 2 forecast without quantiles, 3
     * forecast with quantiles, 4 HOLD call), a value in [0, 1] that sets its confidence or probability, whether
     * it comes out right, the hours that pass before it, and whether something reads the monitor after it.
     */
    record Step(int kind, double v, boolean right, int hours, boolean read) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> kind = Arbitraries.frequency(Tuple.of(12, 0), Tuple.of(2, 1), Tuple.of(1, 2), Tuple.of(1, 3),
                Tuple.of(1, 4));
        Arbitrary<Double> v = Arbitraries.oneOf(Arbitraries.doubles().between(0.0, 1.0), Arbitraries.of(0.0, 0.5, 1.0));
        Arbitrary<Integer> hours = Arbitraries.frequency(Tuple.of(30, 0), Tuple.of(3, 1), Tuple.of(1, 9));
        Arbitrary<Boolean> read = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(40, false));
        return Combinators.combine(kind, v, Arbitraries.of(true, false), hours, read).as(Step::new)
                .list().ofMinSize(1).ofMaxSize(600);
    }

    @Property(tries = 200)
    void scoredRunsLeaveTheStateOfOneApplyEach(@ForAll("steps") List<Step> steps) {
        CalibrationEngine engine = new CalibrationEngine(CalibrationThresholds.defaults(), Map.of());
        KeyState one = new KeyState(KEY, DriftThresholds.defaults(), engine, ForecastConfig.defaults());
        KeyState together = new KeyState(KEY, DriftThresholds.defaults(), engine, ForecastConfig.defaults());
        double[] c = new double[steps.size()];
        int[] y = new int[steps.size()];
        long[] at = new long[steps.size()];
        long now = START.toEpochMilli();
        int from = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            now += s.hours() * 3_600_000L;
            c[i] = 0.5 + s.v() / 2;
            y[i] = s.right() ? 1 : 0;
            at[i] = now - (s.kind() == 1 ? 5_000 : 0);  // a time out of order now and then
            synchronized (one) {
                one.applyLocked(s.right() ? Verdict.CORRECT : Verdict.WRONG, Prediction.up(c[i], 100.0, HOUR),
                        Outcome.exitPrice(101.0), at[i]);
            }
            if (s.read() || i == steps.size() - 1) {
                synchronized (together) {
                    together.applyScoredLocked(slice(c, from, i + 1), slice(y, from, i + 1), slice(at, from, i + 1),
                            i + 1 - from);
                }
                from = i + 1;
            }
        }
        synchronized (one) {
            synchronized (together) {
                assertEquals(one.snapshotLocked(now), together.snapshotLocked(now));
                assertEquals(one.evaluateLocked(DriftThresholds.defaults(), now),
                        together.evaluateLocked(DriftThresholds.defaults(), now));
                assertEquals(one.resolvedLocked(), together.resolvedLocked());
                assertEquals(one.lastResolvedAtMillisLocked(), together.lastResolvedAtMillisLocked());
            }
        }
    }

    @Property(tries = 150)
    void aMonitorDrainingLongRunsOfMixedKindsMatchesOneApplyEach(@ForAll("steps") List<Step> steps) {
        MutableClock clock = MutableClock.of(START);
        CalibrationEngine engine = new CalibrationEngine(CalibrationThresholds.defaults(), Map.of());
        KeyState reference = new KeyState(KEY, DriftThresholds.defaults(), engine, ForecastConfig.defaults());
        try (ModelMonitor runs = ModelMonitor.builder().clock(clock).build()) {
            for (Step s : steps) {
                clock.advance(Duration.ofHours(s.hours()));
                Prediction p = prediction(s);
                Outcome o = outcome(s);
                runs.resolve(runs.log(KEY, p), o);
                // what the drain did before it applied resolutions together: one apply each, in order
                synchronized (reference) {
                    long at = clock.millis();
                    reference.applyLocked(p.score(o, HOLD_BAND), p, o, at);
                    if (p instanceof Prediction.Forecast) {
                        reference.applyForecastLocked((Prediction.Forecast) p, ((Outcome.ActualValue) o).value(), at);
                    }
                }
                if (s.read()) {
                    runs.status(KEY);
                }
            }
            long now = clock.millis();
            synchronized (reference) {
                assertEquals(reference.evaluateLocked(DriftThresholds.defaults(), now), runs.detectDrift(KEY));
                assertEquals(reference.resolvedLocked(), runs.status(KEY).resolved());
                assertEquals(steps.size(), runs.status(KEY).logged());
                assertEquals(reference.lastResolvedAtMillisLocked(), runs.status(KEY).lastResolvedAtMillis());
                for (CalibrationKind kind : CalibrationKind.values()) {
                    for (CalibrationWindow w : List.of(CalibrationWindow.ofPredictions(200),
                            CalibrationWindow.ofDays(1), CalibrationWindow.ofDays(30))) {
                        assertEquals(engine.metrics(KEY, reference.calibrationLocked(), kind, w, now),
                                runs.calibration(KEY, kind, w), kind + " " + w);
                    }
                }
                if (reference.forecast != null) {
                    assertEquals(reference.forecast.performance(now), runs.forecastPerformance(KEY));
                }
            }
        }
    }

    private static Prediction prediction(Step s) {
        double c = 0.5 + s.v() / 2;
        switch (s.kind()) {
            case 0:
                return s.v() < 0.5 ? Prediction.up(c, 100.0, HOUR) : Prediction.down(c, 100.0, HOUR);
            case 1:
                return Prediction.probability(s.v(), HOUR);
            case 2:
                return Prediction.forecast(100.0, HOUR);
            case 3:
                return Prediction.forecast(100.0, new Quantiles(95.0, 100.0, 105.0), HOUR);
            default:
                return Prediction.hold(c, 100.0, HOUR);
        }
    }

    private static Outcome outcome(Step s) {
        switch (s.kind()) {
            case 0:
                return Outcome.exitPrice((s.v() < 0.5) == s.right() ? 101.0 : 99.0);
            case 1:
                return Outcome.event(s.right());
            case 2:
                return Outcome.value(100.0 + 10 * s.v());
            case 3:
                return Outcome.value(s.right() ? 101.0 : 110.0);
            default:
                return Outcome.exitPrice(s.right() ? 100.0 : 103.0);
        }
    }

    private static double[] slice(double[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    private static int[] slice(int[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    private static long[] slice(long[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }
}

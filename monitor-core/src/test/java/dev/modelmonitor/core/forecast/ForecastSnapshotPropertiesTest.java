package dev.modelmonitor.core.forecast;

import dev.modelmonitor.api.ForecastStateSnapshot;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Invariants of the forecast state: a snapshot restores a state that answers and continues identically
 * (bit for bit), and the count window's running figures equal a fresh recompute of the last N.
 */
class ForecastSnapshotPropertiesTest {

    private static final ModelKey KEY = ModelKey.of("demand", "eu");
    private static final long T0 = 1_772_409_600_000L; // 2026-03-02T00:00Z
    private static final ForecastConfig CONFIG = ForecastConfig.builder().countWindow(16).minSamples(4)
            .shortDays(2).longDays(5).build();

    /** One resolution: a forecast, its actual, and how far the clock moved before it. */
    record Step(Prediction.Forecast forecast, double actual, long advanceMillis) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Double> center = Arbitraries.integers().between(-50, 50).map(i -> i / 2.0);
        Arbitrary<Double> width = Arbitraries.integers().between(0, 20).map(i -> i / 4.0);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 3);
        Arbitrary<Double> offset = Arbitraries.integers().between(-40, 40).map(i -> i / 4.0);
        Arbitrary<Long> horizon = Arbitraries.of(0L, 30L, 60L, 600L, 1440L, 20_000L);
        Arbitrary<Long> advance = Arbitraries.of(0L, 1_000L, 3_600_000L, 40_000_000L, 86_400_000L, 700_000_000L);
        return Combinators.combine(center, width, kind, offset, horizon, advance).as((c, w, k, o, h, adv) -> {
            Quantiles q = k == 1 ? null : new Quantiles(c - w, c, c + w * 1.5);
            Prediction.Forecast f = new Prediction.Forecast(c + 0.25, q, Duration.ofMinutes(h));
            if (k == 2) {
                f = f.withSpend(Math.abs(c) + w);
            }
            double actual = k == 3 ? 0.0 : c + o;
            return new Step(f, actual, adv);
        }).list().ofMaxSize(120);
    }

    private static long run(ForecastAccumulator a, List<Step> steps, long t, List<ForecastDay> closed) {
        for (Step s : steps) {
            t += s.advanceMillis();
            ForecastDay d = a.add(s.forecast(), s.actual(), t);
            if (d != null) {
                closed.add(d);
            }
        }
        return t;
    }

    @Property(tries = 300)
    void restoredStateAnswersAndContinuesIdentically(@ForAll("steps") List<Step> steps,
                                                     @ForAll @IntRange(min = 0, max = 120) int cut,
                                                     @ForAll boolean withBaseline) {
        int k = Math.min(cut, steps.size());
        ForecastAccumulator a = new ForecastAccumulator(KEY, CONFIG);
        if (withBaseline) {
            a.baseline(ForecastBaseline.of(1.5, 0.2));
        }
        List<ForecastDay> closedA = new ArrayList<>();
        long t = run(a, steps.subList(0, k), T0, closedA);

        ForecastStateSnapshot snap = a.snapshot();
        ForecastAccumulator b = ForecastAccumulator.restore(snap, CONFIG);
        assertEquals(snap, b.snapshot());
        assertEquals(a.performance(t), b.performance(t));
        assertEquals(a.performance(t + 3 * ForecastAccumulator.DAY_MILLIS),
                b.performance(t + 3 * ForecastAccumulator.DAY_MILLIS));

        List<ForecastDay> closedAfterA = new ArrayList<>();
        List<ForecastDay> closedAfterB = new ArrayList<>();
        long ta = run(a, steps.subList(k, steps.size()), t, closedAfterA);
        run(b, steps.subList(k, steps.size()), t, closedAfterB);
        assertEquals(closedAfterA, closedAfterB);
        assertEquals(a.snapshot(), b.snapshot());
        assertEquals(a.performance(ta), b.performance(ta));
        assertEquals(a.closeDaysBefore(ta + 2 * ForecastAccumulator.DAY_MILLIS),
                b.closeDaysBefore(ta + 2 * ForecastAccumulator.DAY_MILLIS));
    }

    @Property(tries = 300)
    void countWindowEqualsAFreshRecomputeOfTheLastN(@ForAll("steps") List<Step> steps) {
        ForecastAccumulator a = new ForecastAccumulator(KEY, CONFIG);
        run(a, steps, T0, new ArrayList<>());
        int n = Math.min(steps.size(), CONFIG.countWindow());
        ForecastAccumulator fresh = new ForecastAccumulator(KEY, CONFIG);
        run(fresh, steps.subList(steps.size() - n, steps.size()), T0, new ArrayList<>());
        ForecastTally x = a.recentWindow().tally();
        ForecastTally y = fresh.recentWindow().tally();
        assertEquals(y.count(), x.count());
        assertEquals(y.quantileCount(), x.quantileCount());
        assertEquals(y.atOrBelowP10(), x.atOrBelowP10());
        assertEquals(y.atOrBelowP50(), x.atOrBelowP50());
        assertEquals(y.atOrBelowP90(), x.atOrBelowP90());
        assertEquals(y.insideInterval(), x.insideInterval());
        assertEquals(y.pctCount(), x.pctCount());
        assertEquals(y.spendCount(), x.spendCount());
        assertEquals(y.absErrorSum(), x.absErrorSum(), 1e-9 * (1 + Math.abs(y.absErrorSum())));
        assertEquals(y.absPctErrorSum(), x.absPctErrorSum(), 1e-9 * (1 + Math.abs(y.absPctErrorSum())));
        assertEquals(y.spendSum(), x.spendSum(), 1e-9 * (1 + Math.abs(y.spendSum())));
        assertEquals(y.forecastRevenueSum(), x.forecastRevenueSum(), 1e-9 * (1 + Math.abs(y.forecastRevenueSum())));
        assertEquals(y.actualRevenueSum(), x.actualRevenueSum(), 1e-9 * (1 + Math.abs(y.actualRevenueSum())));
        assertEquals(fresh.recentWindow().byHorizon(), a.recentWindow().byHorizon());
    }

    @Property(tries = 200)
    void daysAddUpToTheLongWindow(@ForAll("steps") List<Step> steps) {
        ForecastAccumulator a = new ForecastAccumulator(KEY, CONFIG);
        long t = run(a, steps, T0, new ArrayList<>());
        ForecastTally sum = ForecastTally.EMPTY;
        for (ForecastDay d : a.snapshot().days()) {
            if (d.day().toEpochDay() > Math.floorDiv(t, ForecastAccumulator.DAY_MILLIS) - CONFIG.longDays()) {
                sum = sum.plus(d.tally());
            }
        }
        ForecastTally w = a.dayWindow(CONFIG.longDays(), t).tally();
        assertEquals(sum.count(), w.count());
        assertEquals(sum.insideInterval(), w.insideInterval());
        assertEquals(sum.absErrorSum(), w.absErrorSum(), 1e-9 * (1 + Math.abs(sum.absErrorSum())));
    }

    @Test
    void restoreRejectsASnapshotOfAnotherShape() {
        ForecastAccumulator a = new ForecastAccumulator(KEY, CONFIG);
        a.add(new Prediction.Forecast(1.0, null, Duration.ZERO), 2.0, T0);
        ForecastStateSnapshot s = a.snapshot();
        assertEquals("snapshot countWindow must equal the config's 200, was 16",
                assertThrows(IllegalArgumentException.class,
                        () -> ForecastAccumulator.restore(s, CONFIG.toBuilder().countWindow(200).build()))
                        .getMessage());
        assertEquals("snapshot longDays must equal the config's 6, was 5",
                assertThrows(IllegalArgumentException.class,
                        () -> ForecastAccumulator.restore(s, CONFIG.toBuilder().longDays(6).build())).getMessage());
        assertEquals("snapshot horizonBuckets must equal the config's 1, was 4",
                assertThrows(IllegalArgumentException.class, () -> ForecastAccumulator.restore(s,
                        CONFIG.toBuilder().horizonEdges(List.of()).build())).getMessage());
        assertEquals("window must hold min(pushes, countWindow) = 1 entries, was 0",
                assertThrows(IllegalArgumentException.class, () -> new ForecastStateSnapshot(1, KEY, 16, 4, 5, 1,
                        1, List.of(), s.windowTally(), s.currentDay(), s.days(), null)).getMessage());
        assertEquals("version must be 1, was 2", assertThrows(IllegalArgumentException.class,
                () -> new ForecastStateSnapshot(2, KEY, 16, 4, 5, 1, 1, s.window(), s.windowTally(), s.currentDay(),
                        s.days(), null)).getMessage());
        ForecastStateSnapshot lying = new ForecastStateSnapshot(1, KEY, 16, 4, 5, 1, 1, s.window(),
                ForecastTally.EMPTY, s.currentDay(), s.days(), null);
        assertEquals("windowTally must match the window's entries, was " + ForecastTally.EMPTY,
                assertThrows(IllegalArgumentException.class, () -> ForecastAccumulator.restore(lying, CONFIG))
                        .getMessage());
    }
}

package dev.modelmonitor.core.calibration;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Tracker#addAll} leaves exactly the state that one {@link Tracker#add} per forecast leaves: same
 * arithmetic in the same order, so every accumulator is equal bit for bit, however the forecasts are cut into
 * runs, with one count window (its own loop) or several (a loop of add), across days, closed days and day-ring
 * evictions.
 */
class TrackerRunPropertiesTest {

    /**
     * One forecast; {@code days} advances the day before it (0 mostly), {@code cut} ends the run before it,
     * {@code close} closes every day before its day first.
     */
    record Step(double p, int y, int days, boolean cut, boolean close) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Double> p = Arbitraries.oneOf(Arbitraries.doubles().between(0.0, 1.0),
                Arbitraries.of(0.0, 0.05, 0.5, 0.95, 1.0), Arbitraries.integers().between(0, 20).map(i -> i / 20.0));
        Arbitrary<Integer> days = Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.just(0)),
                Tuple.of(4, Arbitraries.integers().between(1, 3)),
                Tuple.of(1, Arbitraries.integers().between(4, 70)));
        Arbitrary<Boolean> cut = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(6, false));
        Arbitrary<Boolean> close = Arbitraries.frequency(Tuple.of(1, true),
                Tuple.of(30, false));
        return Combinators.combine(p, Arbitraries.integers().between(0, 1), days, cut, close).as(Step::new)
                .list().ofMinSize(1).ofMaxSize(700);
    }

    @Provide
    Arbitrary<int[]> windows() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 300).map(w -> new int[] {w}),
                Arbitraries.just(new int[] {200}),
                Arbitraries.just(new int[] {50, 100, 200}),
                Arbitraries.integers().between(2, 60).map(w -> new int[] {w / 2, w}));
    }

    @Property(tries = 300)
    void runsLeaveTheStateOfOneAddPerForecast(@ForAll("steps") List<Step> steps, @ForAll("windows") int[] windows,
                                              @ForAll @IntRange(min = 1, max = 20) int bins,
                                              @ForAll @IntRange(min = 1, max = 40) int maxDays) {
        Tracker one = new Tracker(bins, windows, maxDays);
        Tracker runs = new Tracker(bins, windows, maxDays);
        double[] ps = new double[steps.size()];
        int[] ys = new int[steps.size()];
        long day = 20_000;
        long lastClosedDay = day - 1;
        int runFrom = 0;
        long runDay = day;
        long runClosed = lastClosedDay;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            boolean newDay = s.days() > 0;
            day += s.days();
            if (i > 0 && (newDay || s.cut() || s.close())) {
                runs.addAll(ps, ys, runFrom, i, runDay, runClosed);
                runFrom = i;
            }
            if (s.close()) {
                lastClosedDay = day - 1;
            }
            runDay = day;
            runClosed = lastClosedDay;
            ps[i] = s.p();
            ys[i] = s.y();
            one.add(s.p(), s.y(), day, lastClosedDay);
        }
        runs.addAll(ps, ys, runFrom, steps.size(), runDay, runClosed);
        assertEquals(one.snapshot(), runs.snapshot());
        assertEquals(one.head, runs.head);
        assertEquals(Arrays.toString(one.ringBins), Arrays.toString(runs.ringBins));
    }

    @Property(tries = 50)
    void anEmptyRunChangesNothing(@ForAll("steps") List<Step> steps) {
        Tracker a = new Tracker(10, new int[] {200}, 30);
        Tracker b = new Tracker(10, new int[] {200}, 30);
        for (Step s : steps) {
            a.add(s.p(), s.y(), 20_000, 19_999);
            b.add(s.p(), s.y(), 20_000, 19_999);
        }
        assertEquals(20_000, b.addAll(new double[1], new int[1], 1, 1, 20_000, 19_999));
        assertEquals(a.snapshot(), b.snapshot());
    }
}

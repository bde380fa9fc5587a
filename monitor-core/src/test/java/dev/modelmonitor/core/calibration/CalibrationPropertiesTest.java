package dev.modelmonitor.core.calibration;

import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationThresholds;
import dev.modelmonitor.api.CalibrationWindow;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.testing.MutableClock;
import dev.modelmonitor.core.testing.RecordingAlertSink;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Invariants of the streaming accumulators. */
class CalibrationPropertiesTest {

    private static final ModelKey KEY = ModelKey.of("p", "SOL/USDT");

    /** One resolved probability forecast, and how many hours pass before the next. */
    record Step(double p, boolean y, int hours) {
    }

    @Provide
    Arbitrary<List<Step>> streams() {
        Arbitrary<Double> p = Arbitraries.oneOf(Arbitraries.doubles().between(0.0, 1.0),
                Arbitraries.of(0.0, 0.1, 0.5, 0.9, 1.0), Arbitraries.integers().between(0, 100).map(i -> i / 100.0));
        return Combinators.combine(p, Arbitraries.of(true, false), Arbitraries.integers().between(0, 20))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(500);
    }

    private static void feed(ModelMonitor m, MutableClock clock, Step s) {
        Feed.probability(m, KEY, s.p(), s.y() ? 1 : 0);
        if (s.hours() > 0) {
            clock.advance(Duration.ofHours(s.hours()));
            m.checkAll();
        }
    }

    @Property(tries = 150)
    void everyCountWindowEqualsTheKernelsOnItsLastForecasts(@ForAll("streams") List<Step> steps) {
        MutableClock clock = MutableClock.of(Days.START);
        try (ModelMonitor m = ModelMonitor.builder().clock(clock)
                .calibrationThresholds(CalibrationThresholds.builder().countWindows(50, 100, 200).build()).build()) {
            for (Step s : steps) {
                feed(m, clock, s);
            }
            int n = steps.size();
            for (int w : new int[] {50, 100, 200}) {
                int from = Math.max(0, n - w);
                double[] p = new double[n - from];
                int[] y = new int[n - from];
                for (int i = from; i < n; i++) {
                    p[i - from] = steps.get(i).p();
                    y[i - from] = steps.get(i).y() ? 1 : 0;
                }
                CalibrationReferenceTest.assertKernel(y, p,
                        m.calibration(KEY, CalibrationKind.PROBABILITY, CalibrationWindow.ofPredictions(w)));
            }
        }
    }

    @Property(tries = 100)
    void aRestoredStateAnswersAndContinuesIdentically(@ForAll("streams") List<Step> steps,
                                                       @ForAll @IntRange(min = 0, max = 500) int split) {
        int k = Math.min(split, steps.size());
        CalibrationThresholds t = CalibrationThresholds.builder().minDailySamples(3).breachDays(2).maxDays(7)
                .countWindows(50, 100, 200).build();
        MutableClock c1 = MutableClock.of(Days.START);
        RecordingAlertSink s1 = RecordingAlertSink.create();
        try (ModelMonitor original = ModelMonitor.builder().clock(c1).calibrationThresholds(t).criticalKey(KEY)
                .addSink(s1).build()) {
            for (int i = 0; i < k; i++) {
                feed(original, c1, steps.get(i));
            }
            var snapshot = original.calibrationSnapshot(KEY);
            MutableClock c2 = MutableClock.of(c1.instant());
            RecordingAlertSink s2 = RecordingAlertSink.create();
            try (ModelMonitor restored = ModelMonitor.builder().clock(c2).calibrationThresholds(t).criticalKey(KEY)
                    .addSink(s2).build()) {
                snapshot.ifPresent(restored::restoreCalibration);
                assertSameAnswers(original, restored);
                int before = s1.alerts(CalibrationAlert.class).size();
                for (int i = k; i < steps.size(); i++) {
                    feed(original, c1, steps.get(i));
                    feed(restored, c2, steps.get(i));
                }
                assertSameAnswers(original, restored);
                assertEquals(original.calibrationSnapshot(KEY), restored.calibrationSnapshot(KEY));
                List<CalibrationAlert> after = s1.alerts(CalibrationAlert.class);
                assertEquals(after.subList(before, after.size()),
                        s2.alerts(CalibrationAlert.class));
            }
        }
    }

    private static void assertSameAnswers(ModelMonitor a, ModelMonitor b) {
        for (CalibrationKind kind : CalibrationKind.values()) {
            for (CalibrationWindow w : Arrays.asList(CalibrationWindow.ofPredictions(50),
                    CalibrationWindow.ofPredictions(100), CalibrationWindow.ofPredictions(200),
                    CalibrationWindow.ofDays(1), CalibrationWindow.ofDays(7))) {
                assertEquals(a.calibration(KEY, kind, w), b.calibration(KEY, kind, w), kind + " " + w);
            }
        }
        assertEquals(a.calibration(KEY), b.calibration(KEY));
    }
}

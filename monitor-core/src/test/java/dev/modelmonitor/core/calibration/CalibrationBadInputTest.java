package dev.modelmonitor.core.calibration;

import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationStats;
import dev.modelmonitor.api.CalibrationThresholds;
import dev.modelmonitor.api.CalibrationWindow;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.LocalDate;

import static dev.modelmonitor.core.calibration.Days.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad input is rejected with a message naming the field, the rule and the value. */
class CalibrationBadInputTest {

    private static void rejects(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void probabilitiesAndConfidencesOutsideTheUnitIntervalOrNaN() {
        Duration h = Duration.ofHours(1);
        rejects("probability must be in [0, 1], was 1.5", () -> Prediction.probability(1.5, h));
        rejects("probability must be in [0, 1], was -0.01", () -> Prediction.probability(-0.01, h));
        rejects("probability must be in [0, 1], was NaN", () -> Prediction.probability(Double.NaN, h));
        rejects("horizon must not be null", () -> Prediction.probability(0.5, null));
        rejects("confidence must be in [0, 1], was 1.0000001", () -> new Prediction.ClassCall("up", 1.0000001, h));
        rejects("confidence must be in [0, 1], was NaN", () -> Prediction.up(Double.NaN, 100.0, h));
        rejects("outcome must be EventOutcome for a ProbabilityForecast, was ExitPrice",
                () -> Prediction.probability(0.5, h).score(Outcome.exitPrice(1.0), 0.0));
        try (ModelMonitor m = ModelMonitor.builder().clock(MutableClock.of(Days.START)).build()) {
            long id = m.log(KEY, Prediction.probability(0.7, h));
            rejects("outcome must be EventOutcome for a ProbabilityForecast, was ActualLabel",
                    () -> m.resolve(id, Outcome.label("up")));
        }
    }

    @Test
    void thresholdsAtEachBoundary() {
        CalibrationThresholds.Builder b = CalibrationThresholds.builder();
        rejects("bins must be in [2, 100], was 1", () -> b.bins(1));
        rejects("bins must be in [2, 100], was 101", () -> b.bins(101));
        rejects("countWindows must be ascending, was [200, 100]", () -> b.countWindows(200, 100));
        rejects("countWindows must hold 1 to 3 sizes, was []", () -> b.countWindows());
        rejects("countWindows must be sizes in [1, 65536], was [0]", () -> b.countWindows(0));
        rejects("maxDays must be in [1, 366], was 0", () -> b.maxDays(0));
        rejects("breachThreshold must be in (0, 1), was 0.0", () -> b.breachThreshold(0.0));
        rejects("breachThreshold must be in (0, 1), was NaN", () -> b.breachThreshold(Double.NaN));
        rejects("breachDays must be in [1, 365], was 0", () -> b.breachDays(0));
        rejects("recoveryDays must be in [1, 365], was 366", () -> b.recoveryDays(366));
        rejects("minDailySamples must be >= 1, was 0", () -> b.minDailySamples(0));
        rejects("intervalAlpha must be in (0, 1), was 1.0", () -> b.intervalAlpha(1.0));
        rejects("alpha must be in (0, 1), was 0.0", () -> b.alpha(0.0));
        rejects("minEceIncrease must be in [0, 1), was -0.1", () -> b.minEceIncrease(-0.1));
        rejects("retrainCooldown must not be negative, was PT-1S", () -> b.retrainCooldown(Duration.ofSeconds(-1)));
        rejects("zone must not be null", () -> b.zone(null));
        CalibrationThresholds ok = b.bins(2).countWindows(1).maxDays(1).breachDays(1).recoveryDays(365)
                .minDailySamples(1).build();
        assertEquals(ok, ok.toBuilder().build());
        assertEquals(10, CalibrationThresholds.defaults().bins());
        assertEquals(0.05, CalibrationThresholds.defaults().breachThreshold());
        assertEquals(7, CalibrationThresholds.defaults().breachDays());
    }

    @Test
    void queriesNameTheArgument() {
        try (ModelMonitor m = ModelMonitor.builder().clock(MutableClock.of(Days.START)).build()) {
            rejects("window must be one of the count windows [200], was 75 predictions",
                    () -> m.calibration(KEY, CalibrationKind.CONFIDENCE, CalibrationWindow.ofPredictions(75)));
            rejects("window must be at most maxDays (30) days, was 31",
                    () -> m.calibration(KEY, CalibrationKind.CONFIDENCE, CalibrationWindow.ofDays(31)));
            rejects("kind must not be null", () -> m.calibration(KEY, null, CalibrationWindow.ofDays(1)));
            rejects("key must not be null", () -> m.calibration(null));
            rejects("threshold must be in (0, 1), was 1.0", () -> m.markCritical(KEY, 1.0));
            rejects("threshold must be in (0, 1), was NaN", () -> m.markCritical(KEY, Double.NaN));
            rejects("threshold must be in (0, 1), was 0.0",
                    () -> ModelMonitor.builder().criticalKey(KEY, 0.0));
            LocalDate d = LocalDate.of(2026, 1, 6);
            rejects("to must not be before from (2026-01-06), was 2026-01-05",
                    () -> m.calibrationHistory(KEY, d, d.minusDays(1)));
            rejects("from must not be null", () -> m.poorlyCalibratedPeriods(KEY, null, d));
            rejects("currentTo must not be before currentFrom (2026-01-06), was 2026-01-05",
                    () -> m.calibrationChange(KEY, CalibrationKind.CONFIDENCE, d, d, d, d.minusDays(1)));
            rejects("n must be >= 0, was -1", () -> m.flaggedPredictions(KEY, -1));
            rejects("snapshot must not be null", () -> m.restoreCalibration(null));
        }
    }

    @Test
    void valueTypesValidate() {
        rejects("size must be >= 1, was 0", () -> CalibrationWindow.ofDays(0));
        rejects("hits must be in [0, count=1], was 2 at bin 0",
                () -> new CalibrationStats(new long[] {1, 0}, new long[] {2, 0}, new double[2], 0, 0, 0, 0));
        rejects("counts, hits and sumConfidence must have the same length, were 2, 1 and 2",
                () -> new CalibrationStats(new long[2], new long[1], new double[2], 0, 0, 0, 0));
        rejects("sumSquares must be >= 0, was NaN",
                () -> new CalibrationStats(new long[2], new long[2], new double[2], Double.NaN, 0, 0, 0));
        rejects("other must have 2 bins, was 3", () -> CalibrationStats.empty(2).plus(CalibrationStats.empty(3)));
        rejects("consecutiveDays must be >= 1, was 0", () -> new CalibrationAlert(KEY, CalibrationAlert.Status.BREACH,
                CalibrationKind.CONFIDENCE, LocalDate.EPOCH, LocalDate.EPOCH, 0, 0, 0, 0, 0, 0, 0.05, 0));
    }

    @Test
    void aSnapshotMustMatchTheThresholds() {
        MutableClock clock = MutableClock.of(Days.START);
        try (ModelMonitor a = ModelMonitor.builder().clock(clock).build();
             ModelMonitor b = ModelMonitor.builder().clock(clock)
                     .calibrationThresholds(CalibrationThresholds.builder().countWindows(100).build()).build()) {
            Feed.call(a, KEY, 0.7, true);
            var s = a.calibrationSnapshot(KEY).orElseThrow();
            rejects("snapshot must have bins 10, countWindows [100] and maxDays 30, was 10, [200] and 30",
                    () -> b.restoreCalibration(s));
        }
    }
}

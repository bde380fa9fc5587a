package dev.modelmonitor.core.calibration;

import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.Severity;
import dev.modelmonitor.core.ModelMonitor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.modelmonitor.core.calibration.Days.KEY;
import static dev.modelmonitor.core.calibration.Days.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Breach persistence on a critical key, day by day with an injected clock (judged days: 100 outcomes). */
class BreachTest {

    @Test
    void sevenBadDaysRaiseNothingTheEighthRaisesOnce() {
        try (Days d = Days.critical()) {
            d.play("BBBBBBB");
            assertTrue(d.alerts().isEmpty(), "7 days above the threshold is not more than 7");
            d.play("B");
            assertEquals(1, d.alerts().size());
            CalibrationAlert a = d.alerts().get(0);
            assertEquals(CalibrationAlert.Status.BREACH, a.status());
            assertEquals(KEY, a.key());
            assertEquals(CalibrationKind.CONFIDENCE, a.kind());
            assertEquals(date(7), a.date());
            assertEquals(date(0), a.streakFrom());
            assertEquals(8, a.consecutiveDays());
            assertEquals(0.3, a.dayEce(), 1e-12);
            assertEquals(0.3, a.streakEce(), 1e-12);
            assertEquals(800, a.streakCount());
            assertEquals(0.8, a.meanConfidence(), 1e-12);
            assertEquals(0.5, a.observedRate(), 1e-12);
            assertEquals(0.05, a.threshold());
            assertEquals(Severity.CRITICAL, a.severity(), "0.30 is at least twice 0.05");
            assertEquals(d.clock.millis(), a.timestampMillis());
            d.play("BBBBBBBBBB");
            assertEquals(1, d.alerts().size(), "raised once, not every day");
            assertEquals(List.of(a), d.store.latest(CalibrationAlert.class, KEY, 10));
        }
    }

    @Test
    void aGoodDayResetsTheStreak() {
        try (Days d = Days.critical()) {
            d.play("BBBBBBBGBBBBBBB");
            assertTrue(d.alerts().isEmpty());
            d.play("B");
            assertEquals(1, d.alerts().size());
            assertEquals(date(8), d.alerts().get(0).streakFrom());
        }
    }

    @Test
    void thinAndEmptyDaysNeitherCountNorBreak() {
        try (Days d = Days.critical()) {
            // 7 judged bad days with thin and empty days among them: no breach yet
            d.play("BBt.BBB..tBB");
            assertTrue(d.alerts().isEmpty(), "thin days do not count toward the streak");
            d.play("B");
            CalibrationAlert a = d.alerts().get(0);
            assertEquals(8, a.consecutiveDays());
            assertEquals(date(0), a.streakFrom());
            assertEquals(date(12), a.date());
            assertEquals(800, a.streakCount(), "thin days' outcomes are not in the streak");
        }
    }

    @Test
    void recoveryNeedsTwoGoodJudgedDaysAndIsReportedOnce() {
        try (Days d = Days.critical()) {
            d.play("BBBBBBBB");
            d.play("GB");
            assertEquals(1, d.alerts().size(), "one good day then a bad one: still breached");
            d.play("G");
            d.play("tG");
            assertEquals(2, d.alerts().size(), "two good judged days, a thin one between them");
            CalibrationAlert r = d.alerts().get(1);
            assertEquals(CalibrationAlert.Status.RECOVERY, r.status());
            assertTrue(r.isRecovery());
            assertEquals(Severity.INFO, r.severity());
            assertEquals(2, r.consecutiveDays());
            assertEquals(date(10), r.streakFrom());
            assertEquals(date(12), r.date());
            assertEquals(0.0, r.streakEce(), 1e-12);
            d.play("GGGG");
            assertEquals(2, d.alerts().size(), "recovery reported once");
            d.play("BBBBBBBB");
            assertEquals(3, d.alerts().size(), "a new breach needs a new streak of more than 7");
        }
    }

    @Test
    void severityIsWarningBelowTwiceTheKeysOwnThreshold() {
        try (Days d = new Days(ModelMonitor.builder().calibrationThresholds(Days.thresholds())
                .criticalKey(KEY, 0.15))) {
            d.play("WWWWWWWW");
            CalibrationAlert a = d.alerts().get(0);
            assertEquals(0.15, a.threshold());
            assertEquals(0.2, a.streakEce(), 1e-12);
            assertEquals(Severity.WARNING, a.severity());
            assertEquals("Calibration WARNING: lstm/BTC/USDT ECE above 0.150 for 8 days (0.200 over the streak)",
                    a.title());
            assertEquals("The model is over-confident: it states 80.0% on average but is right 60.0% of the time. "
                    + "Recalibrate its confidence (isotonic map on the recent outcomes) and review its inputs for a "
                    + "regime change; size positions on the recalibrated confidence.", a.recommendation());
            assertTrue(a.message().contains("Threshold: 0.150"), a.message());
        }
    }

    @Test
    void onlyCriticalKeysAlertAndAKeyMarkedAtRunTimeStartsCounting() {
        try (Days d = new Days(ModelMonitor.builder().calibrationThresholds(Days.thresholds()))) {
            d.play("BBBBBBBBBB");
            assertTrue(d.alerts().isEmpty(), "not critical");
            assertFalse(d.monitor.criticalThreshold(KEY).isPresent());
            d.monitor.markCritical(KEY, 0.05);
            assertEquals(0.05, d.monitor.criticalThreshold(KEY).getAsDouble());
            d.play("BBBBBBB");
            assertTrue(d.alerts().isEmpty(), "the streak starts when the key is marked");
            d.play("B");
            assertEquals(1, d.alerts().size());
            d.monitor.unmarkCritical(KEY);
            d.play("GGG");
            assertEquals(1, d.alerts().size(), "an unmarked key's breach closes silently");
        }
    }

    @Test
    void aDayIsClosedOnlyByTheFirstCheckAfterItsMidnight() {
        try (Days d = Days.critical()) {
            Feed.day(d.monitor, KEY, 100, 0.8, 0.5);
            d.monitor.checkAll();
            assertTrue(d.monitor.calibrationHistory(KEY, date(0), date(0)).isEmpty(), "the day is not over");
            d.clock.advance(java.time.Duration.ofHours(15)); // 00:00 the next day
            d.monitor.checkAll();
            assertEquals(1, d.monitor.calibrationHistory(KEY, date(0), date(0)).size());
            d.monitor.checkAll();
            assertEquals(1, d.monitor.calibrationHistory(KEY, date(0), date(1)).size(), "closed once");
        }
    }
}

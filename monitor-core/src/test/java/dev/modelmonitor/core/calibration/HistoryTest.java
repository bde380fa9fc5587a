package dev.modelmonitor.core.calibration;

import dev.modelmonitor.api.CalibrationDay;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationPeriod;
import dev.modelmonitor.api.FlaggedPrediction;
import dev.modelmonitor.core.ModelMonitor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.modelmonitor.core.calibration.Days.KEY;
import static dev.modelmonitor.core.calibration.Days.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryTest {

    private static Days plain() {
        return new Days(ModelMonitor.builder().calibrationThresholds(Days.thresholds()));
    }

    @Test
    void historyHasOneRecordPerDayWithResolutionsBothEndsIncluded() {
        try (Days d = plain()) {
            d.play("BG.t");
            List<CalibrationDay> all = d.monitor.calibrationHistory(KEY, date(0), date(3));
            assertEquals(3, all.size(), "the empty day has no record");
            CalibrationDay bad = all.get(0);
            assertEquals(date(0), bad.date());
            assertEquals(CalibrationKind.CONFIDENCE, bad.kind());
            assertEquals(100, bad.count());
            assertEquals(0.3, bad.ece(), 1e-12);
            assertEquals(0.3, bad.mce(), 1e-12);
            assertEquals(0.8, bad.meanConfidence(), 1e-12);
            assertEquals(0.5, bad.observedRate(), 1e-12);
            assertEquals(0.5 * 0.04 + 0.5 * 0.64, bad.brier(), 1e-12);
            assertEquals(-0.3, bad.gap(), 1e-12);
            assertEquals(100, bad.stats().count(8));
            assertEquals(date(0).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli(),
                    bad.timestampMillis());
            assertEquals(40, all.get(2).count());
            assertEquals(List.of(all.get(1)), d.monitor.calibrationHistory(KEY, date(1), date(1)));
            assertTrue(d.monitor.calibrationHistory(KEY, date(4), date(9)).isEmpty());
        }
    }

    @Test
    void poorlyCalibratedPeriodsAreRunsOfJudgedDaysAboveTheThreshold() {
        try (Days d = plain()) {
            d.play("GGBBtBGGBB");
            List<CalibrationPeriod> periods = d.monitor.poorlyCalibratedPeriods(KEY, date(0), date(9));
            assertEquals(2, periods.size());
            CalibrationPeriod p = periods.get(0);
            assertEquals(date(2), p.from());
            assertEquals(date(5), p.to());
            assertEquals(3, p.days(), "the thin day inside neither counts nor ends it");
            assertEquals(300, p.count());
            assertEquals(0.3, p.ece(), 1e-12);
            assertEquals(0.3, p.maxDayEce(), 1e-12);
            assertEquals(0.05, p.threshold(), "the default threshold for a key not marked critical");
            assertTrue(p.contains(date(4)));
            assertFalse(p.contains(date(6)));
            assertEquals(date(8), periods.get(1).from());
            assertEquals(date(9), periods.get(1).to());
            assertEquals(1, d.monitor.poorlyCalibratedPeriods(KEY, date(3), date(7)).size());
            d.monitor.markCritical(KEY, 0.35);
            assertTrue(d.monitor.poorlyCalibratedPeriods(KEY, date(0), date(9)).isEmpty(), "the key's threshold");
        }
    }

    @Test
    void predictionsMadeInAPoorlyCalibratedPeriodAreFlagged() {
        try (Days d = plain()) {
            d.play("GBG");
            List<FlaggedPrediction> flagged = d.monitor.flaggedPredictions(KEY, 300);
            assertEquals(300, flagged.size());
            for (int i = 0; i < 300; i++) {
                FlaggedPrediction f = flagged.get(i);
                assertEquals(i >= 100 && i < 200, f.poorlyCalibrated(), "prediction " + i);
                if (f.poorlyCalibrated()) {
                    assertEquals(date(1), f.period().from());
                } else {
                    assertNull(f.period());
                }
            }
            assertTrue(d.monitor.flaggedPredictions(KEY, 0).isEmpty());
        }
    }

    @Test
    void anExplicitReferencePeriodReplacesTheFirstWeek() {
        try (Days d = plain()) {
            d.play("GGBBB");
            d.monitor.setCalibrationReference(KEY, CalibrationKind.CONFIDENCE, date(2), date(4));
            var ref = d.monitor.calibrationReference(KEY, CalibrationKind.CONFIDENCE).orElseThrow();
            assertTrue(ref.explicit());
            assertEquals(date(2), ref.from());
            assertEquals(300, ref.stats().count());
            assertTrue(d.monitor.calibrationReference(KEY, CalibrationKind.PROBABILITY).isEmpty());
        }
    }
}

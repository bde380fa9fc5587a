package dev.modelmonitor.core.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.core.report.CalibrationSection;
import dev.modelmonitor.core.report.KeyReport;
import dev.modelmonitor.core.report.WeeklyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.modelmonitor.core.calibration.Days.KEY;
import static dev.modelmonitor.core.calibration.Days.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weekly report, field by field: a critical key calibrated in its first week (the baseline), at ECE 0.20
 * in its second and 0.30 in its third; the report covers the third week.
 */
class WeeklyReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Days threeWeeks() {
        Days d = Days.critical();
        d.play("GGGGGGG" + "WWWWWWW" + "BBBBBBB");
        return d;
    }

    @Test
    void theCalibrationSectionHasEveryFigure() {
        try (Days d = threeWeeks()) {
            WeeklyReport r = d.monitor.weeklyReport(date(20));
            assertEquals(date(14), r.weekStart());
            assertEquals(date(20), r.weekEnd());
            assertEquals(1, r.keys().size());
            KeyReport k = r.keys().get(0);
            assertEquals(KEY, k.key());
            CalibrationSection s = k.section(CalibrationSection.class);
            assertEquals(CalibrationKind.CONFIDENCE, s.kind());
            assertEquals(0.05, s.threshold());
            assertTrue(s.critical());
            assertTrue(s.breachedNow());
            assertEquals(700, s.thisWeek().count());
            assertEquals(0.3, s.thisWeek().ece(), 1e-12);
            assertEquals(0.8, s.thisWeek().meanConfidence(), 1e-12);
            assertEquals(0.5, s.thisWeek().observedRate(), 1e-12);
            assertEquals(700, s.lastWeek().count());
            assertEquals(0.2, s.lastWeek().ece(), 1e-12);
            assertEquals(date(0), s.baselineFrom());
            assertEquals(date(6), s.baselineTo());
            assertEquals(0.0, s.baseline().ece(), 1e-12);
            assertEquals(-0.2, s.vsLastWeek().referenceGap(), 1e-12);
            assertEquals(-0.3, s.vsLastWeek().currentGap(), 1e-12);
            assertTrue(s.vsLastWeek().significant(), "p = " + s.vsLastWeek().pValue());
            assertTrue(s.vsBaseline().significantlyWorse());
            assertEquals(0.3, s.vsBaseline().eceDelta(), 1e-12);
            assertEquals(3, s.weeks().size(), "only weeks with outcomes");
            assertEquals(date(0), s.weeks().get(0).weekStart());
            assertEquals(0.2, s.weeks().get(1).ece(), 1e-12);
            // OLS on (5, 0), (6, 0.2), (7, 0.3): slope 0.15, t = 5.196 on 1 df, p = 0.121
            assertEquals(0.15, s.trendSlope(), 1e-12);
            assertEquals(0.12103, s.trendPValue(), 1e-4);
            assertFalse(s.trendSignificant(), "three weeks are too few for significance");
            assertEquals("rising", s.trendDirection());
            assertEquals(1, s.breaches().size());
            CalibrationAlert b = s.breaches().get(0);
            assertEquals(date(14), b.date());
            assertEquals(date(7), b.streakFrom(), "the 0.20 week is above 0.05 too");
            // the 0.20 week against the baseline week asks for a retrain at the check that opens this week; the
            // breach the next day waits for the cool-down
            assertEquals(1, s.retrains().size(), s.retrains().toString());
            assertEquals(2, d.retrains.size(), "a second one after the cool-down, at the check after the week");
            assertEquals(d.retrains.subList(0, 1), s.retrains());
            assertEquals(d.monitor.retrainHistory(KEY, date(14), date(20)), s.retrains());
            assertTrue(s.retrains().get(0).has(dev.modelmonitor.api.RetrainTrigger.CALIBRATION_SHIFT));
            assertEquals(List.of(), d.monitor.weeklyReport(date(13)).keys().get(0)
                    .section(CalibrationSection.class).retrains(), "none the week before");
            List<String> rec = s.recommendations();
            assertEquals(3, rec.size(), rec.toString());
            assertTrue(rec.get(0).startsWith("Calibration breach open: The model is over-confident"), rec.get(0));
            assertEquals("Calibration error 0.300 is above the threshold 0.050: the model is over-confident (states "
                    + "80.0%, right 50.0%). Recalibrate (isotonic map on the last 30 days) before sizing positions by "
                    + "its confidence.", rec.get(1));
            assertTrue(rec.get(2).startsWith("Calibration is significantly worse than in the baseline period (ECE "
                    + "0.300 vs 0.000"), rec.get(2));
        }
    }

    @Test
    void oneCallWritesMarkdownAndJson(@TempDir Path dir) throws Exception {
        try (Days d = threeWeeks()) {
            List<Path> files = d.monitor.writeWeeklyReport(dir);
            assertEquals(List.of(dir.resolve("weekly_report_2026-01-25.md"), dir.resolve("weekly_report_2026-01-25.json")),
                    files);
            JsonNode j = JSON.readTree(files.get(1).toFile());
            assertEquals(1, j.get("schema_version").asInt());
            assertEquals("weekly", j.get("report").asText());
            assertEquals("2026-01-19", j.get("week_start").asText());
            assertEquals("2026-01-25", j.get("week_end").asText());
            assertEquals("2026-01-26T09:00:00Z", j.get("generated_at").asText());
            JsonNode key = j.get("keys").get(0);
            assertEquals("lstm", key.get("model").asText());
            assertEquals("BTC/USDT", key.get("segment").asText());
            JsonNode c = key.get("sections").get("calibration");
            assertEquals("CONFIDENCE", c.get("kind").asText());
            assertEquals(0.05, c.get("threshold").asDouble());
            assertTrue(c.get("critical").asBoolean());
            assertTrue(c.get("breached_now").asBoolean());
            assertEquals(700, c.get("this_week").get("count").asLong());
            assertEquals(0.3, c.get("this_week").get("ece").asDouble(), 1e-12);
            assertEquals(10, c.get("this_week").get("reliability_bins").size());
            JsonNode bin8 = c.get("this_week").get("reliability_bins").get(8);
            assertEquals(700, bin8.get("count").asLong());
            assertEquals(350, bin8.get("hits").asLong());
            assertTrue(bin8.get("wilson_lower").asDouble() < 0.5 && bin8.get("wilson_upper").asDouble() > 0.5);
            assertTrue(c.get("this_week").get("reliability_bins").get(0).get("mean_confidence").isNull());
            assertEquals(0.2, c.get("last_week").get("ece").asDouble(), 1e-12);
            assertEquals("2026-01-05", c.get("baseline").get("from").asText());
            assertEquals(CalibrationKindText.TEST, c.get("change_test").asText());
            assertTrue(c.get("vs_baseline").get("significant").asBoolean());
            assertEquals(700, c.get("vs_last_week").get("reference_count").asLong());
            assertEquals(3, c.get("trend").get("weeks").size());
            assertEquals("rising", c.get("trend").get("direction").asText());
            assertFalse(c.get("trend").get("significant").asBoolean());
            assertEquals(0.15, c.get("trend").get("slope_per_week").asDouble(), 1e-12);
            assertEquals("BREACH", c.get("breaches").get(0).get("status").asText());
            assertEquals("CRITICAL", c.get("breaches").get(0).get("severity").asText());
            assertEquals(3, c.get("recommendations").size());
            JsonNode rt = c.get("retrain_requests");
            assertEquals(1, rt.size());
            assertEquals("2026-01-19T09:00:00Z", rt.get(0).get("requested_at").asText());
            JsonNode reason = rt.get(0).get("reasons").get(0);
            assertEquals("CALIBRATION_SHIFT", reason.get("trigger").asText());
            assertEquals("CONFIDENCE", reason.get("calibration_kind").asText());
            assertEquals(0.2, reason.get("value").asDouble(), 1e-12);
            assertEquals(0.05, reason.get("threshold").asDouble());
            assertTrue(reason.get("p_value").asDouble() < 0.05);
            assertEquals(d.retrains.get(0).reasons().get(0).detail(), reason.get("detail").asText());

            String md = Files.readString(files.get(0));
            assertTrue(md.startsWith("# Weekly model report: 2026-01-19 to 2026-01-25\n"), md);
            assertTrue(md.contains("| key | outcomes | ECE | last week | trend | breach |"), md);
            assertTrue(md.contains("| lstm/BTC/USDT | 700 | 0.300 | 0.200 | rising | OPEN |"), md);
            assertTrue(md.contains("## lstm/BTC/USDT\n\n### Calibration (confidence)"), md);
            assertTrue(md.contains("| this week | 700 | 0.300 |"), md);
            assertTrue(md.contains("| baseline 2026-01-05 to 2026-01-11 | 700 | 0.000 |"), md);
            assertTrue(md.contains("slope +0.1500 per week"), md);
            assertTrue(md.contains("| 0.8-0.9 | 700 | 0.800 | 0.500 |"), md);
            assertTrue(md.contains("Recommended actions:"), md);
            assertTrue(md.contains("Retrain requests this week: \n- 2026-01-19T09:00:00Z: CALIBRATION_SHIFT "
                    + "(confidence): calibration error 0.200 over the last 7 days vs 0.000 in the reference period "
                    + "2026-01-05 to 2026-01-11"), md);
        }
    }

    @Test
    void aKeyWithoutHistoryIsLeftOutAndACalmKeySaysNoActionNeeded() {
        try (Days d = new Days(dev.modelmonitor.core.ModelMonitor.builder().calibrationThresholds(Days.thresholds()))) {
            assertTrue(d.monitor.weeklyReport(date(6)).keys().isEmpty());
            assertTrue(d.monitor.weeklyReport(date(6)).toMarkdown().contains("No key has history in this period."));
            d.play("GGGGGGG");
            CalibrationSection s = d.monitor.weeklyReport(date(6)).keys().get(0).section(CalibrationSection.class);
            assertFalse(s.critical());
            assertFalse(s.breachedNow());
            assertNull(s.vsBaseline() == null ? null : s.vsBaseline().significantlyWorse() ? "worse" : null);
            assertEquals(List.of("Calibration is within the threshold (ECE 0.000, threshold 0.050) and stable: no "
                    + "action needed."), s.recommendations());
            assertEquals(List.of(), s.retrains());
            assertTrue(d.monitor.weeklyReport(date(6)).toMarkdown().contains("Retrain requests this week: none."));
        }
    }

    /** The change test's name, as the JSON must carry it. */
    private static final class CalibrationKindText {
        static final String TEST = dev.modelmonitor.api.CalibrationChange.TEST;
    }
}

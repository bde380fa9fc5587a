package dev.modelmonitor.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.RetrainTrigger;
import dev.modelmonitor.api.Severity;
import dev.modelmonitor.core.report.CalibrationSection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calibration demo: one breach after the configured persistence, a retrain request, a weekly report. */
class CalibrationDemoTest {

    @Test
    void theBreachFiresAfterThePersistenceAndTheReportShowsTheTrend(@TempDir Path dir) throws Exception {
        CalibrationDemo.Result r = CalibrationDemo.run(dir);
        assertEquals(1, r.alerts().size(), "raised once");
        CalibrationAlert a = r.alerts().get(0);
        assertEquals(CalibrationAlert.Status.BREACH, a.status());
        assertEquals(Severity.CRITICAL, a.severity());
        LocalDate regime = LocalDate.of(2026, 1, 19);
        assertEquals(regime, a.streakFrom(), "the streak starts with the regime change");
        assertEquals(regime.plusDays(7), a.date(), "the eighth day above 0.05");
        assertEquals(8, a.consecutiveDays());
        assertTrue(a.gap() < -0.1, "over-confident");
        assertTrue(r.retrains().get(0).has(RetrainTrigger.CALIBRATION_SHIFT));
        assertEquals(35, r.dayEvents(), "one model.calibration event per day");

        CalibrationSection s = r.report().keys().get(0).section(CalibrationSection.class);
        assertEquals(LocalDate.of(2026, 2, 8), r.report().weekEnd());
        assertEquals("rising", s.trendDirection());
        assertTrue(s.thisWeek().ece() > 0.1 && s.baseline().ece() < 0.05);
        assertTrue(s.vsBaseline().significantlyWorse());
        assertTrue(s.recommendations().get(0).startsWith("Calibration breach open: The model is over-confident"),
                s.recommendations().get(0));
        String md = Files.readString(r.reportFiles().get(0));
        assertTrue(md.contains("ECE rising"), md);
        assertTrue(md.contains("Recommended actions:"), md);
        JsonNode json = new ObjectMapper().readTree(r.reportFiles().get(1).toFile());
        assertEquals("rising", json.get("keys").get(0).get("sections").get("calibration").get("trend")
                .get("direction").asText());
    }
}

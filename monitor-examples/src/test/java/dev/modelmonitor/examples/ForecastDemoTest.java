package dev.modelmonitor.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forecast demo: alerts for the volatile channel only, and the files it says it wrote. */
class ForecastDemoTest {

    @Test
    void alertsOnlyForTheVolatileChannelAndWritesItsFiles(@TempDir Path dir) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            ForecastDemo.run(dir);
        } finally {
            System.setOut(old);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Forecast WARNING: revenue_plan/search [INTERVAL_UNDER_COVERED"), printed);
        assertFalse(printed.contains("revenue_plan/social ["), printed);

        JsonNode trends = new ObjectMapper().readTree(dir.resolve("forecast_trends.json").toFile());
        assertEquals(2, trends.get("trends").size());
        assertEquals(28, trends.get("trends").get(0).get("points").size());
        String week = Files.readString(dir.resolve("forecast_week_search.md"));
        assertTrue(week.startsWith("### Forecasts: revenue_plan/search, week of 2026-03-16"), week);
        assertTrue(week.contains("INTERVAL_UNDER_COVERED"), week);
    }
}

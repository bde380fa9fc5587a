package dev.modelmonitor.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.core.alert.JsonAlertQueueSink;
import dev.modelmonitor.core.alert.QueuedAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's demo: alerts for the degraded symbol only, and the files it says it wrote. */
class TradingDemoTest {

    @Test
    void alertsOnlyForTheDegradedSymbolAndWritesItsFiles(@TempDir Path dir) throws Exception {
        TradingDemo.main(new String[] {dir.toString()});
        List<QueuedAlert> alerts = JsonAlertQueueSink.readAll(dir.resolve("trade_alerts.jsonl"));
        assertFalse(alerts.isEmpty(), "the degradation raises alerts");
        for (QueuedAlert a : alerts) {
            assertEquals("SOL/USDT", a.segment(), a.title());
        }
        JsonNode dashboard = new ObjectMapper().readTree(dir.resolve("dashboard/dashboard.json").toFile());
        assertEquals(4, dashboard.get("summary").get("total_models").asInt());
        assertEquals(3, dashboard.get("summary").get("healthy").asInt());
        assertEquals(1, dashboard.get("summary").get("critical").asInt());
        assertTrue(Files.exists(dir.resolve("dashboard/lstm_v3_SOL_USDT_status.json")));
    }

    @Test
    void aSecondRunPicksUpTheFirstRunsState(@TempDir Path dir) throws Exception {
        String first = run(dir);
        assertTrue(first.contains("No earlier state: starting fresh."), first);
        assertTrue(first.contains("Monitor state (file store): " + dir.resolve("store").toAbsolutePath()), first);
        String second = run(dir);
        assertTrue(second.contains("Recovered an earlier run: "), second);
        assertTrue(second.contains("4 keys with a snapshot, 120 predictions still pending"), second);
        assertTrue(second.contains("Resuming the simulation at 2026-01-07T23:30:00Z."), second);
        assertTrue(second.contains("  SOL/USDT  level CRITICAL  resolved  2,130"), second);
        assertTrue(second.contains("[day 4 "), "the second run goes on from day 4: " + second);
        assertFalse(second.contains("[day 1 "), second);
    }

    private static String run(Path dir) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            TradingDemo.main(new String[] {dir.toString()});
        } finally {
            System.setOut(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}

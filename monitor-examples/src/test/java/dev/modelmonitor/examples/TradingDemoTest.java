package dev.modelmonitor.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.core.alert.JsonAlertQueueSink;
import dev.modelmonitor.core.alert.QueuedAlert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}

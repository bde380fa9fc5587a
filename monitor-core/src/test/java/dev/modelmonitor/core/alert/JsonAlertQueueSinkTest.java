package dev.modelmonitor.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonAlertQueueSinkTest {

    @TempDir
    Path dir;

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void writesOneVersionedObjectPerLine() throws Exception {
        Path file = dir.resolve("data/trade_alerts.json");
        JsonAlertQueueSink sink = JsonAlertQueueSink.builder(file).instanceId("host1").build();
        sink.publish(Alerts.critical());

        String content = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(content.endsWith("\n"));
        assertEquals(1, content.split("\n").length);
        JsonNode line = new ObjectMapper().readTree(content);
        assertEquals(List.of("schema_version", "type", "alert_id", "timestamp", "model", "segment", "severity",
                "title", "message", "drift"), fieldNames(line));
        assertEquals(1, line.get("schema_version").asInt());
        assertEquals("model_drift", line.get("type").asText());
        assertEquals(Alerts.T0 + "-host1-1", line.get("alert_id").asText());
        assertEquals("2024-03-01T12:00:00Z", line.get("timestamp").asText());
        assertEquals("lstm_btc", line.get("model").asText());
        assertEquals("BTC/USDT", line.get("segment").asText());
        assertEquals("CRITICAL", line.get("severity").asText());
        assertEquals(Alerts.critical().title(), line.get("title").asText());
        assertEquals(Alerts.critical().message(), line.get("message").asText());
        assertEquals(new ObjectMapper().readTree("{\"level\":\"CRITICAL\",\"previous_level\":\"HEALTHY\","
                + "\"recovery\":false,\"current_accuracy\":0.52,\"baseline_accuracy\":0.65,\"drop\":"
                + (0.65 - 0.52) + ",\"window\":50,\"p_value\":0.0234,\"z_statistic\":-1.99,\"significant\":true,"
                + "\"recommendation\":\"Model accuracy dropped 13.0% from baseline. Schedule immediate retraining and reduce position"
                + " sizes by 50%.\"}"), line.get("drift"));
    }

    @Test
    void aCalibrationAlertCarriesItsFigures() throws Exception {
        Path file = dir.resolve("calibration.jsonl");
        JsonAlertQueueSink sink = JsonAlertQueueSink.builder(file).instanceId("host1").build();
        dev.modelmonitor.api.CalibrationAlert a = new dev.modelmonitor.api.CalibrationAlert(
                dev.modelmonitor.api.ModelKey.of("xgb", "ETH/USDT"), dev.modelmonitor.api.CalibrationAlert.Status.BREACH,
                dev.modelmonitor.api.CalibrationKind.CONFIDENCE, java.time.LocalDate.of(2026, 1, 12),
                java.time.LocalDate.of(2026, 1, 5), 8, 0.31, 0.3, 0.8, 0.5, 800, 0.05, Alerts.T0);
        sink.publish(a);
        JsonNode line = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals("model_calibration", line.get("type").asText());
        assertEquals("CRITICAL", line.get("severity").asText());
        JsonNode c = line.get("calibration");
        assertEquals("BREACH", c.get("status").asText());
        assertEquals("CONFIDENCE", c.get("kind").asText());
        assertEquals("2026-01-12", c.get("date").asText());
        assertEquals("2026-01-05", c.get("streak_from").asText());
        assertEquals(8, c.get("consecutive_days").asInt());
        assertEquals(0.31, c.get("day_ece").asDouble());
        assertEquals(0.3, c.get("streak_ece").asDouble());
        assertEquals(0.05, c.get("threshold").asDouble());
        assertEquals(800, c.get("streak_count").asLong());
        assertEquals(a.recommendation(), c.get("recommendation").asText());
        assertNull(line.get("drift"));
        assertEquals(a.title(), JsonAlertQueueSink.readAll(file).get(0).title());
    }

    @Test
    void roundTripsThroughReadAll() {
        Path file = dir.resolve("queue.jsonl");
        JsonAlertQueueSink sink = JsonAlertQueueSink.to(file);
        List<DriftAlert> sent = List.of(Alerts.critical(), Alerts.warning(), Alerts.recovery());
        sent.forEach(sink::publish);

        List<QueuedAlert> read = JsonAlertQueueSink.readAll(file);
        assertEquals(3, read.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            DriftAlert a = sent.get(i);
            QueuedAlert q = read.get(i);
            assertEquals(1, q.schemaVersion());
            assertEquals(a.type(), q.type());
            assertEquals(Instant.ofEpochMilli(a.timestampMillis()), q.timestamp());
            assertEquals(a.key().model(), q.model());
            assertEquals(a.key().segment(), q.segment());
            assertEquals(a.severity(), q.severity());
            assertEquals(a.title(), q.title());
            assertEquals(a.message(), q.message());
            assertEquals(new QueuedAlert.Drift(a.level(), a.previousLevel(), a.isRecovery(),
                    a.report().currentAccuracy(), a.report().baselineAccuracy(), a.report().drop(),
                    a.report().verdictWindow(), a.report().pValue(), a.report().zStatistic(),
                    a.report().significant(), a.report().recommendation()), q.drift());
            assertTrue(q.alertId().endsWith("-" + (i + 1)), q.alertId());
            ids.add(q.alertId());
        }
        assertEquals(3, ids.size());
        assertEquals(Severity.INFO, read.get(2).severity());
        assertTrue(read.get(2).drift().recovery());
    }

    @Test
    void nanFiguresAreWrittenAsNullAndReadBackAsNaN() throws Exception {
        Path file = dir.resolve("queue.jsonl");
        JsonAlertQueueSink.to(file).publish(Alerts.withoutBaseline());

        JsonNode drift = new ObjectMapper().readTree(Files.readString(file)).get("drift");
        assertTrue(drift.get("baseline_accuracy").isNull());
        assertTrue(drift.get("drop").isNull());
        assertTrue(drift.get("p_value").isNull());
        assertTrue(drift.get("z_statistic").isNull());
        QueuedAlert.Drift read = JsonAlertQueueSink.readAll(file).get(0).drift();
        assertTrue(Double.isNaN(read.baselineAccuracy()));
        assertTrue(Double.isNaN(read.pValue()));
        assertEquals(0.4, read.currentAccuracy());
        assertEquals(DriftLevel.RETRAIN, read.level());
    }

    @Test
    void aTornLastLineIsSkippedAndTheNextAppendEndsIt() throws Exception {
        Path file = dir.resolve("queue.jsonl");
        JsonAlertQueueSink sink = JsonAlertQueueSink.to(file);
        sink.publish(Alerts.critical());
        Files.writeString(file, "{\"schema_version\":1,\"type\":\"model_dr", StandardOpenOption.APPEND);

        List<QueuedAlert> beforeRepair = JsonAlertQueueSink.readAll(file);
        assertEquals(1, beforeRepair.size());
        assertEquals(Severity.CRITICAL, beforeRepair.get(0).severity());

        sink.publish(Alerts.warning());
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        assertEquals("{\"schema_version\":1,\"type\":\"model_dr", lines.get(1));
        List<QueuedAlert> afterRepair = JsonAlertQueueSink.readAll(file);
        assertEquals(List.of(Severity.CRITICAL, Severity.WARNING),
                List.of(afterRepair.get(0).severity(), afterRepair.get(1).severity()));
    }

    @Test
    void readAllOfAMissingOrEmptyFileIsEmpty() throws Exception {
        assertEquals(List.of(), JsonAlertQueueSink.readAll(dir.resolve("absent.jsonl")));
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        assertEquals(List.of(), JsonAlertQueueSink.readAll(empty));
        Files.writeString(empty, "\n\nnot json\n[1,2]\n{\"schema_version\":1}\n");
        assertEquals(List.of(), JsonAlertQueueSink.readAll(empty));
    }

    @Test
    void drainTakesCompleteLinesAndKeepsATornTail() throws Exception {
        Path file = dir.resolve("queue.jsonl");
        JsonAlertQueueSink sink = JsonAlertQueueSink.to(file);
        sink.publish(Alerts.critical());
        sink.publish(Alerts.warning());

        List<QueuedAlert> first = JsonAlertQueueSink.drain(file);
        assertEquals(2, first.size());
        assertEquals(0, Files.size(file));
        assertEquals(List.of(), JsonAlertQueueSink.drain(file));

        sink.publish(Alerts.recovery());
        Files.writeString(file, "{\"partial", StandardOpenOption.APPEND);
        List<QueuedAlert> second = JsonAlertQueueSink.drain(file);
        assertEquals(1, second.size());
        assertEquals(Severity.INFO, second.get(0).severity());
        assertEquals("{\"partial", Files.readString(file));
        assertEquals(List.of(), JsonAlertQueueSink.drain(dir.resolve("absent.jsonl")));
    }

    @Test
    void concurrentPublishesGiveWholeLinesWithUniqueIds() throws Exception {
        Path file = dir.resolve("queue.jsonl");
        JsonAlertQueueSink a = JsonAlertQueueSink.builder(file).fsync(true).build();
        JsonAlertQueueSink b = JsonAlertQueueSink.to(file);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            JsonAlertQueueSink sink = t % 2 == 0 ? a : b;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 25; i++) {
                    sink.publish(Alerts.critical());
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(100, Files.readAllLines(file).size());
        List<QueuedAlert> read = JsonAlertQueueSink.readAll(file);
        assertEquals(100, read.size());
        Set<String> ids = new HashSet<>();
        read.forEach(q -> ids.add(q.alertId()));
        assertEquals(100, ids.size());
    }

    @Test
    void aWriteFailureNamesTheFile() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path file = blocker.resolve("queue.jsonl");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> JsonAlertQueueSink.to(file).publish(Alerts.critical()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void builderDefaultsAndBadArguments() {
        JsonAlertQueueSink sink = JsonAlertQueueSink.to(dir.resolve("q.jsonl"));
        assertFalse(sink.fsync());
        assertEquals(8, sink.instanceId().length());
        assertEquals(dir.resolve("q.jsonl"), sink.file());
        assertEquals("file must not be null", assertThrows(IllegalArgumentException.class,
                () -> JsonAlertQueueSink.builder(null)).getMessage());
        assertEquals("instanceId must be 1 to 64 letters, digits, '.' or '_', was 'a-b'",
                assertThrows(IllegalArgumentException.class,
                        () -> JsonAlertQueueSink.builder(dir.resolve("q")).instanceId("a-b")).getMessage());
        assertEquals("alert must not be null", assertThrows(IllegalArgumentException.class,
                () -> sink.publish(null)).getMessage());
        assertEquals("file must not be null", assertThrows(IllegalArgumentException.class,
                () -> JsonAlertQueueSink.readAll(null)).getMessage());
        assertNull(new QueuedAlert(1, "t", "id", Instant.EPOCH, "m", "s", Severity.INFO, "x", "y", null).drift());
        assertEquals("alertId must not be null", assertThrows(IllegalArgumentException.class,
                () -> new QueuedAlert(1, "t", null, Instant.EPOCH, "m", "s", Severity.INFO, "x", "y", null))
                .getMessage());
    }
}

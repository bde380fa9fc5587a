package dev.modelmonitor.examples;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.alert.JsonAlertQueueSink;
import dev.modelmonitor.core.alert.Slf4jAlertSink;
import dev.modelmonitor.core.testing.ManualScheduler;
import dev.modelmonitor.core.testing.MutableClock;
import dev.modelmonitor.core.testing.RecordingAlertSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's two code examples, as they are printed there, so they keep compiling and working. */
class ReadmeExampleTest {

    @Test
    void firstScreenExample(@TempDir Path data) {
        try (ModelMonitor monitor = ModelMonitor.builder()
                .addSink(Slf4jAlertSink.create())                       // or your own AlertSink
                .addSink(JsonAlertQueueSink.builder(data.resolve("trade_alerts.jsonl")).build())
                .scheduleChecks()                                       // checkAll() every 30 minutes
                .build()) {
            ModelKey key = ModelKey.of("lstm_btc", "BTC/USDT");
            monitor.setBaseline(key, Baseline.ofAccuracy(0.62));       // from your backtest

            long id = monitor.log(key, Prediction.up(0.75, 42_000.0, Duration.ofMinutes(60)));
            // ... an hour later, from any thread:
            monitor.resolve(id, Outcome.exitPrice(43_500.0));

            DriftReport report = monitor.detectDrift(key);              // level, p-value, windows, recommendation
            assertEquals(DriftLevel.INSUFFICIENT_DATA, report.level());
            assertTrue(monitor.status(key).health().isRetrainCandidate(), "unknown until 50 are resolved");
            monitor.exportDashboard(data.resolve("dashboard"));
            assertTrue(Files.exists(data.resolve("dashboard/dashboard.json")));
        }
    }

    @Test
    void testingSupportExample() {
        MutableClock clock = MutableClock.of(Instant.parse("2026-01-05T09:00:00Z"));
        ManualScheduler scheduler = ManualScheduler.drivenBy(clock);
        RecordingAlertSink alerts = RecordingAlertSink.create();
        ModelMonitor monitor = ModelMonitor.builder().clock(clock).addSink(alerts).scheduleChecks(scheduler).build();
        ModelKey key = ModelKey.of("lstm_btc", "BTC/USDT");
        monitor.setBaseline(key, Baseline.ofAccuracy(0.65));
        for (int i = 0; i < 50; i++) {                                  // "drive your strategy code"
            long id = monitor.log(key, Prediction.up(0.7, 100.0, Duration.ofMinutes(60)));
            monitor.resolve(id, Outcome.exitPrice(i < 26 ? 101.0 : 99.0));
        }
        scheduler.advance(Duration.ofMinutes(30));          // runs the due check, no sleeping
        assertEquals(DriftLevel.CRITICAL, alerts.driftAlerts().get(0).level());
        monitor.close();
    }
}

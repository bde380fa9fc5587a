package dev.modelmonitor.core.store;

import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.KeySnapshot;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.testing.MutableClock;
import dev.modelmonitor.core.testing.RecordingAlertSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forecast state across restarts on a {@link FileStore}, in the cases the restart property does not reach:
 * a daily record lost by a crash, a monitor with another forecast config, the forecast state carried by the
 * key snapshot, and an alert cool-down taken from the store.
 */
class ForecastRestartTest {

    static final ModelKey KEY = ModelKey.of("demand", "eu");
    static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    static final ForecastConfig CONFIG = ForecastConfig.builder().countWindow(10).minSamples(4).shortDays(2)
            .longDays(5).build();

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.of(START);

    FileStore store() {
        return FileStore.builder(dir).clock(clock).durability(FileStore.Durability.EVERY_WRITE).build();
    }

    ModelMonitor monitor(FileStore store, ForecastConfig config, RecordingAlertSink sink) {
        return ModelMonitor.builder().clock(clock).store(store).forecastConfig(config).addSink(sink).build();
    }

    /** Logs and resolves n forecasts whose interval (p10-p90) misses every actual: under-covered. */
    static void resolveMisses(ModelMonitor m, int n) {
        for (int i = 0; i < n; i++) {
            long id = m.log(KEY, new Prediction.Forecast(100.0, new Quantiles(90.0, 100.0, 110.0),
                    Duration.ofHours(1)).withSpend(20.0));
            m.resolve(id, Outcome.value(130.0 + i));
        }
    }

    @Test
    void aDayRecordLostByACrashIsWrittenOnRestartAndNoneTwice() throws IOException {
        FileStore first = store();
        ModelMonitor m = monitor(first, CONFIG, RecordingAlertSink.create());
        m.setForecastBaseline(KEY, ForecastBaseline.ofMae(5.0)); // a snapshot with the forecast state
        resolveMisses(m, 3);
        clock.advance(Duration.ofDays(1));
        resolveMisses(m, 2);                                     // closes 2026-03-02 into the history
        m.flush();
        first.close();                                           // a crash: no close of the monitor, no snapshot
        // the crash also lost the history's tail: the day record never reached the disk
        Path history = dir.resolve("history");
        try (Stream<Path> files = Files.list(history)) {
            for (Path f : files.collect(Collectors.toList())) {
                List<String> kept = Files.readAllLines(f).stream()
                        .filter(l -> !l.contains("\"kind\":\"forecast_day\"")).collect(Collectors.toList());
                Files.write(f, kept);
            }
        }

        try (ModelMonitor restarted = monitor(store(), CONFIG, RecordingAlertSink.create())) {
            List<ForecastDay> days = restarted.forecastHistory(KEY, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1));
            assertEquals(1, days.size(), "the replayed resolution closed the lost day again: " + days);
            assertEquals(LocalDate.of(2026, 3, 2), days.get(0).day());
            assertEquals(3, days.get(0).tally().count());
            assertEquals(5, restarted.forecastPerformance(KEY).recent().tally().count());
            assertEquals(ForecastBaseline.ofMae(5.0), restarted.forecastBaseline(KEY).orElseThrow());
            clock.advance(Duration.ofDays(1));
            restarted.checkAll();                                  // closes 2026-03-03
            assertEquals(2, restarted.forecastHistory(KEY, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1)).size());
        }
        try (ModelMonitor again = monitor(store(), CONFIG, RecordingAlertSink.create())) {
            again.checkAll();
            List<ForecastDay> days = again.forecastHistory(KEY, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1));
            assertEquals(List.of(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3)),
                    days.stream().map(ForecastDay::day).collect(Collectors.toList()), "no day written twice");
        }
    }

    @Test
    void theKeySnapshotCarriesTheForecastStateAndABaselineSetAfterTheLastCheck() {
        FileStore first = store();
        try (ModelMonitor m = monitor(first, CONFIG, RecordingAlertSink.create())) {
            resolveMisses(m, 4);
            m.checkAll();
            m.setForecastBaseline(KEY, ForecastBaseline.of(2.0, 0.1));
            List<KeySnapshot> snapshots = first.latest(KeySnapshot.class, KEY, 1);
            assertNotNull(snapshots.get(0).forecast(), "setForecastBaseline writes the key's snapshot");
            assertEquals(ForecastBaseline.of(2.0, 0.1), snapshots.get(0).forecast().baseline());
            assertEquals(4, snapshots.get(0).forecast().totalResolved());
        }
        try (ModelMonitor restarted = monitor(store(), CONFIG, RecordingAlertSink.create())) {
            ForecastPerformance p = restarted.forecastPerformance(KEY);
            assertEquals(ForecastBaseline.of(2.0, 0.1), p.baseline());
            assertEquals(4, p.totalResolved());
            assertEquals(80.0, p.recent().tally().spendSum());
        }
    }

    @Test
    void anotherForecastConfigStartsTheWindowsEmptyAndKeepsTheBaseline() {
        try (ModelMonitor m = monitor(store(), CONFIG, RecordingAlertSink.create())) {
            m.setForecastBaseline(KEY, ForecastBaseline.ofMae(3.0));
            resolveMisses(m, 4);
        }
        ForecastConfig longer = CONFIG.toBuilder().countWindow(20).build();
        try (ModelMonitor restarted = monitor(store(), longer, RecordingAlertSink.create())) {
            ForecastPerformance p = restarted.forecastPerformance(KEY);
            assertEquals(0, p.recent().tally().count());
            assertEquals(ForecastBaseline.ofMae(3.0), p.baseline());
            assertEquals(4, restarted.status(KEY).resolved(), "the ledger counts still come back");
        }
    }

    @Test
    void theForecastAlertCoolDownComesFromTheStore() {
        RecordingAlertSink before = RecordingAlertSink.create();
        try (ModelMonitor m = monitor(store(), CONFIG, before)) {
            resolveMisses(m, 6);
            m.checkAll();
        }
        List<ForecastAlert> published = before.alerts(ForecastAlert.class);
        assertEquals(1, published.size());
        assertFalse(published.get(0).isRecovery());

        RecordingAlertSink after = RecordingAlertSink.create();
        try (ModelMonitor restarted = monitor(store(), CONFIG, after)) {
            clock.advance(Duration.ofMinutes(30));
            restarted.checkAll();
            assertEquals(List.of(), after.alerts(ForecastAlert.class), "still cooling down: not published again");
            clock.advance(ModelMonitor.Builder.DEFAULT_ALERT_REPEAT);
            restarted.checkAll();
            List<ForecastAlert> repeated = after.alerts(ForecastAlert.class);
            assertEquals(1, repeated.size(), "repeated once the repeat interval has passed");
            assertEquals(published.get(0).flags(), repeated.get(0).previousFlags());
            assertTrue(repeated.get(0).raisedFlags().isEmpty());
        }
    }
}

package dev.modelmonitor.core.store;

import dev.modelmonitor.api.Alert;
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationDay;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationThresholds;
import dev.modelmonitor.api.CalibrationWindow;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.RetrainRequest;
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
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calibration state across restarts on a {@link FileStore}, in the cases the restart property does not
 * reach: a breach open at a restart that recovers after it, a crash between the days a check closed and the
 * key's snapshot after them, the builder's critical mark against the stored one, and a state taken with
 * other calibration thresholds.
 */
class CalibrationRestartTest {

    static final ModelKey KEY = ModelKey.of("lstm", "BTC/USDT");
    static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    static final LocalDate DAY1 = LocalDate.of(2026, 3, 2);
    /** Judged days need 10 outcomes; a breach needs more than 2 days above the threshold, a recovery 2 under. */
    static final CalibrationThresholds THRESHOLDS = CalibrationThresholds.builder().minDailySamples(10).breachDays(2)
            .recoveryDays(2).build();

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.of(START);
    final RecordingAlertSink sink = RecordingAlertSink.create();
    final List<RetrainRequest> retrains = new ArrayList<>();

    FileStore store;

    ModelMonitor open(Consumer<ModelMonitor.Builder> settings) {
        store = FileStore.builder(dir).clock(clock).durability(FileStore.Durability.EVERY_WRITE).build();
        ModelMonitor.Builder b = ModelMonitor.builder().clock(clock).calibrationThresholds(THRESHOLDS).store(store)
                .addSink(sink).retrainHandler(retrains::add);
        settings.accept(b);
        return b.build();
    }

    ModelMonitor open() {
        return open(b -> { });
    }

    /** 20 class calls at confidence c of which a share {@code rate} is right: a day with ECE |rate - c|. */
    static void day(ModelMonitor m, double c, double rate) {
        for (int i = 0; i < 20; i++) {
            long id = m.log(KEY, new Prediction.ClassCall("up", c, Duration.ofMinutes(5)));
            m.resolve(id, Outcome.label(i < rate * 20 ? "up" : "down"));
        }
    }

    /** The next day: the clock moves 24 h and a check closes the day before. */
    void nextDay(ModelMonitor m) {
        clock.advance(Duration.ofDays(1));
        m.checkAll();
    }

    List<CalibrationAlert> calibrationAlerts() {
        List<CalibrationAlert> out = new ArrayList<>();
        for (Alert a : sink.alerts()) {
            if (a instanceof CalibrationAlert) {
                out.add((CalibrationAlert) a);
            }
        }
        return out;
    }

    @Test
    void aBreachOpenAtARestartRecoversAfterItAndNothingRepeats() {
        ModelMonitor m = open();
        m.markCritical(KEY, 0.05);
        for (int d = 0; d < 3; d++) {
            day(m, 0.8, 0.5);     // ECE 0.3
            nextDay(m);
        }
        assertTrue(m.calibrationBreached(KEY));
        m.setCalibrationReference(KEY, CalibrationKind.CONFIDENCE, DAY1, DAY1.plusDays(1));
        var before = RestartPropertiesTest.CalibrationAnswers.of(m, KEY, true);
        m.close();

        m = open();
        assertEquals(before, RestartPropertiesTest.CalibrationAnswers.of(m, KEY, true));
        assertEquals(OptionalDouble.of(0.05), m.criticalThreshold(KEY), "the run-time mark survives");
        assertTrue(m.calibrationBreached(KEY));
        assertEquals(1, retrains.size(), "the breach asked for a retrain once");
        for (int d = 0; d < 2; d++) {
            day(m, 0.7, 0.7);     // ECE 0
            nextDay(m);
        }
        assertFalse(m.calibrationBreached(KEY));
        assertEquals(List.of(CalibrationAlert.Status.BREACH, CalibrationAlert.Status.RECOVERY),
                calibrationAlerts().stream().map(CalibrationAlert::status).collect(Collectors.toList()));
        assertEquals(DAY1.plusDays(3), calibrationAlerts().get(1).streakFrom(),
                "the recovery run began after the restart");
        assertEquals(5, m.calibrationHistory(KEY, DAY1, DAY1.plusDays(10)).size(), "one day each, none twice");
        assertEquals(1, retrains.size(), "the retrain cool-down survived");
        m.close();
    }

    /**
     * A check writes the days it closes, its alerts, then the key's snapshot; a crash between them leaves the
     * store holding days the snapshot has open. The restart closes them again: what the store holds is not
     * written or published twice, what it lacks (here: the alert) is published once, and the state answers
     * as if the check had finished.
     */
    @Test
    void aCrashBetweenTheClosedDaysAndTheSnapshotClosesThemAgainWithoutDuplicates() throws IOException {
        ModelMonitor m = open(b -> b.criticalKey(KEY, 0.05));
        for (int d = 0; d < 3; d++) {
            day(m, 0.8, 0.5);
            nextDay(m);
        }
        m.flush();
        var before = RestartPropertiesTest.CalibrationAnswers.of(m, KEY, true);
        List<CalibrationAlert> published = calibrationAlerts();
        assertEquals(1, published.size());
        long checkedAt = clock.millis();
        // the crash: the store stops under the monitor, and the last check's snapshots and alert never
        // reached the disk
        store.close();
        Path events = dir.resolve("events");
        Path history = dir.resolve("history");
        String snapshotAtCheck = "\"kind\":\"key_snapshot\",\"model\":\"lstm\",\"segment\":\"BTC/USDT\",\"timestamp\":"
                + checkedAt;
        assertEquals(1, dropLines(events, snapshotAtCheck), "the check's snapshot, after the day close");
        assertEquals(1, dropLines(history, "\"kind\":\"calibration_alert\""));
        sink.clear();

        m = open(b -> b.criticalKey(KEY, 0.05));
        var after = RestartPropertiesTest.CalibrationAnswers.of(m, KEY, true);
        assertEquals(before.history(), after.history(), "no day written twice");
        assertEquals(before.state(), after.state(), "the state moved on as the check had moved it");
        assertEquals(before.breached(), after.breached());
        assertEquals(published, calibrationAlerts(), "the alert the crash lost is published, once");
        assertEquals(published, after.alerts());
        assertEquals(1, retrains.size(), "the retrain request is not made twice");
        assertEquals(before.retrains(), after.retrains(), "the stored request is not stored twice");
        m.checkAll();
        assertEquals(published, calibrationAlerts(), "a later check repeats nothing");
        assertEquals(before.history(), m.calibrationHistory(KEY, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        m.close();
    }

    /**
     * The same crash, with the retrain request's line lost as well: the restart closes the days again, stores
     * the request once (it asked for it; the handler is not called again) and the history answers as before.
     */
    @Test
    void aRetrainRequestTheCrashLostIsStoredAgainOnceWithoutCallingTheHandler() throws IOException {
        ModelMonitor m = open(b -> b.criticalKey(KEY, 0.05));
        for (int d = 0; d < 3; d++) {
            day(m, 0.8, 0.5);
            nextDay(m);
        }
        m.flush();
        var before = RestartPropertiesTest.CalibrationAnswers.of(m, KEY, true);
        assertEquals(1, before.retrains().size());
        assertEquals(retrains, before.retrains(), "the request handed over is the one stored");
        long checkedAt = clock.millis();
        store.close();
        assertEquals(1, dropLines(dir.resolve("events"), "\"kind\":\"key_snapshot\",\"model\":\"lstm\","
                + "\"segment\":\"BTC/USDT\",\"timestamp\":" + checkedAt));
        assertEquals(1, dropLines(dir.resolve("history"), "\"kind\":\"retrain_request\""));

        m = open(b -> b.criticalKey(KEY, 0.05));
        assertEquals(before.retrains(), m.retrainHistory(KEY, DAY1, DAY1.plusDays(30)), "stored again, once");
        assertEquals(before.retrains(), m.retrainHistory(null, DAY1, DAY1.plusDays(30)));
        assertEquals(1, retrains.size(), "the handler is not called again");
        m.close();
        m = open(b -> b.criticalKey(KEY, 0.05));
        assertEquals(before.retrains(), m.retrainHistory(KEY, DAY1, DAY1.plusDays(30)), "and not again later");
        m.close();
    }

    /** Removes the lines holding {@code text} from every segment in a directory; returns how many. */
    static int dropLines(Path directory, String text) throws IOException {
        int dropped = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.collect(Collectors.toList())) {
                List<String> lines = Files.readAllLines(f);
                List<String> kept = lines.stream().filter(l -> !l.contains(text)).collect(Collectors.toList());
                dropped += lines.size() - kept.size();
                Files.write(f, kept);
            }
        }
        return dropped;
    }

    @Test
    void theBuildersCriticalMarkWinsOverTheStoredOneAndARunTimeMarkOrUnmarkSurvives() {
        ModelMonitor m = open(b -> b.criticalKey(KEY, 0.1));
        m.markCritical(KEY, 0.2);
        m.close();
        m = open(b -> b.criticalKey(KEY, 0.07));
        assertEquals(OptionalDouble.of(0.07), m.criticalThreshold(KEY), "the builder's mark wins");
        m.close();
        m = open();
        // the last snapshot holds the mark the last monitor applied
        assertEquals(OptionalDouble.of(0.07), m.criticalThreshold(KEY), "a stored mark survives a builder without one");
        m.unmarkCritical(KEY);
        m.close();
        m = open();
        assertEquals(OptionalDouble.empty(), m.criticalThreshold(KEY), "an unmark survives too");
        m.close();
    }

    @Test
    void aStateTakenWithOtherThresholdsStartsEmptyButKeepsClosedDaysCoolDownAndMark() {
        ModelMonitor m = open();
        m.markCritical(KEY, 0.05);
        for (int d = 0; d < 3; d++) {
            day(m, 0.8, 0.5);
            nextDay(m);
        }
        assertEquals(1, retrains.size());
        day(m, 0.8, 0.5);
        m.close();
        CalibrationThresholds other = THRESHOLDS.toBuilder().bins(5).build();
        m = open(b -> b.calibrationThresholds(other));
        assertEquals(0, m.calibration(KEY, CalibrationKind.CONFIDENCE, CalibrationWindow.ofPredictions(200)).count(),
                "the accumulators start empty");
        assertEquals(OptionalDouble.of(0.05), m.criticalThreshold(KEY));
        assertFalse(m.calibrationBreached(KEY), "the breach run starts again");
        nextDay(m);
        List<CalibrationDay> history = m.calibrationHistory(KEY, DAY1, DAY1.plusDays(10));
        assertEquals(3, history.size(), "no closed day closed again; the open day's resolutions were not kept");
        assertEquals(1, retrains.size());
        m.close();
    }
}

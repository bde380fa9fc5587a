package dev.modelmonitor.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmonitor.api.CalibrationThresholds;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.MonitorSettings;
import dev.modelmonitor.api.SettingChange;
import dev.modelmonitor.api.StoreException;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor's settings in the file store's {@code settings.json}: written when a monitor is built, read back
 * exactly, compared at a restart (each difference logged once at WARN and reported by the monitor, the
 * builder's value applied), never written by a read-only store.
 */
class SettingsRestartTest {

    static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

    /** Every setting away from its default, with doubles that are not short decimals and a zone offset. */
    static final MonitorSettings ODD = new MonitorSettings(
            DriftThresholds.builder().warningDrop(0.1 + 0.2 - 0.25).criticalDrop(0.11).randomBaseline(0.45)
                    .minPredictions(7).windows(10, 20, 30).alpha(0.01).checkInterval(Duration.ofSeconds(90))
                    .requireSignificance(true).build(),
            CalibrationThresholds.builder().bins(7).countWindows(50, 150).maxDays(12).breachThreshold(0.07500000000000001)
                    .breachDays(3).recoveryDays(4).minDailySamples(25).intervalAlpha(0.1).alpha(0.02)
                    .minEceIncrease(0.0).retrainCooldown(Duration.ofHours(30).plusNanos(5))
                    .zone(ZoneOffset.ofHoursMinutes(5, 30)).build(),
            RecordCodecTest.FORECAST_CONFIG, 0.0015, Duration.ofMinutes(7), Duration.ofMillis(1_500));

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.of(START);

    ModelMonitor open(Consumer<ModelMonitor.Builder> settings) {
        FileStore store = FileStore.builder(dir).clock(clock).durability(FileStore.Durability.EVERY_WRITE).build();
        ModelMonitor.Builder b = ModelMonitor.builder().clock(clock).store(store);
        settings.accept(b);
        return b.build();
    }

    static void apply(ModelMonitor.Builder b, MonitorSettings s) {
        b.thresholds(s.driftThresholds()).calibrationThresholds(s.calibrationThresholds())
                .forecastConfig(s.forecastConfig()).holdBand(s.holdBand()).expiryGrace(s.expiryGrace())
                .alertRepeatInterval(s.alertRepeatInterval());
    }

    @Test
    void theFileAppearsWhenAMonitorIsBuiltAndRoundTripsExactly() throws IOException {
        Path file = dir.resolve("settings.json");
        try (ModelMonitor m = open(b -> apply(b, ODD))) {
            assertEquals(ODD, m.settings());
            assertTrue(Files.isRegularFile(file), "written at build");
            assertFalse(Files.exists(dir.resolve("settings.json.tmp")), "through a temp file, renamed");
            assertEquals(List.of(), m.settingsChanges(), "a new store: nothing to compare with");
        }
        byte[] bytes = Files.readAllBytes(file);
        MonitorSettings back = SettingsFile.decode(bytes);
        assertEquals(ODD, back);
        assertArrayEquals(bytes, SettingsFile.encode(back), "identical bytes");
        assertEquals(Double.doubleToRawLongBits(ODD.driftThresholds().warningDrop()),
                Double.doubleToRawLongBits(back.driftThresholds().warningDrop()));
        try (FileStore reopened = FileStore.builder(dir).clock(clock).build()) {
            assertEquals(Optional.of(ODD), reopened.storedSettings());
        }

        JsonNode n = RecordCodec.MAPPER.readTree(bytes);
        assertEquals(RecordCodec.FORMAT_VERSION, n.get("format_version").intValue());
        assertEquals(List.of("format_version", "drift_thresholds", "calibration_thresholds", "forecast_config",
                "hold_band", "expiry_grace", "alert_repeat_interval"), names(n));
        assertEquals("+05:30", n.get("calibration_thresholds").get("zone").textValue());
        assertEquals("PT30H0.000000005S", n.get("calibration_thresholds").get("retrain_cooldown").textValue());
        assertCarried(ODD, n, "settings");
        assertTrue(new String(bytes, StandardCharsets.UTF_8).endsWith("}\n"), "one line");
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    /** Each record component is carried by the field of its snake_case name; nested records recurse. */
    private static void assertCarried(Record value, JsonNode node, String path) throws IOException {
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            StringBuilder field = new StringBuilder();
            for (char ch : c.getName().toCharArray()) {
                field.append(Character.isUpperCase(ch) ? "_" + Character.toLowerCase(ch) : String.valueOf(ch));
            }
            JsonNode child = node.get(field.toString());
            assertTrue(child != null, path + "." + c.getName() + " has no field '" + field + "' in " + node);
            try {
                Object v = c.getAccessor().invoke(value);
                if (v instanceof Record) {
                    assertCarried((Record) v, child, path + "." + c.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aRestartWithChangedWindowsLogsAndReportsEachDifferenceOnceAndTheBuildersApply() throws IOException {
        open(b -> { }).close();
        assertEquals(MonitorSettings.class, SettingsFile.decode(Files.readAllBytes(dir.resolve("settings.json")))
                .getClass());
        DriftThresholds windows = DriftThresholds.builder().windows(20, 40, 80).minPredictions(20).build();
        CalibrationThresholds calibration = CalibrationThresholds.builder().countWindows(100, 200).build();
        String log;
        ModelMonitor m;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            m = open(b -> b.thresholds(windows).calibrationThresholds(calibration).holdBand(0.001));
        } finally {
            System.setErr(err);
        }
        log = captured.toString(StandardCharsets.UTF_8);
        List<SettingChange> expected = List.of(
                new SettingChange("driftThresholds.minPredictions", "50", "20"),
                new SettingChange("driftThresholds.shortWindow", "50", "20"),
                new SettingChange("driftThresholds.mediumWindow", "100", "40"),
                new SettingChange("driftThresholds.longWindow", "200", "80"),
                new SettingChange("calibrationThresholds.countWindows", "[200]", "[100, 200]"),
                new SettingChange("holdBand", "0.002", "0.001"));
        try {
            assertEquals(expected, m.settingsChanges());
            assertEquals(windows, m.thresholds(), "the builder's win");
            assertEquals(80, m.detectDrift(dev.modelmonitor.api.ModelKey.of("m", "s")).windows().get(2).size());
            for (SettingChange c : expected) {
                String line = "WARN dev.modelmonitor.core.ModelMonitor - setting " + c.setting()
                        + " changed since the last monitor on FileStore[" + dir.toAbsolutePath().normalize()
                        + ", EVERY_WRITE]: stored " + c.stored() + ", now " + c.current() + "; the new value applies";
                assertEquals(1, count(log, line), "logged once: " + line + "\nin\n" + log);
            }
            assertEquals(expected.size(), count(log, " WARN "), log);
        } finally {
            m.close();
        }
        assertEquals(m.settings(), SettingsFile.decode(Files.readAllBytes(dir.resolve("settings.json"))),
                "the new settings are stored");

        captured.reset();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            m = open(b -> b.thresholds(windows).calibrationThresholds(calibration).holdBand(0.001));
        } finally {
            System.setErr(err);
        }
        m.close();
        assertEquals(List.of(), m.settingsChanges(), "unchanged since");
        assertEquals(0, count(captured.toString(StandardCharsets.UTF_8), " WARN "));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aReadOnlyStoreNeverWritesItAndAMonitorOnItComparesNothing() throws IOException {
        FileStore.builder(dir).clock(clock).build().close();
        Path file = dir.resolve("settings.json");
        try (ModelMonitor m = ModelMonitor.builder().clock(clock)
                .store(FileStore.builder(dir).openMode(FileStore.OpenMode.READ_ONLY).build()).build()) {
            assertEquals(List.of(), m.settingsChanges());
        }
        assertFalse(Files.exists(file), "a read-only store writes no settings");

        open(b -> apply(b, ODD)).close();
        byte[] before = Files.readAllBytes(file);
        FileStore reader = FileStore.builder(dir).openMode(FileStore.OpenMode.READ_ONLY).build();
        assertEquals(Optional.of(ODD), reader.storedSettings(), "a reader sees the owner's settings");
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).store(reader).build()) {
            assertEquals(List.of(), m.settingsChanges(), "not restartable: nothing compared or recorded");
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        FileStore again = FileStore.builder(dir).openMode(FileStore.OpenMode.READ_ONLY).build();
        assertEquals("file store " + dir.toAbsolutePath().normalize() + " is open read-only: recordSettings is not "
                + "allowed", assertThrows(IllegalStateException.class, () -> again.recordSettings(ODD)).getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of("settings.json", "store.json", "store.lock"), list(dir), "no temp file left");
    }

    private static List<String> list(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        }
        out.sort(String::compareTo);
        return out;
    }

    @Test
    void anUnreadableFileCountsAsNoneAndIsReplaced() throws IOException {
        open(b -> apply(b, ODD)).close();
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"format_version\":4,\"drift_thresholds\":{}}\n");
        try (ModelMonitor m = open(b -> { })) {
            assertEquals(List.of(), m.settingsChanges(), "nothing to compare with");
        }
        assertEquals(MonitorSettings.class, SettingsFile.decode(Files.readAllBytes(file)).getClass());
        assertTrue(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains("\"hold_band\":0.002"));
    }

    @Test
    void badFilesAreRejectedNamingWhatIsWrong() {
        String good = new String(SettingsFile.encode(ODD), StandardCharsets.UTF_8);
        assertEquals("format version 5 is not supported (this code reads settings of versions 4 to 4)",
                decodeError(good.replace("\"format_version\":4", "\"format_version\":5")));
        assertEquals("format version 3 is not supported (this code reads settings of versions 4 to 4)",
                decodeError(good.replace("\"format_version\":4", "\"format_version\":3")));
        assertEquals("field 'hold_band' is missing", decodeError(good.replace(",\"hold_band\":0.0015", "")));
        assertEquals("field 'zone' must be a zone offset, was \"Mars\"",
                decodeError(good.replace("\"zone\":\"+05:30\"", "\"zone\":\"Mars\"")));
        assertEquals("field 'count_windows' must hold integers, was \"50\"",
                decodeError(good.replace("\"count_windows\":[50,", "\"count_windows\":[\"50\",")));
        assertEquals("holdBand must be in [0, 1), was 1.5",
                decodeError(good.replace("\"hold_band\":0.0015", "\"hold_band\":1.5")));
        assertEquals("not a JSON object", decodeError("[1]"));
    }

    private static String decodeError(String text) {
        return assertThrows(IllegalArgumentException.class,
                () -> SettingsFile.decode(text.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    @Test
    void aFailedWriteIsCountedAndTheMonitorStillBuilds() throws IOException {
        FileStore store = FileStore.builder(dir).clock(clock).build();
        Files.createDirectory(dir.resolve("settings.json.tmp"));
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).store(store).build()) {
            assertEquals(1, m.counters().storeFailures());
            assertEquals(Optional.empty(), store.storedSettings(), "unchanged by the failed write");
        }
        StoreException e = assertThrows(StoreException.class, () -> {
            try (FileStore s = FileStore.builder(dir).clock(clock).build()) {
                s.recordSettings(ODD);
            }
        });
        assertEquals(StoreException.Reason.WRITE_FAILED, e.reason());
        assertTrue(e.getMessage().startsWith("cannot write " + dir.toAbsolutePath().normalize()
                .resolve("settings.json")), e.getMessage());
        try (FileStore s = FileStore.builder(dir).clock(clock).build()) {
            assertEquals("settings must not be null", assertThrows(IllegalArgumentException.class,
                    () -> s.recordSettings(null)).getMessage());
        }
    }

    @Test
    void aStoreThatDoesNotOutliveItsProcessKeepsNoSettings() {
        InMemoryStore memory = InMemoryStore.withDefaults();
        memory.recordSettings(ODD);
        assertEquals(Optional.empty(), memory.storedSettings());
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).store(memory).build()) {
            assertEquals(List.of(), m.settingsChanges());
            assertEquals(ModelMonitor.Builder.DEFAULT_HOLD_BAND, m.settings().holdBand());
        }
    }
}

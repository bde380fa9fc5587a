package dev.modelmonitor.core.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmonitor.api.CalibrationThresholds;
import dev.modelmonitor.api.MonitorSettings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The file store's {@code settings.json}: the settings of the last monitor built on the directory, one JSON
 * object on one line, replaced atomically (temp file, force, rename, force of the directory). Its fields, in
 * order: {@code format_version} (the store's format version that wrote it, 4 or later),
 * {@code drift_thresholds}, {@code calibration_thresholds}, {@code forecast_config}, {@code hold_band},
 * {@code expiry_grace} and {@code alert_repeat_interval}; numbers, durations and the nested thresholds are
 * written as in the line format ({@link RecordCodec}), so they read back to equal values; the layout is
 * documented in {@code docs/file-store.md}. Readers ignore unknown fields; a missing or mistyped field makes
 * the file unreadable ({@link IllegalArgumentException} naming the field).
 *
 * <p>Stateless and thread-safe; the caller serialises writes.
 */
final class SettingsFile {

    /** The file's name in the store directory. */
    static final String NAME = "settings.json";
    /** The first store format version that has the file. */
    static final int SINCE = 4;

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private SettingsFile() {
    }

    /** The settings as the file's bytes: one JSON object and a newline. */
    static byte[] encode(MonitorSettings s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("format_version", RecordCodec.FORMAT_VERSION);
            RecordCodec.driftThresholds(g, "drift_thresholds", s.driftThresholds());
            calibrationThresholds(g, s.calibrationThresholds());
            RecordCodec.forecastConfig(g, "forecast_config", s.forecastConfig());
            RecordCodec.number(g, "hold_band", s.holdBand());
            g.writeStringField("expiry_grace", s.expiryGrace().toString());
            g.writeStringField("alert_repeat_interval", s.alertRepeatInterval().toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void calibrationThresholds(JsonGenerator g, CalibrationThresholds t) throws IOException {
        g.writeObjectFieldStart("calibration_thresholds");
        g.writeNumberField("bins", t.bins());
        g.writeArrayFieldStart("count_windows");
        for (int w : t.countWindows()) {
            g.writeNumber(w);
        }
        g.writeEndArray();
        g.writeNumberField("max_days", t.maxDays());
        RecordCodec.number(g, "breach_threshold", t.breachThreshold());
        g.writeNumberField("breach_days", t.breachDays());
        g.writeNumberField("recovery_days", t.recoveryDays());
        g.writeNumberField("min_daily_samples", t.minDailySamples());
        RecordCodec.number(g, "interval_alpha", t.intervalAlpha());
        RecordCodec.number(g, "alpha", t.alpha());
        RecordCodec.number(g, "min_ece_increase", t.minEceIncrease());
        g.writeStringField("retrain_cooldown", t.retrainCooldown().toString());
        g.writeStringField("zone", t.zone().getId());
        g.writeEndObject();
    }

    /**
     * Parses the file's bytes.
     *
     * @throws IllegalArgumentException naming what is wrong, if they are not settings of a supported version
     */
    static MonitorSettings decode(byte[] bytes) {
        JsonNode n;
        try {
            n = RecordCodec.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        long version = RecordCodec.lng(n, "format_version");
        if (version < SINCE || version > RecordCodec.FORMAT_VERSION) {
            throw new IllegalArgumentException("format version " + version + " is not supported (this code reads "
                    + "settings of versions " + SINCE + " to " + RecordCodec.FORMAT_VERSION + ")");
        }
        return new MonitorSettings(RecordCodec.driftThresholds(RecordCodec.object(n, "drift_thresholds")),
                calibrationThresholds(RecordCodec.object(n, "calibration_thresholds")),
                RecordCodec.forecastConfig(RecordCodec.object(n, "forecast_config")), RecordCodec.dbl(n, "hold_band"),
                RecordCodec.duration(n, "expiry_grace"), RecordCodec.duration(n, "alert_repeat_interval"));
    }

    private static CalibrationThresholds calibrationThresholds(JsonNode t) {
        JsonNode windows = RecordCodec.array(t, "count_windows");
        List<Integer> countWindows = new ArrayList<>(windows.size());
        for (JsonNode w : windows) {
            if (!w.isInt()) {
                throw new IllegalArgumentException("field 'count_windows' must hold integers, was " + w);
            }
            countWindows.add(w.intValue());
        }
        String zone = RecordCodec.text(t, "zone");
        ZoneOffset offset;
        try {
            offset = ZoneOffset.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("field 'zone' must be a zone offset, was \"" + zone + "\"", e);
        }
        return new CalibrationThresholds((int) RecordCodec.lng(t, "bins"), countWindows,
                (int) RecordCodec.lng(t, "max_days"), RecordCodec.dbl(t, "breach_threshold"),
                (int) RecordCodec.lng(t, "breach_days"), (int) RecordCodec.lng(t, "recovery_days"),
                (int) RecordCodec.lng(t, "min_daily_samples"), RecordCodec.dbl(t, "interval_alpha"),
                RecordCodec.dbl(t, "alpha"), RecordCodec.dbl(t, "min_ece_increase"),
                RecordCodec.duration(t, "retrain_cooldown"), offset);
    }

    /**
     * Reads the file of a store directory.
     *
     * @return the settings, or null when the directory has no settings file
     * @throws IllegalArgumentException if the file holds no settings of a supported version
     * @throws IOException              if it cannot be read
     */
    static MonitorSettings read(Path directory) throws IOException {
        Path file = directory.resolve(NAME);
        if (!Files.exists(file)) {
            return null;
        }
        return decode(Files.readAllBytes(file));
    }

    /**
     * Replaces the file of a store directory: writes a temp file, forces it, renames it over the file and
     * forces the directory.
     *
     * @throws IOException if a step fails (the old file is then intact)
     */
    static void write(Path directory, MonitorSettings settings) throws IOException {
        Path file = directory.resolve(NAME);
        Path temp = directory.resolve(NAME + ".tmp");
        try (FileChannel c = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(encode(settings));
            while (b.hasRemaining()) {
                c.write(b);
            }
            c.force(false);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SegmentStream.forceDirectory(directory);
    }
}

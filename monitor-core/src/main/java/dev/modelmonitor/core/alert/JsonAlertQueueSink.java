package dev.modelmonitor.core.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.api.Alert;
import dev.modelmonitor.api.AlertSink;
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link AlertSink} that appends each alert as one JSON object per line (JSON Lines) to a file that
 * another process polls and delivers, for example to a chat channel: the seeds' trade-alert queue.
 *
 * <h2>Line format, schema version 1</h2>
 * Every line is one UTF-8 JSON object ending in {@code '\n'}, with these fields in this order:
 * <pre>
 * schema_version  1
 * type            the alert kind, e.g. "model_drift" (Alert.type())
 * alert_id        unique id: "&lt;epoch ms&gt;-&lt;sink instance id&gt;-&lt;sequence&gt;"
 * timestamp       when the alert was raised, ISO-8601 UTC, e.g. "2024-03-01T12:00:00Z"
 * model           the model name
 * segment         the segment (symbol, market, channel or tenant)
 * severity        "INFO", "WARNING" or "CRITICAL"
 * title           the one-line summary (Alert.title())
 * message         the full human-readable text (Alert.message()), newlines escaped as \n
 * drift           only for a DriftAlert, an object:
 *   level, previous_level   "INSUFFICIENT_DATA", "HEALTHY", "WARNING", "CRITICAL" or "RETRAIN"
 *   recovery                true when the key left an alerting level
 *   current_accuracy, baseline_accuracy, drop, p_value, z_statistic   numbers, null when NaN
 *   window                  size of the verdict window, 0 when none was evaluated
 *   significant             boolean
 *   recommendation          text
 * calibration     only for a CalibrationAlert, an object:
 *   status                  "BREACH" or "RECOVERY"
 *   kind                    "CONFIDENCE" or "PROBABILITY"
 *   date, streak_from       the day that raised it and the first day of its streak, "2026-01-12"
 *   consecutive_days        judged days in the streak
 *   day_ece, streak_ece, threshold, mean_confidence, observed_rate   numbers, null when NaN
 *   streak_count            forecasts over the streak
 *   recommendation          text
 * </pre>
 * Readers must ignore fields they do not know; a field is never renamed or re-typed within a schema
 * version.
 *
 * <h2>Sharing the file with a poller</h2>
 * Each append opens the file with {@code APPEND} (creating it and its parent directories), takes an
 * exclusive {@link FileChannel#lock()} on it, writes the whole line in one write, optionally forces it to
 * the device ({@code fsync}, default off), and closes it. A cooperating poller takes the same lock to read
 * and truncate the file (see {@link #drain(Path)}), so it never removes a line being written. A poller that
 * does not lock must treat a last line without a trailing newline as incomplete and skip it; it is
 * complete on a later poll. If a crash left such a fragment behind, the next append first ends it with a
 * newline, so the fragment becomes one malformed line, which {@link #readAll(Path)} and
 * {@link #drain(Path)} skip with a warning; the alerts before and after it are kept.
 *
 * <p>Thread-safe: appends from one process to one file are serialised (file locks are held per process,
 * so threads also share an in-process lock per file). Cost per alert: one open, lock, write and close of
 * the file (plus one force with {@code fsync}), about as slow as alerts are rare; the monitor calls sinks
 * from its checking thread, not the prediction path.
 *
 * <p>Errors: a failure to create, lock or write the file throws an {@link UncheckedIOException} naming the
 * file; the monitor logs and counts it and other sinks still receive the alert.
 */
public final class JsonAlertQueueSink implements AlertSink {

    /** The {@code schema_version} this class writes. */
    public static final int SCHEMA_VERSION = 1;
    /** Whether each append is forced to the device unless the builder says otherwise. */
    public static final boolean DEFAULT_FSYNC = false;

    private static final Logger LOG = LoggerFactory.getLogger(JsonAlertQueueSink.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** One lock object per file, since a process cannot hold two overlapping locks on one file. */
    private static final ConcurrentHashMap<Path, Object> FILE_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final boolean fsync;
    private final String instanceId;
    private final AtomicLong sequence = new AtomicLong();
    private final Object fileLock;

    private JsonAlertQueueSink(Builder b) {
        this.file = b.file;
        this.fsync = b.fsync;
        this.instanceId = b.instanceId != null ? b.instanceId
                : String.format("%08x", ThreadLocalRandom.current().nextInt());
        this.fileLock = lockFor(file);
    }

    /**
     * A builder for a sink appending to the given file.
     *
     * @param file the queue file, not null; it and its parent directories are created on first append
     * @return a new builder
     * @throws IllegalArgumentException if file is null
     */
    public static Builder builder(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        return new Builder(file);
    }

    /**
     * A sink with the defaults appending to the given file; same as {@code builder(file).build()}.
     *
     * @param file the queue file, not null
     * @return the sink
     * @throws IllegalArgumentException if file is null
     */
    public static JsonAlertQueueSink to(Path file) {
        return builder(file).build();
    }

    /**
     * Appends the alert as one line.
     *
     * @param alert the alert, not null
     * @throws IllegalArgumentException if alert is null
     * @throws UncheckedIOException     naming the file, if it cannot be created, locked or written
     */
    @Override
    public void publish(Alert alert) {
        if (alert == null) {
            throw new IllegalArgumentException("alert must not be null");
        }
        byte[] line = toLine(alert, alert.timestampMillis() + "-" + instanceId + "-" + sequence.incrementAndGet());
        synchronized (fileLock) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    FileLock lock = channel.lock();
                    try {
                        ByteBuffer buffer = endsWithTornLine(channel)
                                ? ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip()
                                : ByteBuffer.wrap(line);
                        while (buffer.hasRemaining()) {
                            channel.write(buffer);
                        }
                        if (fsync) {
                            channel.force(false);
                        }
                    } finally {
                        lock.release();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append alert to " + file + ": " + e, e);
            }
        }
    }

    /** Whether the file's last byte is not a newline, reading it through a second channel. */
    private boolean endsWithTornLine(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return false;
        }
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            return reader.read(last, size - 1) == 1 && last.get(0) != '\n';
        }
    }

    /** @return the queue file */
    public Path file() {
        return file;
    }

    /** @return whether each append is forced to the device */
    public boolean fsync() {
        return fsync;
    }

    /** @return the id this sink puts in the middle of its alert ids */
    public String instanceId() {
        return instanceId;
    }

    @Override
    public String toString() {
        return "JsonAlertQueueSink[" + file + (fsync ? ", fsync" : "") + "]";
    }

    // ----- reading the queue ----------------------------------------------------------------------------

    /**
     * Reads every complete line of a queue file without changing it. A last line without a trailing
     * newline is incomplete and skipped; a complete line that is not a valid alert is skipped with a
     * warning naming the file and line number. Does not lock, so it may run while another process
     * appends.
     *
     * @param file the queue file, not null
     * @return the alerts, in file order; empty when the file does not exist or is empty
     * @throws IllegalArgumentException if file is null
     * @throws UncheckedIOException     naming the file, if it exists but cannot be read
     */
    public static List<QueuedAlert> readAll(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read alert queue " + file + ": " + e, e);
        }
        return parse(file, bytes, completeLength(bytes));
    }

    /**
     * Takes every complete line out of a queue file: under the same exclusive file lock the sink appends
     * with, reads the complete lines and truncates them away, keeping an incomplete last line if there is
     * one. This is the protocol a poller in another process should follow.
     *
     * @param file the queue file, not null
     * @return the alerts taken, in file order; empty when the file does not exist or holds no complete line
     * @throws IllegalArgumentException if file is null
     * @throws UncheckedIOException     naming the file, if it cannot be locked, read or truncated
     */
    public static List<QueuedAlert> drain(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        if (!Files.exists(file)) {
            return List.of();
        }
        synchronized (lockFor(file)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    return drainLocked(file, channel);
                } finally {
                    lock.release();
                }
            } catch (NoSuchFileException e) {
                return List.of();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot drain alert queue " + file + ": " + e, e);
            }
        }
    }

    /** Reads the complete lines and moves the incomplete tail, if any, to the start of the file. */
    private static List<QueuedAlert> drainLocked(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("queue too large to drain at once: " + size + " bytes");
        }
        ByteBuffer all = ByteBuffer.allocate((int) size);
        while (all.hasRemaining() && channel.read(all, all.position()) >= 0) {
            // a positional read returns fewer bytes only near the end of the file; loop until full
        }
        byte[] bytes = all.array();
        int complete = completeLength(bytes);
        List<QueuedAlert> alerts = parse(file, bytes, complete);
        ByteBuffer tail = ByteBuffer.wrap(bytes, complete, bytes.length - complete);
        long position = 0;
        while (tail.hasRemaining()) {
            position += channel.write(tail, position);
        }
        channel.truncate(bytes.length - complete);
        channel.force(false);
        return alerts;
    }

    private static int completeLength(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static List<QueuedAlert> parse(Path file, byte[] bytes, int length) {
        List<QueuedAlert> out = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            lineNumber++;
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(fromLine(MAPPER.readTree(line)));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.warn("skipping malformed line {} of alert queue {}: {}", lineNumber, file, e.toString());
            }
        }
        return Collections.unmodifiableList(out);
    }

    // ----- the line format ------------------------------------------------------------------------------

    private static byte[] toLine(Alert alert, String alertId) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("schema_version", SCHEMA_VERSION);
        node.put("type", alert.type());
        node.put("alert_id", alertId);
        node.put("timestamp", Instant.ofEpochMilli(alert.timestampMillis()).toString());
        node.put("model", alert.key().model());
        node.put("segment", alert.key().segment());
        node.put("severity", alert.severity().name());
        node.put("title", alert.title());
        node.put("message", alert.message());
        if (alert instanceof DriftAlert) {
            DriftAlert d = (DriftAlert) alert;
            DriftReport r = d.report();
            ObjectNode drift = node.putObject("drift");
            drift.put("level", r.level().name());
            drift.put("previous_level", d.previousLevel().name());
            drift.put("recovery", d.isRecovery());
            putNumber(drift, "current_accuracy", r.currentAccuracy());
            putNumber(drift, "baseline_accuracy", r.baselineAccuracy());
            putNumber(drift, "drop", r.drop());
            drift.put("window", r.verdictWindow());
            putNumber(drift, "p_value", r.pValue());
            putNumber(drift, "z_statistic", r.zStatistic());
            drift.put("significant", r.significant());
            drift.put("recommendation", r.recommendation());
        } else if (alert instanceof CalibrationAlert) {
            CalibrationAlert c = (CalibrationAlert) alert;
            ObjectNode cal = node.putObject("calibration");
            cal.put("status", c.status().name());
            cal.put("kind", c.kind().name());
            cal.put("date", c.date().toString());
            cal.put("streak_from", c.streakFrom().toString());
            cal.put("consecutive_days", c.consecutiveDays());
            putNumber(cal, "day_ece", c.dayEce());
            putNumber(cal, "streak_ece", c.streakEce());
            putNumber(cal, "threshold", c.threshold());
            putNumber(cal, "mean_confidence", c.meanConfidence());
            putNumber(cal, "observed_rate", c.observedRate());
            cal.put("streak_count", c.streakCount());
            cal.put("recommendation", c.recommendation());
        }
        try {
            byte[] json = MAPPER.writeValueAsBytes(node);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode alert " + alert.title() + ": " + e, e);
        }
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static QueuedAlert fromLine(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("line must be a JSON object, was " + node.getNodeType());
        }
        JsonNode driftNode = node.get("drift");
        QueuedAlert.Drift drift = null;
        if (driftNode != null && driftNode.isObject()) {
            drift = new QueuedAlert.Drift(DriftLevel.valueOf(text(driftNode, "level")),
                    DriftLevel.valueOf(text(driftNode, "previous_level")),
                    driftNode.path("recovery").asBoolean(false), number(driftNode, "current_accuracy"),
                    number(driftNode, "baseline_accuracy"), number(driftNode, "drop"),
                    driftNode.path("window").asInt(0), number(driftNode, "p_value"),
                    number(driftNode, "z_statistic"), driftNode.path("significant").asBoolean(false),
                    text(driftNode, "recommendation"));
        }
        return new QueuedAlert(node.path("schema_version").asInt(0), text(node, "type"), text(node, "alert_id"),
                Instant.parse(text(node, "timestamp")), text(node, "model"), text(node, "segment"),
                Severity.valueOf(text(node, "severity")), text(node, "title"), text(node, "message"), drift);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, was " + value);
        }
        return value.asText();
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? Double.NaN : value.asDouble();
    }

    private static Object lockFor(Path file) {
        return FILE_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object());
    }

    /** Builds a {@link JsonAlertQueueSink}; each setter validates at once. Not thread-safe. */
    public static final class Builder {
        private final Path file;
        private boolean fsync = DEFAULT_FSYNC;
        private String instanceId;

        private Builder(Path file) {
            this.file = file;
        }

        /**
         * @param fsync whether to force each append to the device before returning (safer across power
         *              loss, slower); default {@value JsonAlertQueueSink#DEFAULT_FSYNC}
         * @return this builder
         */
        public Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        /**
         * Sets the middle part of this sink's alert ids; default 8 random hex digits, so two sinks
         * (or two runs) appending to one file give distinct ids.
         *
         * @param instanceId letters, digits, '.' or '_', 1 to 64 characters
         * @return this builder
         * @throws IllegalArgumentException if null or not of that form
         */
        public Builder instanceId(String instanceId) {
            if (instanceId == null) {
                throw new IllegalArgumentException("instanceId must not be null");
            }
            if (!instanceId.matches("[A-Za-z0-9._]{1,64}")) {
                throw new IllegalArgumentException(
                        "instanceId must be 1 to 64 letters, digits, '.' or '_', was '" + instanceId + "'");
            }
            this.instanceId = instanceId;
            return this;
        }

        /** @return the sink; nothing is written until the first alert */
        public JsonAlertQueueSink build() {
            return new JsonAlertQueueSink(this);
        }
    }
}

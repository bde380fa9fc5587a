package dev.modelmonitor.core.recalibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The calibration history file, {@code history.jsonl} in the config directory: one JSON object per line,
 * appended and forced to disk at each step, version {@value #SCHEMA_VERSION}:
 *
 * <pre>{@code
 * {"schema_version":1,"at":"2026-02-10T14:31:05Z","action":"deployed","job_id":"cal_20260210_143022",
 *  "version":"cal_20260210_143022","replaced_version":"none","detail":"risk 2.0% (LOW)"}
 * }</pre>
 * {@code action} is the lower-case {@link HistoryAction}. Reading skips a malformed line (a torn last line
 * after a crash, or a hand edit) with a logged warning. Callers serialize appends (the recalibrator holds
 * its lock).
 */
final class HistoryLog {

    static final int SCHEMA_VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(HistoryLog.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;

    HistoryLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    void append(HistoryEntry e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema_version", SCHEMA_VERSION);
        n.put("at", Instant.ofEpochMilli(e.atMillis()).toString());
        n.put("action", e.action().name().toLowerCase(Locale.ROOT));
        n.put("job_id", e.jobId());
        n.put("version", e.version());
        n.put("replaced_version", e.replacedVersion());
        n.put("detail", e.detail());
        byte[] line = (n.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to calibration history " + file, ex);
        }
    }

    List<HistoryEntry> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read calibration history " + file, e);
        }
        List<HistoryEntry> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = MAPPER.readTree(line);
                if (n == null || !n.isObject() || n.path("schema_version").asInt(-1) != SCHEMA_VERSION) {
                    throw new IllegalArgumentException("schema_version must be " + SCHEMA_VERSION);
                }
                out.add(new HistoryEntry(Instant.parse(ConfigFormat.text(n, "at")).toEpochMilli(),
                        HistoryAction.valueOf(ConfigFormat.text(n, "action").toUpperCase(Locale.ROOT)),
                        ConfigFormat.text(n, "job_id"), ConfigFormat.text(n, "version"),
                        ConfigFormat.text(n, "replaced_version"), ConfigFormat.text(n, "detail")));
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping malformed line {} of calibration history {}: {}", i + 1, file, e.toString());
            }
        }
        return out;
    }
}

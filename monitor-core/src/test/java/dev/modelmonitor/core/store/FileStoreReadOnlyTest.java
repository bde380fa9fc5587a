package dev.modelmonitor.core.store;

import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.LoggedPrediction;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.StoreException;
import dev.modelmonitor.api.StoreRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@link FileStore} opened {@link FileStore.OpenMode#READ_ONLY}: beside a writer that holds the lock, it
 * reads what is complete, writes nothing (no repair, no quarantine, no upgrade, no retention) and refuses
 * every write; and a directory of format version 1 is read by both modes.
 */
class FileStoreReadOnlyTest {

    static final ModelKey BTC = ModelKey.of("lstm", "BTC/USDT");
    static final long T0 = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private static ResolvedPrediction resolved(long id, long time) {
        return StoreContractTest.resolved(BTC, id, time);
    }

    private FileStore reader() {
        return FileStore.builder(dir).openMode(FileStore.OpenMode.READ_ONLY).build();
    }

    private static <T extends StoreRecord> List<T> all(FileStore s, Class<T> type) {
        List<T> out = new ArrayList<>();
        s.scan(type, null, Long.MIN_VALUE, Long.MAX_VALUE, out::add);
        return out;
    }

    /** Every file under the directory with its bytes, to show a reader changed nothing. */
    private Map<Path, String> contents() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toMap(Function.identity(), p -> {
                try {
                    return Arrays.toString(Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }

    @Test
    void aReaderOpensBesideAWriterHoldingTheLockAndSeesWhatIsComplete() {
        try (FileStore writer = FileStore.builder(dir).durability(FileStore.Durability.EVERY_WRITE).build()) {
            writer.append(resolved(1, T0));
            writer.append(resolved(2, T0 + 1));
            ForecastDay day = StoreContractTest.forecastDay(BTC, 7, Math.floorDiv(T0, 86_400_000L));
            writer.append(day);
            LoggedPrediction pending = new LoggedPrediction(3, BTC, Prediction.up(0.6, 100.0, Duration.ofHours(1)),
                    T0 + 2);
            writer.append(pending);
            StoreException locked = assertThrows(StoreException.class, () -> FileStore.builder(dir).build());
            assertEquals(StoreException.Reason.LOCKED, locked.reason());

            try (FileStore reader = reader()) {
                assertEquals(FileStore.OpenMode.READ_ONLY, reader.openMode());
                assertFalse(reader.restartable(), "a monitor must not write to a reader");
                assertEquals(List.of(resolved(1, T0), resolved(2, T0 + 1)),
                        reader.latest(ResolvedPrediction.class, BTC, 10));
                assertEquals(List.of(day), reader.latest(ForecastDay.class, BTC, 10));
                List<StoreRecord> recovered = new ArrayList<>();
                reader.recover(recovered::add);
                assertEquals(List.of(resolved(1, T0), resolved(2, T0 + 1), pending), recovered);

                writer.append(resolved(4, T0 + 3));
                assertEquals(List.of(resolved(1, T0), resolved(2, T0 + 1), resolved(4, T0 + 3)),
                        all(reader, ResolvedPrediction.class), "a scan reads the files as they are now");
                assertEquals(2, reader.latest(ResolvedPrediction.class, BTC, 10).size(),
                        "latest answers from what the open read");
            }
            writer.append(resolved(5, T0 + 4));
            assertEquals(4, all(writer, ResolvedPrediction.class).size(), "the reader's close left the writer alone");
        }
    }

    @Test
    void aReaderSeesSegmentsTheWriterOpensAfterIt() {
        try (FileStore writer = FileStore.builder(dir).durability(FileStore.Durability.EVERY_WRITE)
                .maxSegmentBytes(FileStore.MIN_SEGMENT_BYTES).build();
             FileStore reader = reader()) {
            assertEquals(List.of(), all(reader, ResolvedPrediction.class));
            List<ResolvedPrediction> written = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                written.add(resolved(i, T0 + i));
                writer.append(written.get(i));
            }
            assertEquals(written, all(reader, ResolvedPrediction.class));
        }
    }

    @Test
    void everyWriteIsRefusedNamingTheReadOnlyStore() {
        FileStore.builder(dir).build().close();
        try (FileStore reader = reader()) {
            String prefix = "file store " + reader.directory() + " is open read-only: ";
            assertEquals(prefix + "append is not allowed",
                    assertThrows(IllegalStateException.class, () -> reader.append(resolved(1, T0))).getMessage());
            ResolvedPrediction r = resolved(2, T0);
            assertEquals(prefix + "append is not allowed", assertThrows(IllegalStateException.class,
                    () -> reader.appendResolved(2, BTC, r.prediction(), r.outcome(), r.verdict(), T0, T0)).getMessage());
            assertEquals(prefix + "append is not allowed", assertThrows(IllegalStateException.class,
                    () -> reader.appendResolved(ListBatch.of(List.of(r)))).getMessage());
            assertEquals(prefix + "append is not allowed", assertThrows(IllegalStateException.class,
                    () -> reader.appendLogged(3, BTC, r.prediction(), T0)).getMessage());
            assertEquals(prefix + "reserveIds is not allowed",
                    assertThrows(IllegalStateException.class, () -> reader.reserveIds(100)).getMessage());
            reader.flush();
            assertEquals(List.of(), all(reader, ResolvedPrediction.class));
        }
    }

    @Test
    void aLineWithoutItsNewlineIsSkippedInMemoryAndLeftOnDisk() throws IOException {
        try (FileStore s = FileStore.builder(dir).durability(FileStore.Durability.EVERY_WRITE).build()) {
            s.append(resolved(1, T0));
            s.append(resolved(2, T0 + 1));
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir.resolve("events"))) {
            segment = files.findFirst().orElseThrow();
        }
        Files.writeString(segment, "{\"v\":2,\"kind\":\"resol", StandardOpenOption.APPEND);
        Map<Path, String> before = contents();
        try (FileStore reader = reader()) {
            assertEquals(new RecoveryReport(2, 1, 1, 0, 0, 0, 0), reader.recoveryReport());
            assertEquals(List.of(resolved(1, T0), resolved(2, T0 + 1)), all(reader, ResolvedPrediction.class));
        }
        assertEquals(before, contents(), "a reader writes nothing, not even the repair");
        try (FileStore owner = FileStore.builder(dir).build()) {
            assertEquals(1, owner.recoveryReport().tornLines(), "the owner still repairs it");
        }
    }

    @Test
    void aCorruptLineIsSkippedUnderQuarantineAndFailsUnderFailWithoutTouchingTheFile() throws IOException {
        try (FileStore s = FileStore.builder(dir).durability(FileStore.Durability.EVERY_WRITE).build()) {
            s.append(resolved(1, T0));
            s.append(resolved(2, T0 + 1));
            s.append(resolved(3, T0 + 2));
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir.resolve("events"))) {
            segment = files.findFirst().orElseThrow();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(segment));
        lines.set(1, lines.get(1).replace("\"verdict\":\"", "\"verdict\":\"MAYBE_"));
        Files.write(segment, lines);
        Map<Path, String> before = contents();

        StoreException e = assertThrows(StoreException.class, this::reader);
        assertEquals(StoreException.Reason.CORRUPT, e.reason());
        assertEquals(2, e.line());
        try (FileStore reader = FileStore.builder(dir).openMode(FileStore.OpenMode.READ_ONLY)
                .corruptLinePolicy(FileStore.CorruptLinePolicy.QUARANTINE).build()) {
            assertEquals(1, reader.recoveryReport().quarantinedLines());
            assertEquals(List.of(resolved(1, T0), resolved(3, T0 + 2)), all(reader, ResolvedPrediction.class));
        }
        assertEquals(before, contents());
        assertFalse(Files.exists(dir.resolve("quarantine")));
    }

    @Test
    void aDirectoryWithoutAStoreIsRefusedAndNotCreated() throws IOException {
        Path missing = dir.resolve("nothing-here");
        StoreException e = assertThrows(StoreException.class,
                () -> FileStore.builder(missing).openMode(FileStore.OpenMode.READ_ONLY).build());
        assertEquals(StoreException.Reason.READ_FAILED, e.reason());
        assertEquals("no file store in " + missing + " (no such directory)", e.getMessage());
        assertFalse(Files.exists(missing));

        Files.createDirectories(missing);
        e = assertThrows(StoreException.class,
                () -> FileStore.builder(missing).openMode(FileStore.OpenMode.READ_ONLY).build());
        assertEquals("no file store in " + missing + " (no store.json)", e.getMessage());
        try (Stream<Path> files = Files.list(missing)) {
            assertEquals(0, files.count());
        }
        assertEquals("openMode must not be null",
                assertThrows(IllegalArgumentException.class, () -> FileStore.builder(dir).openMode(null)).getMessage());
        assertEquals(FileStore.OpenMode.READ_WRITE, FileStore.DEFAULT_OPEN_MODE);
    }

    /** A directory written by format version 1 (the lines of its golden file) is read by both modes. */
    @Test
    void aVersionOneDirectoryIsReadAndOnlyTheOwnerMarksItWithTheCurrentVersion() throws IOException {
        String v1;
        try (InputStream in = getClass().getResourceAsStream("/file-store/format-v1.jsonl")) {
            v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> events = new ArrayList<>();
        List<String> history = new ArrayList<>();
        for (String line : v1.split("\n")) {
            boolean event = line.contains("\"kind\":\"logged\"") || line.contains("\"kind\":\"resolved\"")
                    || line.contains("\"kind\":\"expired\"") || line.contains("\"kind\":\"key_snapshot\"");
            (event ? events : history).add(line);
        }
        Files.createDirectories(dir.resolve("events"));
        Files.createDirectories(dir.resolve("history"));
        Files.write(dir.resolve("events").resolve("events-20260105-000001.jsonl"), events);
        Files.write(dir.resolve("history").resolve("history-20260105-000001.jsonl"), history);
        Files.writeString(dir.resolve("store.json"), "{\"format_version\":1,\"reserved_ids\":65536}\n");

        List<ResolvedPrediction> expected = new ArrayList<>();
        for (StoreRecord r : RecordCodecTest.RECORDS_V1) {
            if (r instanceof ResolvedPrediction) {
                expected.add((ResolvedPrediction) r);
            }
        }
        byte[] meta = Files.readAllBytes(dir.resolve("store.json"));
        try (FileStore reader = reader()) {
            assertEquals(RecordCodecTest.RECORDS_V1.size(), reader.recoveryReport().recordsRead());
            assertEquals(expected, all(reader, ResolvedPrediction.class));
            assertEquals(65_536, reader.reservedIds());
        }
        assertArrayEquals(meta, Files.readAllBytes(dir.resolve("store.json")), "the reader upgraded nothing");
        try (FileStore owner = FileStore.builder(dir).rawRetention(Duration.ofDays(36_500))
                .aggregateRetention(Duration.ofDays(36_500)).build()) {
            assertEquals(expected, all(owner, ResolvedPrediction.class));
            owner.append(resolved(100, T0));
        }
        assertTrue(Files.readString(dir.resolve("store.json")).startsWith("{\"format_version\":4,"),
                "older code must refuse a directory that now holds version 4 lines");
    }
}

package dev.modelmonitor.core.store;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.KeySnapshot;
import dev.modelmonitor.api.LoggedPrediction;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.StoreException;
import dev.modelmonitor.api.StoreRecord;
import dev.modelmonitor.api.WindowAccuracy;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.testing.MutableClock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file store's own behaviour: opening, repair, locking, failure, full queues, retention, restarts. */
class FileStoreTest {

    static final ModelKey BTC = ModelKey.of("lstm", "BTC/USDT");
    static final long T0 = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();
    static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;

    private static ResolvedPrediction resolved(long id, long time) {
        return StoreContractTest.resolved(BTC, id, time);
    }

    private static List<Path> segments(Path dir, String stream) throws IOException {
        if (!Files.isDirectory(dir.resolve(stream))) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir.resolve(stream))) {
            return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList());
        }
    }

    private static List<ResolvedPrediction> allResolved(FileStore s) {
        List<ResolvedPrediction> out = new ArrayList<>();
        s.scan(ResolvedPrediction.class, null, Long.MIN_VALUE, Long.MAX_VALUE, out::add);
        return out;
    }

    // ----- builder ------------------------------------------------------------------------------------------

    @Test
    void builderRejectsBadSettingsNamingThem() {
        Map<String, Function<FileStore.Builder, FileStore.Builder>> bad = Map.of(
                "groupCommitInterval must be in (0, 1 minute], was PT0S", b -> b.groupCommitInterval(Duration.ZERO),
                "groupCommitInterval must be in (0, 1 minute], was PT1M0.001S",
                b -> b.groupCommitInterval(Duration.ofMillis(60_001)),
                "groupCommitRecords must be >= 1, was 0", b -> b.groupCommitRecords(0),
                "queueCapacity must be in [1, 16777216], was 0", b -> b.queueCapacity(0),
                "maxSegmentBytes must be >= 1024, was 1023", b -> b.maxSegmentBytes(1023),
                "rawRetention must be in [1 day, 100 years], was PT23H", b -> b.rawRetention(Duration.ofHours(23)),
                "aggregateRetention must be in [1 day, 100 years], was PT0S", b -> b.aggregateRetention(Duration.ZERO),
                "durability must not be null", b -> b.durability(null),
                "fullQueuePolicy must not be null", b -> b.fullQueuePolicy(null),
                "clock must not be null", b -> b.clock(null));
        bad.forEach((message, setter) -> assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> setter.apply(FileStore.builder(dir))).getMessage()));
        assertEquals("directory must not be null", assertThrows(IllegalArgumentException.class,
                () -> FileStore.builder(null)).getMessage());
        assertEquals("corruptLinePolicy must not be null", assertThrows(IllegalArgumentException.class,
                () -> FileStore.builder(dir).corruptLinePolicy(null)).getMessage());
        // the boundaries pass
        FileStore.builder(dir).groupCommitInterval(Duration.ofMinutes(1)).groupCommitRecords(1).queueCapacity(1)
                .maxSegmentBytes(1024).rawRetention(Duration.ofDays(1)).aggregateRetention(Duration.ofDays(1)).build()
                .close();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(FileStore.Durability.GROUP_COMMIT, FileStore.DEFAULT_DURABILITY);
        assertEquals(Duration.ofMillis(50), FileStore.DEFAULT_GROUP_COMMIT_INTERVAL);
        assertEquals(1_000, FileStore.DEFAULT_GROUP_COMMIT_RECORDS);
        assertEquals(65_536, FileStore.DEFAULT_QUEUE_CAPACITY);
        assertEquals(FileStore.FullQueuePolicy.BLOCK, FileStore.DEFAULT_FULL_QUEUE_POLICY);
        assertEquals(Duration.ofDays(90), FileStore.DEFAULT_RAW_RETENTION);
        assertEquals(Duration.ofDays(365), FileStore.DEFAULT_AGGREGATE_RETENTION);
        assertEquals(FileStore.CorruptLinePolicy.FAIL, FileStore.DEFAULT_CORRUPT_LINE_POLICY);
        try (FileStore s = FileStore.builder(dir).build()) {
            assertEquals(FileStore.Durability.GROUP_COMMIT, s.durability());
            assertTrue(s.restartable());
            assertEquals(RecoveryReport.EMPTY, s.recoveryReport());
            assertEquals(dir.toAbsolutePath().normalize(), s.directory());
        }
    }

    // ----- lock ---------------------------------------------------------------------------------------------

    @Test
    void aSecondStoreOnTheSameDirectoryFailsNamingItUntilTheFirstCloses() {
        FileStore first = FileStore.builder(dir).build();
        StoreException e = assertThrows(StoreException.class, () -> FileStore.builder(dir).build());
        assertEquals(StoreException.Reason.LOCKED, e.reason());
        assertEquals("store directory " + dir + " is in use by another FileStore in this process (it holds "
                + dir.resolve("store.lock") + "); one process per directory", e.getMessage());
        assertEquals(dir, e.file());
        assertThrows(StoreException.class, () -> ModelMonitor.builder().store(FileStore.builder(dir).build()));
        first.close();
        FileStore.builder(dir).build().close();
    }

    // ----- torn and corrupt lines ---------------------------------------------------------------------------

    @Test
    void aTornLastLineIsReportedCutOffAndTheRestKept() throws IOException {
        try (FileStore s = FileStore.builder(dir).durability(FileStore.Durability.EVERY_WRITE).build()) {
            s.append(resolved(1, T0));
            s.append(resolved(2, T0 + 1));
        }
        Path segment = segments(dir, "events").get(0);
        long whole = Files.size(segment);
        Files.writeString(segment, "{\"v\":1,\"kind\":\"resol", StandardOpenOption.APPEND);
        try (FileStore s = FileStore.builder(dir).build()) {
            assertEquals(new RecoveryReport(2, 1, 1, 0, 0, 0, 0), s.recoveryReport());
            assertEquals(List.of(resolved(1, T0), resolved(2, T0 + 1)), allResolved(s));
            assertEquals(whole, Files.size(segment), "the torn bytes are cut off");
            s.append(resolved(3, T0 + 2));
            s.flush();
            assertEquals(3, allResolved(s).size());
        }
    }

    private Path storeWithACorruptMiddleLine() throws IOException {
        try (FileStore s = FileStore.builder(dir).durability(FileStore.Durability.EVERY_WRITE).build()) {
            s.append(resolved(1, T0));
            s.append(resolved(2, T0 + 1));
            s.append(resolved(3, T0 + 2));
        }
        Path segment = segments(dir, "events").get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(segment));
        lines.set(1, lines.get(1).replace("\"verdict\":\"", "\"verdict\":\"MAYBE_"));
        Files.write(segment, lines);
        return segment;
    }

    @Test
    void aCorruptMiddleLineStopsTheOpenNamingFileAndLine() throws IOException {
        Path segment = storeWithACorruptMiddleLine();
        StoreException e = assertThrows(StoreException.class, () -> FileStore.builder(dir).build());
        assertEquals(StoreException.Reason.CORRUPT, e.reason());
        assertEquals(segment, e.file());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("corrupt line 2 of " + segment + ": resolved: "), e.getMessage());
        // the failed open released the lock and changed nothing
        assertThrows(StoreException.class, () -> FileStore.builder(dir).build());
        assertEquals(3, Files.readAllLines(segment).size());
    }

    @Test
    void aCorruptLineIsQuarantinedToASideFileByOption() throws IOException {
        Path segment = storeWithACorruptMiddleLine();
        String corrupt = Files.readAllLines(segment).get(1);
        try (FileStore s = FileStore.builder(dir).corruptLinePolicy(FileStore.CorruptLinePolicy.QUARANTINE).build()) {
            assertEquals(1, s.recoveryReport().quarantinedLines());
            assertEquals(List.of(resolved(1, T0), resolved(3, T0 + 2)), allResolved(s));
        }
        Path side = dir.resolve("quarantine").resolve(segment.getFileName() + ".quarantine");
        List<String> set = Files.readAllLines(side);
        assertEquals(1, set.size());
        assertTrue(set.get(0).contains("\"line\":2"), set.get(0));
        assertEquals(corrupt, RecordCodec.MAPPER.readTree(set.get(0)).get("text").asText());
        assertEquals(2, Files.readAllLines(segment).size(), "the segment no longer holds the line");
        try (FileStore s = FileStore.builder(dir).build()) {
            assertEquals(0, s.recoveryReport().quarantinedLines());
        }
    }

    @Test
    void aLineOfAnotherFormatVersionIsRefusedWhateverThePolicy() throws IOException {
        Files.createDirectories(dir.resolve("events"));
        Path segment = dir.resolve("events").resolve("events-20260105-000001.jsonl");
        Files.writeString(segment, "{\"v\":5,\"kind\":\"resolved\"}\n");
        StoreException e = assertThrows(StoreException.class, () -> FileStore.builder(dir)
                .corruptLinePolicy(FileStore.CorruptLinePolicy.QUARANTINE).build());
        assertEquals(StoreException.Reason.UNSUPPORTED_FORMAT, e.reason());
        assertEquals("line 1 of " + segment + ": format version 5 is not supported (this code reads versions 1 to 4)",
                e.getMessage());
    }

    // ----- failures -----------------------------------------------------------------------------------------

    @Test
    void aDirectoryReplacedByAFileFailsWritesNamingTheFileThenRecovers() throws IOException {
        MutableClock clock = MutableClock.ofEpochMilli(T0);
        FileStore store = FileStore.builder(dir).durability(FileStore.Durability.EVERY_WRITE).maxSegmentBytes(1024)
                .clock(clock).build();
        try (ModelMonitor monitor = ModelMonitor.builder().clock(clock).store(store).build()) {
            long first = monitor.log(BTC, Prediction.up(0.7, 100.0, HOUR));
            Path events = dir.resolve("events");
            Path moved = dir.resolve("events.moved");
            Files.move(events, moved);
            Files.writeString(events, "not a directory");
            StoreException e = null;
            for (int i = 0; i < 20 && e == null; i++) {
                try {
                    store.append(resolved(100 + i, T0));
                } catch (StoreException thrown) {
                    e = thrown;
                }
            }
            assertTrue(e != null, "a write into a file posing as a directory fails");
            assertEquals(StoreException.Reason.WRITE_FAILED, e.reason());
            assertTrue(e.getMessage().startsWith("cannot write " + events.resolve("events-")), e.getMessage());
            assertTrue(store.health().degraded());
            assertTrue(monitor.counters().storeDegraded());

            // the monitor keeps working in memory while the store cannot write
            long second = monitor.log(BTC, Prediction.up(0.7, 100.0, HOUR));
            assertTrue(monitor.resolve(second, Outcome.exitPrice(101.0)));
            assertTrue(monitor.resolve(first, Outcome.exitPrice(99.0)));
            assertEquals(2, monitor.status(BTC).resolved());
            assertTrue(monitor.counters().storeFailures() > 0);

            Files.delete(events);
            Files.move(moved, events);
            monitor.setBaseline(BTC, Baseline.ofAccuracy(0.6));
            assertFalse(store.health().degraded(), store.health().toString());
            assertFalse(monitor.counters().storeDegraded());
        }
    }

    @Test
    void aBackgroundWriteFailureSurfacesAsDegradedAndThroughFlush() throws IOException {
        FileStore store = FileStore.builder(dir).maxSegmentBytes(1024).build();
        store.append(resolved(1, T0));
        store.flush();
        Path events = dir.resolve("events");
        Path moved = dir.resolve("events.moved");
        Files.move(events, moved);
        Files.writeString(events, "not a directory");
        StoreException e = null;
        for (int i = 0; i < 20 && e == null; i++) {
            store.append(resolved(100 + i, T0));
            try {
                store.flush();
            } catch (StoreException thrown) {
                e = thrown;
            }
        }
        assertTrue(e != null, "flush reports the writer's failure");
        assertTrue(store.health().degraded());
        assertTrue(store.health().failedRecords() >= 1);
        assertTrue(store.health().lastError().startsWith("cannot write " + events), store.health().lastError());
        Files.delete(events);
        Files.move(moved, events);
        store.append(resolved(200, T0));
        store.flush();
        assertFalse(store.health().degraded());
        store.close();
    }

    @Test
    void aReadOnlyDirectoryFailsWritesAndTheMonitorKeepsWorking() throws IOException {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")) || isRoot(),
                "permissions do not stop root from writing; the replaced-directory test covers the failure path");
        MutableClock clock = MutableClock.ofEpochMilli(T0);
        try (FileStore s = FileStore.builder(dir).durability(FileStore.Durability.EVERY_WRITE).clock(clock).build()) {
            s.append(resolved(1, T0));
        }
        Path events = dir.resolve("events");
        Files.setPosixFilePermissions(events, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            FileStore store = FileStore.builder(dir).durability(FileStore.Durability.EVERY_WRITE).clock(clock).build();
            try (ModelMonitor monitor = ModelMonitor.builder().clock(clock).store(store).build()) {
                long id = monitor.log(BTC, Prediction.up(0.7, 100.0, HOUR));
                assertTrue(monitor.counters().storeDegraded());
                assertTrue(store.health().lastError().contains("permission denied"), store.health().lastError());
                assertTrue(monitor.resolve(id, Outcome.exitPrice(101.0)));
                assertEquals(1, monitor.status(BTC).resolved());
            }
        } finally {
            Files.setPosixFilePermissions(events, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    // ----- full queue ---------------------------------------------------------------------------------------

    /** Holds the writer, lets it take one record, then fills the queue of capacity 2. */
    private static void holdWriterWithAFullQueue(FileStore s) {
        s.writerGate.acquireUninterruptibly();
        s.append(resolved(1, T0));
        awaitTrue(() -> s.queuedForTest() == 0, "the writer takes the first record");
        s.append(resolved(2, T0));
        s.append(resolved(3, T0));
        assertEquals(2, s.queuedForTest());
    }

    @Test
    void aFullQueueDropsAndCountsUnderDropAndCount() {
        try (FileStore s = FileStore.builder(dir).queueCapacity(2)
                .fullQueuePolicy(FileStore.FullQueuePolicy.DROP_AND_COUNT).build()) {
            holdWriterWithAFullQueue(s);
            s.append(resolved(4, T0));
            assertEquals(1, s.health().droppedRecords());
            s.writerGate.release();
            s.flush();
            assertEquals(List.of(1L, 2L, 3L), allResolved(s).stream().map(ResolvedPrediction::id)
                    .collect(Collectors.toList()));
        }
    }

    @Test
    void aFullQueueBlocksTheCallerUnderBlockAndLosesNothing() throws InterruptedException {
        try (FileStore s = FileStore.builder(dir).queueCapacity(2).build()) {
            holdWriterWithAFullQueue(s);
            Thread caller = new Thread(() -> s.append(resolved(4, T0)));
            caller.start();
            awaitTrue(() -> caller.getState() == Thread.State.WAITING, "the caller waits for room");
            s.writerGate.release();
            caller.join();
            s.flush();
            assertEquals(0, s.health().droppedRecords());
            assertEquals(List.of(1L, 2L, 3L, 4L), allResolved(s).stream().map(ResolvedPrediction::id)
                    .collect(Collectors.toList()));
        }
    }

    private static List<ResolvedPrediction> resolvedRange(long from, long to) {
        List<ResolvedPrediction> out = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            out.add(resolved(id, T0));
        }
        return out;
    }

    private static List<Long> ids(List<ResolvedPrediction> records) {
        return records.stream().map(ResolvedPrediction::id).collect(Collectors.toList());
    }

    @Test
    void aBatchLargerThanTheQueueIsSplitAndWrittenWhole() {
        try (FileStore s = FileStore.builder(dir).queueCapacity(4).build()) {
            s.appendResolved(ListBatch.of(resolvedRange(1, 10)));
            s.flush();
            assertEquals(ids(resolvedRange(1, 10)), ids(allResolved(s)));
            assertEquals(0, s.health().droppedRecords());
        }
        try (FileStore s = FileStore.builder(dir).build()) {
            assertEquals(ids(resolvedRange(1, 10)), ids(allResolved(s)), "after a restart");
        }
    }

    @Test
    void aBatchThatDoesNotFitIsDroppedWholeAndItsRecordsCountedUnderDropAndCount() {
        try (FileStore s = FileStore.builder(dir).queueCapacity(4)
                .fullQueuePolicy(FileStore.FullQueuePolicy.DROP_AND_COUNT).build()) {
            holdWriterWithAFullQueue(s);
            s.appendResolved(ListBatch.of(resolvedRange(4, 6)));
            assertEquals(3, s.health().droppedRecords());
            s.appendResolved(ListBatch.of(resolvedRange(7, 8)));
            assertEquals(3, s.health().droppedRecords(), "two records fit beside the two queued");
            s.writerGate.release();
            s.flush();
            assertEquals(List.of(1L, 2L, 3L, 7L, 8L), ids(allResolved(s)));
        }
    }

    @Test
    void aBatchWaitsForRoomForAllOfItsRecordsUnderBlock() throws InterruptedException {
        try (FileStore s = FileStore.builder(dir).queueCapacity(4).build()) {
            holdWriterWithAFullQueue(s);
            Thread caller = new Thread(() -> s.appendResolved(ListBatch.of(resolvedRange(4, 6))));
            caller.start();
            awaitTrue(() -> caller.getState() == Thread.State.WAITING, "the caller waits for room for 3");
            assertEquals(2, s.queuedForTest());
            s.writerGate.release();
            caller.join();
            s.flush();
            assertEquals(0, s.health().droppedRecords());
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), ids(allResolved(s)));
        }
    }

    @Test
    void aBatchIsWrittenAndForcedBeforeTheCallReturnsUnderEveryWrite() throws IOException {
        try (FileStore s = FileStore.builder(dir).durability(FileStore.Durability.EVERY_WRITE).build()) {
            s.appendResolved(ListBatch.of(resolvedRange(1, 5)));
            long lines = 0;
            for (Path p : segments(dir, "events")) {
                lines += Files.readAllLines(p, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.contains("\"kind\":\"resolved\"")).count();
            }
            assertEquals(5, lines, "on disk before any flush");
            assertEquals(ids(resolvedRange(1, 5)), ids(s.latest(ResolvedPrediction.class, BTC, 10)));
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.onSpinWait();
        }
    }

    // ----- restart ------------------------------------------------------------------------------------------

    @Test
    void idsAreNeverReusedAfterARestartEvenWithoutAClose() {
        MutableClock clock = MutableClock.ofEpochMilli(T0);
        long last;
        FileStore first = FileStore.builder(dir).durability(FileStore.Durability.EVERY_WRITE).clock(clock).build();
        ModelMonitor a = ModelMonitor.builder().clock(clock).store(first).build();
        last = 0;
        for (int i = 0; i < 100; i++) {
            last = Math.max(last, a.log(BTC, Prediction.up(0.7, 100.0, HOUR)));
        }
        first.close(); // as if the process died: the monitor never closed
        try (ModelMonitor b = ModelMonitor.builder().clock(clock).store(FileStore.builder(dir).clock(clock).build())
                .build()) {
            long next = b.log(BTC, Prediction.up(0.7, 100.0, HOUR));
            assertTrue(next > last, next + " must be above " + last);
            assertEquals(101, b.status(BTC).logged());
            assertEquals(101, b.status(BTC).pending());
        }
    }

    @Test
    void resolutionsNotYetWrittenAtACrashComeBackAsPendingAndResolveOnce() {
        MutableClock clock = MutableClock.ofEpochMilli(T0);
        FileStore first = FileStore.builder(dir).durability(FileStore.Durability.EVERY_WRITE).clock(clock).build();
        ModelMonitor a = ModelMonitor.builder().clock(clock).store(first).build();
        long x = a.log(BTC, Prediction.up(0.7, 100.0, HOUR));
        long y = a.log(BTC, Prediction.up(0.7, 100.0, HOUR));
        assertTrue(a.resolve(x, Outcome.exitPrice(101.0))); // buffered in the thread, not yet written
        first.close();
        try (ModelMonitor b = ModelMonitor.builder().clock(clock).store(FileStore.builder(dir).clock(clock).build())
                .build()) {
            assertEquals(2, b.status(BTC).pending());
            assertTrue(b.resolve(x, Outcome.exitPrice(101.0)));
            assertFalse(b.resolve(x, Outcome.exitPrice(101.0)));
            assertTrue(b.resolve(y, Outcome.exitPrice(99.0)));
            assertEquals(2, b.status(BTC).resolved());
            assertEquals(0, b.status(BTC).pending());
        }
    }

    @Test
    void shorterWindowsOnRestartHoldTheNewestVerdictsAndLongerOnesStartPartlyFilled() {
        MutableClock clock = MutableClock.ofEpochMilli(T0);
        DriftThresholds t8 = DriftThresholds.builder().windows(2, 4, 8).minPredictions(2).build();
        boolean[] hits = {true, false, false, true, true, true, false, true, true, false};
        try (ModelMonitor a = ModelMonitor.builder().clock(clock).thresholds(t8)
                .store(FileStore.builder(dir).clock(clock).build()).build()) {
            for (boolean h : hits) {
                a.resolve(a.log(BTC, Prediction.up(0.7, 100.0, HOUR)), Outcome.exitPrice(h ? 101.0 : 99.0));
            }
        }
        DriftThresholds t4 = DriftThresholds.builder().windows(1, 2, 4).minPredictions(1).build();
        try (ModelMonitor b = ModelMonitor.builder().clock(clock).thresholds(t4)
                .store(FileStore.builder(dir).clock(clock).build()).build()) {
            List<WindowAccuracy> w = b.detectDrift(BTC).windows();
            assertEquals(List.of(1, 0, 2, 1, 4, 2), List.of(w.get(0).count(), w.get(0).correct(), w.get(1).count(),
                    w.get(1).correct(), w.get(2).count(), w.get(2).correct()));
            assertEquals(10, b.detectDrift(BTC).resolvedCount());
        }
        DriftThresholds t16 = DriftThresholds.builder().windows(4, 8, 16).minPredictions(4).build();
        try (ModelMonitor c = ModelMonitor.builder().clock(clock).thresholds(t16)
                .store(FileStore.builder(dir).clock(clock).build()).build()) {
            DriftReport r = c.detectDrift(BTC);
            // the latest snapshot (the 8-window monitor's; the 4-window one changed nothing) held the last 8
            // verdicts: the 16-window starts from those
            assertEquals(8, r.windows().get(2).count());
            assertEquals(5, r.windows().get(2).correct());
            assertEquals(10, r.resolvedCount());
            assertEquals(10, c.status(BTC).resolved());
        }
    }

    // ----- retention ----------------------------------------------------------------------------------------

    @Test
    void retentionDeletesOldSegmentsCarriesForwardWhatARebuildNeedsAndRestartStillWorks() throws IOException {
        MutableClock clock = MutableClock.ofEpochMilli(T0);
        Duration week = Duration.ofDays(7);
        ModelKey idle = ModelKey.of("gbm", "IDLE");
        long longPending;
        RestartPropertiesTest.Answers before;
        try (ModelMonitor m = ModelMonitor.builder().clock(clock)
                .store(FileStore.builder(dir).clock(clock).rawRetention(week).aggregateRetention(week).build())
                .build()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.6));
            m.setBaseline(idle, Baseline.ofAccuracy(0.7));
            for (int i = 0; i < 30; i++) {
                m.resolve(m.log(BTC, Prediction.up(0.7, 100.0, HOUR)), Outcome.exitPrice(i % 3 == 0 ? 99.0 : 101.0));
                m.resolve(m.log(idle, Prediction.up(0.6, 100.0, HOUR)), Outcome.exitPrice(101.0));
            }
            longPending = m.log(BTC, Prediction.up(0.7, 100.0, Duration.ofDays(60)));
            m.checkAll();
            for (int day = 1; day <= 12; day++) {
                clock.advance(Duration.ofDays(1));
                for (int i = 0; i < 5; i++) {
                    m.resolve(m.log(BTC, Prediction.up(0.7, 100.0, HOUR)), Outcome.exitPrice(101.0));
                }
                m.checkAll();
            }
            before = RestartPropertiesTest.Answers.of(m, true);
        }
        List<Path> events = segments(dir, "events");
        assertFalse(events.isEmpty());
        for (Path p : events) {
            assertFalse(p.getFileName().toString().startsWith("events-20260105"), "day-one segment kept: " + p);
        }
        for (Path p : segments(dir, "history")) {
            assertFalse(p.getFileName().toString().startsWith("history-20260105"), "day-one history kept: " + p);
        }
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).store(FileStore.builder(dir).clock(clock)
                .rawRetention(week).aggregateRetention(week).build()).build()) {
            RestartPropertiesTest.Answers after = RestartPropertiesTest.Answers.of(m, true);
            // history and resolved records older than the retention are gone; the state is not
            assertEquals(before.drift(), after.drift());
            assertEquals(before.status(), after.status());
            assertEquals(before.calibration(), after.calibration());
            assertEquals(Baseline.ofAccuracy(0.7), m.baseline(idle).orElseThrow());
            assertEquals(30, m.status(idle).resolved());
            assertTrue(m.resolve(longPending, Outcome.exitPrice(101.0)), "the carried pending prediction resolves");
        }
    }

    @Test
    void scanOfRestartKindsReadsTheFiles() {
        MutableClock clock = MutableClock.ofEpochMilli(T0);
        try (ModelMonitor m = ModelMonitor.builder().clock(clock)
                .store(FileStore.builder(dir).clock(clock).build()).build()) {
            long id = m.log(BTC, Prediction.up(0.7, 100.0, HOUR));
            m.checkAll();
            m.flush();
        }
        try (FileStore s = FileStore.builder(dir).build()) {
            List<StoreRecord> logged = new ArrayList<>(s.latest(LoggedPrediction.class, BTC, 10));
            assertEquals(1, logged.size());
            assertEquals(1, s.latest(KeySnapshot.class, BTC, 10).size());
            assertEquals(1, s.recoveryReport().pendingPredictions());
            assertEquals(1, s.recoveryReport().keysWithSnapshot());
        }
    }

    @Test
    void appendsAfterCloseAreRefused() {
        FileStore s = FileStore.builder(dir).build();
        s.close();
        assertEquals("store is closed: " + s.directory(), assertThrows(IllegalStateException.class,
                () -> s.append(resolved(1, T0))).getMessage());
        s.close();
    }

    @Test
    void forecastDaysAndAlertsSurviveAReopenAndAreServedFromMemory() {
        ForecastDay day = StoreContractTest.forecastDay(BTC, 3, Math.floorDiv(T0, 86_400_000L));
        ForecastAlert alert = StoreContractTest.forecastAlert(BTC, 1, T0);
        try (FileStore s = FileStore.builder(dir).build()) {
            s.append(day);
            s.append(alert);
        }
        try (FileStore s = FileStore.builder(dir).build()) {
            assertEquals(List.of(day), s.latest(ForecastDay.class, BTC, 5));
            assertEquals(List.of(alert), s.latest(ForecastAlert.class, BTC, 5));
            List<ForecastAlert> scanned = new ArrayList<>();
            s.scan(ForecastAlert.class, BTC, Long.MIN_VALUE, Long.MAX_VALUE, scanned::add);
            assertEquals(List.of(alert), scanned);
        }
    }

    @Test
    void theDirectoryHoldsTheDocumentedFiles() throws IOException {
        try (FileStore s = FileStore.builder(dir).build()) {
            s.append(resolved(1, T0));
            s.append(StoreContractTest.report(BTC, 1, T0));
            s.flush();
            s.reserveIds(70_000);
            assertEquals(70_000, s.reservedIds());
        }
        assertTrue(Files.exists(dir.resolve("store.lock")));
        assertEquals("{\"format_version\":4,\"reserved_ids\":70000}",
                Files.readString(dir.resolve("store.json"), StandardCharsets.UTF_8).trim());
        assertEquals(1, segments(dir, "events").size());
        assertEquals(1, segments(dir, "history").size());
        assertTrue(segments(dir, "events").get(0).getFileName().toString().matches("events-20\\d{6}-000001\\.jsonl"));
        try (FileStore s = FileStore.builder(dir).build()) {
            assertEquals(70_000, s.reservedIds());
        }
    }
}

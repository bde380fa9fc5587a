package dev.modelmonitor.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.api.BaselineRecord;
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationDay;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.ExpiredPrediction;
import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.KeySnapshot;
import dev.modelmonitor.api.LoggedPrediction;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.MonitorSettings;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.ResolvedBatch;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.RetrainRequest;
import dev.modelmonitor.api.Store;
import dev.modelmonitor.api.StoreException;
import dev.modelmonitor.api.StoreHealth;
import dev.modelmonitor.api.StoreRecord;
import dev.modelmonitor.api.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A {@link Store} in a directory of append-only JSON Lines files, for a host that runs for months and may
 * be killed at any moment. A {@code ModelMonitor} built on a {@code FileStore} over the same directory as
 * an earlier one picks up where that one stopped: pending predictions, windows, counts, baselines and alert
 * cool-downs.
 *
 * <pre>{@code
 * try (ModelMonitor monitor = ModelMonitor.builder()
 *         .store(FileStore.builder(Path.of("monitor-data/store")).build())
 *         .build()) { ... }
 * }</pre>
 *
 * <h2>Layout</h2>
 * The directory layout, the line format (version {@value RecordCodec#FORMAT_VERSION}) and every field are
 * documented in one place, {@code docs/file-store.md}. In short: {@code store.lock} (held while open),
 * {@code store.json} (format version and reserved ids, replaced atomically), {@code settings.json} (the
 * settings of the last monitor built on the directory, replaced atomically), {@code events/} (logged,
 * resolved and expired predictions and per-key state snapshots), {@code history/} (baselines, drift
 * reports, alerts, daily forecast and calibration records, retrain requests: the records derived from events) and
 * {@code quarantine/} (corrupt lines set aside). Opening a directory written by an older format version
 * reads it as it is and marks it with the current version in {@code store.json}, so older code refuses it
 * rather than misreading the newer lines.
 *
 * <h2>Durability</h2>
 * {@link Durability#EVERY_WRITE}: each call writes its line and forces it to the device before it returns;
 * a record whose call returned survives a kill -9 (and a power loss, as far as the device honours a
 * force). {@link Durability#GROUP_COMMIT} (the default): calls put the record on a bounded queue and
 * return; a background thread writes batches and forces them at most every {@code groupCommitInterval}
 * (default 50 ms) or {@code groupCommitRecords} (default 1,000) records, whichever comes first. The
 * writer polls the queue (parking 0.2 ms when it finds it empty, doubling while idle up to half the
 * interval) rather than being woken by each caller, so a call never pays for waking a thread. The loss
 * window on a crash is what was queued or written since the last force: about one interval's records,
 * plus the queue's content; {@link #flush()} waits until everything appended before it is forced.
 * {@link Durability#NONE}: as group commit, but never forced (the operating system writes when it likes);
 * a process crash loses only the queue, a machine crash may lose more.
 *
 * <h2>Full queue</h2>
 * Under the queued policies the queue holds {@code queueCapacity} records (default 65,536). When it is full
 * ({@link FullQueuePolicy}): {@code BLOCK} (the default) makes the calling thread wait for room, so nothing
 * is lost and the host slows to the disk's pace; {@code DROP_AND_COUNT} drops the record, counts it in
 * {@link StoreHealth#droppedRecords()} and returns at once. Memory stays bounded either way.
 *
 * <h2>Errors</h2>
 * A write that fails (disk full, permission denied, a directory replaced by a file) throws a
 * {@link StoreException} naming the file from the call under {@code EVERY_WRITE}; under the queued
 * policies the background writer counts the batch's records as failed. Either way the segment is cut back
 * to its last whole line, the store reports itself degraded ({@link #health()}) and the next write opens a
 * fresh segment; the first write that succeeds clears the degraded flag. Records that failed are not
 * retried.
 *
 * <h2>Recovery</h2>
 * Opening reads every retained segment, oldest first. A last line without its newline is a torn write:
 * it is reported (logged, counted in {@link #recoveryReport()}) and cut off. Any other line that does not
 * parse stops the open with a {@link StoreException} naming the file and line ({@link CorruptLinePolicy#FAIL},
 * the default) or is moved to {@code quarantine/} ({@link CorruptLinePolicy#QUARANTINE}); never silently
 * dropped.
 *
 * <h2>Retention</h2>
 * When a segment rolls (by size, {@code maxSegmentBytes}, default 64 MiB, or by the UTC day of the store's
 * clock) and on open, event segments whose newest record is older than {@code rawRetention} (default 90
 * days) are deleted, oldest first, and history segments older than {@code aggregateRetention} (default 365
 * days). An event segment is deleted only when no key's rebuild needs it: a key's latest snapshot and any
 * still-pending prediction in it are first copied forward to the current segment, and a segment holding
 * events after a key's latest snapshot is kept until the monitor writes a newer snapshot (it does at every
 * {@code checkAll} and on close).
 *
 * <h2>Reads</h2>
 * {@link #latest} answers resolved predictions, baselines, drift reports, drift, forecast and calibration
 * alerts, daily forecast and calibration records and retrain requests from memory: the newest of each kind per key, up to {@link InMemoryStore}'s
 * default bounds, refilled from disk on open. {@link #scan} and {@code latest} of the other kinds read the
 * retained files. Reads see what was appended before they began.
 *
 * <h2>Read-only</h2>
 * {@link OpenMode#READ_ONLY} opens a directory another process (or another store in this one) may be
 * writing, for tools that read what a running host has stored (the recalibration command-line tool does):
 * it takes no lock and writes nothing, ever: no directory or {@code store.json} is created or upgraded, no
 * torn line is cut off, no corrupt line is moved to {@code quarantine/} and no retention runs. A last line
 * without its newline (a write in progress, or a torn one) is skipped in memory and counted in
 * {@link #recoveryReport()}; under {@link CorruptLinePolicy#QUARANTINE} a corrupt line is skipped and
 * counted, under {@code FAIL} it fails the open as usual. A reader sees the records up to the last complete
 * line: {@code latest} of the in-memory kinds and {@link #storedSettings()} as they stood at open,
 * {@link #scan} and {@link #recover} as they stand when called (each lists and reads the segment files again,
 * new segments included). Every write ({@code append}, {@code appendLogged}, {@code appendResolved},
 * {@code reserveIds}, {@code recordSettings}) throws an
 * {@link IllegalStateException} saying the store is read-only; {@link #restartable()} is false, so a
 * monitor built on it writes nothing to it; {@link #flush()} and {@link #close()} have nothing to do. The
 * directory must hold a store ({@code store.json}); otherwise the open fails with a {@link StoreException}
 * ({@code READ_FAILED}) naming it.
 *
 * <h2>Concurrency</h2>
 * Thread-safe. One process per directory: the store holds an exclusive lock on {@code store.lock} while
 * open; a second store on the same directory (from another process, or this one) fails to build with a
 * {@link StoreException} naming the directory. Lines from many threads never interleave: one thread writes
 * (the background writer, or the caller holding the store's write lock under {@code EVERY_WRITE}).
 * {@link #appendLogged} and {@link #appendResolved} allocate one record per call; a batch of resolutions
 * ({@link #appendResolved(ResolvedBatch)}) one record per entry and one array, and crosses to the writer as one
 * element of the queue.
 */
public final class FileStore implements Store {

    /** When a write is forced to the device. */
    public enum Durability {
        /** Each call writes and forces its record before returning. */
        EVERY_WRITE,
        /** A background thread writes batches and forces them at most every interval or record count. */
        GROUP_COMMIT,
        /** A background thread writes batches and never forces them. */
        NONE
    }

    /** What a call does when the write queue is full (queued policies only). */
    public enum FullQueuePolicy {
        /** The calling thread waits for room: nothing is lost, the host slows to the disk's pace. */
        BLOCK,
        /** The record is dropped and counted in {@link StoreHealth#droppedRecords()}. */
        DROP_AND_COUNT
    }

    /** Whether the store writes to its directory. */
    public enum OpenMode {
        /** The owner's mode: takes the directory's lock, repairs on open, writes. */
        READ_WRITE,
        /** A reader's mode: no lock, no repair, no writes; see the class comment. */
        READ_ONLY
    }

    /** What opening does with a corrupt line that is not a torn last line. */
    public enum CorruptLinePolicy {
        /** Stop the open with a {@link StoreException} naming the file and line. */
        FAIL,
        /** Move the line to {@code quarantine/<segment>.quarantine} and go on. */
        QUARANTINE
    }

    /** Default durability. */
    public static final Durability DEFAULT_DURABILITY = Durability.GROUP_COMMIT;
    /** Default longest time between forces under group commit. */
    public static final Duration DEFAULT_GROUP_COMMIT_INTERVAL = Duration.ofMillis(50);
    /** Default most records between forces under group commit. */
    public static final int DEFAULT_GROUP_COMMIT_RECORDS = 1_000;
    /** Default queue capacity, in records. */
    public static final int DEFAULT_QUEUE_CAPACITY = 1 << 16;
    /** Default full-queue policy. */
    public static final FullQueuePolicy DEFAULT_FULL_QUEUE_POLICY = FullQueuePolicy.BLOCK;
    /** Default segment size at which a segment rolls: 64 MiB. */
    public static final long DEFAULT_MAX_SEGMENT_BYTES = 64L << 20;
    /** Smallest segment size allowed. */
    public static final long MIN_SEGMENT_BYTES = 1024;
    /** Default retention of raw events. */
    public static final Duration DEFAULT_RAW_RETENTION = Duration.ofDays(90);
    /** Default retention of history (baselines, drift reports, alerts). */
    public static final Duration DEFAULT_AGGREGATE_RETENTION = Duration.ofDays(365);
    /** Default corrupt-line policy. */
    public static final CorruptLinePolicy DEFAULT_CORRUPT_LINE_POLICY = CorruptLinePolicy.FAIL;
    /** Default open mode. */
    public static final OpenMode DEFAULT_OPEN_MODE = OpenMode.READ_WRITE;

    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);
    private static final int MAX_BATCH = 4_096;
    private static final Object STOP = new Object();
    /** The writer's shortest park when its queue is empty; it doubles while idle, up to half the interval. */
    private static final long MIN_PARK_NANOS = 200_000;

    private final Path directory;
    private final Durability durability;
    private final FullQueuePolicy fullQueuePolicy;
    private final CorruptLinePolicy corruptLinePolicy;
    private final long groupCommitNanos;
    private final int groupCommitRecords;
    private final long rawRetentionMillis;
    private final long aggregateRetentionMillis;
    private final Clock clock;
    private final boolean readOnly;

    private final InMemoryStore cache = InMemoryStore.withDefaults();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path metaFile;
    private final Object metaLock = new Object();
    private volatile long reservedIds;
    private volatile MonitorSettings storedSettings;

    // guarded by writeLock: the streams, encoders and retention bookkeeping
    private final Object writeLock = new Object();
    private final SegmentStream events;
    private final SegmentStream history;
    private final RecordCodec.Encoder eventEncoder = new RecordCodec.Encoder();
    private final RecordCodec.Encoder historyEncoder = new RecordCodec.Encoder();
    private final HashMap<Long, Integer> pendingSegment = new HashMap<>();
    private final HashMap<ModelKey, int[]> keyMarks = new HashMap<>();
    private boolean retaining;

    private final WriteQueue queue;
    private final Object[] stripes = new Object[64];
    private final Thread writer;
    /** Test hook: the writer holds one permit while it handles a batch. */
    final Semaphore writerGate = new Semaphore(1);

    private final LongAdder failedRecords = new LongAdder();
    private final LongAdder droppedRecords = new LongAdder();
    private volatile boolean degraded;
    private volatile String lastError;
    private volatile boolean closed;

    private final RecoveryReport recoveryReport;
    private Recovery recovery;

    private FileStore(Builder b) {
        this.directory = b.directory.toAbsolutePath().normalize();
        this.durability = b.durability;
        this.fullQueuePolicy = b.fullQueuePolicy;
        this.corruptLinePolicy = b.corruptLinePolicy;
        this.groupCommitNanos = b.groupCommitInterval.toNanos();
        this.groupCommitRecords = b.groupCommitRecords;
        this.rawRetentionMillis = b.rawRetention.toMillis();
        this.aggregateRetentionMillis = b.aggregateRetention.toMillis();
        this.clock = b.clock;
        this.readOnly = b.openMode == OpenMode.READ_ONLY;
        boolean force = durability != Durability.NONE;
        this.events = new SegmentStream(directory.resolve("events"), "events", b.maxSegmentBytes, force);
        this.history = new SegmentStream(directory.resolve("history"), "history", b.maxSegmentBytes, force);
        this.metaFile = directory.resolve("store.json");
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }

        if (readOnly) {
            if (!Files.isDirectory(directory) || !Files.isRegularFile(metaFile)) {
                throw new StoreException(StoreException.Reason.READ_FAILED, "no file store in " + directory + " ("
                        + (Files.isDirectory(directory) ? "no store.json" : "no such directory") + ")", directory,
                        0, null);
            }
            this.lockChannel = null;
            this.lock = null;
            this.reservedIds = readMeta();
            this.recoveryReport = load();
            this.storedSettings = readSettings();
            this.queue = null;
            this.writer = null;
            return;
        }
        FileChannel channel = null;
        FileLock held;
        Path lockFile = directory.resolve("store.lock");
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            held = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw locked(lockFile, "another FileStore in this process", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new StoreException(StoreException.Reason.WRITE_FAILED, "cannot open the store directory "
                    + directory + ": " + describe(e), directory, 0, e);
        }
        if (held == null) {
            closeQuietly(channel);
            throw locked(lockFile, "another process", null);
        }
        this.lockChannel = channel;
        this.lock = held;
        try {
            this.reservedIds = readMeta();
            this.recoveryReport = load();
            this.storedSettings = readSettings();
        } catch (RuntimeException e) {
            releaseLock();
            throw e;
        }
        if (durability == Durability.EVERY_WRITE) {
            this.queue = null;
            this.writer = null;
        } else {
            this.queue = new WriteQueue(b.queueCapacity);
            this.writer = new Thread(this::writeLoop, "file-store-writer " + directory.getFileName());
            this.writer.setDaemon(true);
            this.writer.start();
        }
    }

    /**
     * A builder for a store in the given directory, with the defaults: group commit every 50 ms or 1,000
     * records, a queue of 65,536 records that blocks when full, 64 MiB segments, 90 days of raw events and
     * 365 days of history, failing on a corrupt line, the system UTC clock.
     *
     * @param directory the store's directory, created if missing; not null
     * @return a new builder
     * @throws IllegalArgumentException if directory is null
     */
    public static Builder builder(Path directory) {
        if (directory == null) {
            throw new IllegalArgumentException("directory must not be null");
        }
        return new Builder(directory);
    }

    // ------------------------------------------------------------------ writes

    @Override
    public void append(StoreRecord record) {
        requireNonNull(record, "record");
        write(record);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException as {@link ResolvedPrediction}'s constructor does
     */
    @Override
    public void appendResolved(long id, ModelKey key, Prediction prediction, Outcome outcome, Verdict verdict,
                               long loggedAtMillis, long resolvedAtMillis) {
        write(new ResolvedPrediction(id, key, prediction, outcome, verdict, loggedAtMillis, resolvedAtMillis));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Under the queued policies a batch of one key's resolutions (what the monitor hands over) crosses to
     * the background writer as one element of the queue, counted as its records against the capacity: the
     * calling thread pays one hand-off per batch, not one per record. A batch larger than the queue is
     * split. When the queue is full, {@code BLOCK} waits for room for the whole batch and
     * {@code DROP_AND_COUNT} drops the whole batch and counts its records. A batch whose keys fall in
     * different lock stripes is written record by record. Under {@code EVERY_WRITE} the batch is written and
     * forced once.
     *
     * @throws IllegalArgumentException as {@link ResolvedPrediction}'s constructor does (nothing of the
     *                                  batch is written)
     */
    @Override
    public void appendResolved(ResolvedBatch batch) {
        requireNonNull(batch, "batch");
        int n = batch.size();
        if (n == 0) {
            return;
        }
        StoreRecord[] records = new StoreRecord[n];
        for (int i = 0; i < n; i++) {
            records[i] = batch.toRecord(i);
        }
        checkWritable();
        if (durability == Durability.EVERY_WRITE) {
            synchronized (writeLock) {
                writeForced(Arrays.asList(records));
                cache.appendResolved(batch);
            }
            return;
        }
        int stripe = stripe(records[0].key());
        for (int i = 1; i < n; i++) {
            if (stripe(records[i].key()) != stripe) {
                for (StoreRecord r : records) {
                    write(r);
                }
                return;
            }
        }
        int capacity = queue.capacity();
        // one stripe per key hash keeps memory and file in the same order for each key
        synchronized (stripes[stripe]) {
            cache.appendResolved(batch);
            if (n <= capacity) {
                enqueue(records, n);
            } else {
                for (int from = 0; from < n; from += capacity) {
                    int to = Math.min(n, from + capacity);
                    enqueue(Arrays.copyOfRange(records, from, to), to - from);
                }
            }
        }
    }

    /** Writes the logged prediction (one allocation: the record). */
    @Override
    public void appendLogged(long id, ModelKey key, Prediction prediction, long loggedAtMillis) {
        write(new LoggedPrediction(id, key, prediction, loggedAtMillis));
    }

    private void checkWritable() {
        if (readOnly) {
            throw readOnly("append");
        }
        if (closed) {
            throw new IllegalStateException("store is closed: " + directory);
        }
    }

    private int stripe(ModelKey key) {
        return key.hashCode() & (stripes.length - 1);
    }

    private void write(StoreRecord record) {
        checkWritable();
        if (durability == Durability.EVERY_WRITE) {
            synchronized (writeLock) {
                writeForced(List.of(record));
                cacheAppend(record);
            }
            return;
        }
        if (!cached(record.getClass())) {
            // a kind kept only in the files (a logged prediction on the log path, an expiry, a snapshot):
            // the queue's order is the file's order, nothing in memory to keep in step
            enqueue(record);
            return;
        }
        // one stripe per key hash keeps memory and file in the same order for each key
        synchronized (stripes[stripe(record.key())]) {
            cache.append(record);
            enqueue(record);
        }
    }

    /**
     * Under {@code EVERY_WRITE}: writes and forces the records, or counts them failed and throws. Caller holds
     * writeLock.
     */
    private void writeForced(List<StoreRecord> records) {
        try {
            writeRecords(records, true);
        } catch (StoreException e) {
            failed(records.size(), e);
            throw e;
        }
    }

    private void enqueue(Object item) {
        enqueue(item, 1);
    }

    /** Puts an item of that many records on the queue, or counts them dropped. */
    private void enqueue(Object item, int records) {
        if (fullQueuePolicy == FullQueuePolicy.BLOCK) {
            try {
                queue.put(item, records);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                droppedRecords.add(records);
            }
        } else if (!queue.offer(item, records)) {
            droppedRecords.add(records);
        }
    }

    private void cacheAppend(StoreRecord record) {
        if (cached(record.getClass())) {
            cache.append(record);
        }
    }

    /** Whether {@link #latest} answers the kind from memory. */
    private static boolean cached(Class<?> type) {
        return type == ResolvedPrediction.class || type == BaselineRecord.class || type == DriftReport.class
                || type == DriftAlert.class || type == ForecastDay.class || type == ForecastAlert.class
                || type == CalibrationDay.class || type == CalibrationAlert.class || type == RetrainRequest.class;
    }

    private IllegalStateException readOnly(String what) {
        return new IllegalStateException("file store " + directory + " is open read-only: " + what
                + " is not allowed");
    }

    /** Writes records to their streams, forcing when asked. Caller holds writeLock. */
    private void writeRecords(List<StoreRecord> records, boolean force) {
        long now = clock.millis();
        eventEncoder.reset();
        historyEncoder.reset();
        long eventMax = Long.MIN_VALUE;
        long historyMax = Long.MIN_VALUE;
        for (StoreRecord r : records) {
            if (isEvent(r)) {
                eventEncoder.encode(r);
                eventMax = Math.max(eventMax, r.timestampMillis());
            } else {
                historyEncoder.encode(r);
                historyMax = Math.max(historyMax, r.timestampMillis());
            }
        }
        boolean rolled = false;
        if (eventEncoder.size() > 0) {
            SegmentStream.Segment before = events.current();
            int seq = events.prepare(eventEncoder.size(), now);
            rolled = before == null || before.seq != seq;
            events.write(eventEncoder.bytes(), eventEncoder.size(), eventMax);
            if (force) {
                events.force();
            }
            for (StoreRecord r : records) {
                if (isEvent(r)) {
                    note(r, seq);
                }
            }
        }
        if (historyEncoder.size() > 0) {
            SegmentStream.Segment before = history.current();
            int seq = history.prepare(historyEncoder.size(), now);
            rolled |= before == null || before.seq != seq;
            history.write(historyEncoder.bytes(), historyEncoder.size(), historyMax);
            if (force) {
                history.force();
            }
        }
        if (degraded) {
            // written only when it changes: the flag shares its cache line with fields every append reads
            degraded = false;
        }
        if (rolled && !retaining) {
            retain(now);
        }
    }

    /**
     * Raw events go to {@code events/}; every other kind (baselines, drift reports, alerts, forecast and
     * calibration days, retrain requests) is derived and goes to {@code history/}.
     */
    private static boolean isEvent(StoreRecord r) {
        return r instanceof LoggedPrediction || r instanceof ResolvedPrediction || r instanceof ExpiredPrediction
                || r instanceof KeySnapshot;
    }

    /** Retention bookkeeping for one event record written to segment seq. Caller holds writeLock. */
    private void note(StoreRecord r, int seq) {
        if (r instanceof LoggedPrediction) {
            pendingSegment.put(((LoggedPrediction) r).id(), seq);
        } else if (r instanceof KeySnapshot) {
            int[] m = keyMarks.computeIfAbsent(r.key(), k -> new int[] {-1, Integer.MAX_VALUE});
            m[0] = seq;
            m[1] = Integer.MAX_VALUE;
        } else {
            long id = r instanceof ResolvedPrediction ? ((ResolvedPrediction) r).id() : ((ExpiredPrediction) r).id();
            pendingSegment.remove(id);
            int[] m = keyMarks.computeIfAbsent(r.key(), k -> new int[] {-1, Integer.MAX_VALUE});
            if (m[1] == Integer.MAX_VALUE) {
                m[1] = seq;
            }
        }
    }

    private void failed(long records, RuntimeException e) {
        failedRecords.add(records);
        degraded = true;
        lastError = e.getMessage();
        long n = failedRecords.sum();
        if (n == records || n % 1000 < records) {
            LOG.error("file store {} failed to write {} record(s) ({} so far); it is degraded until a write "
                    + "succeeds", directory, records, n, e);
        }
    }

    // ------------------------------------------------------------------ background writer

    /** A request to be told when everything queued before it is written (and forced, if the policy forces). */
    private static final class FlushRequest {
        final CountDownLatch done = new CountDownLatch(1);
        volatile StoreException failure;
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>(MAX_BATCH);
        List<StoreRecord> records = new ArrayList<>(MAX_BATCH);
        List<FlushRequest> flushes = new ArrayList<>();
        long unforced = 0;
        long lastForce = System.nanoTime();
        long idleParkNanos = MIN_PARK_NANOS;
        boolean stop = false;
        while (!stop) {
            // The writer polls and parks rather than waiting on the queue, so that a caller's offer never
            // has to wake a sleeping thread (a system call per record); flush and close wake it themselves.
            Object first = queue.poll();
            if (first == null) {
                if (unforced > 0 && durability == Durability.GROUP_COMMIT
                        && System.nanoTime() - lastForce >= groupCommitNanos) {
                    synchronized (writeLock) {
                        try {
                            events.force();
                            history.force();
                        } catch (StoreException e) {
                            failed(0, e);
                        }
                    }
                    unforced = 0;
                    lastForce = System.nanoTime();
                }
                LockSupport.parkNanos(this, idleParkNanos);
                idleParkNanos = Math.min(idleParkNanos * 2, Math.max(MIN_PARK_NANOS, groupCommitNanos / 2));
                continue;
            }
            idleParkNanos = MIN_PARK_NANOS;
            writerGate.acquireUninterruptibly();
            try {
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                for (Object o : batch) {
                    if (o == STOP) {
                        stop = true;
                    } else if (o instanceof FlushRequest) {
                        flushes.add((FlushRequest) o);
                    } else if (o instanceof StoreRecord[]) {
                        Collections.addAll(records, (StoreRecord[]) o);
                    } else {
                        records.add((StoreRecord) o);
                    }
                }
                StoreException failure = null;
                synchronized (writeLock) {
                    if (!records.isEmpty()) {
                        try {
                            writeRecords(records, false);
                            unforced += records.size();
                        } catch (StoreException e) {
                            failed(records.size(), e);
                            failure = e;
                        }
                    }
                    boolean due = unforced > 0 && (unforced >= groupCommitRecords || !flushes.isEmpty() || stop
                            || System.nanoTime() - lastForce >= groupCommitNanos);
                    if (durability == Durability.GROUP_COMMIT && due) {
                        try {
                            events.force();
                            history.force();
                        } catch (StoreException e) {
                            failed(0, e);
                            failure = e;
                        }
                        unforced = 0;
                        lastForce = System.nanoTime();
                    } else if (durability == Durability.NONE) {
                        unforced = 0;
                    }
                }
                for (FlushRequest f : flushes) {
                    f.failure = failure;
                    f.done.countDown();
                }
            } catch (RuntimeException | Error e) {
                failed(records.size(), new StoreException(StoreException.Reason.WRITE_FAILED,
                        "file store writer failed in " + directory + ": " + e, directory, 0, e));
                for (FlushRequest f : flushes) {
                    f.done.countDown();
                }
            } finally {
                writerGate.release();
                batch.clear();
                records.clear();
                flushes.clear();
            }
        }
    }

    /**
     * Under the queued policies waits until every record appended before this call is written and (under
     * group commit) forced; under {@code EVERY_WRITE} there is nothing to wait for.
     *
     * @throws StoreException if the writer failed to write or force them
     */
    @Override
    public void flush() {
        if (queue == null || closed) {
            return;
        }
        FlushRequest f = new FlushRequest();
        try {
            queue.put(f);
            LockSupport.unpark(writer);
            f.done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (f.failure != null) {
            throw f.failure;
        }
    }

    // ------------------------------------------------------------------ reads

    /**
     * {@inheritDoc}
     *
     * <p>Resolved predictions, baselines, drift reports, alerts, daily forecast and calibration records and
     * retrain requests come from memory (the newest per key, up to {@link InMemoryStore}'s default bounds); the other kinds are read
     * from the retained files.
     *
     * @throws IllegalArgumentException if an argument is null, the type is not a record kind, or the limit
     *                                  is negative
     */
    @Override
    public <T extends StoreRecord> List<T> latest(Class<T> type, ModelKey key, int limit) {
        checkType(type);
        requireNonNull(key, "key");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        if (cached(type)) {
            return cache.latest(type, key, limit);
        }
        if (limit == 0) {
            return List.of();
        }
        List<T> all = new ArrayList<>();
        scan(type, key, Long.MIN_VALUE, Long.MAX_VALUE, all::add);
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the retained files (after waiting for queued records to be written), so it sees everything
     * retention kept. O(retained records of the stream the type lives in).
     *
     * @throws IllegalArgumentException if type or action is null, the type is not a record kind, or
     *                                  {@code toMillis < fromMillis}
     * @throws StoreException           if a file cannot be read or holds a corrupt line
     */
    @Override
    public <T extends StoreRecord> void scan(Class<T> type, ModelKey key, long fromMillis, long toMillis,
                                             Consumer<? super T> action) {
        checkType(type);
        requireNonNull(action, "action");
        if (toMillis < fromMillis) {
            throw new IllegalArgumentException("toMillis must be >= fromMillis (" + fromMillis + "), was "
                    + toMillis);
        }
        if (fromMillis == toMillis) {
            return;
        }
        flushQuietly();
        boolean event = type == LoggedPrediction.class || type == ResolvedPrediction.class
                || type == ExpiredPrediction.class || type == KeySnapshot.class;
        List<Path> files = files(event ? events : history);
        List<T> matching = new ArrayList<>();
        for (Path f : files) {
            readSegment(f, false, (r, line) -> {
                if (type.isInstance(r) && (key == null || key.equals(r.key())) && r.timestampMillis() >= fromMillis
                        && r.timestampMillis() < toMillis) {
                    matching.add(type.cast(r));
                }
            });
        }
        for (T r : matching) {
            action.accept(r);
        }
    }

    /** The segment files of a stream, oldest first; a read-only store lists the directory again. */
    private List<Path> files(SegmentStream stream) {
        List<Path> files = new ArrayList<>();
        synchronized (writeLock) {
            for (SegmentStream.Segment s : readOnly ? stream.list() : stream.all().values()) {
                files.add(s.file);
            }
        }
        return files;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (StoreException e) {
            // what failed is not on disk; the read sees what is
        }
    }

    // ------------------------------------------------------------------ restart

    /** What open found for a restarting monitor: per key, its latest snapshot and the events after it. */
    private static final class Recovery {
        final LinkedHashMap<ModelKey, KeyRecovery> keys = new LinkedHashMap<>();
        final LinkedHashMap<Long, LoggedPrediction> pending = new LinkedHashMap<>();

        void add(StoreRecord r) {
            if (r instanceof LoggedPrediction) {
                pending.put(((LoggedPrediction) r).id(), (LoggedPrediction) r);
                return;
            }
            KeyRecovery k = keys.computeIfAbsent(r.key(), x -> new KeyRecovery());
            if (r instanceof KeySnapshot) {
                k.snapshot = (KeySnapshot) r;
                k.after.clear();
            } else {
                pending.remove(r instanceof ResolvedPrediction ? ((ResolvedPrediction) r).id()
                        : ((ExpiredPrediction) r).id());
                k.after.add(r);
            }
        }
    }

    private static final class KeyRecovery {
        KeySnapshot snapshot;
        final List<StoreRecord> after = new ArrayList<>();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The first call hands over what open read; a later call reads the files again.
     */
    @Override
    public void recover(Consumer<? super StoreRecord> visitor) {
        requireNonNull(visitor, "visitor");
        Recovery r;
        synchronized (this) {
            r = recovery;
            recovery = null;
        }
        if (r == null) {
            flushQuietly();
            Recovery fresh = new Recovery();
            for (Path f : files(events)) {
                readSegment(f, false, (rec, line) -> fresh.add(rec));
            }
            r = fresh;
        }
        for (KeyRecovery k : r.keys.values()) {
            if (k.snapshot != null) {
                visitor.accept(k.snapshot);
            }
            for (StoreRecord e : k.after) {
                visitor.accept(e);
            }
        }
        for (LoggedPrediction p : r.pending.values()) {
            visitor.accept(p);
        }
    }

    /**
     * @return true: a new monitor on the same directory recovers from it; false when open read-only (a
     *         monitor then writes nothing to it)
     */
    @Override
    public boolean restartable() {
        return !readOnly;
    }

    @Override
    public long reservedIds() {
        return reservedIds;
    }

    /**
     * Writes {@code store.json} with the new reservation (temp file, force, atomic rename, force of the
     * directory) before returning.
     *
     * @throws StoreException naming the file, if it cannot be written
     * @throws IllegalStateException if the store is open read-only
     */
    @Override
    public void reserveIds(long throughId) {
        if (readOnly) {
            throw readOnly("reserveIds");
        }
        synchronized (metaLock) {
            if (throughId <= reservedIds) {
                return;
            }
            writeMeta(throughId);
            reservedIds = throughId;
        }
    }

    /**
     * Writes {@code settings.json} (temp file, force, atomic rename, force of the directory) before returning;
     * see {@code docs/file-store.md}.
     *
     * @throws IllegalArgumentException if settings is null
     * @throws IllegalStateException    if the store is open read-only or closed
     * @throws StoreException           naming the file, if it cannot be written (the stored settings are then
     *                                  unchanged)
     */
    @Override
    public void recordSettings(MonitorSettings settings) {
        requireNonNull(settings, "settings");
        if (readOnly) {
            throw readOnly("recordSettings");
        }
        if (closed) {
            throw new IllegalStateException("store is closed: " + directory);
        }
        synchronized (metaLock) {
            try {
                SettingsFile.write(directory, settings);
            } catch (IOException | RuntimeException e) {
                throw writeFailed(directory.resolve(SettingsFile.NAME), e);
            }
            storedSettings = settings;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Read from {@code settings.json} when the store opened (a file that cannot be read is logged and
     * counts as none), then what {@link #recordSettings} recorded.
     */
    @Override
    public Optional<MonitorSettings> storedSettings() {
        return Optional.ofNullable(storedSettings);
    }

    /** Reads settings.json; a file that cannot be read is logged and counts as none. */
    private MonitorSettings readSettings() {
        try {
            return SettingsFile.read(directory);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("file store {}: {} cannot be read ({}); it counts as no stored settings{}", directory,
                    SettingsFile.NAME, describe(e), readOnly ? "" : " and the next monitor's replace it");
            return null;
        }
    }

    @Override
    public StoreHealth health() {
        return new StoreHealth(degraded, failedRecords.sum(), droppedRecords.sum(), lastError);
    }

    /** Records waiting in the write queue (for tests). */
    int queuedForTest() {
        return queue == null ? 0 : queue.size();
    }

    /** @return what opening the directory found */
    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    /** @return the store's directory, absolute */
    public Path directory() {
        return directory;
    }

    /** @return the durability policy */
    public Durability durability() {
        return durability;
    }

    /** @return whether the store writes (READ_WRITE) or only reads (READ_ONLY) */
    public OpenMode openMode() {
        return readOnly ? OpenMode.READ_ONLY : OpenMode.READ_WRITE;
    }

    /**
     * Writes what is queued, forces it (unless the policy is {@code NONE}), stops the writer and releases
     * the directory's lock. Idempotent. Reads from memory still answer afterwards; writes throw
     * {@link IllegalStateException}.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (readOnly) {
            return;
        }
        if (writer != null) {
            try {
                queue.put(STOP);
                LockSupport.unpark(writer);
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (writeLock) {
            try {
                if (durability != Durability.NONE) {
                    events.force();
                    history.force();
                }
            } catch (StoreException e) {
                failed(0, e);
            }
            events.closeCurrent();
            history.closeCurrent();
        }
        releaseLock();
    }

    @Override
    public String toString() {
        return "FileStore[" + directory + ", " + (readOnly ? "READ_ONLY" : durability) + "]";
    }

    // ------------------------------------------------------------------ opening

    private RecoveryReport load() {
        Recovery r = new Recovery();
        int[] torn = new int[1];
        int[] quarantined = new int[1];
        long[] read = new long[1];
        int segmentsRead = 0;
        synchronized (writeLock) {
            for (SegmentStream stream : List.of(events, history)) {
                for (SegmentStream.Segment s : stream.list()) {
                    segmentsRead++;
                    LoadResult lr = readSegment(s.file, !readOnly, (rec, line) -> {
                        read[0]++;
                        if (rec.timestampMillis() > s.maxTimestamp) {
                            s.maxTimestamp = rec.timestampMillis();
                        }
                        cacheAppend(rec);
                        if (stream == events) {
                            note(rec, s.seq);
                            r.add(rec);
                        }
                    });
                    torn[0] += lr.torn;
                    quarantined[0] += lr.quarantined;
                }
            }
        }
        int deleted = 0;
        if (!readOnly) {
            synchronized (writeLock) {
                deleted = retain(clock.millis());
            }
        }
        int snapshots = 0;
        for (KeyRecovery k : r.keys.values()) {
            if (k.snapshot != null) {
                snapshots++;
            }
        }
        this.recovery = r;
        RecoveryReport report = new RecoveryReport(read[0], segmentsRead, torn[0], quarantined[0], deleted, snapshots,
                r.pending.size());
        if (!report.isEmpty()) {
            LOG.info("file store {} opened: {}", directory, report);
        }
        return report;
    }

    @FunctionalInterface
    private interface LineHandler {
        void accept(StoreRecord record, long line);
    }

    private record LoadResult(int torn, int quarantined) {
    }

    /**
     * Reads one segment. When repairing (on a read-write open) a torn tail is cut off and corrupt lines
     * handled by the policy; otherwise (a later read, or a read-only store) a tail without a newline is a
     * line still being written (or torn) and is skipped, and a corrupt line fails or is skipped by the
     * policy. The result counts the tail skipped and the corrupt lines skipped or moved.
     */
    private LoadResult readSegment(Path file, boolean repair, LineHandler handler) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new LoadResult(0, 0);
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.READ_FAILED, "cannot read " + file + ": " + describe(e),
                    file, 0, e);
        }
        int start = 0;
        long lineNo = 0;
        List<long[]> bad = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            lineNo++;
            StoreRecord rec;
            try {
                rec = RecordCodec.decode(bytes, start, i - start);
            } catch (RecordCodec.UnsupportedVersion e) {
                throw new StoreException(StoreException.Reason.UNSUPPORTED_FORMAT, "line " + lineNo + " of " + file
                        + ": " + e.getMessage(), file, lineNo, e);
            } catch (IllegalArgumentException e) {
                if (corruptLinePolicy == CorruptLinePolicy.FAIL) {
                    throw new StoreException(StoreException.Reason.CORRUPT, "corrupt line " + lineNo + " of " + file
                            + ": " + e.getMessage(), file, lineNo, e);
                }
                bad.add(new long[] {start, i + 1, lineNo});
                reasons.add(e.getMessage());
                start = i + 1;
                continue;
            }
            handler.accept(rec, lineNo);
            start = i + 1;
        }
        int torn = start < bytes.length ? 1 : 0;
        if (torn == 1 && repair) {
            LOG.warn("torn last line {} of {} ({} bytes, a write cut short): skipped and cut off", lineNo + 1, file,
                    bytes.length - start);
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.truncate(start);
                c.force(false);
            } catch (IOException e) {
                throw writeFailed(file, e);
            }
        }
        if (!bad.isEmpty() && repair) {
            quarantine(file, bytes, start, bad, reasons);
        }
        return new LoadResult(torn, bad.size());
    }

    private void quarantine(Path file, byte[] bytes, int end, List<long[]> bad, List<String> reasons) {
        Path dir = directory.resolve("quarantine");
        Path side = dir.resolve(file.getFileName() + ".quarantine");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bad.size(); i++) {
            long[] b = bad.get(i);
            String text = new String(bytes, (int) b[0], (int) (b[1] - b[0] - 1), StandardCharsets.UTF_8);
            ObjectNode n = RecordCodec.MAPPER.createObjectNode();
            n.put("segment", file.getFileName().toString());
            n.put("line", b[2]);
            n.put("reason", reasons.get(i));
            n.put("text", text);
            sb.append(n).append('\n');
            LOG.warn("corrupt line {} of {} moved to {}: {}", b[2], file, side, reasons.get(i));
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.writeString(side, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                int pos = 0;
                for (long[] b : bad) {
                    out.write(java.nio.ByteBuffer.wrap(bytes, pos, (int) b[0] - pos));
                    pos = (int) b[1];
                }
                out.write(java.nio.ByteBuffer.wrap(bytes, pos, end - pos));
                out.force(false);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            SegmentStream.forceDirectory(file.getParent());
        } catch (IOException e) {
            throw writeFailed(side, e);
        }
    }

    /**
     * Deletes segments past retention that no rebuild needs, copying forward the snapshots and pending
     * predictions they hold. Caller holds writeLock.
     *
     * @return segments deleted
     */
    private int retain(long now) {
        retaining = true;
        try {
            return retainLocked(now);
        } finally {
            retaining = false;
        }
    }

    private int retainLocked(long now) {
        int deleted = 0;
        long cutoff = now - rawRetentionMillis;
        SegmentStream.Segment current = events.current();
        for (SegmentStream.Segment s : new ArrayList<>(events.all().values())) {
            if (s == current || s.maxTimestamp >= cutoff || !deletable(s.seq)) {
                break;
            }
            Set<Long> ids = new HashSet<>();
            for (Map.Entry<Long, Integer> e : pendingSegment.entrySet()) {
                if (e.getValue() == s.seq) {
                    ids.add(e.getKey());
                }
            }
            Set<ModelKey> keys = new HashSet<>();
            for (Map.Entry<ModelKey, int[]> e : keyMarks.entrySet()) {
                if (e.getValue()[0] == s.seq) {
                    keys.add(e.getKey());
                }
            }
            if (!ids.isEmpty() || !keys.isEmpty()) {
                Map<ModelKey, KeySnapshot> snapshots = new HashMap<>();
                List<StoreRecord> carried = new ArrayList<>();
                readSegment(s.file, false, (r, line) -> {
                    if (r instanceof KeySnapshot && keys.contains(r.key())) {
                        snapshots.put(r.key(), (KeySnapshot) r);
                    } else if (r instanceof LoggedPrediction && ids.contains(((LoggedPrediction) r).id())) {
                        carried.add(r);
                    }
                });
                carried.addAll(snapshots.values());
                try {
                    writeRecords(carried, durability != Durability.NONE);
                } catch (StoreException e) {
                    failed(carried.size(), e);
                    break;
                }
            }
            try {
                events.delete(s);
                deleted++;
            } catch (IOException e) {
                LOG.warn("retention could not delete {}: {}", s.file, describe(e));
                break;
            }
        }
        long historyCutoff = now - aggregateRetentionMillis;
        SegmentStream.Segment currentHistory = history.current();
        for (SegmentStream.Segment s : new ArrayList<>(history.all().values())) {
            if (s == currentHistory || s.maxTimestamp >= historyCutoff) {
                break;
            }
            try {
                history.delete(s);
                deleted++;
            } catch (IOException e) {
                LOG.warn("retention could not delete {}: {}", s.file, describe(e));
                break;
            }
        }
        if (deleted > 0) {
            SegmentStream.forceDirectory(events.dir);
            SegmentStream.forceDirectory(history.dir);
            LOG.info("retention deleted {} segment(s) in {}", deleted, directory);
        }
        return deleted;
    }

    /** Whether no key needs segment seq for its events after its latest snapshot. */
    private boolean deletable(int seq) {
        for (int[] m : keyMarks.values()) {
            if (m[1] <= seq || (m[0] == seq && m[1] != Integer.MAX_VALUE)) {
                return false;
            }
        }
        return true;
    }

    private long readMeta() {
        if (!Files.exists(metaFile)) {
            writeMeta(0);
            return 0;
        }
        JsonNode n;
        try {
            n = RecordCodec.MAPPER.readTree(metaFile.toFile());
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.CORRUPT, "corrupt " + metaFile + ": " + describe(e),
                    metaFile, 0, e);
        }
        JsonNode v = n == null ? null : n.get("format_version");
        JsonNode ids = n == null ? null : n.get("reserved_ids");
        if (v == null || !v.isInt() || ids == null || !ids.canConvertToLong()) {
            throw new StoreException(StoreException.Reason.CORRUPT, "corrupt " + metaFile
                    + ": format_version and reserved_ids must be integers, was " + n, metaFile, 0, null);
        }
        if (v.intValue() < 1 || v.intValue() > RecordCodec.FORMAT_VERSION) {
            throw new StoreException(StoreException.Reason.UNSUPPORTED_FORMAT, metaFile + ": format version "
                    + v.intValue() + " is not supported (this code reads versions 1 to " + RecordCodec.FORMAT_VERSION
                    + ")", metaFile, 0, null);
        }
        if (v.intValue() < RecordCodec.FORMAT_VERSION && !readOnly) {
            // this store writes the current version's lines: older code must now refuse the directory
            writeMeta(ids.longValue());
        }
        return ids.longValue();
    }

    private void writeMeta(long reserved) {
        ObjectNode n = RecordCodec.MAPPER.createObjectNode();
        n.put("format_version", RecordCodec.FORMAT_VERSION);
        n.put("reserved_ids", reserved);
        Path temp = metaFile.resolveSibling("store.json.tmp");
        try {
            try (FileChannel c = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                c.write(java.nio.ByteBuffer.wrap((n + "\n").getBytes(StandardCharsets.UTF_8)));
                c.force(false);
            }
            Files.move(temp, metaFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            SegmentStream.forceDirectory(directory);
        } catch (IOException | RuntimeException e) {
            throw writeFailed(metaFile, e);
        }
    }

    // ------------------------------------------------------------------ helpers

    static StoreException writeFailed(Path file, Exception e) {
        if (e instanceof StoreException) {
            return (StoreException) e;
        }
        return new StoreException(StoreException.Reason.WRITE_FAILED, "cannot write " + file + ": " + describe(e),
                file, 0, e);
    }

    private static String describe(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private StoreException locked(Path lockFile, String holder, Exception cause) {
        return new StoreException(StoreException.Reason.LOCKED, "store directory " + directory
                + " is in use by " + holder + " (it holds " + lockFile + "); one process per directory", directory,
                0, cause);
    }

    private void releaseLock() {
        if (lock == null) {
            return;
        }
        try {
            lock.release();
        } catch (IOException | RuntimeException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private static void checkType(Class<?> type) {
        requireNonNull(type, "type");
        if (!RecordCodec.KINDS.containsKey(type)) {
            List<String> names = new ArrayList<>();
            for (Class<?> c : RecordCodec.KINDS.keySet()) {
                names.add(c.getSimpleName());
            }
            throw new IllegalArgumentException("type must be one of " + String.join(", ", names) + ", was "
                    + type.getName());
        }
    }

    private static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /**
     * Builds a {@link FileStore}. Every setting starts at its {@code DEFAULT_*} value; each setter validates
     * at once. Not thread-safe.
     */
    public static final class Builder {
        private final Path directory;
        private Durability durability = DEFAULT_DURABILITY;
        private Duration groupCommitInterval = DEFAULT_GROUP_COMMIT_INTERVAL;
        private int groupCommitRecords = DEFAULT_GROUP_COMMIT_RECORDS;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private FullQueuePolicy fullQueuePolicy = DEFAULT_FULL_QUEUE_POLICY;
        private long maxSegmentBytes = DEFAULT_MAX_SEGMENT_BYTES;
        private Duration rawRetention = DEFAULT_RAW_RETENTION;
        private Duration aggregateRetention = DEFAULT_AGGREGATE_RETENTION;
        private CorruptLinePolicy corruptLinePolicy = DEFAULT_CORRUPT_LINE_POLICY;
        private OpenMode openMode = DEFAULT_OPEN_MODE;
        private Clock clock = Clock.systemUTC();

        private Builder(Path directory) {
            this.directory = directory;
        }

        /**
         * @param durability when writes are forced, not null
         * @return this builder
         */
        public Builder durability(Durability durability) {
            requireNonNull(durability, "durability");
            this.durability = durability;
            return this;
        }

        /**
         * Group commit forces at most this long after the first unforced write.
         *
         * @param interval positive, at most 1 minute
         * @return this builder
         */
        public Builder groupCommitInterval(Duration interval) {
            requireNonNull(interval, "groupCommitInterval");
            if (interval.isNegative() || interval.isZero() || interval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("groupCommitInterval must be in (0, 1 minute], was " + interval);
            }
            this.groupCommitInterval = interval;
            return this;
        }

        /**
         * Group commit forces once this many records are unforced.
         *
         * @param records &gt;= 1
         * @return this builder
         */
        public Builder groupCommitRecords(int records) {
            if (records < 1) {
                throw new IllegalArgumentException("groupCommitRecords must be >= 1, was " + records);
            }
            this.groupCommitRecords = records;
            return this;
        }

        /**
         * @param capacity records the write queue holds, in [1, 2^24]
         * @return this builder
         */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1 || capacity > (1 << 24)) {
                throw new IllegalArgumentException("queueCapacity must be in [1, 16777216], was " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * @param policy what a call does when the queue is full, not null
         * @return this builder
         */
        public Builder fullQueuePolicy(FullQueuePolicy policy) {
            requireNonNull(policy, "fullQueuePolicy");
            this.fullQueuePolicy = policy;
            return this;
        }

        /**
         * @param bytes size at which a segment rolls, &gt;= {@value #MIN_SEGMENT_BYTES}
         * @return this builder
         */
        public Builder maxSegmentBytes(long bytes) {
            if (bytes < MIN_SEGMENT_BYTES) {
                throw new IllegalArgumentException("maxSegmentBytes must be >= " + MIN_SEGMENT_BYTES + ", was "
                        + bytes);
            }
            this.maxSegmentBytes = bytes;
            return this;
        }

        /**
         * @param retention how long raw events are kept, at least 1 day
         * @return this builder
         */
        public Builder rawRetention(Duration retention) {
            this.rawRetention = retention(retention, "rawRetention");
            return this;
        }

        /**
         * @param retention how long history (baselines, reports, alerts) is kept, at least 1 day
         * @return this builder
         */
        public Builder aggregateRetention(Duration retention) {
            this.aggregateRetention = retention(retention, "aggregateRetention");
            return this;
        }

        private static Duration retention(Duration d, String name) {
            requireNonNull(d, name);
            if (d.compareTo(Duration.ofDays(1)) < 0 || d.compareTo(Duration.ofDays(100 * 365)) > 0) {
                throw new IllegalArgumentException(name + " must be in [1 day, 100 years], was " + d);
            }
            return d;
        }

        /**
         * @param policy what opening does with a corrupt line, not null
         * @return this builder
         */
        public Builder corruptLinePolicy(CorruptLinePolicy policy) {
            requireNonNull(policy, "corruptLinePolicy");
            this.corruptLinePolicy = policy;
            return this;
        }

        /**
         * @param mode READ_WRITE (the default: the directory's owner) or READ_ONLY (a reader beside a
         *             running owner: no lock, no writes; see the class comment), not null
         * @return this builder
         */
        public Builder openMode(OpenMode mode) {
            requireNonNull(mode, "openMode");
            this.openMode = mode;
            return this;
        }

        /**
         * @param clock the clock for segment days and retention ages, not null; give it the monitor's
         * @return this builder
         */
        public Builder clock(Clock clock) {
            requireNonNull(clock, "clock");
            this.clock = clock;
            return this;
        }

        /**
         * Opens the directory: takes its lock, reads and repairs its segments, applies retention (read-only:
         * only reads).
         *
         * @return the store
         * @throws StoreException naming the directory or file, if it is locked, cannot be created or read
         *                        (read-only: holds no store), or holds a corrupt line under
         *                        {@link CorruptLinePolicy#FAIL}
         */
        public FileStore build() {
            return new FileStore(this);
        }
    }
}

package dev.modelmonitor.core.store;

import dev.modelmonitor.api.StoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One append-only stream of JSON Lines segments in one directory: {@code <prefix>-<yyyyMMdd>-<seq>.jsonl},
 * {@code seq} increasing across days and restarts. A segment is never appended to after the process that
 * wrote it stopped: each open starts a fresh segment on its first write. Segments roll when the next write
 * would pass the size limit or the day (UTC, of the store's clock) changes.
 *
 * <p>Not thread-safe: the file store calls it from one writing thread at a time.
 */
final class SegmentStream {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** A segment on disk: its sequence number, day, file, and the newest record time it holds. */
    static final class Segment {
        final int seq;
        final LocalDate day;
        final Path file;
        long maxTimestamp = Long.MIN_VALUE;

        Segment(int seq, LocalDate day, Path file) {
            this.seq = seq;
            this.day = day;
            this.file = file;
        }
    }

    final Path dir;
    final String prefix;
    private final Pattern pattern;
    private final long maxSegmentBytes;
    private final boolean forceDirectory;
    final TreeMap<Integer, Segment> segments = new TreeMap<>();

    private Segment current;
    private FileChannel channel;
    private long position;

    SegmentStream(Path dir, String prefix, long maxSegmentBytes, boolean forceDirectory) {
        this.dir = dir;
        this.prefix = prefix;
        this.pattern = Pattern.compile(Pattern.quote(prefix) + "-(\\d{8})-(\\d{6,})\\.jsonl");
        this.maxSegmentBytes = maxSegmentBytes;
        this.forceDirectory = forceDirectory;
    }

    /** Lists the segments on disk, oldest first. */
    List<Segment> list() {
        segments.clear();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "-*.jsonl")) {
            for (Path f : files) {
                Matcher m = pattern.matcher(f.getFileName().toString());
                if (m.matches()) {
                    int seq = Integer.parseInt(m.group(2));
                    segments.put(seq, new Segment(seq, LocalDate.parse(m.group(1), DAY), f));
                }
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.READ_FAILED, "cannot list " + dir + ": " + e, dir, 0, e);
        }
        return new ArrayList<>(segments.values());
    }

    /** The current segment's sequence number, opening or rolling one as needed for a write of n bytes. */
    int prepare(int bytes, long nowMillis) {
        LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(nowMillis, 86_400_000L));
        if (current != null && (position + bytes > maxSegmentBytes && position > 0 || today.isAfter(current.day))) {
            closeCurrent();
        }
        if (current == null) {
            open(today);
        }
        return current.seq;
    }

    boolean rolledSinceLastCheck(int seqBefore) {
        return current == null || current.seq != seqBefore;
    }

    Segment current() {
        return current;
    }

    private void open(LocalDate day) {
        int seq = segments.isEmpty() ? 1 : segments.lastKey() + 1;
        Path file = dir.resolve(String.format("%s-%s-%06d.jsonl", prefix, DAY.format(day), seq));
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (forceDirectory) {
                forceDirectory(dir);
            }
        } catch (IOException | RuntimeException e) {
            channel = null;
            throw FileStore.writeFailed(file, e);
        }
        current = new Segment(seq, day, file);
        segments.put(seq, current);
        position = 0;
    }

    /**
     * Writes whole lines. On failure the segment is cut back to its last whole line and closed, so disk
     * holds only whole records, and the next write opens a fresh segment.
     */
    void write(byte[] bytes, int length, long maxTimestamp) {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length);
        try {
            while (b.hasRemaining()) {
                channel.write(b);
            }
            position += length;
            if (maxTimestamp > current.maxTimestamp) {
                current.maxTimestamp = maxTimestamp;
            }
        } catch (IOException | RuntimeException e) {
            Path file = current.file;
            try {
                channel.truncate(position);
            } catch (IOException | RuntimeException ignored) {
                // the reader skips a torn last line
            }
            closeCurrent();
            throw FileStore.writeFailed(file, e);
        }
    }

    void force() {
        if (channel == null) {
            return;
        }
        try {
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            Path file = current.file;
            closeCurrent();
            throw FileStore.writeFailed(file, e);
        }
    }

    void closeCurrent() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to lose: the data was written or the write already failed
            }
        }
        channel = null;
        current = null;
        position = 0;
    }

    /** Deletes a segment (not the current one). */
    void delete(Segment s) throws IOException {
        Files.deleteIfExists(s.file);
        segments.remove(s.seq);
    }

    Map<Integer, Segment> all() {
        return segments;
    }

    static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException ignored) {
            // not every platform lets a directory be forced; the file's own force still holds its bytes
        }
    }
}

package dev.modelmonitor.core.recalibration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The files of a config directory and how they change:
 * <pre>
 * calibration.json                           the active config ({@link ConfigFormat})
 * calibration_archive/&lt;version&gt;_deployed.json every version ever deployed
 * calibration_archive/&lt;version&gt;_backup.json   the config that version replaced ("none" if nothing)
 * </pre>
 * Every file is written to a temporary file in the same directory ({@code .<name>.<random>.tmp}), forced
 * to disk, and atomically renamed over its target; then the directory is forced (best effort). A reader
 * therefore sees the old file or the new one, never a mix, and a crash before the rename leaves the old
 * file active and a stray temporary file, which {@link #removeTemps()} deletes and every reader ignores.
 * Not thread-safe: the recalibrator serializes callers.
 */
final class Deployer {

    static final String ACTIVE = "calibration.json";
    static final String ARCHIVE = "calibration_archive";
    private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

    /** Renames a finished temporary file over its target; the test seam for a crash before the rename. */
    @FunctionalInterface
    interface Mover {
        void move(Path source, Path target) throws IOException;
    }

    static final Mover ATOMIC = (source, target) ->
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    private final Path dir;
    private final Path archive;
    private final Mover mover;

    Deployer(Path dir, Mover mover) {
        this.dir = dir;
        this.archive = dir.resolve(ARCHIVE);
        this.mover = mover;
    }

    Path activeFile() {
        return dir.resolve(ACTIVE);
    }

    Path deployedFile(String version) {
        return archive.resolve(version + "_deployed.json");
    }

    Path backupFile(String version) {
        return archive.resolve(version + "_backup.json");
    }

    /** The active config's bytes, or null when there is no active file. */
    byte[] activeBytes() {
        Path f = activeFile();
        try {
            return Files.exists(f) ? Files.readAllBytes(f) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    /** The active config; {@link CalibrationConfig#none()} when there is no active file. */
    CalibrationConfig readActive() {
        byte[] b = activeBytes();
        if (b == null) {
            return CalibrationConfig.none();
        }
        try {
            return ConfigFormat.read(b);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(activeFile() + " is malformed: " + e.getMessage(), e);
        }
    }

    CalibrationConfig readArchived(Path file) {
        try {
            return ConfigFormat.read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is malformed: " + e.getMessage(), e);
        }
    }

    /** Versions with a deployed archive copy, sorted by name (job ids sort by time). */
    List<String> versions() {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(archive)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(archive, "*_deployed.json")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                out.add(name.substring(0, name.length() - "_deployed.json".length()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + archive, e);
        }
        out.sort(null);
        return out;
    }

    /** Writes bytes to a temporary file beside the target, forces it and renames it over the target. */
    void writeAtomically(Path target, byte[] bytes) {
        Path parent = target.getParent();
        Path temp = parent.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current()
                .nextLong() & Long.MAX_VALUE) + ".tmp");
        try {
            Files.createDirectories(parent);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            mover.move(temp, target);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        forceDirectory(parent);
    }

    /**
     * Deletes temporary files a crash left behind in the config directory, the archive, the jobs folder and
     * any further directories given. Callers hold the directory's lock.
     *
     * @return how many were deleted
     */
    int removeTemps(Path... more) {
        int n = 0;
        List<Path> dirs = new ArrayList<>(List.of(dir, archive, dir.resolve("jobs")));
        dirs.addAll(List.of(more));
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, ".*.tmp")) {
                for (Path p : ds) {
                    Files.deleteIfExists(p);
                    LOG.warn("removed {} left behind by an interrupted write", p);
                    n++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clean temporary files in " + d, e);
            }
        }
        return n;
    }

    private static void forceDirectory(Path d) {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open or force a directory; the rename itself is still atomic
            LOG.debug("cannot force directory {}: {}", d, e.toString());
        }
    }
}

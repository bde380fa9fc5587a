package dev.modelmonitor.core.export;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a whole file so that a reader sees either the old content or the new, never a half-written file:
 * the bytes go to a temporary file in the target's directory, which is then renamed over the target
 * (atomically where the file system supports it, else a plain replace). The dashboards and reports use it;
 * a file another process polls is never caught mid-write.
 *
 * <p>Not forced to the device: a machine crash may lose the newest version, never leave a torn one where
 * the file system renames atomically. Thread-safe (each call has its own temporary file).
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Replaces the target's content.
     *
     * @param target  the file to write; its directory must exist
     * @param content the whole new content
     * @return the target
     * @throws IOException if the temporary file cannot be written or renamed (the target is left as it was)
     */
    public static Path write(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }
}

package dev.modelmonitor.api;

import java.nio.file.Path;

/**
 * A {@link Store} could not do what was asked: the disk is full, a file or directory may not be written,
 * a stored file is corrupt, or the store's directory is held by another process. Unchecked: a monitor
 * catches it from every store call, counts it and keeps working in memory (see
 * {@link StoreHealth}); a host that calls a store directly decides for itself.
 *
 * <p>The message names the file and, for a corrupt line, its line number (1-based), for example
 * {@code "corrupt line 17 of /data/events/events-20260105-000003.jsonl: unknown kind 'x'"}. A store that
 * is not file-based (a database) leaves {@link #file()} null.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a store call failed. */
    public enum Reason {
        /** Writing failed: disk full, permission denied, a path that is not a directory, an I/O error. */
        WRITE_FAILED,
        /** Reading failed for a reason other than corrupt content. */
        READ_FAILED,
        /** A stored record could not be parsed (and is not a torn last line). */
        CORRUPT,
        /** Another process (or another store in this process) holds the store's lock. */
        LOCKED,
        /** The stored data has a format version this code does not read. */
        UNSUPPORTED_FORMAT
    }

    private final Reason reason;
    private final transient Path file;
    private final long line;

    /**
     * @param reason  why it failed, not null
     * @param message the message, naming the file (and line) concerned
     * @param file    the file concerned, or null
     * @param line    the 1-based line number for a corrupt line, else 0
     * @param cause   the underlying exception, or null
     */
    public StoreException(Reason reason, String message, Path file, long line, Throwable cause) {
        super(message, cause);
        this.reason = Checks.notNull(reason, "reason");
        this.file = file;
        this.line = line;
    }

    /** @return why the call failed */
    public Reason reason() {
        return reason;
    }

    /** @return the file concerned, or null when the store is not file-based or no single file is */
    public Path file() {
        return file;
    }

    /** @return the 1-based line number of a corrupt line, or 0 */
    public long line() {
        return line;
    }
}

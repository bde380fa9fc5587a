package dev.modelmonitor.core.recalibration;

import java.time.Instant;

/**
 * One line of the calibration history file ({@code history.jsonl}: JSON Lines, format in
 * {@link HistoryLog}).
 *
 * @param atMillis        when, epoch ms
 * @param action          what happened
 * @param jobId           the job concerned; empty when none
 * @param version         the version active afterwards (for ANALYZED and REFUSED: the version active then)
 * @param replacedVersion the version it replaced; empty when nothing changed
 * @param detail          one line of detail
 */
public record HistoryEntry(long atMillis, HistoryAction action, String jobId, String version,
                           String replacedVersion, String detail) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a reference is null
     */
    public HistoryEntry {
        if (action == null || jobId == null || version == null || replacedVersion == null || detail == null) {
            throw new IllegalArgumentException("action, jobId, version, replacedVersion and detail must not be null");
        }
    }

    /** @return when */
    public Instant at() {
        return Instant.ofEpochMilli(atMillis);
    }
}

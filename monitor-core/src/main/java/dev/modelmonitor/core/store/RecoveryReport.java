package dev.modelmonitor.core.store;

/**
 * What a {@link FileStore} found when it opened its directory.
 *
 * @param recordsRead       whole records read from every retained segment
 * @param segmentsRead      segment files read
 * @param tornLines         torn last lines (a write cut short by a crash) detected, reported and cut off;
 *                          read-only: last lines without their newline (torn, or being written) skipped in
 *                          memory
 * @param quarantinedLines  corrupt lines moved to the quarantine directory (only under
 *                          {@link FileStore.CorruptLinePolicy#QUARANTINE}); read-only: skipped in memory
 * @param segmentsDeleted   segments deleted by retention while opening
 * @param keysWithSnapshot  keys whose state snapshot was found
 * @param pendingPredictions logged predictions found neither resolved nor expired
 */
public record RecoveryReport(long recordsRead, int segmentsRead, int tornLines, int quarantinedLines,
                             int segmentsDeleted, int keysWithSnapshot, int pendingPredictions) {

    /** Nothing found: a new directory. */
    public static final RecoveryReport EMPTY = new RecoveryReport(0, 0, 0, 0, 0, 0, 0);

    /** @return true when the directory held no records */
    public boolean isEmpty() {
        return recordsRead == 0;
    }
}

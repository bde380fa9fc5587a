package dev.modelmonitor.api;

/**
 * Whether a {@link Store} is keeping up: a store that cannot write is <em>degraded</em> until a later
 * write succeeds. The monitor keeps working in memory meanwhile, so its answers stay right while the
 * store falls behind; what was not written is missing after a restart.
 *
 * @param degraded       true from a failed write until the next successful one
 * @param failedRecords  records that could not be written since the store was opened
 * @param droppedRecords records dropped because the write queue was full (only under a drop policy)
 * @param lastError      the message of the last write failure, or null when there was none
 */
public record StoreHealth(boolean degraded, long failedRecords, long droppedRecords, String lastError) {

    /** A store with nothing to report. */
    public static final StoreHealth HEALTHY = new StoreHealth(false, 0, 0, null);

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public StoreHealth {
        if (failedRecords < 0 || droppedRecords < 0) {
            throw new IllegalArgumentException("counts must be >= 0, was failedRecords=" + failedRecords
                    + " droppedRecords=" + droppedRecords);
        }
    }
}

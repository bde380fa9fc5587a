package dev.modelmonitor.api;

/**
 * A baseline as it was set for a key at a moment, kept by the store so the baseline history can be read
 * back and a restarted monitor can restore the current one.
 *
 * @param key             the key
 * @param baseline        the baseline set
 * @param timestampMillis when it was set, epoch milliseconds
 */
public record BaselineRecord(ModelKey key, Baseline baseline, long timestampMillis) implements StoreRecord {

    /**
     * Validates the references.
     *
     * @throws IllegalArgumentException if key or baseline is null
     */
    public BaselineRecord {
        Checks.notNull(key, "key");
        Checks.notNull(baseline, "baseline");
    }
}

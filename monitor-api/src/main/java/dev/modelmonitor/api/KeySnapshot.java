package dev.modelmonitor.api;

/**
 * The state of one key at a moment, as a store keeps it so that a restarted monitor can rebuild the key
 * without the raw events before it: the ledger counts, the most recent scored verdicts (enough to refill
 * every rolling window) and the state of each capability that keeps per-key state. A restart applies a key's
 * latest snapshot and then the key's events appended after it.
 *
 * <p>Each part of the key's state is one component, so a capability with per-key state of its own adds
 * one more component (null when it has nothing to say) rather than changing the others.
 *
 * @param key             the key
 * @param timestampMillis when the snapshot was taken, epoch milliseconds
 * @param counts          the ledger counts
 * @param verdicts        the most recent scored verdicts, oldest first
 * @param baseline        the key's baseline at that moment, or null when none was set
 * @param forecast        the key's forecast state (windows, open day, day buckets, forecast baseline), or null
 *                        when the key has none (it never resolved a forecast nor had a forecast baseline)
 * @param calibration     the key's calibration state (accumulators, last closed day, reference periods, breach
 *                        and retrain bookkeeping, critical mark), or null when the key has none (it never
 *                        resolved a prediction with a confidence, was never marked critical and never had a
 *                        reference period set)
 */
public record KeySnapshot(ModelKey key, long timestampMillis, Counts counts, Verdicts verdicts, Baseline baseline,
                          ForecastStateSnapshot forecast, CalibrationStateSnapshot calibration) implements StoreRecord {

    /**
     * Validates the references.
     *
     * @throws IllegalArgumentException if key, counts or verdicts is null, or the forecast or calibration state
     *                                  belongs to another key
     */
    public KeySnapshot {
        Checks.notNull(key, "key");
        Checks.notNull(counts, "counts");
        Checks.notNull(verdicts, "verdicts");
        if (forecast != null && !forecast.key().equals(key)) {
            throw new IllegalArgumentException("forecast.key must equal key " + key + ", was " + forecast.key());
        }
        if (calibration != null && !calibration.key().equals(key)) {
            throw new IllegalArgumentException("calibration.key must equal key " + key + ", was "
                    + calibration.key());
        }
    }

    /**
     * A snapshot of a key without calibration state.
     *
     * @param key             the key
     * @param timestampMillis when the snapshot was taken, epoch milliseconds
     * @param counts          the ledger counts
     * @param verdicts        the most recent scored verdicts, oldest first
     * @param baseline        the key's baseline at that moment, or null when none was set
     * @param forecast        the key's forecast state, or null
     */
    public KeySnapshot(ModelKey key, long timestampMillis, Counts counts, Verdicts verdicts, Baseline baseline,
                       ForecastStateSnapshot forecast) {
        this(key, timestampMillis, counts, verdicts, baseline, forecast, null);
    }

    /**
     * A snapshot of a key without forecast or calibration state.
     *
     * @param key             the key
     * @param timestampMillis when the snapshot was taken, epoch milliseconds
     * @param counts          the ledger counts
     * @param verdicts        the most recent scored verdicts, oldest first
     * @param baseline        the key's baseline at that moment, or null when none was set
     */
    public KeySnapshot(ModelKey key, long timestampMillis, Counts counts, Verdicts verdicts, Baseline baseline) {
        this(key, timestampMillis, counts, verdicts, baseline, null, null);
    }

    /**
     * Ledger counts of a key since it was first seen (across restarts).
     *
     * @param resolved             predictions resolved, scored or not, &gt;= 0
     * @param expired              predictions expired, &gt;= 0
     * @param lastResolvedAtMillis time of the last resolution, epoch ms, 0 when none
     */
    public record Counts(long resolved, long expired, long lastResolvedAtMillis) {
        /**
         * Validates the counts.
         *
         * @throws IllegalArgumentException if a count is negative
         */
        public Counts {
            if (resolved < 0 || expired < 0) {
                throw new IllegalArgumentException("counts must be >= 0, was resolved=" + resolved + " expired="
                        + expired);
            }
        }
    }

    /**
     * The most recent scored verdicts of a key, oldest first. Holds at most the writing monitor's longest
     * window; {@code scored} counts every scored prediction since the key was first seen. (The confidences
     * that older formats stored beside the verdicts now live in the calibration state.)
     *
     * @param scored scored predictions since the key was first seen, &gt;= hits.length()
     * @param hits   one character per verdict, oldest first: {@code '1'} correct, {@code '0'} wrong
     */
    public record Verdicts(long scored, String hits) {

        /** No verdicts. */
        public static final Verdicts EMPTY = new Verdicts(0, "");

        /**
         * Validates.
         *
         * @throws IllegalArgumentException if hits is null, a character is not 0 or 1, or scored is below the
         *                                  number of verdicts
         */
        public Verdicts {
            Checks.notNull(hits, "hits");
            for (int i = 0; i < hits.length(); i++) {
                char c = hits.charAt(i);
                if (c != '0' && c != '1') {
                    throw new IllegalArgumentException("hits must hold only '0' and '1', was '" + c + "' at " + i);
                }
            }
            if (scored < hits.length()) {
                throw new IllegalArgumentException("scored must be >= the number of hits (" + hits.length()
                        + "), was " + scored);
            }
        }

        /** @return how many verdicts are held */
        public int size() {
            return hits.length();
        }
    }
}

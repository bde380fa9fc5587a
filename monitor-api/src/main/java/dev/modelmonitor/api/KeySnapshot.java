package dev.modelmonitor.api;

import java.util.Arrays;

/**
 * The state of one key at a moment, as a store keeps it so that a restarted monitor can rebuild the key
 * without the raw events before it: the ledger counts and the most recent scored verdicts with their
 * confidences (enough to refill every rolling window). A restart applies a key's latest snapshot and
 * then the key's events appended after it.
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
 */
public record KeySnapshot(ModelKey key, long timestampMillis, Counts counts, Verdicts verdicts, Baseline baseline,
                          ForecastStateSnapshot forecast) implements StoreRecord {

    /**
     * Validates the references.
     *
     * @throws IllegalArgumentException if key, counts or verdicts is null, or the forecast state belongs to
     *                                  another key
     */
    public KeySnapshot {
        Checks.notNull(key, "key");
        Checks.notNull(counts, "counts");
        Checks.notNull(verdicts, "verdicts");
        if (forecast != null && !forecast.key().equals(key)) {
            throw new IllegalArgumentException("forecast.key must equal key " + key + ", was " + forecast.key());
        }
    }

    /**
     * A snapshot of a key without forecast state.
     *
     * @param key             the key
     * @param timestampMillis when the snapshot was taken, epoch milliseconds
     * @param counts          the ledger counts
     * @param verdicts        the most recent scored verdicts, oldest first
     * @param baseline        the key's baseline at that moment, or null when none was set
     */
    public KeySnapshot(ModelKey key, long timestampMillis, Counts counts, Verdicts verdicts, Baseline baseline) {
        this(key, timestampMillis, counts, verdicts, baseline, null);
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
     * The most recent scored verdicts of a key, oldest first, with the confidence of each prediction.
     * Holds at most the writing monitor's longest window; {@code scored} counts every scored prediction
     * since the key was first seen.
     *
     * @param scored      scored predictions since the key was first seen, &gt;= hits.length()
     * @param hits        one character per verdict, oldest first: {@code '1'} correct, {@code '0'} wrong
     * @param confidences the confidence of each, same length as hits; NaN where the prediction had none.
     *                    Copied on the way in and out.
     */
    public record Verdicts(long scored, String hits, float[] confidences) {

        /** No verdicts. */
        public static final Verdicts EMPTY = new Verdicts(0, "", new float[0]);

        /**
         * Validates and copies.
         *
         * @throws IllegalArgumentException if a reference is null, the lengths differ, a character is not
         *                                  0 or 1, or scored is below the number of verdicts
         */
        public Verdicts {
            Checks.notNull(hits, "hits");
            Checks.notNull(confidences, "confidences");
            if (confidences.length != hits.length()) {
                throw new IllegalArgumentException("confidences must have one entry per hit (" + hits.length()
                        + "), was " + confidences.length);
            }
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
            confidences = confidences.clone();
        }

        /** @return a copy of the confidences */
        @Override
        public float[] confidences() {
            return confidences.clone();
        }

        /**
         * @param i index, 0 = oldest
         * @return the confidence of that verdict, NaN when none
         */
        public float confidenceAt(int i) {
            return confidences[i];
        }

        /** @return how many verdicts are held */
        public int size() {
            return hits.length();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Verdicts && ((Verdicts) o).scored == scored && ((Verdicts) o).hits.equals(hits)
                    && Arrays.equals(((Verdicts) o).confidences, confidences);
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(scored) * 31 + hits.hashCode()) * 31 + Arrays.hashCode(confidences);
        }

        @Override
        public String toString() {
            return "Verdicts[scored=" + scored + ", hits=" + hits + ", confidences=" + Arrays.toString(confidences)
                    + "]";
        }
    }
}

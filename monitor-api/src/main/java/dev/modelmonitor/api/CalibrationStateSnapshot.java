package dev.modelmonitor.api;

import java.util.Arrays;
import java.util.List;

/**
 * The calibration state of one key, captured exactly: restoring it into a monitor with the same
 * {@link CalibrationThresholds} (bins, count windows, retained days) gives a key that answers every
 * calibration query identically and continues identically, bit for bit. Taken with
 * {@code ModelMonitor.calibrationSnapshot(key)}, restored with {@code ModelMonitor.restoreCalibration}; a
 * {@link KeySnapshot} carries it as its {@code calibration} component, so a monitor rebuilt from a store
 * picks it up.
 *
 * <p>Plain data for a store to persist: primitives, arrays (copied in and out), records and
 * {@link CalibrationStats}. Days are epoch days ({@code LocalDate.toEpochDay()}) in the calibration zone;
 * {@link #NO_DAY} means none. The layout of the arrays is the accumulators' own (see {@link TrackerState});
 * a store treats them as opaque vectors. {@link #VERSION} changes when the layout does.
 *
 * <p>Besides the accumulators it holds the one calibration setting a host changes at run time per key: the
 * key's critical mark and threshold ({@code ModelMonitor.markCritical}), NaN when the key is not critical.
 * A monitor built with its own mark for the key keeps that one (the builder's settings win).
 *
 * @param version             the layout version, {@value #VERSION}
 * @param key                 the key
 * @param bins                the number of bins
 * @param countWindows        the count window sizes
 * @param maxDays             the retained days
 * @param confidence          the confidence calibration state, or null when the key never had a confidence
 * @param probability         the probability calibration state, or null when it never had a probability
 *                            forecast
 * @param lastClosedDay       the last day whose history was written, or {@link #NO_DAY}
 * @param breach              the breach bookkeeping
 * @param lastRetrainAtMillis when a retrain was last requested, epoch ms, or {@link Long#MIN_VALUE}
 * @param criticalThreshold   the key's critical ECE threshold, in (0, 1), or NaN when it is not marked critical
 */
public record CalibrationStateSnapshot(int version, ModelKey key, int bins, List<Integer> countWindows, int maxDays,
                                       KindState confidence, KindState probability, long lastClosedDay,
                                       BreachState breach, long lastRetrainAtMillis, double criticalThreshold) {

    /** The current layout version. */
    public static final int VERSION = 1;
    /** The value of a day field that holds no day. */
    public static final long NO_DAY = Long.MIN_VALUE;

    /**
     * Validates the references and copies the windows.
     *
     * @throws IllegalArgumentException if key, countWindows or breach is null, the version is unknown, or the
     *                                  critical threshold is neither NaN nor in (0, 1)
     */
    public CalibrationStateSnapshot {
        if (version != VERSION) {
            throw new IllegalArgumentException("version must be " + VERSION + ", was " + version);
        }
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (countWindows == null) {
            throw new IllegalArgumentException("countWindows must not be null");
        }
        if (breach == null) {
            throw new IllegalArgumentException("breach must not be null");
        }
        if (!Double.isNaN(criticalThreshold) && !(criticalThreshold > 0.0 && criticalThreshold < 1.0)) {
            throw new IllegalArgumentException("criticalThreshold must be NaN or in (0, 1), was " + criticalThreshold);
        }
        countWindows = List.copyOf(countWindows);
    }

    /** @return whether the key was marked critical */
    public boolean critical() {
        return !Double.isNaN(criticalThreshold);
    }

    /**
     * One kind's state: its accumulators and its reference period.
     *
     * @param tracker           the accumulators
     * @param firstDay          the first day a forecast of this kind was resolved
     * @param referenceFrom     first day of the reference period, or {@link #NO_DAY} when none yet
     * @param referenceTo       last day of the reference period, or {@link #NO_DAY}
     * @param referenceExplicit whether the host set the reference period (else it is the first days)
     * @param reference         the reference period's statistics so far, never null
     */
    public record KindState(TrackerState tracker, long firstDay, long referenceFrom, long referenceTo,
                            boolean referenceExplicit, CalibrationStats reference) {

        /**
         * Validates the references.
         *
         * @throws IllegalArgumentException if tracker or reference is null
         */
        public KindState {
            if (tracker == null || reference == null) {
                throw new IllegalArgumentException("tracker and reference must not be null");
            }
        }
    }

    /**
     * The breach bookkeeping of a key (see {@link CalibrationAlert}).
     *
     * @param kind        the kind judged, or null before any day was judged
     * @param breached    whether a breach is open
     * @param streak      judged days in the current run above the threshold
     * @param streakFrom  the first day of that run, or {@link #NO_DAY}
     * @param streakStats the run's statistics
     * @param good        judged days in the current run at or under the threshold (during a breach)
     * @param goodFrom    the first day of that run, or {@link #NO_DAY}
     * @param goodStats   that run's statistics
     */
    public record BreachState(CalibrationKind kind, boolean breached, int streak, long streakFrom,
                              CalibrationStats streakStats, int good, long goodFrom, CalibrationStats goodStats) {

        /**
         * Validates the references.
         *
         * @throws IllegalArgumentException if a stats reference is null or a count negative
         */
        public BreachState {
            if (streakStats == null || goodStats == null) {
                throw new IllegalArgumentException("streakStats and goodStats must not be null");
            }
            if (streak < 0 || good < 0) {
                throw new IllegalArgumentException("streak and good must be >= 0, was " + streak + " and " + good);
            }
        }
    }

    /**
     * The accumulators of one kind, as flat arrays (B bins, W count windows, D day slots, G = 4 global sums:
     * p^2, p y, p^3, p^4). The count-window ring holds the last {@code ring.length} (the longest window)
     * probabilities at slot {@code i mod length} for push i, outcome bits likewise in {@code ringHits}; window w's per-bin
     * figures are at {@code [w B, (w + 1) B)} and its global sums at {@code [w G, (w + 1) G)}. Day slot s holds
     * day {@code days[s]} (or {@link #NO_DAY}) with its bins at {@code [s B, (s + 1) B)} and its globals at
     * {@code [s G, (s + 1) G)}. Arrays are copied in and out.
     *
     * @param ring       the last probabilities
     * @param ringHits   the last outcomes, one bit each
     * @param pushes     forecasts pushed since start
     * @param winCounts  per window and bin: count
     * @param winHits    per window and bin: hits
     * @param winSumP    per window and bin: sum of p
     * @param winGlobals per window: the global sums
     * @param days       per day slot: the day held
     * @param dayCounts  per day slot and bin: count
     * @param dayHits    per day slot and bin: hits
     * @param daySumP    per day slot and bin: sum of p
     * @param dayGlobals per day slot: the global sums
     * @param newestDay  the newest day counted, or {@link #NO_DAY}
     */
    public record TrackerState(double[] ring, long[] ringHits, long pushes, int[] winCounts, int[] winHits,
                               double[] winSumP, double[] winGlobals, long[] days, int[] dayCounts, int[] dayHits,
                               double[] daySumP, double[] dayGlobals, long newestDay) {

        /**
         * Validates and copies.
         *
         * @throws IllegalArgumentException if an array is null or pushes negative
         */
        public TrackerState {
            Object[] all = {ring, ringHits, winCounts, winHits, winSumP, winGlobals, days, dayCounts, dayHits,
                daySumP, dayGlobals};
            for (Object o : all) {
                if (o == null) {
                    throw new IllegalArgumentException("tracker arrays must not be null");
                }
            }
            if (pushes < 0) {
                throw new IllegalArgumentException("pushes must be >= 0, was " + pushes);
            }
            ring = ring.clone();
            ringHits = ringHits.clone();
            winCounts = winCounts.clone();
            winHits = winHits.clone();
            winSumP = winSumP.clone();
            winGlobals = winGlobals.clone();
            days = days.clone();
            dayCounts = dayCounts.clone();
            dayHits = dayHits.clone();
            daySumP = daySumP.clone();
            dayGlobals = dayGlobals.clone();
        }

        /** @return a copy */
        @Override
        public double[] ring() {
            return ring.clone();
        }

        /** @return a copy */
        @Override
        public long[] ringHits() {
            return ringHits.clone();
        }

        /** @return a copy */
        @Override
        public int[] winCounts() {
            return winCounts.clone();
        }

        /** @return a copy */
        @Override
        public int[] winHits() {
            return winHits.clone();
        }

        /** @return a copy */
        @Override
        public double[] winSumP() {
            return winSumP.clone();
        }

        /** @return a copy */
        @Override
        public double[] winGlobals() {
            return winGlobals.clone();
        }

        /** @return a copy */
        @Override
        public long[] days() {
            return days.clone();
        }

        /** @return a copy */
        @Override
        public int[] dayCounts() {
            return dayCounts.clone();
        }

        /** @return a copy */
        @Override
        public int[] dayHits() {
            return dayHits.clone();
        }

        /** @return a copy */
        @Override
        public double[] daySumP() {
            return daySumP.clone();
        }

        /** @return a copy */
        @Override
        public double[] dayGlobals() {
            return dayGlobals.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TrackerState t && pushes == t.pushes && newestDay == t.newestDay
                    && Arrays.equals(ring, t.ring) && Arrays.equals(ringHits, t.ringHits)
                    && Arrays.equals(winCounts, t.winCounts) && Arrays.equals(winHits, t.winHits)
                    && Arrays.equals(winSumP, t.winSumP) && Arrays.equals(winGlobals, t.winGlobals)
                    && Arrays.equals(days, t.days) && Arrays.equals(dayCounts, t.dayCounts)
                    && Arrays.equals(dayHits, t.dayHits) && Arrays.equals(daySumP, t.daySumP)
                    && Arrays.equals(dayGlobals, t.dayGlobals);
        }

        @Override
        public int hashCode() {
            int h = Long.hashCode(pushes);
            h = 31 * h + Long.hashCode(newestDay);
            h = 31 * h + Arrays.hashCode(ring);
            h = 31 * h + Arrays.hashCode(winSumP);
            return 31 * h + Arrays.hashCode(days);
        }

        @Override
        public String toString() {
            return "TrackerState[pushes=" + pushes + ", ring=" + ring.length + ", days=" + Arrays.toString(days)
                    + ", newestDay=" + newestDay + "]";
        }
    }
}

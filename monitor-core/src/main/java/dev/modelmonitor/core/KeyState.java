package dev.modelmonitor.core;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.KeySnapshot;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Verdict;
import dev.modelmonitor.core.calibration.CalibrationEngine;
import dev.modelmonitor.core.calibration.KeyCalibration;
import dev.modelmonitor.core.drift.DriftEvaluator;
import dev.modelmonitor.core.forecast.ForecastAccumulator;
import dev.modelmonitor.core.forecast.ForecastAlertState;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the monitor keeps for one key: ledger counts, the rolling windows of scored verdicts as one
 * bitset ring with a running hit count per window, the key's calibration accumulators
 * ({@link KeyCalibration}, created the first time a prediction with a confidence resolves) and its forecast
 * state ({@link ForecastAccumulator}, created at its first forecast resolution).
 *
 * <p>Windows: a ring of {@code 2^ceil(log2(longWindow))} bits (256 for the default 200). Pushing a verdict
 * subtracts, for each window of size w, the bit pushed w steps earlier and adds the new bit: O(windows) per
 * resolution, exact integer counts, no rescan. Memory at the defaults: 32 B of bits, about 0.4 KB per key
 * without calibration or forecast state; see {@link KeyCalibration} for what a key with confidences adds, and
 * about 8 KB for a key with forecasts at the default forecast config.
 *
 * <p>Thread-safety: the mutable window state and the logged count are guarded by {@code this} (logs and
 * resolutions reach them through the threads' buffers); {@code expired} is a concurrent counter;
 * {@code baseline} is volatile. Alert bookkeeping ({@code publishedLevel},
 * {@code publishedAtMillis}) is touched only under the monitor's check lock.
 */
final class KeyState {

    final ModelKey key;
    final AtomicLong expired = new AtomicLong();
    volatile Baseline baseline;

    // guarded by this
    private final int[] sizes;
    private final int[] corrects;
    private final int[] counts = new int[3];
    private final long[] bits;
    private final int mask;
    private final CalibrationEngine engine;
    // written once under this lock, read by the check without it
    private volatile KeyCalibration calibration;
    private long pushes;
    private long logged;
    // scored predictions before the first push of this instance (restored from a snapshot)
    private long pushBase;
    private long resolved;
    private long lastResolvedAtMillis;
    // what the last snapshot held, to skip keys that did not change
    private long snapshotResolved = -1;
    private long snapshotExpired = -1;
    private Baseline snapshotBaseline;
    private ForecastAccumulator snapshotForecast;
    private ForecastBaseline snapshotForecastBaseline;
    private long snapshotForecastDay = Long.MIN_VALUE;
    private KeyCalibration snapshotCalibration;
    private long snapshotCalibrationChanges;
    private double snapshotCritical = Double.NaN;

    // guarded by this; null until the key's first forecast resolution (or forecast baseline), so keys
    // without forecasts pay three references
    private final ForecastConfig forecastConfig;
    ForecastAccumulator forecast;

    // guarded by the monitor's check lock
    DriftLevel publishedLevel = DriftLevel.HEALTHY;
    long publishedAtMillis;
    ForecastAlertState forecastAlerts;

    KeyState(ModelKey key, DriftThresholds t, CalibrationEngine engine, ForecastConfig forecastConfig) {
        this.key = key;
        this.engine = engine;
        this.forecastConfig = forecastConfig;
        this.sizes = new int[] {t.shortWindow(), t.mediumWindow(), t.longWindow()};
        this.corrects = new int[3];
        int capacity = Integer.highestOneBit(t.longWindow() - 1) << 1;
        if (capacity < 64) {
            capacity = 64;
        }
        this.mask = capacity - 1;
        this.bits = new long[capacity >>> 6];
    }

    /** Counts n logged predictions. Caller holds the lock on this. */
    void loggedLocked(long n) {
        logged += n;
    }

    /** Sets the logged count of a key rebuilt from a store. Caller holds the lock. */
    void restoreLoggedLocked(long count) {
        logged = count;
    }

    /** Predictions logged since start. Caller holds the lock. */
    long loggedCountLocked() {
        return logged;
    }

    /**
     * Records one resolution. Caller holds the lock on this.
     *
     * @param verdict    the verdict; UNSCORED only counts as resolved
     * @param prediction the prediction
     * @param outcome    its outcome
     * @param atMillis   the resolution time
     */
    void applyLocked(Verdict verdict, Prediction prediction, Outcome outcome, long atMillis) {
        resolved++;
        if (atMillis > lastResolvedAtMillis) {
            lastResolvedAtMillis = atMillis;
        }
        if (verdict == Verdict.UNSCORED) {
            return;
        }
        double confidence = prediction.confidence();
        if (!Double.isNaN(confidence)) {
            KeyCalibration c = calibration;
            if (c == null) {
                c = calibration = engine.newKey(key, this);
            }
            c.applyLocked(prediction, outcome, verdict, confidence, atMillis);
        }
        pushLocked(verdict == Verdict.CORRECT ? 1 : 0);
    }

    /**
     * Records n resolutions together, in order: each scored, with confidence {@code confidence[i]}, correct
     * when {@code hits[i]} is 1, resolved at {@code atMillis[i]}, and not a probability forecast. The state
     * afterwards is exactly what n calls of {@link #applyLocked} would leave; the window counts and the
     * calibration sums stay in registers across the n. Caller holds the lock on this.
     *
     * @param confidence the confidences, none NaN
     * @param hits       1 for a correct prediction, else 0
     * @param atMillis   the resolution times
     * @param n          how many, from index 0
     */
    void applyScoredLocked(double[] confidence, int[] hits, long[] atMillis, int n) {
        if (n <= 0) {
            return;
        }
        resolved += n;
        long last = lastResolvedAtMillis;
        int[] cs = corrects;
        int s0 = sizes[0];
        int s1 = sizes[1];
        int s2 = sizes[2];
        int c0 = cs[0];
        int c1 = cs[1];
        int c2 = cs[2];
        long[] b = bits;
        int m = mask;
        long p = pushes;
        for (int i = 0; i < n; i++) {
            if (atMillis[i] > last) {
                last = atMillis[i];
            }
            int hit = hits[i];
            if (p >= s0) {
                int old = (int) ((p - s0) & m);
                c0 -= (int) (b[old >>> 6] >>> old) & 1;
            }
            if (p >= s1) {
                int old = (int) ((p - s1) & m);
                c1 -= (int) (b[old >>> 6] >>> old) & 1;
            }
            if (p >= s2) {
                int old = (int) ((p - s2) & m);
                c2 -= (int) (b[old >>> 6] >>> old) & 1;
            }
            c0 += hit;
            c1 += hit;
            c2 += hit;
            int slot = (int) (p & m);
            long bit = 1L << slot;
            b[slot >>> 6] = (b[slot >>> 6] & ~bit) | (-(long) hit & bit);
            p++;
        }
        cs[0] = c0;
        cs[1] = c1;
        cs[2] = c2;
        pushes = p;
        lastResolvedAtMillis = last;
        KeyCalibration c = calibration;
        if (c == null) {
            c = calibration = engine.newKey(key, this);
        }
        c.applyConfidencesLocked(confidence, hits, atMillis, n);
    }

    private void pushLocked(int hit) {
        long p = pushes;
        int[] s = sizes;
        for (int w = 0; w < s.length; w++) {
            if (p >= s[w]) {
                int old = (int) ((p - s[w]) & mask);
                corrects[w] -= (int) (bits[old >>> 6] >>> old) & 1;
            }
            corrects[w] += hit;
        }
        int slot = (int) (p & mask);
        long bit = 1L << slot;
        bits[slot >>> 6] = (bits[slot >>> 6] & ~bit) | (-(long) hit & bit);
        pushes = p + 1;
    }

    /**
     * Records one resolved forecast in the key's forecast state, creating it at the first. Caller holds the
     * lock on this.
     *
     * @return a finished day for the store, or null
     */
    ForecastDay applyForecastLocked(Prediction.Forecast prediction, double actual, long atMillis) {
        return forecastLocked().add(prediction, actual, atMillis);
    }

    /** The key's forecast state, created when missing. Caller holds the lock on this. */
    ForecastAccumulator forecastLocked() {
        ForecastAccumulator f = forecast;
        if (f == null) {
            f = new ForecastAccumulator(key, forecastConfig);
            forecast = f;
        }
        return f;
    }

    /**
     * Evaluates the windows now. Caller holds the lock; the key's own arrays serve as the evaluator's
     * input, so a check allocates only its report.
     */
    DriftReport evaluateLocked(DriftThresholds t, long nowMillis) {
        Baseline b = baseline;
        for (int w = 0; w < sizes.length; w++) {
            counts[w] = (int) Math.min(pushes, sizes[w]);
        }
        return DriftEvaluator.evaluate(key, t, b == null ? Double.NaN : b.accuracy(), sizes, counts, corrects,
                pushBase + pushes, nowMillis);
    }

    /** Scored predictions since the key was first seen, across restarts. Caller holds the lock. */
    long scoredLocked() {
        return pushBase + pushes;
    }

    /**
     * Sets this key's state from a snapshot: counts, and the windows refilled by pushing the snapshot's
     * verdicts oldest first (so every window the snapshot covers holds exactly what it held), the forecast
     * state and the calibration state. A snapshot written with a shorter long window than this key's leaves
     * the longer windows partly filled; a forecast state taken with another count window, long days or
     * horizon buckets than this monitor's cannot be taken up: the key's forecast state starts empty with the
     * stored forecast baseline; a calibration state taken with other bins, count windows or retained days
     * cannot be taken up either: its accumulators start empty, its last closed day, retrain cool-down and
     * critical mark are kept. Caller holds the lock and the monitor's check lock; the key must not have been
     * used yet.
     *
     * @return what could not be taken up, one sentence each; empty when everything was
     */
    java.util.List<String> restoreLocked(KeySnapshot s) {
        KeySnapshot.Verdicts v = s.verdicts();
        String hits = v.hits();
        int from = Math.max(0, hits.length() - sizes[sizes.length - 1]);
        for (int i = from; i < hits.length(); i++) {
            pushLocked(hits.charAt(i) == '1' ? 1 : 0);
        }
        pushBase = v.scored() - pushes;
        resolved = s.counts().resolved();
        lastResolvedAtMillis = s.counts().lastResolvedAtMillis();
        expired.set(s.counts().expired());
        if (baseline == null) {
            baseline = s.baseline();
        }
        java.util.List<String> problems = new java.util.ArrayList<>(0);
        if (s.forecast() != null) {
            try {
                forecast = ForecastAccumulator.restore(s.forecast(), forecastConfig);
            } catch (IllegalArgumentException e) {
                problems.add("the stored forecast state does not fit this monitor's forecast config ("
                        + e.getMessage() + "); its forecast windows start empty");
                forecast = new ForecastAccumulator(key, forecastConfig);
                forecast.baseline(s.forecast().baseline());
            }
        }
        if (s.calibration() != null) {
            KeyCalibration c = calibrationOrCreateLocked();
            try {
                engine.restore(c, s.calibration());
            } catch (IllegalArgumentException e) {
                problems.add("the stored calibration state does not fit this monitor's calibration thresholds ("
                        + e.getMessage() + "); its accumulators start empty, its closed days, retrain cool-down "
                        + "and critical mark are kept");
                engine.restoreSettings(c, s.calibration());
            }
        }
        markSnapshotLocked();
        if (s.calibration() != null) {
            // what the store holds: a builder's mark that overrode it makes the key write a snapshot again
            snapshotCritical = s.calibration().criticalThreshold();
        }
        return problems;
    }

    /** Whether anything a snapshot holds changed since the last one. Caller holds the lock. */
    boolean changedSinceSnapshotLocked() {
        return resolved != snapshotResolved || expired.get() != snapshotExpired || baseline != snapshotBaseline
                || forecastChangedLocked() || calibrationChangedLocked();
    }

    /**
     * Whether the calibration state was created or replaced, changed other than by a resolution (a day
     * close, a reference period, a restore), or the key's critical mark changed, since the last snapshot.
     */
    private boolean calibrationChangedLocked() {
        KeyCalibration c = calibration;
        if (c != snapshotCalibration) {
            return true;
        }
        return c != null && (c.changesLocked() != snapshotCalibrationChanges
                || Double.compare(engine.criticalThresholdOrNaN(key), snapshotCritical) != 0);
    }

    /** Whether the forecast state was replaced, or its baseline or open day moved, since the last snapshot. */
    private boolean forecastChangedLocked() {
        ForecastAccumulator f = forecast;
        if (f != snapshotForecast) {
            return true;
        }
        return f != null && (f.baseline() != snapshotForecastBaseline || f.openEpochDay() != snapshotForecastDay);
    }

    /**
     * This key's state now, as a snapshot: counts, the long window's verdicts oldest first, the baseline,
     * the forecast state and the calibration state. O(long window + forecast count window + long days x
     * horizon buckets + calibration count windows + retained days x bins). Caller holds the lock and the
     * monitor's check lock (the calibration state's breach bookkeeping is the check's).
     */
    KeySnapshot snapshotLocked(long nowMillis) {
        int n = longCountLocked();
        char[] hits = new char[n];
        for (int i = 0; i < n; i++) {
            hits[i] = hitAtLocked(n - 1 - i) ? '1' : '0';
        }
        KeySnapshot s = new KeySnapshot(key, nowMillis,
                new KeySnapshot.Counts(resolved, expired.get(), lastResolvedAtMillis),
                new KeySnapshot.Verdicts(pushBase + pushes, new String(hits)), baseline,
                forecast == null ? null : forecast.snapshot(),
                calibration == null ? null : engine.snapshot(calibration));
        markSnapshotLocked();
        return s;
    }

    private void markSnapshotLocked() {
        snapshotResolved = resolved;
        snapshotExpired = expired.get();
        snapshotBaseline = baseline;
        snapshotForecast = forecast;
        snapshotForecastBaseline = forecast == null ? null : forecast.baseline();
        snapshotForecastDay = forecast == null ? Long.MIN_VALUE : forecast.openEpochDay();
        snapshotCalibration = calibration;
        snapshotCalibrationChanges = calibration == null ? 0 : calibration.changesLocked();
        snapshotCritical = engine.criticalThresholdOrNaN(key);
    }

    /** Resolutions since start (scored or not). Caller holds the lock. */
    long resolvedLocked() {
        return resolved;
    }

    long lastResolvedAtMillisLocked() {
        return lastResolvedAtMillis;
    }

    /** The number of entries in the long window. Caller holds the lock. */
    int longCountLocked() {
        return (int) Math.min(pushes, sizes[sizes.length - 1]);
    }

    /**
     * @param i age, 0 = newest
     * @return whether that entry was correct
     */
    boolean hitAtLocked(int i) {
        int slot = (int) ((pushes - 1 - i) & mask);
        return ((bits[slot >>> 6] >>> slot) & 1L) != 0;
    }

    /**
     * The key's calibration state, or null before its first resolution with a confidence. Safe without the
     * lock: the field is written once.
     */
    KeyCalibration calibrationLocked() {
        return calibration;
    }

    /**
     * The key's calibration state, created when missing (for a restore or a reference set before any
     * resolution). Caller holds the lock.
     */
    KeyCalibration calibrationOrCreateLocked() {
        if (calibration == null) {
            calibration = engine.newKey(key, this);
        }
        return calibration;
    }
}

package dev.modelmonitor.core;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Verdict;
import dev.modelmonitor.core.calibration.CalibrationEngine;
import dev.modelmonitor.core.calibration.KeyCalibration;
import dev.modelmonitor.core.drift.DriftEvaluator;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything the monitor keeps for one key: ledger counts, the rolling windows of scored verdicts as one
 * bitset ring with a running hit count per window, and the key's calibration accumulators
 * ({@link KeyCalibration}, created the first time a prediction with a confidence resolves).
 *
 * <p>Windows: a ring of {@code 2^ceil(log2(longWindow))} bits (256 for the default 200). Pushing a verdict
 * subtracts, for each window of size w, the bit pushed w steps earlier and adds the new bit: O(windows) per
 * resolution, exact integer counts, no rescan. Memory at the defaults: 32 B of bits, about 0.4 KB per key
 * without calibration state; see {@link KeyCalibration} for what a key with confidences adds.
 *
 * <p>Thread-safety: the mutable window state is guarded by {@code this}; {@code logged} and {@code expired}
 * are concurrent counters; {@code baseline} is volatile. Alert bookkeeping ({@code publishedLevel},
 * {@code publishedAtMillis}) is touched only under the monitor's check lock.
 */
final class KeyState {

    final ModelKey key;
    final LongAdder logged = new LongAdder();
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
    private long resolved;
    private long lastResolvedAtMillis;

    // guarded by the monitor's check lock
    DriftLevel publishedLevel = DriftLevel.HEALTHY;
    long publishedAtMillis;

    KeyState(ModelKey key, DriftThresholds t, CalibrationEngine engine) {
        this.key = key;
        this.engine = engine;
        this.sizes = new int[] {t.shortWindow(), t.mediumWindow(), t.longWindow()};
        this.corrects = new int[3];
        int capacity = Integer.highestOneBit(t.longWindow() - 1) << 1;
        if (capacity < 64) {
            capacity = 64;
        }
        this.mask = capacity - 1;
        this.bits = new long[capacity >>> 6];
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
        int hit = verdict == Verdict.CORRECT ? 1 : 0;
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
     * Evaluates the windows now. Caller holds the lock; the key's own arrays serve as the evaluator's
     * input, so a check allocates only its report.
     */
    DriftReport evaluateLocked(DriftThresholds t, long nowMillis) {
        Baseline b = baseline;
        for (int w = 0; w < sizes.length; w++) {
            counts[w] = (int) Math.min(pushes, sizes[w]);
        }
        return DriftEvaluator.evaluate(key, t, b == null ? Double.NaN : b.accuracy(), sizes, counts, corrects,
                pushes, nowMillis);
    }

    /** Scored predictions since start. Caller holds the lock. */
    long scoredLocked() {
        return pushes;
    }

    /** Resolutions since start (scored or not). Caller holds the lock. */
    long resolvedLocked() {
        return resolved;
    }

    long lastResolvedAtMillisLocked() {
        return lastResolvedAtMillis;
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

package dev.modelmonitor.benchmarks;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Verdict;
import dev.modelmonitor.api.WindowAccuracy;
import dev.modelmonitor.api.CalibrationThresholds;
import dev.modelmonitor.core.calibration.CalibrationEngine;
import dev.modelmonitor.core.calibration.KeyCalibration;
import dev.modelmonitor.core.drift.DriftEvaluator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The straightforward monitor a benchmark compares {@code ModelMonitor} against: design A of
 * {@code PERF-NOTES.md}. It exists only to give the library's hot path a baseline measured in the same
 * JMH run, on the same machine, with the same inputs; it is not part of the library and not meant for use.
 *
 * <p>What it does, the obvious way:
 * <ul>
 *   <li>{@link #log}: one shared {@link AtomicLong} hands out ids; the pending prediction goes into a
 *       {@code ConcurrentHashMap<Long, Pending>} (a boxed id, a map node and a {@code Pending} per log);</li>
 *   <li>{@link #resolve}: removes the entry, scores it with {@link Prediction#score} (UP is correct when
 *       exit &gt; entry, as in the library) and, inside a {@code synchronized} block on the key's state,
 *       pushes the verdict into the same windows as {@code KeyState.applyLocked}: one bitset ring of 256
 *       bits with a running hit count per window (50/100/200 by default, subtract-on-evict), and adds the
 *       confidence to the same calibration accumulators the library keeps ({@link KeyCalibration});</li>
 *   <li>{@link #detectDrift}: copies the window counts under the key's lock and runs the same one-sided
 *       z-test as {@code DriftEvaluator}, but takes the p-value from commons-math3's
 *       {@link NormalDistribution#cumulativeProbability}, and builds the same {@link DriftReport}.</li>
 * </ul>
 * So the work per call matches the library's; only the id, pending and synchronisation design (and the
 * normal CDF) differ. No store, no alerts, no expiry.
 *
 * <p>Thread-safe. Memory: one {@code Pending} (plus box and node, about 100 B) per pending prediction, and
 * a few KB per key (the windows and the calibration accumulators).
 */
public final class NaiveMonitor {

    /** The standard normal of commons-math3; its random generator is never used. */
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0.0, 1.0);

    private final Clock clock;
    private final DriftThresholds thresholds;
    private final double holdBand;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ModelKey, Windows> keys = new ConcurrentHashMap<>();
    private final CalibrationEngine calibration =
            new CalibrationEngine(CalibrationThresholds.defaults(), java.util.Map.of());

    /** A logged prediction waiting for its outcome. */
    private record Pending(Windows windows, Prediction prediction, long loggedAtMillis) {
    }

    /**
     * A naive monitor with the default thresholds and hold band.
     *
     * @param clock the time source
     */
    public NaiveMonitor(Clock clock) {
        this(clock, DriftThresholds.defaults(), 0.002);
    }

    /**
     * @param clock      the time source
     * @param thresholds the window sizes and drift rules
     * @param holdBand   the relative band inside which a HOLD call is correct
     */
    public NaiveMonitor(Clock clock, DriftThresholds thresholds, double holdBand) {
        this.clock = clock;
        this.thresholds = thresholds;
        this.holdBand = holdBand;
    }

    /**
     * Logs a prediction.
     *
     * @param key        the key
     * @param prediction the prediction
     * @return its id, from 1
     */
    public long log(ModelKey key, Prediction prediction) {
        Windows w = keys.get(key);
        if (w == null) {
            w = keys.computeIfAbsent(key, k -> new Windows(k, thresholds, calibration));
        }
        long id = ids.incrementAndGet();
        pending.put(id, new Pending(w, prediction, clock.millis()));
        return id;
    }

    /**
     * Resolves a pending prediction.
     *
     * @param id      the id {@link #log} returned
     * @param outcome the outcome
     * @return true when the id was pending
     */
    public boolean resolve(long id, Outcome outcome) {
        Pending p = pending.remove(id);
        if (p == null) {
            return false;
        }
        Verdict verdict = p.prediction().score(outcome, holdBand);
        long now = clock.millis();
        Windows w = p.windows();
        synchronized (w) {
            w.apply(verdict, p.prediction(), outcome, Math.max(now, p.loggedAtMillis()));
        }
        return true;
    }

    /**
     * Sets a key's baseline.
     *
     * @param key      the key
     * @param baseline the baseline
     */
    public void setBaseline(ModelKey key, Baseline baseline) {
        keys.computeIfAbsent(key, k -> new Windows(k, thresholds, calibration)).baseline = baseline;
    }

    /**
     * Checks one key for accuracy drift, with commons-math3 for the p-values.
     *
     * @param key the key
     * @return the report
     */
    public DriftReport detectDrift(ModelKey key) {
        Windows s = keys.get(key);
        int n = 3;
        int[] sizes = {thresholds.shortWindow(), thresholds.mediumWindow(), thresholds.longWindow()};
        int[] counts = new int[n];
        int[] corrects = new int[n];
        long scored = 0;
        double base = Double.NaN;
        if (s != null) {
            Baseline b = s.baseline;
            if (b != null) {
                base = b.accuracy();
            }
            synchronized (s) {
                for (int i = 0; i < n; i++) {
                    counts[i] = (int) Math.min(s.pushes, sizes[i]);
                    corrects[i] = s.corrects[i];
                }
                scored = s.pushes;
            }
        }
        boolean hasBaseline = !Double.isNaN(base);
        List<WindowAccuracy> windows = new ArrayList<>(n);
        DriftLevel verdict = DriftLevel.INSUFFICIENT_DATA;
        int verdictIndex = -1;
        for (int i = 0; i < n; i++) {
            int count = counts[i];
            double accuracy = count == 0 ? Double.NaN : (double) corrects[i] / count;
            boolean evaluated = count >= thresholds.minPredictions() && (count == sizes[i] || i == 0);
            double drop = Double.NaN;
            double z = Double.NaN;
            double p = Double.NaN;
            DriftLevel level = DriftLevel.INSUFFICIENT_DATA;
            if (evaluated) {
                if (hasBaseline) {
                    drop = base - accuracy;
                    z = (accuracy - base) / Math.sqrt(base * (1.0 - base) / count);
                    p = STANDARD_NORMAL.cumulativeProbability(z);
                }
                level = naiveLevel(thresholds, hasBaseline, accuracy, drop, p);
                if (level.compareTo(verdict) > 0) {
                    verdict = level;
                    verdictIndex = i;
                }
            }
            windows.add(new WindowAccuracy(sizes[i], count, corrects[i], accuracy, drop, z, p, level));
        }
        WindowAccuracy head = windows.get(verdictIndex < 0 ? 0 : verdictIndex);
        return new DriftReport(key, verdict, base, windows, verdictIndex < 0 ? 0 : head.size(), head.accuracy(),
                hasBaseline ? base - head.accuracy() : Double.NaN, head.zStatistic(), head.pValue(),
                head.pValue() < thresholds.alpha(), thresholds, scored, clock.millis());
    }

    /** One key's windows, as in {@code KeyState}; guarded by this. */
    private static final class Windows {
        final ModelKey key;
        volatile Baseline baseline;
        final int[] sizes;
        final int[] corrects = new int[3];
        final long[] bits;
        final KeyCalibration calibration;
        final int mask;
        long pushes;
        long resolved;
        long lastResolvedAtMillis;

        Windows(ModelKey key, DriftThresholds t, CalibrationEngine engine) {
            this.key = key;
            this.sizes = new int[] {t.shortWindow(), t.mediumWindow(), t.longWindow()};
            int capacity = Math.max(64, Integer.highestOneBit(t.longWindow() - 1) << 1);
            this.mask = capacity - 1;
            this.bits = new long[capacity >>> 6];
            this.calibration = engine.newKey(key, this);
        }

        void apply(Verdict verdict, Prediction prediction, Outcome outcome, long atMillis) {
            resolved++;
            if (atMillis > lastResolvedAtMillis) {
                lastResolvedAtMillis = atMillis;
            }
            if (verdict == Verdict.UNSCORED) {
                return;
            }
            double confidence = prediction.confidence();
            if (!Double.isNaN(confidence)) {
                calibration.applyLocked(prediction, outcome, verdict, confidence, atMillis);
            }
            int hit = verdict == Verdict.CORRECT ? 1 : 0;
            long p = pushes;
            for (int w = 0; w < sizes.length; w++) {
                if (p >= sizes[w]) {
                    int old = (int) ((p - sizes[w]) & mask);
                    corrects[w] -= (int) (bits[old >>> 6] >>> old) & 1;
                }
                corrects[w] += hit;
            }
            int slot = (int) (p & mask);
            long bit = 1L << slot;
            bits[slot >>> 6] = (bits[slot >>> 6] & ~bit) | (-(long) hit & bit);
            pushes = p + 1;
        }
    }

    /** The seed's level rule, with the p-value from the library normal CDF computed above. */
    private static DriftLevel naiveLevel(DriftThresholds t, boolean hasBaseline, double accuracy, double drop,
                                         double p) {
        boolean gate = !t.requireSignificance() || p < t.alpha();
        if (accuracy < t.randomBaseline() - DriftEvaluator.EPS) {
            return DriftLevel.RETRAIN;
        }
        if (!hasBaseline) {
            return DriftLevel.HEALTHY;
        }
        if (drop >= t.criticalDrop() - DriftEvaluator.EPS && gate) {
            return DriftLevel.CRITICAL;
        }
        if (drop >= t.warningDrop() - DriftEvaluator.EPS && gate) {
            return DriftLevel.WARNING;
        }
        return DriftLevel.HEALTHY;
    }
}

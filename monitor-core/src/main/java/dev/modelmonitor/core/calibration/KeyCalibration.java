package dev.modelmonitor.core.calibration;

import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationStateSnapshot;
import dev.modelmonitor.api.CalibrationStats;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * The calibration state of one key, created by {@link CalibrationEngine#newKey} the first time the key
 * resolves a prediction with a probability (a key that never does pays nothing). Engine plumbing between
 * {@code ModelMonitor} and this package: hosts use the monitor's methods, not this class.
 *
 * <p>Thread-safety: the accumulators, the last closed day and the reference periods are guarded by the
 * lock of the owning per-key state (the object passed to {@code newKey}), which the monitor already holds
 * when it applies a resolution; the breach and retrain bookkeeping is touched only by the monitor's check
 * (under its check lock).
 *
 * <p>Memory, at the default thresholds (10 bins, one 200 window, 30 days): per kind seen, 1.6 KB of
 * probability ring (the longest window of doubles), 32 B of outcome bits, 0.2 KB of window sums per window, and about
 * 200 B per day slot (1 slot at first, doubling to 32 as days accumulate, 6.4 KB at most), plus 0.4 KB for
 * the reference period once a day has closed and 0.8 KB for the breach runs of a critical key: about 2.6 KB
 * for a key in its first day, about 9 KB for a key with a month of daily history.
 *
 * <p>Cost per resolution: one push into each count window (add, and subtract the forecast that leaves it)
 * and one add into the day's slot; the day index is cached, so a division happens once a day. One at a time
 * ({@link #applyLocked}) that is about 15 ns on the project's machine with the default single window; the
 * monitor hands the resolutions a thread's buffer applies together to {@link #applyConfidencesLocked},
 * which keeps the running sums in registers across them: about 5 ns each (see benchmarks/README.md).
 */
public final class KeyCalibration {

    final ModelKey key;
    final Object lock;
    private final CalibrationEngine engine;

    // guarded by lock (lastClosedDay is also read without it by the check's fast path: it is written under the
    // lock once by the first resolution, then only by the check thread)
    Kind confidence;
    Kind probability;
    volatile long lastClosedDay = CalibrationStateSnapshot.NO_DAY;
    // changes other than resolutions (a day close, a reference period, a restore), so a store knows to
    // snapshot the key again
    long changes;
    // the day of the last resolution and its bounds in epoch ms, so most resolutions skip the division
    private long cachedDay = CalibrationStateSnapshot.NO_DAY;
    private long cachedFrom = Long.MAX_VALUE;
    private long cachedTo = Long.MIN_VALUE;

    // touched only under the monitor's check lock
    final Breach breach;
    long lastRetrainAtMillis = Long.MIN_VALUE;

    KeyCalibration(ModelKey key, Object lock, CalibrationEngine engine) {
        this.key = key;
        this.lock = lock;
        this.engine = engine;
        this.breach = new Breach(engine.thresholds.bins());
    }

    /** One kind's accumulators and reference period. */
    static final class Kind {
        final Tracker tracker;
        long firstDay = CalibrationStateSnapshot.NO_DAY;
        long referenceFrom = CalibrationStateSnapshot.NO_DAY;
        long referenceTo = CalibrationStateSnapshot.NO_DAY;
        boolean referenceExplicit;
        private final int bins;
        private Accumulator reference;

        Kind(Tracker tracker, int bins) {
            this.tracker = tracker;
            this.bins = bins;
        }

        /** The reference statistics, allocated on first use. */
        Accumulator reference() {
            if (reference == null) {
                reference = new Accumulator(bins);
            }
            return reference;
        }
    }

    /** The breach bookkeeping of the judged kind; its run statistics are allocated on first use. */
    static final class Breach {
        private final int bins;
        CalibrationKind kind;
        boolean breached;
        int streak;
        long streakFrom = CalibrationStateSnapshot.NO_DAY;
        private Accumulator streakStats;
        int good;
        long goodFrom = CalibrationStateSnapshot.NO_DAY;
        private Accumulator goodStats;

        Breach(int bins) {
            this.bins = bins;
        }

        Accumulator streakStats() {
            if (streakStats == null) {
                streakStats = new Accumulator(bins);
            }
            return streakStats;
        }

        Accumulator goodStats() {
            if (goodStats == null) {
                goodStats = new Accumulator(bins);
            }
            return goodStats;
        }

        void resetStreak() {
            streak = 0;
            streakFrom = CalibrationStateSnapshot.NO_DAY;
            if (streakStats != null) {
                streakStats.reset();
            }
        }

        void resetGood() {
            good = 0;
            goodFrom = CalibrationStateSnapshot.NO_DAY;
            if (goodStats != null) {
                goodStats.reset();
            }
        }
    }

    /**
     * Applies one resolution. The caller holds {@link #lock}. O(count windows + bins) in the worst case (a
     * new day's slot), no allocation except when a kind is first seen or the day ring grows.
     *
     * @param prediction the prediction
     * @param outcome    its outcome
     * @param verdict    its verdict; UNSCORED is ignored
     * @param c          the prediction's confidence ({@code prediction.confidence()}); NaN is ignored
     * @param atMillis   the resolution time
     */
    public void applyLocked(Prediction prediction, Outcome outcome, Verdict verdict, double c, long atMillis) {
        if (verdict == Verdict.UNSCORED || Double.isNaN(c)) {
            return;
        }
        long day = dayOf(atMillis);
        Kind k = confidence;
        if (k == null) {
            k = confidence = engine.newKind();
        }
        long counted = k.tracker.add(c, verdict == Verdict.CORRECT ? 1 : 0, day, lastClosedDay);
        if (k.firstDay == CalibrationStateSnapshot.NO_DAY) {
            k.firstDay = counted;
        }
        if (prediction instanceof Prediction.ProbabilityForecast) {
            Kind p = probability;
            if (p == null) {
                p = probability = engine.newKind();
            }
            boolean occurred = ((Outcome.EventOutcome) outcome).occurred();
            counted = p.tracker.add(((Prediction.ProbabilityForecast) prediction).probability(), occurred ? 1 : 0,
                    day, lastClosedDay);
            if (p.firstDay == CalibrationStateSnapshot.NO_DAY) {
                p.firstDay = counted;
            }
        }
    }

    /**
     * Applies resolutions of the confidence kind in order: confidence {@code c[i]}, outcome {@code y[i]} (1 when
     * the prediction was correct) at {@code atMillis[i]}, for i in [0, n). The state afterwards is bit for bit
     * what n calls of {@link #applyLocked} would leave for predictions that are not probability forecasts,
     * scored and with a confidence; the monitor uses it for the resolutions it applies together, so that the
     * accumulators' sums stay in registers across them. O(n + days among them). The caller holds
     * {@link #lock}.
     *
     * @param c        confidences in [0, 1]
     * @param y        1 for a correct prediction, else 0
     * @param atMillis the resolution times
     * @param n        how many, from index 0
     */
    public void applyConfidencesLocked(double[] c, int[] y, long[] atMillis, int n) {
        if (n <= 0) {
            return;
        }
        Kind k = confidence;
        if (k == null) {
            k = confidence = engine.newKind();
        }
        int from = 0;
        while (from < n) {
            long day = dayOf(atMillis[from]);
            long dayFrom = cachedFrom;
            long dayTo = cachedTo;
            int to = from + 1;
            while (to < n && atMillis[to] >= dayFrom && atMillis[to] < dayTo) {
                to++;
            }
            long counted = k.tracker.addAll(c, y, from, to, day, lastClosedDay);
            if (k.firstDay == CalibrationStateSnapshot.NO_DAY) {
                k.firstDay = counted;
            }
            from = to;
        }
    }

    /**
     * The day of a resolution time, from the cached bounds of the last one's day (a division once a day), and
     * the last closed day set to the day before the first resolution's.
     */
    private long dayOf(long atMillis) {
        long day;
        if (atMillis >= cachedFrom && atMillis < cachedTo) {
            day = cachedDay;
        } else {
            day = engine.day(atMillis);
            cachedDay = day;
            cachedFrom = engine.dayStartMillis(day);
            cachedTo = engine.dayStartMillis(day + 1);
        }
        if (lastClosedDay == CalibrationStateSnapshot.NO_DAY) {
            lastClosedDay = day - 1;
        }
        return day;
    }

    /**
     * How many times this state changed other than by a resolution: a day close, a reference period set, a
     * restore. The caller holds {@link #lock}.
     *
     * @return the count
     */
    public long changesLocked() {
        return changes;
    }

    /** @return the key */
    public ModelKey key() {
        return key;
    }

    Kind kind(CalibrationKind kind) {
        return kind == CalibrationKind.PROBABILITY ? probability : confidence;
    }

    /** The judged kind: PROBABILITY once a probability forecast was resolved. Caller holds the lock. */
    CalibrationKind judgedKindLocked() {
        return probability != null ? CalibrationKind.PROBABILITY : CalibrationKind.CONFIDENCE;
    }

    /** One closed day of one kind. */
    record ClosedDay(CalibrationKind kind, long day, CalibrationStats stats) {
    }

    /**
     * Closes every held day before {@code today} that is still open, both kinds, oldest first, and moves the
     * last closed day to {@code today - 1}. Caller holds the lock.
     */
    List<ClosedDay> closeLocked(long today) {
        List<ClosedDay> out = new ArrayList<>();
        long from = lastClosedDay == CalibrationStateSnapshot.NO_DAY ? Long.MIN_VALUE : lastClosedDay + 1;
        if (today <= from) {
            return out;
        }
        Accumulator acc = new Accumulator(engine.thresholds.bins());
        for (CalibrationKind kind : CalibrationKind.values()) {
            Kind k = kind(kind);
            if (k == null) {
                continue;
            }
            for (long d : k.tracker.heldDays(from, today)) {
                acc.reset();
                k.tracker.addDayTo(d, acc);
                out.add(new ClosedDay(kind, d, acc.toStats()));
            }
        }
        out.sort((a, b) -> a.day != b.day ? Long.compare(a.day, b.day) : a.kind.compareTo(b.kind));
        lastClosedDay = today - 1;
        return out;
    }
}

package dev.modelmonitor.core.calibration;

import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationChange;
import dev.modelmonitor.api.CalibrationDay;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationMetrics;
import dev.modelmonitor.api.CalibrationPeriod;
import dev.modelmonitor.api.CalibrationStateSnapshot;
import dev.modelmonitor.api.CalibrationStats;
import dev.modelmonitor.api.CalibrationSummary;
import dev.modelmonitor.api.CalibrationThresholds;
import dev.modelmonitor.api.CalibrationWindow;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.ReliabilityBin;
import dev.modelmonitor.api.RetrainReason;
import dev.modelmonitor.api.RetrainRequest;
import dev.modelmonitor.api.RetrainTrigger;
import dev.modelmonitor.stats.Means;
import dev.modelmonitor.stats.Normal;
import dev.modelmonitor.stats.TestResult;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calibration capability of a monitor: creates per-key state, answers queries from it, closes days
 * (history, breach alerts, retrain requests) and snapshots and restores it. Engine plumbing: the monitor
 * owns one and hosts use the monitor's methods.
 *
 * <p><b>Days</b> are epoch days in the thresholds' zone: {@code floorDiv(millis + offset, 86,400,000)}.
 *
 * <p><b>Breach rule</b> (for keys marked critical, on their judged kind): a judged day (at least
 * {@code minDailySamples} outcomes) with ECE above the key's threshold extends the streak, a judged day at or
 * under it ends the streak, a thin day does neither. When the streak exceeds {@code breachDays} a BREACH
 * alert is raised once and the key is breached; while breached, {@code recoveryDays} consecutive judged days
 * at or under the threshold raise a RECOVERY and end the breach (a judged day above it restarts that count).
 * A key marked critical at run time starts its streak with the next day closed; an unmarked key's open
 * breach is dropped silently.
 *
 * <p><b>Retrain rule</b>, checked at each day close: a BREACH raised, or a significant worsening of the last
 * 7 closed days against the key's reference period (the change test of {@link CalibrationChange} rejects at
 * {@code alpha}, the ECE grew by at least {@code minEceIncrease}, and is above the key's threshold; both
 * periods need {@code minDailySamples} forecasts). The reference period is the host's, or by default the
 * first 7 days of the kind's history, and is compared only once the current period no longer overlaps it.
 * Requests for a key wait {@code retrainCooldown} after the previous one.
 *
 * <p>Thread-safe: the critical marks are a concurrent map; everything else is per key, under its locks.
 */
public final class CalibrationEngine {

    /** The length of the current period the retrain rule compares with the reference, in days. */
    public static final int CURRENT_PERIOD_DAYS = 7;
    /** The length of the default reference period, in days. */
    public static final int REFERENCE_DAYS = 7;
    private static final long DAY_MILLIS = 86_400_000L;

    final CalibrationThresholds thresholds;
    private final int[] windows;
    private final long offsetMillis;
    private final double wilsonZ;
    private final ConcurrentHashMap<ModelKey, Double> critical = new ConcurrentHashMap<>();
    // the keys the builder marked: their marks win over a restored snapshot's
    private final Set<ModelKey> builderCritical;

    /**
     * @param thresholds the thresholds
     * @param critical   the keys marked critical at build time, with their thresholds
     */
    public CalibrationEngine(CalibrationThresholds thresholds, Map<ModelKey, Double> critical) {
        this.thresholds = thresholds;
        List<Integer> w = thresholds.countWindows();
        this.windows = new int[w.size()];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = w.get(i);
        }
        this.offsetMillis = thresholds.zone().getTotalSeconds() * 1000L;
        this.wilsonZ = Normal.quantile(1.0 - thresholds.intervalAlpha() / 2.0);
        this.critical.putAll(critical);
        this.builderCritical = Set.copyOf(critical.keySet());
    }

    /** @return the thresholds */
    public CalibrationThresholds thresholds() {
        return thresholds;
    }

    /**
     * New per-key state.
     *
     * @param key  the key
     * @param lock the object whose monitor guards the key's state
     * @return the state
     */
    public KeyCalibration newKey(ModelKey key, Object lock) {
        return new KeyCalibration(key, lock, this);
    }

    KeyCalibration.Kind newKind() {
        return new KeyCalibration.Kind(new Tracker(thresholds.bins(), windows, thresholds.maxDays()),
                thresholds.bins());
    }

    /**
     * @param millis epoch ms
     * @return its epoch day in the calibration zone
     */
    public long day(long millis) {
        return Math.floorDiv(millis + offsetMillis, DAY_MILLIS);
    }

    /**
     * @param day an epoch day in the calibration zone
     * @return the epoch ms of its start
     */
    public long dayStartMillis(long day) {
        return day * DAY_MILLIS - offsetMillis;
    }

    // ------------------------------------------------------------------ critical keys

    /**
     * @param key       the key
     * @param threshold in (0, 1)
     */
    public void markCritical(ModelKey key, double threshold) {
        checkThreshold(threshold);
        critical.put(key, threshold);
    }

    /** @param key the key */
    public void unmarkCritical(ModelKey key) {
        critical.remove(key);
    }

    /**
     * @param key the key
     * @return its critical threshold, or empty
     */
    public OptionalDouble criticalThreshold(ModelKey key) {
        Double t = critical.get(key);
        return t == null ? OptionalDouble.empty() : OptionalDouble.of(t);
    }

    /**
     * @param key the key
     * @return its critical threshold, or NaN when it is not critical (allocates nothing)
     */
    public double criticalThresholdOrNaN(ModelKey key) {
        Double t = critical.get(key);
        return t == null ? Double.NaN : t;
    }

    /**
     * @param key the key
     * @return whether the monitor's builder marked the key critical (such a mark wins over a restored one)
     */
    public boolean markedByBuilder(ModelKey key) {
        return builderCritical.contains(key);
    }

    /**
     * @param key the key
     * @return its critical threshold, or the default breach threshold
     */
    public double threshold(ModelKey key) {
        Double t = critical.get(key);
        return t == null ? thresholds.breachThreshold() : t;
    }

    /**
     * Validates a threshold.
     *
     * @param threshold the threshold
     * @throws IllegalArgumentException unless in (0, 1)
     */
    public static void checkThreshold(double threshold) {
        if (!(threshold > 0.0 && threshold < 1.0)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
        }
    }

    // ------------------------------------------------------------------ queries

    /**
     * The judged kind of a key.
     *
     * @param kc the key's state, or null
     * @return PROBABILITY once a probability forecast was resolved, else CONFIDENCE
     */
    public CalibrationKind judgedKind(KeyCalibration kc) {
        if (kc == null) {
            return CalibrationKind.CONFIDENCE;
        }
        synchronized (kc.lock) {
            return kc.judgedKindLocked();
        }
    }

    /**
     * Every figure over a window. O(bins) for a count window, O(days x bins) for a time window.
     *
     * @param key    the key
     * @param kc     its state, or null
     * @param kind   the kind
     * @param window the window
     * @param now    the time, epoch ms
     * @return the metrics
     * @throws IllegalArgumentException if the window is not configured (count) or too long (days)
     */
    public CalibrationMetrics metrics(ModelKey key, KeyCalibration kc, CalibrationKind kind, CalibrationWindow window,
                                      long now) {
        int w = -1;
        if (window.unit() == CalibrationWindow.Unit.PREDICTIONS) {
            for (int i = 0; i < windows.length; i++) {
                if (windows[i] == window.size()) {
                    w = i;
                }
            }
            if (w < 0) {
                throw new IllegalArgumentException("window must be one of the count windows "
                        + thresholds.countWindows() + ", was " + window.size() + " predictions");
            }
        } else if (window.size() > thresholds.maxDays()) {
            throw new IllegalArgumentException("window must be at most maxDays (" + thresholds.maxDays()
                    + ") days, was " + window.size());
        }
        Accumulator acc = new Accumulator(thresholds.bins());
        if (kc != null) {
            synchronized (kc.lock) {
                KeyCalibration.Kind k = kc.kind(kind);
                if (k != null) {
                    if (w >= 0) {
                        k.tracker.addWindowTo(w, acc);
                    } else {
                        long today = day(now);
                        for (long d = today - window.size() + 1; d <= today; d++) {
                            k.tracker.addDayTo(d, acc);
                        }
                    }
                }
            }
        }
        return CalibrationMath.metrics(key, kind, window, acc, wilsonZ, now);
    }

    /**
     * The confidence calibration over the longest count window, in the shape of the original summary.
     *
     * @param key the key
     * @param kc  its state, or null
     * @param now the time
     * @return the summary
     */
    public CalibrationSummary summary(ModelKey key, KeyCalibration kc, long now) {
        CalibrationMetrics m = metrics(key, kc, CalibrationKind.CONFIDENCE,
                CalibrationWindow.ofPredictions(windows[windows.length - 1]), now);
        List<ReliabilityBin> bins = new ArrayList<>(m.bins().size());
        for (var b : m.bins()) {
            bins.add(new ReliabilityBin(b.lower(), b.upper(), (int) b.count(), b.meanConfidence(), b.observedRate()));
        }
        return new CalibrationSummary(key, (int) m.count(), m.meanConfidence(), m.observedRate(), m.brier(), m.ece(),
                bins);
    }

    /**
     * A resolved day as a history record.
     *
     * @param key   the key
     * @param kind  the kind
     * @param day   the epoch day
     * @param stats its statistics
     * @return the record
     */
    public CalibrationDay dayRecord(ModelKey key, CalibrationKind kind, long day, CalibrationStats stats) {
        Accumulator a = new Accumulator(thresholds.bins());
        a.add(stats);
        return new CalibrationDay(key, kind, LocalDate.ofEpochDay(day), dayStartMillis(day), a.count(),
                CalibrationMath.meanP(a), CalibrationMath.observedRate(a), CalibrationMath.brier(a),
                CalibrationMath.ece(a), CalibrationMath.mce(a), stats);
    }

    /**
     * Every figure over a set of history days of one kind, their statistics merged.
     *
     * @param key    the key
     * @param kind   the kind; days of the other kind are skipped
     * @param window the window to label the metrics with
     * @param days   the days
     * @param now    the time to stamp them with
     * @return the metrics; empty when no day of that kind is given
     */
    public CalibrationMetrics metricsOf(ModelKey key, CalibrationKind kind, CalibrationWindow window,
                                        List<CalibrationDay> days, long now) {
        Accumulator acc = new Accumulator(thresholds.bins());
        for (CalibrationDay d : days) {
            if (d.kind() == kind && d.stats().bins() == thresholds.bins()) {
                acc.add(d.stats());
            }
        }
        return CalibrationMath.metrics(key, kind, window, acc, wilsonZ, now);
    }

    /**
     * Every figure of a set of statistics.
     *
     * @param key    the key
     * @param kind   the kind
     * @param window the window to label the metrics with
     * @param stats  the statistics, with the thresholds' number of bins
     * @param now    the time to stamp them with
     * @return the metrics
     */
    public CalibrationMetrics metricsOf(ModelKey key, CalibrationKind kind, CalibrationWindow window,
                                        CalibrationStats stats, long now) {
        Accumulator acc = new Accumulator(thresholds.bins());
        acc.add(stats);
        return CalibrationMath.metrics(key, kind, window, acc, wilsonZ, now);
    }

    /**
     * The ECE of a set of statistics, for callers that merge days across keys.
     *
     * @param stats the statistics
     * @return the ECE, NaN when empty
     */
    public static double ece(CalibrationStats stats) {
        Accumulator acc = new Accumulator(stats.bins());
        acc.add(stats);
        return CalibrationMath.ece(acc);
    }

    // ------------------------------------------------------------------ history

    /**
     * The poorly calibrated periods in a list of days of one kind, oldest first.
     *
     * @param key       the key
     * @param kind      the kind
     * @param days      the days, oldest first, of that kind
     * @param threshold the ECE threshold
     * @return the periods, oldest first
     */
    public List<CalibrationPeriod> periods(ModelKey key, CalibrationKind kind, List<CalibrationDay> days,
                                           double threshold) {
        List<CalibrationPeriod> out = new ArrayList<>();
        Accumulator run = new Accumulator(thresholds.bins());
        LocalDate from = null;
        LocalDate to = null;
        int judged = 0;
        double maxEce = 0;
        for (CalibrationDay d : days) {
            if (d.kind() != kind || d.count() < thresholds.minDailySamples()) {
                continue;
            }
            if (d.ece() > threshold) {
                if (from == null) {
                    from = d.date();
                    run.reset();
                    judged = 0;
                    maxEce = 0;
                }
                to = d.date();
                judged++;
                maxEce = Math.max(maxEce, d.ece());
                run.add(d.stats());
            } else if (from != null) {
                out.add(new CalibrationPeriod(key, kind, from, to, judged, run.count(), CalibrationMath.ece(run),
                        maxEce, threshold));
                from = null;
            }
        }
        if (from != null) {
            out.add(new CalibrationPeriod(key, kind, from, to, judged, run.count(), CalibrationMath.ece(run), maxEce,
                    threshold));
        }
        return out;
    }

    /**
     * Compares two periods given as their days.
     *
     * @param key           the key
     * @param kind          the kind
     * @param reference     the reference days
     * @param current       the current days
     * @param referenceFrom first reference day
     * @param referenceTo   last reference day
     * @param currentFrom   first current day
     * @param currentTo     last current day
     * @return the comparison
     */
    public CalibrationChange change(ModelKey key, CalibrationKind kind, List<CalibrationDay> reference,
                                    List<CalibrationDay> current, LocalDate referenceFrom, LocalDate referenceTo,
                                    LocalDate currentFrom, LocalDate currentTo) {
        Accumulator ref = new Accumulator(thresholds.bins());
        for (CalibrationDay d : reference) {
            if (d.kind() == kind) {
                ref.add(d.stats());
            }
        }
        Accumulator cur = new Accumulator(thresholds.bins());
        for (CalibrationDay d : current) {
            if (d.kind() == kind) {
                cur.add(d.stats());
            }
        }
        return change(key, kind, ref, cur, referenceFrom, referenceTo, currentFrom, currentTo);
    }

    /**
     * Compares two periods given as their statistics.
     *
     * @param key           the key
     * @param kind          the kind
     * @param reference     the reference period's statistics
     * @param current       the current period's statistics
     * @param referenceFrom first reference day
     * @param referenceTo   last reference day
     * @param currentFrom   first current day
     * @param currentTo     last current day
     * @return the comparison
     */
    public CalibrationChange change(ModelKey key, CalibrationKind kind, CalibrationStats reference,
                                    CalibrationStats current, LocalDate referenceFrom, LocalDate referenceTo,
                                    LocalDate currentFrom, LocalDate currentTo) {
        Accumulator ref = new Accumulator(thresholds.bins());
        ref.add(reference);
        Accumulator cur = new Accumulator(thresholds.bins());
        cur.add(current);
        return change(key, kind, ref, cur, referenceFrom, referenceTo, currentFrom, currentTo);
    }

    CalibrationChange change(ModelKey key, CalibrationKind kind, Accumulator ref, Accumulator cur,
                             LocalDate referenceFrom, LocalDate referenceTo, LocalDate currentFrom,
                             LocalDate currentTo) {
        double[] r = residualMoments(ref);
        double[] c = residualMoments(cur);
        double z = Double.NaN;
        double p = Double.NaN;
        if (ref.count() >= 2 && cur.count() >= 2) {
            TestResult t = Means.welchZTest(cur.count(), c[0], c[1], ref.count(), r[0], r[1]);
            z = t.statistic();
            p = t.pValue();
        }
        return new CalibrationChange(key, kind, referenceFrom, referenceTo, currentFrom, currentTo, ref.count(),
                cur.count(), CalibrationMath.ece(ref), CalibrationMath.ece(cur), r[0], c[0], z, p,
                thresholds.alpha());
    }

    /** Mean and sample variance (ddof 1) of the residual y - p; NaN where undefined. */
    private static double[] residualMoments(Accumulator a) {
        long n = a.count();
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        long h = 0;
        double s1 = 0;
        for (int k = 0; k < a.bins; k++) {
            h += a.hits[k];
            s1 += a.sumP[k];
        }
        double mean = (h - s1) / n;
        double sumSq = h - 2 * a.globals[1] + a.globals[0];
        double var = n < 2 ? Double.NaN : Math.max(0.0, (sumSq - n * mean * mean) / (n - 1));
        return new double[] {mean, var};
    }

    /**
     * Sets a key's reference period for a kind from its history.
     *
     * @param kc   the key's state
     * @param kind the kind
     * @param from first day
     * @param to   last day
     * @param days the history days in that range
     */
    public void setReference(KeyCalibration kc, CalibrationKind kind, LocalDate from, LocalDate to,
                             List<CalibrationDay> days) {
        synchronized (kc.lock) {
            KeyCalibration.Kind k = kc.kind(kind);
            if (k == null) {
                k = kind == CalibrationKind.PROBABILITY ? (kc.probability = newKind()) : (kc.confidence = newKind());
            }
            kc.changes++;
            k.referenceExplicit = true;
            k.referenceFrom = from.toEpochDay();
            k.referenceTo = to.toEpochDay();
            k.reference().reset();
            for (CalibrationDay d : days) {
                if (d.kind() == kind) {
                    k.reference().add(d.stats());
                }
            }
        }
    }

    /**
     * The reference period of a key and kind: its statistics and days.
     *
     * @param kc   the key's state, or null
     * @param kind the kind
     * @return the reference, or null when there is none yet
     */
    public Reference reference(KeyCalibration kc, CalibrationKind kind) {
        if (kc == null) {
            return null;
        }
        synchronized (kc.lock) {
            KeyCalibration.Kind k = kc.kind(kind);
            if (k == null || k.referenceFrom == CalibrationStateSnapshot.NO_DAY) {
                return null;
            }
            return new Reference(LocalDate.ofEpochDay(k.referenceFrom), LocalDate.ofEpochDay(k.referenceTo),
                    k.referenceExplicit, k.reference().toStats());
        }
    }

    /**
     * A reference period.
     *
     * @param from     first day
     * @param to       last day
     * @param explicit set by the host (else the first days of history)
     * @param stats    its statistics so far
     */
    public record Reference(LocalDate from, LocalDate to, boolean explicit, CalibrationStats stats) {
    }

    // ------------------------------------------------------------------ day close

    /**
     * What closing a key's days produced, for the monitor to append, publish and hand to the host.
     *
     * @param key     the key
     * @param days    the history records, oldest first
     * @param alerts  the breach and recovery alerts, oldest first
     * @param retrain the retrain request, or null
     */
    public record DayClose(ModelKey key, List<CalibrationDay> days, List<CalibrationAlert> alerts,
                           RetrainRequest retrain) {

        /** @return true when nothing closed */
        public boolean isEmpty() {
            return days.isEmpty() && alerts.isEmpty() && retrain == null;
        }
    }

    private static final DayClose NOTHING = new DayClose(null, List.of(), List.of(), null);

    /**
     * Closes a key's finished days. Called by the monitor's check, under its check lock; takes the key's lock
     * for the accumulators only.
     *
     * @param kc  the key's state
     * @param now the time, epoch ms
     * @return what the close produced; {@link DayClose#isEmpty()} when no day closed (a shared instance: the
     *         common case allocates nothing)
     */
    public DayClose close(KeyCalibration kc, long now) {
        return close(kc, day(now), now);
    }

    /**
     * Closes a key's days before {@code today}, stamping what it produces with {@code now}: a restore uses it to
     * close again, up to the last day its store holds, the days a check closed after the key's last snapshot.
     *
     * @param kc    the key's state
     * @param today the first day left open, an epoch day in the calibration zone
     * @param now   the time to stamp alerts and a retrain request with, epoch ms
     * @return what the close produced
     */
    public DayClose close(KeyCalibration kc, long today, long now) {
        List<KeyCalibration.ClosedDay> closed;
        CalibrationKind judged;
        Accumulator current = null;
        Accumulator reference = null;
        long refFrom = 0;
        long refTo = 0;
        long last = kc.lastClosedDay;
        if (last != CalibrationStateSnapshot.NO_DAY && last >= today - 1) {
            return NOTHING;
        }
        synchronized (kc.lock) {
            long before = kc.lastClosedDay;
            closed = kc.closeLocked(today);
            if (kc.lastClosedDay != before) {
                kc.changes++;
            }
            if (closed.isEmpty()) {
                return NOTHING;
            }
            judged = kc.judgedKindLocked();
            for (KeyCalibration.ClosedDay c : closed) {
                KeyCalibration.Kind k = kc.kind(c.kind());
                if (!k.referenceExplicit) {
                    if (k.referenceFrom == CalibrationStateSnapshot.NO_DAY) {
                        k.referenceFrom = k.firstDay;
                        k.referenceTo = k.firstDay + REFERENCE_DAYS - 1;
                    }
                    if (c.day() >= k.referenceFrom && c.day() <= k.referenceTo) {
                        k.reference().add(c.stats());
                    }
                }
            }
            KeyCalibration.Kind k = kc.kind(judged);
            long curFrom = today - CURRENT_PERIOD_DAYS;
            if (k.referenceFrom != CalibrationStateSnapshot.NO_DAY && k.referenceTo < curFrom) {
                current = new Accumulator(thresholds.bins());
                for (long d = curFrom; d < today; d++) {
                    k.tracker.addDayTo(d, current);
                }
                reference = new Accumulator(thresholds.bins());
                reference.add(k.reference().toStats());
                refFrom = k.referenceFrom;
                refTo = k.referenceTo;
            }
        }
        List<CalibrationDay> days = new ArrayList<>(closed.size());
        for (KeyCalibration.ClosedDay c : closed) {
            days.add(dayRecord(kc.key, c.kind(), c.day(), c.stats()));
        }
        List<CalibrationAlert> alerts = breach(kc, judged, days, now);
        List<RetrainReason> reasons = new ArrayList<>(2);
        double threshold = threshold(kc.key);
        for (CalibrationAlert a : alerts) {
            if (!a.isRecovery()) {
                reasons.add(new RetrainReason(RetrainTrigger.CALIBRATION_BREACH, a.kind(), a.streakEce(), threshold,
                        Double.NaN, String.format(Locale.ROOT, "calibration error %.3f above %.3f for %d days",
                        a.streakEce(), threshold, a.consecutiveDays())));
            }
        }
        if (current != null && current.count() >= Math.max(2, thresholds.minDailySamples())
                && reference.count() >= Math.max(2, thresholds.minDailySamples())) {
            CalibrationChange ch = change(kc.key, judged, reference, current, LocalDate.ofEpochDay(refFrom),
                    LocalDate.ofEpochDay(refTo), LocalDate.ofEpochDay(today - CURRENT_PERIOD_DAYS),
                    LocalDate.ofEpochDay(today - 1));
            if (ch.significantlyWorse() && ch.eceDelta() >= thresholds.minEceIncrease() && ch.currentEce() > threshold) {
                reasons.add(new RetrainReason(RetrainTrigger.CALIBRATION_SHIFT, judged, ch.currentEce(), threshold,
                        ch.pValue(), String.format(Locale.ROOT, "calibration error %.3f over the last %d days vs "
                        + "%.3f in the reference period %s to %s (p = %.4g)", ch.currentEce(), CURRENT_PERIOD_DAYS,
                        ch.referenceEce(), ch.referenceFrom(), ch.referenceTo(), ch.pValue())));
            }
        }
        RetrainRequest retrain = null;
        if (!reasons.isEmpty() && (kc.lastRetrainAtMillis == Long.MIN_VALUE
                || now - kc.lastRetrainAtMillis >= thresholds.retrainCooldown().toMillis())) {
            retrain = new RetrainRequest(kc.key, reasons, now);
            kc.lastRetrainAtMillis = now;
        }
        return new DayClose(kc.key, List.copyOf(days), List.copyOf(alerts), retrain);
    }

    private List<CalibrationAlert> breach(KeyCalibration kc, CalibrationKind judged, List<CalibrationDay> days,
                                          long now) {
        KeyCalibration.Breach b = kc.breach;
        Double critical = this.critical.get(kc.key);
        if (critical == null || b.kind != judged) {
            b.breached = false;
            b.resetStreak();
            b.resetGood();
            b.kind = critical == null ? null : judged;
            if (critical == null) {
                return List.of();
            }
        }
        double threshold = critical;
        List<CalibrationAlert> alerts = new ArrayList<>(1);
        for (CalibrationDay d : days) {
            if (d.kind() != judged || d.count() < thresholds.minDailySamples()) {
                continue;
            }
            long day = d.date().toEpochDay();
            boolean above = d.ece() > threshold;
            if (!b.breached) {
                if (!above) {
                    b.resetStreak();
                    continue;
                }
                if (b.streak == 0) {
                    b.streakFrom = day;
                }
                b.streak++;
                b.streakStats().add(d.stats());
                if (b.streak > thresholds.breachDays()) {
                    alerts.add(alert(kc.key, CalibrationAlert.Status.BREACH, judged, d, b.streakFrom, b.streak,
                            b.streakStats(), threshold, now));
                    b.breached = true;
                    b.resetStreak();
                    b.resetGood();
                }
            } else if (above) {
                b.resetGood();
            } else {
                if (b.good == 0) {
                    b.goodFrom = day;
                }
                b.good++;
                b.goodStats().add(d.stats());
                if (b.good >= thresholds.recoveryDays()) {
                    alerts.add(alert(kc.key, CalibrationAlert.Status.RECOVERY, judged, d, b.goodFrom, b.good,
                            b.goodStats(), threshold, now));
                    b.breached = false;
                    b.resetGood();
                    b.resetStreak();
                }
            }
        }
        return alerts;
    }

    private static CalibrationAlert alert(ModelKey key, CalibrationAlert.Status status, CalibrationKind kind,
                                          CalibrationDay day, long from, int days, Accumulator run, double threshold,
                                          long now) {
        return new CalibrationAlert(key, status, kind, day.date(), LocalDate.ofEpochDay(from), days, day.ece(),
                CalibrationMath.ece(run), CalibrationMath.meanP(run), CalibrationMath.observedRate(run), run.count(),
                threshold, now);
    }

    /**
     * Whether a key is in an open breach.
     *
     * @param kc the key's state, or null
     * @return true when breached; read under the monitor's check lock for a consistent answer
     */
    public boolean breached(KeyCalibration kc) {
        return kc != null && kc.breach.breached;
    }

    // ------------------------------------------------------------------ snapshot

    /**
     * Captures a key's calibration state exactly. Take it under the monitor's check lock so the breach
     * bookkeeping is consistent with the accumulators.
     *
     * @param kc the key's state
     * @return the snapshot
     */
    public CalibrationStateSnapshot snapshot(KeyCalibration kc) {
        KeyCalibration.Breach b = kc.breach;
        CalibrationStateSnapshot.BreachState breach = new CalibrationStateSnapshot.BreachState(b.kind, b.breached,
                b.streak, b.streakFrom, b.streakStats().toStats(), b.good, b.goodFrom, b.goodStats().toStats());
        synchronized (kc.lock) {
            return new CalibrationStateSnapshot(CalibrationStateSnapshot.VERSION, kc.key, thresholds.bins(),
                    thresholds.countWindows(), thresholds.maxDays(), kindState(kc.confidence),
                    kindState(kc.probability), kc.lastClosedDay, breach, kc.lastRetrainAtMillis,
                    criticalThresholdOrNaN(kc.key));
        }
    }

    private static CalibrationStateSnapshot.KindState kindState(KeyCalibration.Kind k) {
        if (k == null) {
            return null;
        }
        return new CalibrationStateSnapshot.KindState(k.tracker.snapshot(), k.firstDay, k.referenceFrom,
                k.referenceTo, k.referenceExplicit, k.reference().toStats());
    }

    /**
     * Replaces a key's calibration state with a snapshot's, and takes the snapshot's critical mark (marked
     * with its threshold, or unmarked) unless the builder marked the key, whose mark wins. Take it under the
     * monitor's check lock.
     *
     * @param kc the key's state
     * @param s  the snapshot, taken with the same bins, count windows and retained days
     * @throws IllegalArgumentException naming what does not match; nothing is changed then
     */
    public void restore(KeyCalibration kc, CalibrationStateSnapshot s) {
        if (!s.key().equals(kc.key)) {
            throw new IllegalArgumentException("snapshot key must be " + kc.key + ", was " + s.key());
        }
        if (s.bins() != thresholds.bins() || !s.countWindows().equals(thresholds.countWindows())
                || s.maxDays() != thresholds.maxDays()) {
            throw new IllegalArgumentException("snapshot must have bins " + thresholds.bins() + ", countWindows "
                    + thresholds.countWindows() + " and maxDays " + thresholds.maxDays() + ", was " + s.bins() + ", "
                    + s.countWindows() + " and " + s.maxDays());
        }
        KeyCalibration.Kind conf;
        KeyCalibration.Kind prob;
        try {
            conf = restoreKind(s.confidence());
            prob = restoreKind(s.probability());
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("snapshot accumulators must match the monitor's calibration "
                    + "thresholds, was " + e.getMessage(), e);
        }
        synchronized (kc.lock) {
            kc.confidence = conf;
            kc.probability = prob;
            kc.lastClosedDay = s.lastClosedDay();
            kc.changes++;
        }
        restoreMark(kc.key, s);
        CalibrationStateSnapshot.BreachState b = s.breach();
        KeyCalibration.Breach kb = kc.breach;
        kb.kind = b.kind();
        kb.breached = b.breached();
        kb.streak = b.streak();
        kb.streakFrom = b.streakFrom();
        kb.streakStats().reset();
        kb.streakStats().add(b.streakStats());
        kb.good = b.good();
        kb.goodFrom = b.goodFrom();
        kb.goodStats().reset();
        kb.goodStats().add(b.goodStats());
        kc.lastRetrainAtMillis = s.lastRetrainAtMillis();
    }

    /**
     * Takes from a snapshot that does not fit these thresholds (other bins, count windows or retained days)
     * what does not depend on them: the last closed day (so closed days are not closed again), the retrain
     * cool-down and the critical mark. The accumulators, reference periods and breach runs start empty.
     *
     * @param kc the key's state
     * @param s  the snapshot
     */
    public void restoreSettings(KeyCalibration kc, CalibrationStateSnapshot s) {
        synchronized (kc.lock) {
            kc.confidence = null;
            kc.probability = null;
            kc.lastClosedDay = s.lastClosedDay();
            kc.changes++;
        }
        KeyCalibration.Breach kb = kc.breach;
        kb.kind = null;
        kb.breached = false;
        kb.resetStreak();
        kb.resetGood();
        kc.lastRetrainAtMillis = s.lastRetrainAtMillis();
        restoreMark(kc.key, s);
    }

    private void restoreMark(ModelKey key, CalibrationStateSnapshot s) {
        if (builderCritical.contains(key)) {
            return;
        }
        if (s.critical()) {
            critical.put(key, s.criticalThreshold());
        } else {
            critical.remove(key);
        }
    }

    /**
     * The last day whose history was written for a key.
     *
     * @param kc the key's state
     * @return an epoch day, or {@link CalibrationStateSnapshot#NO_DAY}
     */
    public long lastClosedDay(KeyCalibration kc) {
        return kc.lastClosedDay;
    }

    private KeyCalibration.Kind restoreKind(CalibrationStateSnapshot.KindState s) {
        if (s == null) {
            return null;
        }
        KeyCalibration.Kind k = newKind();
        k.tracker.restore(s.tracker());
        k.firstDay = s.firstDay();
        k.referenceFrom = s.referenceFrom();
        k.referenceTo = s.referenceTo();
        k.referenceExplicit = s.referenceExplicit();
        k.reference().add(s.reference());
        return k;
    }
}

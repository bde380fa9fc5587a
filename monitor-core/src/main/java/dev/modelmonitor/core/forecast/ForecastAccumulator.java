package dev.modelmonitor.core.forecast;

import dev.modelmonitor.api.ForecastStateSnapshot;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.ForecastWindow;
import dev.modelmonitor.api.HorizonCoverage;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One key's streaming forecast state: a count window of the last {@link ForecastConfig#countWindow()}
 * resolved forecasts and a ring of per-day tallies covering {@link ForecastConfig#longDays()} UTC days.
 *
 * <h2>Algorithm</h2>
 * Each resolution derives a few figures from the forecast and its actual (which quantiles the actual is at
 * or below, whether it is inside p10-p90, the absolute and percentage error of the median, the spend and
 * the horizon bucket), then:
 * <ul>
 *   <li>count window: a preallocated ring of those figures (a flag byte, a bucket byte, two doubles, and
 *   three more doubles once a spend has been seen) with running counts and sums; pushing subtracts the
 *   evicted entry and adds the new one. Counts are exact integers. The double sums are recomputed from the
 *   ring each time it wraps (once per {@code countWindow} pushes, O(countWindow)), so their rounding error
 *   is that of at most {@code 2 * countWindow} additions, never of the whole stream;</li>
 *   <li>days: each resolution is added to the bucket of its UTC day. Days only move forward: a resolution
 *   stamped before the open day (a late arrival across midnight, or after a check closed the day) counts in
 *   the open day. When the open day moves on, the day it leaves is returned once as a {@link ForecastDay}
 *   for the store. The short and long time windows sum the buckets of the last N days at read time,
 *   O(longDays).</li>
 * </ul>
 * Cost per resolution: O(1) (O(horizon edges) to find the bucket), no allocation except the day record
 * returned once per day and the spend columns allocated at the first spend. Reading the performance:
 * O(longDays x buckets), allocating only the result.
 *
 * <p>Memory at the defaults (200, 30 days, 4 buckets): 3.6 KB of window columns (+4.8 KB with spends) and
 * 4.3 KB of day buckets, about 8 KB per key that logs forecasts. Keys that never log a forecast pay nothing:
 * the monitor creates this at a key's first forecast resolution (or forecast baseline).
 *
 * <p>NaN policy: inputs are validated by {@link Prediction.Forecast} and the actual value by its outcome, so
 * every figure here is finite. Not thread-safe: the monitor guards each instance with its key's lock.
 */
public final class ForecastAccumulator {

    /** Milliseconds in a UTC day. */
    public static final long DAY_MILLIS = 86_400_000L;
    static final long NO_DAY = Long.MIN_VALUE;

    static final int Q = 1;
    static final int LE10 = 2;
    static final int LE50 = 4;
    static final int LE90 = 8;
    static final int IN = 16;
    static final int PCT = 32;
    static final int SPEND = 64;

    // counter layout (window and day buckets)
    private static final int C_COUNT = 0;
    private static final int C_Q = 1;
    private static final int C_LE10 = 2;
    private static final int C_LE50 = 3;
    private static final int C_LE90 = 4;
    private static final int C_IN = 5;
    private static final int C_PCT = 6;
    private static final int C_SPEND = 7;
    private static final int NC = 8;
    // sum layout
    private static final int S_ABS = 0;
    private static final int S_APE = 1;
    private static final int S_SPEND = 2;
    private static final int S_FREV = 3;
    private static final int S_AREV = 4;
    private static final int NS = 5;

    private final ModelKey key;
    private final ForecastConfig config;
    private final int window;
    private final int buckets;
    private final int ringDays;

    // count window ring
    private final byte[] flags;
    private final byte[] bucketOf;
    private final double[] absError;
    private final double[] pctError;
    private double[] spend;
    private double[] forecastValue;
    private double[] actualValue;
    private int head;
    private long pushes;
    private final long[] wc = new long[NC];
    private final double[] ws = new double[NS];
    private final long[] wh;

    // day ring
    private final long[] dayTag;
    private final long[] dc;
    private final double[] ds;
    private final long[] dh;
    private long currentDay = NO_DAY;
    private int currentSlot;
    private long nextDayStartMillis = Long.MIN_VALUE;

    private long total;
    private ForecastBaseline baseline;

    /**
     * An empty state.
     *
     * @param key    the key it belongs to, not null
     * @param config the windows and rules, not null
     */
    public ForecastAccumulator(ModelKey key, ForecastConfig config) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.key = key;
        this.config = config;
        this.window = config.countWindow();
        this.buckets = config.horizonBuckets();
        this.ringDays = config.longDays();
        this.flags = new byte[window];
        this.bucketOf = new byte[window];
        this.absError = new double[window];
        this.pctError = new double[window];
        this.wh = new long[buckets * 2];
        this.dayTag = new long[ringDays];
        java.util.Arrays.fill(dayTag, NO_DAY);
        this.dc = new long[ringDays * NC];
        this.ds = new double[ringDays * NS];
        this.dh = new long[ringDays * buckets * 2];
    }

    /** @return the key */
    public ModelKey key() {
        return key;
    }

    /** @return the config */
    public ForecastConfig config() {
        return config;
    }

    /** @return the baseline, or null */
    public ForecastBaseline baseline() {
        return baseline;
    }

    /** @param baseline the baseline, or null to clear it */
    public void baseline(ForecastBaseline baseline) {
        this.baseline = baseline;
    }

    /**
     * The open UTC day, as an epoch day: the day resolutions are added to, moved forward by a later
     * resolution or by {@link #closeDaysBefore}.
     *
     * @return the epoch day, or {@code Long.MIN_VALUE} before the first resolution
     */
    public long openEpochDay() {
        return currentDay;
    }

    /** @return resolved forecasts since this state began */
    public long totalResolved() {
        return total;
    }

    /**
     * Records one resolved forecast. O(1).
     *
     * @param forecast the forecast, not null
     * @param actual   the actual value, finite
     * @param atMillis when it was resolved, epoch milliseconds
     * @return the day this resolution closed (the previous open day, when it moved on and held any
     *         resolution), or null
     */
    public ForecastDay add(Prediction.Forecast forecast, double actual, long atMillis) {
        Quantiles q = forecast.quantiles();
        double median;
        int bits = 0;
        if (q != null) {
            median = q.p50();
            bits = Q;
            if (actual <= q.p10()) {
                bits |= LE10;
            }
            if (actual <= q.p50()) {
                bits |= LE50;
            }
            if (actual <= q.p90()) {
                bits |= LE90;
            }
            if (actual >= q.p10() && actual <= q.p90()) {
                bits |= IN;
            }
        } else {
            median = forecast.value();
        }
        double err = Math.abs(actual - median);
        double pe = 0.0;
        if (actual != 0.0) {
            bits |= PCT;
            pe = err / Math.abs(actual);
        }
        double sp = forecast.spend();
        boolean hasSpend = !Double.isNaN(sp);
        if (hasSpend) {
            bits |= SPEND;
        }
        int hb = config.horizonBucket(forecast.horizon());
        push(bits, hb, err, pe, sp, forecast.value(), actual);
        total++;
        ForecastDay closed = null;
        if (atMillis >= nextDayStartMillis) {
            // the only division on this path, once per day; earlier times count in the open day
            closed = advanceTo(Math.floorDiv(atMillis, DAY_MILLIS));
        }
        addToDay(bits, hb, err, pe, sp, forecast.value(), actual);
        return closed;
    }

    private void push(int bits, int hb, double err, double pe, double sp, double value, double actual) {
        int slot = head;
        if (pushes >= window) {
            remove(slot);
        }
        flags[slot] = (byte) bits;
        bucketOf[slot] = (byte) hb;
        absError[slot] = err;
        pctError[slot] = pe;
        if ((bits & SPEND) != 0) {
            if (spend == null) {
                spend = new double[window];
                forecastValue = new double[window];
                actualValue = new double[window];
            }
            spend[slot] = sp;
            forecastValue[slot] = value;
            actualValue[slot] = actual;
        }
        count(wc, 0, bits, 1);
        ws[S_ABS] += err;
        if ((bits & PCT) != 0) {
            ws[S_APE] += pe;
        }
        if ((bits & SPEND) != 0) {
            ws[S_SPEND] += sp;
            ws[S_FREV] += value;
            ws[S_AREV] += actual;
        }
        if ((bits & Q) != 0) {
            wh[hb * 2]++;
            if ((bits & IN) != 0) {
                wh[hb * 2 + 1]++;
            }
        }
        pushes++;
        head = slot + 1 == window ? 0 : slot + 1;
        if (head == 0) {
            recomputeWindowSums();
        }
    }

    private void remove(int slot) {
        int bits = flags[slot];
        count(wc, 0, bits, -1);
        ws[S_ABS] -= absError[slot];
        if ((bits & PCT) != 0) {
            ws[S_APE] -= pctError[slot];
        }
        if ((bits & SPEND) != 0) {
            ws[S_SPEND] -= spend[slot];
            ws[S_FREV] -= forecastValue[slot];
            ws[S_AREV] -= actualValue[slot];
        }
        if ((bits & Q) != 0) {
            int hb = bucketOf[slot];
            wh[hb * 2]--;
            if ((bits & IN) != 0) {
                wh[hb * 2 + 1]--;
            }
        }
    }

    /** Resets the window's double sums to a fresh sum over the full ring, in slot order. */
    private void recomputeWindowSums() {
        double abs = 0;
        double ape = 0;
        double sp = 0;
        double fr = 0;
        double ar = 0;
        for (int i = 0; i < window; i++) {
            int bits = flags[i];
            abs += absError[i];
            if ((bits & PCT) != 0) {
                ape += pctError[i];
            }
            if ((bits & SPEND) != 0) {
                sp += spend[i];
                fr += forecastValue[i];
                ar += actualValue[i];
            }
        }
        ws[S_ABS] = abs;
        ws[S_APE] = ape;
        ws[S_SPEND] = sp;
        ws[S_FREV] = fr;
        ws[S_AREV] = ar;
    }

    private static void count(long[] c, int base, int bits, int d) {
        c[base + C_COUNT] += d;
        if ((bits & Q) != 0) {
            c[base + C_Q] += d;
            c[base + C_LE10] += ((bits >>> 1) & 1) * d;
            c[base + C_LE50] += ((bits >>> 2) & 1) * d;
            c[base + C_LE90] += ((bits >>> 3) & 1) * d;
            c[base + C_IN] += ((bits >>> 4) & 1) * d;
        }
        if ((bits & PCT) != 0) {
            c[base + C_PCT] += d;
        }
        if ((bits & SPEND) != 0) {
            c[base + C_SPEND] += d;
        }
    }

    private void addToDay(int bits, int hb, double err, double pe, double sp, double value, double actual) {
        int d = currentSlot;
        count(dc, d * NC, bits, 1);
        int s = d * NS;
        ds[s + S_ABS] += err;
        if ((bits & PCT) != 0) {
            ds[s + S_APE] += pe;
        }
        if ((bits & SPEND) != 0) {
            ds[s + S_SPEND] += sp;
            ds[s + S_FREV] += value;
            ds[s + S_AREV] += actual;
        }
        if ((bits & Q) != 0) {
            int h = (d * buckets + hb) * 2;
            dh[h]++;
            if ((bits & IN) != 0) {
                dh[h + 1]++;
            }
        }
    }

    private int daySlot(long day) {
        return (int) Math.floorMod(day, (long) ringDays);
    }

    /**
     * Moves the open day forward to the day of {@code nowMillis} if that is later, closing the open day. The
     * monitor's check calls this so that a quiet key's last day still reaches the store.
     *
     * @param nowMillis the time now, epoch milliseconds
     * @return the closed day when it held any resolution, else null
     */
    public ForecastDay closeDaysBefore(long nowMillis) {
        long day = Math.floorDiv(nowMillis, DAY_MILLIS);
        if (currentDay == NO_DAY || day <= currentDay) {
            return null;
        }
        return advanceTo(day);
    }

    private ForecastDay advanceTo(long day) {
        ForecastDay closed = null;
        long from;
        if (currentDay == NO_DAY) {
            from = day;
        } else {
            if (dc[daySlot(currentDay) * NC + C_COUNT] > 0) {
                closed = dayRecord(daySlot(currentDay));
            }
            from = Math.max(currentDay + 1, day - ringDays + 1);
        }
        for (long d = from; d <= day; d++) {
            clearDay(daySlot(d), d);
        }
        currentDay = day;
        currentSlot = daySlot(day);
        nextDayStartMillis = day >= Long.MAX_VALUE / DAY_MILLIS ? Long.MAX_VALUE : (day + 1) * DAY_MILLIS;
        return closed;
    }

    private void clearDay(int slot, long tag) {
        dayTag[slot] = tag;
        java.util.Arrays.fill(dc, slot * NC, slot * NC + NC, 0L);
        java.util.Arrays.fill(ds, slot * NS, slot * NS + NS, 0.0);
        java.util.Arrays.fill(dh, slot * buckets * 2, (slot + 1) * buckets * 2, 0L);
    }

    private ForecastDay dayRecord(int slot) {
        return new ForecastDay(key, LocalDate.ofEpochDay(dayTag[slot]), tally(dc, slot * NC, ds, slot * NS),
                horizons(dh, slot * buckets * 2));
    }

    private static ForecastTally tally(long[] c, int cb, double[] s, int sb) {
        return new ForecastTally(c[cb + C_COUNT], c[cb + C_Q], c[cb + C_LE10], c[cb + C_LE50], c[cb + C_LE90],
                c[cb + C_IN], s[sb + S_ABS], c[cb + C_PCT], s[sb + S_APE], c[cb + C_SPEND], s[sb + S_SPEND],
                s[sb + S_FREV], s[sb + S_AREV]);
    }

    private List<HorizonCoverage> horizons(long[] h, int base) {
        List<HorizonCoverage> out = new ArrayList<>(buckets);
        for (int b = 0; b < buckets; b++) {
            out.add(new HorizonCoverage(config.horizonEdge(b), h[base + 2 * b], h[base + 2 * b + 1]));
        }
        return out;
    }

    /** @return the count window as a record */
    public ForecastWindow recentWindow() {
        return new ForecastWindow(ForecastWindow.Span.PREDICTIONS, window, tally(wc, 0, ws, 0), horizons(wh, 0));
    }

    /**
     * The last {@code days} UTC days up to and including the day of {@code nowMillis}. O(longDays x buckets).
     *
     * @param days      in [1, longDays]
     * @param nowMillis the time now
     * @return the window
     */
    public ForecastWindow dayWindow(int days, long nowMillis) {
        if (days < 1 || days > ringDays) {
            throw new IllegalArgumentException("days must be in [1, " + ringDays + "], was " + days);
        }
        long today = Math.floorDiv(nowMillis, DAY_MILLIS);
        long first = today - days + 1;
        long[] c = new long[NC];
        double[] s = new double[NS];
        long[] h = new long[buckets * 2];
        for (int slot = 0; slot < ringDays; slot++) {
            long tag = dayTag[slot];
            if (tag == NO_DAY || tag < first || tag > today) {
                continue;
            }
            for (int i = 0; i < NC; i++) {
                c[i] += dc[slot * NC + i];
            }
            for (int i = 0; i < NS; i++) {
                s[i] += ds[slot * NS + i];
            }
            for (int i = 0; i < buckets * 2; i++) {
                h[i] += dh[slot * buckets * 2 + i];
            }
        }
        return new ForecastWindow(ForecastWindow.Span.DAYS, days, tally(c, 0, s, 0), horizons(h, 0));
    }

    /**
     * The key's performance now: the count window, the short and long day windows, flags and
     * recommendations.
     *
     * @param nowMillis the time now
     * @return the performance
     */
    public ForecastPerformance performance(long nowMillis) {
        return ForecastEvaluator.evaluate(key, config, baseline, total, recentWindow(),
                dayWindow(config.shortDays(), nowMillis), dayWindow(config.longDays(), nowMillis), nowMillis);
    }

    /**
     * The performance of a key with no forecast state: empty windows, no flags. Allocates only the result.
     *
     * @param key       the key
     * @param config    the config
     * @param nowMillis the time now
     * @return the empty performance
     */
    public static ForecastPerformance emptyPerformance(ModelKey key, ForecastConfig config, long nowMillis) {
        List<HorizonCoverage> h = emptyHorizons(config);
        return ForecastEvaluator.evaluate(key, config, null, 0,
                new ForecastWindow(ForecastWindow.Span.PREDICTIONS, config.countWindow(), ForecastTally.EMPTY, h),
                new ForecastWindow(ForecastWindow.Span.DAYS, config.shortDays(), ForecastTally.EMPTY, h),
                new ForecastWindow(ForecastWindow.Span.DAYS, config.longDays(), ForecastTally.EMPTY, h), nowMillis);
    }

    /**
     * @param config the config
     * @return one empty bucket per horizon bucket of the config
     */
    public static List<HorizonCoverage> emptyHorizons(ForecastConfig config) {
        List<HorizonCoverage> out = new ArrayList<>(config.horizonBuckets());
        for (int b = 0; b < config.horizonBuckets(); b++) {
            out.add(new HorizonCoverage(config.horizonEdge(b), 0, 0));
        }
        return List.copyOf(out);
    }

    /**
     * Captures this state exactly: restoring the result with {@link #restore} gives a state that answers
     * every read identically and evolves identically.
     *
     * @return the snapshot
     */
    public ForecastStateSnapshot snapshot() {
        int n = (int) Math.min(pushes, window);
        int oldest = Math.floorMod(head - n, window);
        List<ForecastStateSnapshot.WindowEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int slot = (oldest + i) % window;
            int bits = flags[slot];
            boolean hasSpend = (bits & SPEND) != 0;
            entries.add(new ForecastStateSnapshot.WindowEntry((bits & Q) != 0, (bits & LE10) != 0,
                    (bits & LE50) != 0, (bits & LE90) != 0, (bits & IN) != 0, bucketOf[slot],
                    absError[slot], (bits & PCT) != 0 ? pctError[slot] : Double.NaN,
                    hasSpend ? spend[slot] : Double.NaN, hasSpend ? forecastValue[slot] : Double.NaN,
                    hasSpend ? actualValue[slot] : Double.NaN));
        }
        List<ForecastDay> days = new ArrayList<>();
        for (long d = currentDay == NO_DAY ? 0 : currentDay - ringDays + 1; currentDay != NO_DAY && d <= currentDay;
             d++) {
            int slot = daySlot(d);
            if (dayTag[slot] == d && dc[slot * NC + C_COUNT] > 0) {
                days.add(dayRecord(slot));
            }
        }
        return new ForecastStateSnapshot(ForecastStateSnapshot.VERSION, key, window, buckets, ringDays, pushes,
                total, entries, tally(wc, 0, ws, 0),
                currentDay == NO_DAY ? null : LocalDate.ofEpochDay(currentDay), days, baseline);
    }

    /**
     * Rebuilds a state from a snapshot taken with the same window sizes and horizon buckets.
     *
     * @param snapshot the snapshot, not null
     * @param config   the config of the state to build; its count window, long days and horizon buckets
     *                 must match the snapshot's
     * @return the state
     * @throws IllegalArgumentException naming the field that does not match or is inconsistent
     */
    public static ForecastAccumulator restore(ForecastStateSnapshot snapshot, ForecastConfig config) {
        if (snapshot == null) {
            throw new IllegalArgumentException("snapshot must not be null");
        }
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        match("countWindow", snapshot.countWindow(), config.countWindow());
        match("horizonBuckets", snapshot.horizonBuckets(), config.horizonBuckets());
        match("longDays", snapshot.longDays(), config.longDays());
        ForecastAccumulator a = new ForecastAccumulator(snapshot.key(), config);
        a.pushes = snapshot.pushes();
        a.total = snapshot.totalResolved();
        a.head = (int) (snapshot.pushes() % a.window);
        List<ForecastStateSnapshot.WindowEntry> entries = snapshot.window();
        int n = entries.size();
        int oldest = Math.floorMod(a.head - n, a.window);
        for (int i = 0; i < n; i++) {
            ForecastStateSnapshot.WindowEntry e = entries.get(i);
            int slot = (oldest + i) % a.window;
            int bits = (e.hasQuantiles() ? Q : 0) | (e.atOrBelowP10() ? LE10 : 0) | (e.atOrBelowP50() ? LE50 : 0)
                    | (e.atOrBelowP90() ? LE90 : 0) | (e.inside() ? IN : 0);
            if (e.bucket() >= a.buckets) {
                throw new IllegalArgumentException("window[" + i + "].bucket must be < " + a.buckets + ", was "
                        + e.bucket());
            }
            a.flags[slot] = 0;
            a.bucketOf[slot] = (byte) e.bucket();
            a.absError[slot] = e.absError();
            if (!Double.isNaN(e.absPctError())) {
                bits |= PCT;
                a.pctError[slot] = e.absPctError();
            }
            if (!Double.isNaN(e.spend())) {
                bits |= SPEND;
                if (a.spend == null) {
                    a.spend = new double[a.window];
                    a.forecastValue = new double[a.window];
                    a.actualValue = new double[a.window];
                }
                a.spend[slot] = e.spend();
                a.forecastValue[slot] = e.forecastValue();
                a.actualValue[slot] = e.actual();
            }
            a.flags[slot] = (byte) bits;
            count(a.wc, 0, bits, 1);
            if ((bits & Q) != 0) {
                a.wh[e.bucket() * 2]++;
                if ((bits & IN) != 0) {
                    a.wh[e.bucket() * 2 + 1]++;
                }
            }
        }
        ForecastTally t = snapshot.windowTally();
        ForecastTally counted = tally(a.wc, 0, new double[NS], 0);
        if (t.count() != counted.count() || t.quantileCount() != counted.quantileCount()
                || t.insideInterval() != counted.insideInterval() || t.pctCount() != counted.pctCount()
                || t.spendCount() != counted.spendCount() || t.atOrBelowP10() != counted.atOrBelowP10()
                || t.atOrBelowP50() != counted.atOrBelowP50() || t.atOrBelowP90() != counted.atOrBelowP90()) {
            throw new IllegalArgumentException("windowTally must match the window's entries, was " + t);
        }
        a.ws[S_ABS] = t.absErrorSum();
        a.ws[S_APE] = t.absPctErrorSum();
        a.ws[S_SPEND] = t.spendSum();
        a.ws[S_FREV] = t.forecastRevenueSum();
        a.ws[S_AREV] = t.actualRevenueSum();
        if (snapshot.currentDay() != null) {
            long cur = snapshot.currentDay().toEpochDay();
            a.advanceTo(cur);
            for (ForecastDay d : snapshot.days()) {
                long day = d.day().toEpochDay();
                if (day > cur || day <= cur - a.ringDays) {
                    throw new IllegalArgumentException("days must lie in the " + a.ringDays + " days up to "
                            + snapshot.currentDay() + ", was " + d.day());
                }
                if (d.byHorizon().size() != a.buckets) {
                    throw new IllegalArgumentException("days[" + d.day() + "].byHorizon must hold " + a.buckets
                            + " buckets, was " + d.byHorizon().size());
                }
                int slot = a.daySlot(day);
                a.clearDay(slot, day);
                ForecastTally dt = d.tally();
                int cb = slot * NC;
                a.dc[cb + C_COUNT] = dt.count();
                a.dc[cb + C_Q] = dt.quantileCount();
                a.dc[cb + C_LE10] = dt.atOrBelowP10();
                a.dc[cb + C_LE50] = dt.atOrBelowP50();
                a.dc[cb + C_LE90] = dt.atOrBelowP90();
                a.dc[cb + C_IN] = dt.insideInterval();
                a.dc[cb + C_PCT] = dt.pctCount();
                a.dc[cb + C_SPEND] = dt.spendCount();
                int sb = slot * NS;
                a.ds[sb + S_ABS] = dt.absErrorSum();
                a.ds[sb + S_APE] = dt.absPctErrorSum();
                a.ds[sb + S_SPEND] = dt.spendSum();
                a.ds[sb + S_FREV] = dt.forecastRevenueSum();
                a.ds[sb + S_AREV] = dt.actualRevenueSum();
                for (int b = 0; b < a.buckets; b++) {
                    a.dh[(slot * a.buckets + b) * 2] = d.byHorizon().get(b).count();
                    a.dh[(slot * a.buckets + b) * 2 + 1] = d.byHorizon().get(b).inside();
                }
            }
        } else if (!snapshot.days().isEmpty()) {
            throw new IllegalArgumentException("days must be empty without a currentDay, was "
                    + snapshot.days().size() + " days");
        }
        a.baseline = snapshot.baseline();
        return a;
    }

    private static void match(String field, int snapshotValue, int configValue) {
        if (snapshotValue != configValue) {
            throw new IllegalArgumentException("snapshot " + field + " must equal the config's " + configValue
                    + ", was " + snapshotValue);
        }
    }
}

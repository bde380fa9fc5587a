package dev.modelmonitor.core.calibration;

import dev.modelmonitor.api.CalibrationStateSnapshot;

import java.util.Arrays;

/**
 * The streaming calibration accumulators of one key for one {@link dev.modelmonitor.api.CalibrationKind}:
 * rolling count windows and per-day statistics. Not thread-safe: the key's lock guards it.
 *
 * <h2>Count windows</h2>
 * A ring of the last {@code cap} probabilities ({@code double}) and outcomes (one bit each), cap the longest
 * window (push i goes to slot {@code i mod cap}). Each window w keeps, per bin, the count, the hits and
 * the sum of p, and over the window the sums of p^2, p y, p^3 and p^4 ({@link #G} globals). A push adds the
 * new forecast to every window and subtracts, from each full window, the forecast that leaves it:
 * O(windows), no rescan, no allocation. When a bin empties its sum of p is reset to exactly 0, so rounding
 * does not pile up in bins that come and go; the global sums carry a rounding error of about
 * {@code sqrt(pushes) * ulp(window size)} (1e-10 absolute after 10^8 pushes of a 200-window), far below
 * anything the figures are read to.
 *
 * <h2>Days</h2>
 * A ring of per-day statistics (the same bins and globals, add-only, so exact to summation order) indexed by
 * {@code day & (capacity - 1)}. It starts with 1 slot and doubles, up to {@code maxCap} (the retained days
 * plus one, rounded up to a power of two), when a new day's slot still holds a day that is needed (inside the
 * retained range, or not yet closed). At full size any two days less than maxCap apart have distinct slots.
 *
 * <p>Layout: every accumulator is a flat primitive array, so a snapshot is a copy of the arrays
 * ({@link #snapshot()}) and a restore copies them back, bit for bit.
 */
final class Tracker {

    /** Global sums per window and per day: p^2, p y, p^3, p^4. */
    static final int G = 4;
    static final long NO_DAY = Long.MIN_VALUE;

    final int bins;
    final int[] windows;
    final int maxDays;
    final int maxDayCap;

    // count windows
    final double[] ring;
    // the bin of each ring entry, so that evicting it needs no multiply and conversion; derived from ring
    final byte[] ringBins;
    final long[] ringHits;
    final int cap;
    int head;
    long pushes;
    final int[] winCounts;
    final int[] winHits;
    final double[] winSumP;
    final double[] winGlobals;

    // days
    long[] days;
    int[] dayCounts;
    int[] dayHits;
    double[] daySumP;
    double[] dayGlobals;
    long newestDay = NO_DAY;
    // the slot of the last day added to (checked against days[] before use)
    private int lastSlot;

    Tracker(int bins, int[] windows, int maxDays) {
        this.bins = bins;
        this.windows = windows;
        this.cap = windows[windows.length - 1];
        this.ring = new double[cap];
        this.ringBins = new byte[cap];
        this.ringHits = new long[(cap + 63) >>> 6];
        int w = windows.length;
        this.winCounts = new int[w * bins];
        this.winHits = new int[w * bins];
        this.winSumP = new double[w * bins];
        this.winGlobals = new double[w * G];
        this.maxDays = maxDays;
        this.maxDayCap = Integer.highestOneBit(maxDays) << 1;
        allocateDays(1);
    }

    private void allocateDays(int capacity) {
        days = new long[capacity];
        Arrays.fill(days, NO_DAY);
        dayCounts = new int[capacity * bins];
        dayHits = new int[capacity * bins];
        daySumP = new double[capacity * bins];
        dayGlobals = new double[capacity * G];
    }

    int bin(double p) {
        int k = (int) (p * bins);
        return k >= bins ? bins - 1 : k;
    }

    /**
     * Adds one resolved forecast.
     *
     * @param p              the probability, in [0, 1]
     * @param y              1 when the outcome was positive (correct), else 0
     * @param day            its day index; a day already closed counts in the first open day, and a day
     *                       older than the ring can hold counts in the oldest day it can
     * @param lastClosedDay  the last closed day
     * @return the day it was counted in
     */
    long add(double p, int y, long day, long lastClosedDay) {
        if (day <= lastClosedDay) {
            day = lastClosedDay + 1;
        }
        if (newestDay != NO_DAY && day < newestDay - maxDayCap + 1) {
            day = newestDay - maxDayCap + 1;
        }
        double p2 = p * p;
        double py = y == 1 ? p : 0.0;
        double p3 = p2 * p;
        double p4 = p2 * p2;
        int k = bin(p);
        long n = pushes;
        int h = head;
        int[] ws = windows;
        for (int w = 0; w < ws.length; w++) {
            int base = w * bins;
            if (n >= ws[w]) {
                int old = h - ws[w];
                if (old < 0) {
                    old += cap;
                }
                double q = ring[old];
                int qy = (int) (ringHits[old >>> 6] >>> old) & 1;
                int j = base + ringBins[old];
                int c = --winCounts[j];
                winHits[j] -= qy;
                winSumP[j] = c == 0 ? 0.0 : winSumP[j] - q;
                double q2 = q * q;
                int g = w * G;
                winGlobals[g] -= q2;
                winGlobals[g + 1] -= qy == 1 ? q : 0.0;
                winGlobals[g + 2] -= q2 * q;
                winGlobals[g + 3] -= q2 * q2;
            }
            int j = base + k;
            winCounts[j]++;
            winHits[j] += y;
            winSumP[j] += p;
            int g = w * G;
            winGlobals[g] += p2;
            winGlobals[g + 1] += py;
            winGlobals[g + 2] += p3;
            winGlobals[g + 3] += p4;
        }
        ring[h] = p;
        ringBins[h] = (byte) k;
        long bit = 1L << h;
        ringHits[h >>> 6] = (ringHits[h >>> 6] & ~bit) | (-(long) y & bit);
        head = h + 1 == cap ? 0 : h + 1;
        pushes = n + 1;

        int s = lastSlot;
        long[] ds = days;
        if (s >= ds.length || ds[s] != day) {
            s = daySlot(day, lastClosedDay);
            lastSlot = s;
        }
        int j = s * bins + k;
        dayCounts[j]++;
        dayHits[j] += y;
        daySumP[j] += p;
        int g = s * G;
        dayGlobals[g] += p2;
        dayGlobals[g + 1] += py;
        dayGlobals[g + 2] += p3;
        dayGlobals[g + 3] += p4;
        if (day > newestDay) {
            newestDay = day;
        }
        return day;
    }

    /**
     * Adds the resolved forecasts {@code ps[from, to)} with outcomes {@code ys[from, to)}, in order, all of one
     * day: the same arithmetic in the same order as that many calls of {@link #add}, so the state afterwards is
     * bit for bit the same. With a single count window (the default) the window's and the day's sums of
     * p^2, p y, p^3 and p^4 stay in registers for the whole run and are stored once, instead of going through
     * memory once per forecast; with several windows it is a loop of {@link #add}.
     *
     * @return the day they were counted in
     */
    long addAll(double[] ps, int[] ys, int from, int to, long day, long lastClosedDay) {
        if (from >= to) {
            return day;
        }
        if (windows.length != 1) {
            long counted = day;
            for (int i = from; i < to; i++) {
                counted = add(ps[i], ys[i], day, lastClosedDay);
            }
            return counted;
        }
        if (day <= lastClosedDay) {
            day = lastClosedDay + 1;
        }
        if (newestDay != NO_DAY && day < newestDay - maxDayCap + 1) {
            day = newestDay - maxDayCap + 1;
        }
        int s = lastSlot;
        if (s >= days.length || days[s] != day) {
            s = daySlot(day, lastClosedDay);
            lastSlot = s;
        }
        final int size = windows[0];
        final double[] r = ring;
        final byte[] rBins = ringBins;
        final long[] rHits = ringHits;
        final int[] wCounts = winCounts;
        final int[] wHits = winHits;
        final double[] wSumP = winSumP;
        final int[] dCounts = dayCounts;
        final int[] dHits = dayHits;
        final double[] dSumP = daySumP;
        final int dayBase = s * bins;
        final int dayG = s * G;
        final double[] wg = winGlobals;
        final double[] dg = dayGlobals;
        double w0 = wg[0];
        double w1 = wg[1];
        double w2 = wg[2];
        double w3 = wg[3];
        double d0 = dg[dayG];
        double d1 = dg[dayG + 1];
        double d2 = dg[dayG + 2];
        double d3 = dg[dayG + 3];
        long n = pushes;
        int h = head;
        for (int i = from; i < to; i++) {
            double p = ps[i];
            int y = ys[i];
            double p2 = p * p;
            double py = y == 1 ? p : 0.0;
            double p3 = p2 * p;
            double p4 = p2 * p2;
            int k = bin(p);
            if (n >= size) {
                // the window is the whole ring, so the forecast leaving it is the one in the slot about to be reused
                double q = r[h];
                int qy = (int) (rHits[h >>> 6] >>> h) & 1;
                int j = rBins[h];
                int c = --wCounts[j];
                wHits[j] -= qy;
                wSumP[j] = c == 0 ? 0.0 : wSumP[j] - q;
                double q2 = q * q;
                w0 -= q2;
                w1 -= qy == 1 ? q : 0.0;
                w2 -= q2 * q;
                w3 -= q2 * q2;
            }
            wCounts[k]++;
            wHits[k] += y;
            wSumP[k] += p;
            w0 += p2;
            w1 += py;
            w2 += p3;
            w3 += p4;
            r[h] = p;
            rBins[h] = (byte) k;
            long bit = 1L << h;
            rHits[h >>> 6] = (rHits[h >>> 6] & ~bit) | (-(long) y & bit);
            h = h + 1 == cap ? 0 : h + 1;
            n++;
            int j = dayBase + k;
            dCounts[j]++;
            dHits[j] += y;
            dSumP[j] += p;
            d0 += p2;
            d1 += py;
            d2 += p3;
            d3 += p4;
        }
        wg[0] = w0;
        wg[1] = w1;
        wg[2] = w2;
        wg[3] = w3;
        dg[dayG] = d0;
        dg[dayG + 1] = d1;
        dg[dayG + 2] = d2;
        dg[dayG + 3] = d3;
        head = h;
        pushes = n;
        if (day > newestDay) {
            newestDay = day;
        }
        return day;
    }

    /** The slot of a day, growing or evicting as the class comment says. */
    private int daySlot(long day, long lastClosedDay) {
        while (true) {
            int cap = days.length;
            int s = (int) (day & (cap - 1));
            long occupant = days[s];
            if (occupant == day) {
                return s;
            }
            boolean needed = occupant != NO_DAY && (occupant > lastClosedDay || occupant > day - maxDays);
            if (occupant == NO_DAY || !needed || cap >= maxDayCap) {
                clearDay(s);
                days[s] = day;
                return s;
            }
            growDays(cap << 1);
        }
    }

    private void clearDay(int s) {
        Arrays.fill(dayCounts, s * bins, (s + 1) * bins, 0);
        Arrays.fill(dayHits, s * bins, (s + 1) * bins, 0);
        Arrays.fill(daySumP, s * bins, (s + 1) * bins, 0.0);
        Arrays.fill(dayGlobals, s * G, (s + 1) * G, 0.0);
        days[s] = NO_DAY;
    }

    private void growDays(int capacity) {
        long[] oldDays = days;
        int[] oc = dayCounts;
        int[] oh = dayHits;
        double[] os = daySumP;
        double[] og = dayGlobals;
        allocateDays(capacity);
        for (int i = 0; i < oldDays.length; i++) {
            if (oldDays[i] == NO_DAY) {
                continue;
            }
            int s = (int) (oldDays[i] & (capacity - 1));
            days[s] = oldDays[i];
            System.arraycopy(oc, i * bins, dayCounts, s * bins, bins);
            System.arraycopy(oh, i * bins, dayHits, s * bins, bins);
            System.arraycopy(os, i * bins, daySumP, s * bins, bins);
            System.arraycopy(og, i * G, dayGlobals, s * G, G);
        }
    }

    /** @return the index of window size {@code size}, or -1 when it is not configured */
    int windowIndex(int size) {
        for (int w = 0; w < windows.length; w++) {
            if (windows[w] == size) {
                return w;
            }
        }
        return -1;
    }

    /** Adds window w's statistics into the accumulator. */
    void addWindowTo(int w, Accumulator acc) {
        acc.add(winCounts, winHits, winSumP, w * bins, winGlobals, w * G);
    }

    /** Adds day {@code day}'s statistics into the accumulator, if the ring holds it. */
    boolean addDayTo(long day, Accumulator acc) {
        int s = (int) (day & (days.length - 1));
        if (days[s] != day) {
            return false;
        }
        acc.add(dayCounts, dayHits, daySumP, s * bins, dayGlobals, s * G);
        return true;
    }

    /** @return how many forecasts day {@code day} holds (0 when the ring does not hold it) */
    int dayCount(long day) {
        int s = (int) (day & (days.length - 1));
        if (days[s] != day) {
            return 0;
        }
        int n = 0;
        for (int k = 0; k < bins; k++) {
            n += dayCounts[s * bins + k];
        }
        return n;
    }

    /** The days the ring holds with {@code from <= day < to}, ascending. */
    long[] heldDays(long from, long to) {
        int n = 0;
        for (long d : days) {
            if (d != NO_DAY && d >= from && d < to) {
                n++;
            }
        }
        long[] out = new long[n];
        int i = 0;
        for (long d : days) {
            if (d != NO_DAY && d >= from && d < to) {
                out[i++] = d;
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** The forecasts in window w. */
    int windowCount(int w) {
        return (int) Math.min(pushes, windows[w]);
    }


    CalibrationStateSnapshot.TrackerState snapshot() {
        return new CalibrationStateSnapshot.TrackerState(ring.clone(), ringHits.clone(), pushes, winCounts.clone(),
                winHits.clone(), winSumP.clone(), winGlobals.clone(), days.clone(), dayCounts.clone(),
                dayHits.clone(), daySumP.clone(), dayGlobals.clone(), newestDay);
    }

    void restore(CalibrationStateSnapshot.TrackerState s) {
        if (s.ring().length != ring.length || s.ringHits().length != ringHits.length
                || s.winCounts().length != winCounts.length
                || s.dayCounts().length != s.days().length * bins || s.days().length > maxDayCap
                || Integer.bitCount(s.days().length) != 1) {
            throw new IllegalArgumentException("snapshot must match the monitor's calibration thresholds (bins "
                    + bins + ", windows " + Arrays.toString(windows) + "), was a ring of " + s.ring().length
                    + " and " + s.winCounts().length + " window bins");
        }
        System.arraycopy(s.ring(), 0, ring, 0, ring.length);
        for (int i = 0; i < ring.length; i++) {
            ringBins[i] = (byte) bin(ring[i]);
        }
        System.arraycopy(s.ringHits(), 0, ringHits, 0, ringHits.length);
        pushes = s.pushes();
        head = (int) (pushes % cap);
        System.arraycopy(s.winCounts(), 0, winCounts, 0, winCounts.length);
        System.arraycopy(s.winHits(), 0, winHits, 0, winHits.length);
        System.arraycopy(s.winSumP(), 0, winSumP, 0, winSumP.length);
        System.arraycopy(s.winGlobals(), 0, winGlobals, 0, winGlobals.length);
        days = s.days();
        dayCounts = s.dayCounts();
        dayHits = s.dayHits();
        daySumP = s.daySumP();
        dayGlobals = s.dayGlobals();
        newestDay = s.newestDay();
    }
}

package dev.modelmonitor.core.calibration;

import dev.modelmonitor.api.CalibrationBin;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationMetrics;
import dev.modelmonitor.api.CalibrationWindow;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.stats.Interval;
import dev.modelmonitor.stats.Normal;
import dev.modelmonitor.stats.Proportions;

import java.util.ArrayList;
import java.util.List;

/**
 * The calibration figures as functions of the sufficient statistics (see
 * {@link dev.modelmonitor.api.CalibrationStats}), with the same definitions and binning as monitor-stats
 * {@code Calibration}:
 * <pre>
 *   N = sum n_k, H = sum hits_k, S1 = sum p, S2 = sum p^2, SPY = sum p y, S3 = sum p^3, S4 = sum p^4
 *   brier = (S2 - 2 SPY + H) / N                                (y^2 = y)
 *   WBV   = (S2 - sum_k sumP_k^2 / n_k) / N
 *   WBC   = (SPY - sum_k sumP_k hits_k / n_k) / N
 *   Spiegelhalter: num = H - S1 - 2 SPY + 2 S2,  var = S1 - 5 S2 + 8 S3 - 4 S4   (expanding (y-p)(1-2p) and
 *                  (1-2p)^2 p (1-p)),  z = num / sqrt(var)
 * </pre>
 * REL, RES, UNC, ECE and MCE come from the per-bin means as in the kernel. The kernel sums deviations in a
 * second pass; these closed forms subtract sums instead, so WBV, WBC and Spiegelhalter's variance agree with
 * it to about {@code 1e-15 N} absolute rather than to 1e-12 relative (the reference tests state their
 * tolerance). Spiegelhalter's variance at or below {@code 1e-12 N} is taken as 0 (every p in {0, 1/2, 1}),
 * giving NaN as the kernel does. Stateless.
 */
final class CalibrationMath {

    private CalibrationMath() {
    }

    static CalibrationMetrics metrics(ModelKey key, CalibrationKind kind, CalibrationWindow window, Accumulator a,
                                      double wilsonZ, long now) {
        int b = a.bins;
        long n = a.count();
        List<CalibrationBin> bins = new ArrayList<>(b);
        if (n == 0) {
            double nan = Double.NaN;
            for (int k = 0; k < b; k++) {
                bins.add(new CalibrationBin((double) k / b, (double) (k + 1) / b, 0, 0, nan, nan, nan, nan));
            }
            return new CalibrationMetrics(key, kind, window, 0, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan,
                    nan, nan, bins, now);
        }
        long h = 0;
        double s1 = 0;
        for (int k = 0; k < b; k++) {
            h += a.hits[k];
            s1 += a.sumP[k];
        }
        double s2 = a.globals[0];
        double spy = a.globals[1];
        double s3 = a.globals[2];
        double s4 = a.globals[3];
        double obar = (double) h / n;
        double rel = 0;
        double res = 0;
        double ece = 0;
        double mce = 0;
        double between2 = 0;
        double betweenPy = 0;
        for (int k = 0; k < b; k++) {
            long nk = a.counts[k];
            if (nk == 0) {
                double nan = Double.NaN;
                bins.add(new CalibrationBin((double) k / b, (double) (k + 1) / b, 0, 0, nan, nan, nan, nan));
                continue;
            }
            double pk = a.sumP[k] / nk;
            double ok = (double) a.hits[k] / nk;
            double gap = Math.abs(ok - pk);
            rel += nk * (pk - ok) * (pk - ok);
            res += nk * (ok - obar) * (ok - obar);
            ece += (double) nk / n * gap;
            if (gap > mce) {
                mce = gap;
            }
            between2 += a.sumP[k] * pk;
            betweenPy += a.sumP[k] * ok;
            Interval w = Proportions.wilsonWithZ(a.hits[k], nk, wilsonZ);
            bins.add(new CalibrationBin((double) k / b, (double) (k + 1) / b, nk, a.hits[k], pk, ok, w.lower(),
                    w.upper()));
        }
        double brier = Math.max(0.0, (s2 - 2 * spy + h) / n);
        double wbv = Math.max(0.0, (s2 - between2) / n);
        double wbc = (spy - betweenPy) / n;
        double num = h - s1 - 2 * spy + 2 * s2;
        double var = s1 - 5 * s2 + 8 * s3 - 4 * s4;
        double z = Double.NaN;
        double pz = Double.NaN;
        if (var > 1e-12 * n) {
            z = num / Math.sqrt(var);
            pz = Normal.twoSidedP(z);
        }
        return new CalibrationMetrics(key, kind, window, n, s1 / n, obar, brier, rel / n, res / n,
                obar * (1 - obar), wbv, wbc, ece, mce, z, pz, bins, now);
    }

    /** ECE only, without building bins. NaN when empty. */
    static double ece(Accumulator a) {
        long n = a.count();
        if (n == 0) {
            return Double.NaN;
        }
        double ece = 0;
        for (int k = 0; k < a.bins; k++) {
            long nk = a.counts[k];
            if (nk > 0) {
                ece += (double) nk / n * Math.abs((double) a.hits[k] / nk - a.sumP[k] / nk);
            }
        }
        return ece;
    }

    /** MCE only. NaN when empty. */
    static double mce(Accumulator a) {
        long n = a.count();
        if (n == 0) {
            return Double.NaN;
        }
        double mce = 0;
        for (int k = 0; k < a.bins; k++) {
            long nk = a.counts[k];
            if (nk > 0) {
                mce = Math.max(mce, Math.abs((double) a.hits[k] / nk - a.sumP[k] / nk));
            }
        }
        return mce;
    }

    /** Brier score only. NaN when empty. */
    static double brier(Accumulator a) {
        long n = a.count();
        if (n == 0) {
            return Double.NaN;
        }
        long h = 0;
        for (long x : a.hits) {
            h += x;
        }
        return Math.max(0.0, (a.globals[0] - 2 * a.globals[1] + h) / n);
    }

    static double meanP(Accumulator a) {
        long n = a.count();
        double s = 0;
        for (double x : a.sumP) {
            s += x;
        }
        return n == 0 ? Double.NaN : s / n;
    }

    static double observedRate(Accumulator a) {
        long n = a.count();
        long h = 0;
        for (long x : a.hits) {
            h += x;
        }
        return n == 0 ? Double.NaN : (double) h / n;
    }
}

package dev.modelmonitor.stats;

import org.apache.commons.math3.special.Beta;

/**
 * The trend of a short series: the ordinary least-squares slope of y on x and its t-test, as statsmodels
 * {@code OLS(y, add_constant(x)).fit()} reports it ({@code params[1]}, {@code bse[1]}, {@code tvalues[1]},
 * {@code pvalues[1]}).
 *
 * <p><b>Formulas.</b> With {@code xbar, ybar} the means, {@code Sxx = sum (x - xbar)^2},
 * {@code Sxy = sum (x - xbar)(y - ybar)}: {@code slope = Sxy / Sxx}, {@code intercept = ybar - slope xbar},
 * residual sum of squares {@code SSR = sum (y - intercept - slope x)^2}, {@code se = sqrt(SSR / (n - 2) / Sxx)},
 * {@code t = slope / se} and the two-sided p-value {@code P(|T| >= |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2)}
 * with {@code df = n - 2} (I the regularized incomplete beta function, commons-math3).
 *
 * <p><b>Agreement.</b> statsmodels 0.13 to 1e-9 relative on the committed vectors
 * ({@code reference/trend.json}, written by {@code reference/gen_trend.py}).
 *
 * <p><b>Input policy.</b> x and y must have equal lengths and hold finite values; NaN or an infinity is
 * rejected naming the argument and the index. Fewer than 2 points, or all x equal, give a NaN slope; fewer
 * than 3 points give a NaN test. An exact fit with a non-zero slope gives an infinite t and p-value 0; an
 * exact flat fit gives t NaN.
 *
 * <p><b>Cost.</b> Two passes, O(n) time, no allocation beyond the result. Pure and thread-safe.
 */
public final class Trend {

    private Trend() {
    }

    /**
     * The OLS slope of y on x with its t-test.
     *
     * @param x the regressor, finite values
     * @param y the response, finite values, same length
     * @return the fit and the test; see the class comment for the degenerate cases
     */
    public static SlopeTest olsSlope(double[] x, double[] y) {
        Classification.checkLengths("x", x == null ? -1 : x.length, "y", y == null ? -1 : y.length);
        int n = x.length;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("x must be finite, was " + x[i] + " at index " + i);
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y must be finite, was " + y[i] + " at index " + i);
            }
        }
        double nan = Double.NaN;
        if (n < 2) {
            return new SlopeTest(n, nan, nan, nan, nan, nan);
        }
        double sx = 0.0;
        double sy = 0.0;
        for (int i = 0; i < n; i++) {
            sx += x[i];
            sy += y[i];
        }
        double xbar = sx / n;
        double ybar = sy / n;
        double sxx = 0.0;
        double sxy = 0.0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - xbar;
            sxx += dx * dx;
            sxy += dx * (y[i] - ybar);
        }
        if (!(sxx > 0.0)) {
            return new SlopeTest(n, nan, nan, nan, nan, nan);
        }
        double slope = sxy / sxx;
        double intercept = ybar - slope * xbar;
        if (n < 3) {
            return new SlopeTest(n, slope, intercept, nan, nan, nan);
        }
        double ssr = 0.0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - intercept - slope * x[i];
            ssr += r * r;
        }
        double df = n - 2;
        double se = Math.sqrt(ssr / df / sxx);
        double t = slope / se;
        double p;
        if (Double.isNaN(t)) {
            p = nan;
        } else if (Double.isInfinite(t)) {
            p = 0.0;
        } else {
            p = Beta.regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
        }
        return new SlopeTest(n, slope, intercept, se, t, p);
    }
}

package dev.modelmonitor.stats;

/**
 * Point-forecast and quantile-forecast metrics: MAE, RMSE, MAPE, pinball loss and coverage, with
 * scikit-learn 1.2's conventions.
 *
 * <p><b>Conventions.</b>
 * <ul>
 *   <li>{@code mae = mean |y - yhat|} ({@code mean_absolute_error}).</li>
 *   <li>{@code rmse = sqrt(mean (y - yhat)^2)} ({@code mean_squared_error(squared=False)}).</li>
 *   <li>{@code mape = mean |y - yhat| / max(|y|, eps)} with eps the machine epsilon 2^-52, exactly as
 *       {@code mean_absolute_percentage_error}: a fraction (0.1 means 10%), and huge rather than infinite
 *       when y is 0.</li>
 *   <li>{@code pinball(alpha) = mean(alpha max(y - q, 0) + (1 - alpha) max(q - y, 0))}
 *       ({@code mean_pinball_loss(alpha=alpha)}).</li>
 *   <li>Quantile coverage is the fraction of y with {@code y <= q}; interval coverage the fraction with
 *       {@code lo <= y <= hi} (both ends closed). A well-calibrated p10/p90 pair covers 0.80.</li>
 * </ul>
 *
 * <p><b>Agreement.</b> scikit-learn 1.2 to 1e-12 relative on the committed reference vectors (differences
 * come only from summation order).
 *
 * <p><b>Input policy.</b> Arrays must have equal lengths; NaN anywhere is rejected with an
 * {@link IllegalArgumentException} naming the argument and the index. Every metric returns NaN for empty
 * input. Pinball levels must lie in [0, 1].
 *
 * <p><b>Cost.</b> O(n) time, no allocation. Pure and thread-safe.
 */
public final class Regression {

    /** The machine epsilon scikit-learn uses in the MAPE denominator, {@code np.finfo(np.float64).eps}. */
    public static final double MAPE_EPS = Math.ulp(1.0);

    private Regression() {
    }

    /**
     * The mean absolute error.
     *
     * @param y    the observed values
     * @param yHat the forecasts, same length
     * @return mean |y - yHat|; NaN for empty input
     */
    public static double mae(double[] y, double[] yHat) {
        check("y", y, "yHat", yHat);
        int n = y.length;
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += Math.abs(y[i] - yHat[i]);
        }
        return sum / n;
    }

    /**
     * The root mean squared error.
     *
     * @param y    the observed values
     * @param yHat the forecasts, same length
     * @return sqrt(mean (y - yHat)^2); NaN for empty input
     */
    public static double rmse(double[] y, double[] yHat) {
        check("y", y, "yHat", yHat);
        int n = y.length;
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double d = y[i] - yHat[i];
            sum += d * d;
        }
        return Math.sqrt(sum / n);
    }

    /**
     * The mean absolute percentage error as a fraction, exactly as scikit-learn's
     * {@code mean_absolute_percentage_error}: {@code mean |y - yHat| / max(|y|, 2^-52)}.
     *
     * @param y    the observed values
     * @param yHat the forecasts, same length
     * @return the MAPE as a fraction (not percent); NaN for empty input
     */
    public static double mape(double[] y, double[] yHat) {
        check("y", y, "yHat", yHat);
        int n = y.length;
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += Math.abs(yHat[i] - y[i]) / Math.max(Math.abs(y[i]), MAPE_EPS);
        }
        return sum / n;
    }

    /**
     * The pinball (quantile) loss of forecasts of the alpha-quantile ({@code mean_pinball_loss(alpha=alpha)}).
     *
     * @param y     the observed values
     * @param q     the forecast alpha-quantiles, same length
     * @param alpha the quantile level, in [0, 1]
     * @return mean(alpha max(y - q, 0) + (1 - alpha) max(q - y, 0)); NaN for empty input
     */
    public static double pinball(double[] y, double[] q, double alpha) {
        check("y", y, "q", q);
        if (!(alpha >= 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], was " + alpha);
        }
        int n = y.length;
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double diff = y[i] - q[i];
            sum += diff >= 0 ? alpha * diff : -(1.0 - alpha) * diff;
        }
        return sum / n;
    }

    /**
     * The fraction of observations at or below their forecast quantile, {@code #{y <= q} / n}; for a
     * calibrated alpha-quantile it tends to alpha.
     *
     * @param y the observed values
     * @param q the forecast quantiles, same length
     * @return the coverage in [0, 1]; NaN for empty input
     */
    public static double quantileCoverage(double[] y, double[] q) {
        check("y", y, "q", q);
        int n = y.length;
        if (n == 0) {
            return Double.NaN;
        }
        long hits = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] <= q[i]) {
                hits++;
            }
        }
        return (double) hits / n;
    }

    /**
     * The fraction of observations inside their forecast interval, {@code #{lo <= y <= hi} / n}.
     *
     * @param y  the observed values
     * @param lo the lower interval ends, same length
     * @param hi the upper interval ends, same length, each &gt;= lo
     * @return the coverage in [0, 1]; NaN for empty input
     */
    public static double intervalCoverage(double[] y, double[] lo, double[] hi) {
        check("y", y, "lo", lo);
        check("y", y, "hi", hi);
        int n = y.length;
        if (n == 0) {
            return Double.NaN;
        }
        long hits = 0;
        for (int i = 0; i < n; i++) {
            if (hi[i] < lo[i]) {
                throw new IllegalArgumentException(
                        "hi must be >= lo, was hi=" + hi[i] + " < lo=" + lo[i] + " at index " + i);
            }
            if (y[i] >= lo[i] && y[i] <= hi[i]) {
                hits++;
            }
        }
        return (double) hits / n;
    }

    private static void check(String aName, double[] a, String bName, double[] b) {
        Classification.checkLengths(aName, a == null ? -1 : a.length, bName, b == null ? -1 : b.length);
        checkNoNaN(aName, a);
        checkNoNaN(bName, b);
    }

    static void checkNoNaN(String name, double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i])) {
                throw new IllegalArgumentException(name + " must not contain NaN, was NaN at index " + i);
            }
        }
    }
}

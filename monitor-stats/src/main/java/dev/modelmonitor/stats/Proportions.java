package dev.modelmonitor.stats;

/**
 * Tests and intervals for one binomial proportion.
 *
 * <p>The z-test follows statsmodels {@code proportions_ztest(count, nobs, value=p0, alternative=...,
 * prop_var=p0)}: the standard error uses the null proportion, {@code z = (count/nobs - p0) /
 * sqrt(p0 (1 - p0) / nobs)}, and the p-value comes from the standard normal ({@link Normal}). The Wilson
 * interval follows {@code proportion_confint(count, nobs, alpha, method='wilson')}. Both agree with
 * statsmodels to 1e-9 relative (see the reference vectors in the tests).
 *
 * <p>The primitive methods ({@link #zStatistic}, {@link #zPValue}) allocate nothing and are what the
 * monitor's check path calls; the record-returning forms are for convenience.
 */
public final class Proportions {

    private Proportions() {
    }

    /**
     * The one-proportion z statistic with the null variance, {@code (count/nobs - p0) / sqrt(p0(1-p0)/nobs)}.
     *
     * @param count successes, 0 &lt;= count &lt;= nobs
     * @param nobs  trials, &gt; 0
     * @param p0    the null proportion, in (0, 1)
     * @return the z statistic
     * @throws IllegalArgumentException on counts out of range or p0 outside (0, 1)
     */
    public static double zStatistic(long count, long nobs, double p0) {
        checkCounts(count, nobs);
        if (!(p0 > 0.0 && p0 < 1.0)) {
            throw new IllegalArgumentException("p0 must be in (0, 1), was " + p0);
        }
        double phat = (double) count / nobs;
        return (phat - p0) / Math.sqrt(p0 * (1.0 - p0) / nobs);
    }

    /**
     * The p-value of a z statistic under the given alternative.
     *
     * @param z           the statistic
     * @param alternative the alternative hypothesis
     * @return Phi(z) for LESS, 1 - Phi(z) for GREATER, 2 (1 - Phi(|z|)) for TWO_SIDED
     */
    public static double zPValue(double z, Alternative alternative) {
        switch (alternative) {
            case LESS:
                return Normal.cdf(z);
            case GREATER:
                return Normal.sf(z);
            default:
                return Normal.twoSidedP(z);
        }
    }

    /**
     * The one-proportion z-test (statsmodels {@code proportions_ztest} with {@code prop_var=p0}).
     *
     * @param count       successes
     * @param nobs        trials, &gt; 0
     * @param p0          the null proportion, in (0, 1)
     * @param alternative the alternative hypothesis
     * @return the z statistic and its p-value
     */
    public static TestResult zTest(long count, long nobs, double p0, Alternative alternative) {
        if (alternative == null) {
            throw new IllegalArgumentException("alternative must not be null");
        }
        double z = zStatistic(count, nobs, p0);
        return new TestResult(z, zPValue(z, alternative));
    }

    /**
     * The Wilson score interval (statsmodels {@code proportion_confint(method='wilson')}).
     *
     * @param count successes, 0 &lt;= count &lt;= nobs
     * @param nobs  trials, &gt; 0
     * @param alpha significance level, in (0, 1); 0.05 gives a 95% interval
     * @return the interval, inside [0, 1]
     */
    public static Interval wilson(long count, long nobs, double alpha) {
        checkCounts(count, nobs);
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        double z = Normal.quantile(1.0 - alpha / 2.0);
        return wilsonWithZ(count, nobs, z);
    }

    /**
     * The Wilson score interval for a precomputed critical value z (for example 1.959963984540054 for 95%),
     * so a caller that computes many intervals pays for the quantile once.
     *
     * @param count successes, 0 &lt;= count &lt;= nobs
     * @param nobs  trials, &gt; 0
     * @param z     the two-sided critical value, &gt; 0
     * @return the interval, inside [0, 1]
     */
    public static Interval wilsonWithZ(long count, long nobs, double z) {
        checkCounts(count, nobs);
        if (!(z > 0.0) || Double.isInfinite(z)) {
            throw new IllegalArgumentException("z must be positive and finite, was " + z);
        }
        double n = nobs;
        double p = count / n;
        double z2 = z * z;
        double denom = 1.0 + z2 / n;
        double center = (p + z2 / (2.0 * n)) / denom;
        double half = z * Math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom;
        return new Interval(Math.max(0.0, center - half), Math.min(1.0, center + half));
    }

    private static void checkCounts(long count, long nobs) {
        if (nobs <= 0) {
            throw new IllegalArgumentException("nobs must be > 0, was " + nobs);
        }
        if (count < 0 || count > nobs) {
            throw new IllegalArgumentException("count must be in [0, nobs=" + nobs + "], was " + count);
        }
    }
}

package dev.modelmonitor.stats;

/**
 * The two-sample z-test of a difference in means with unequal variances, from each sample's moments, as
 * statsmodels {@code CompareMeans(DescrStatsW(a), DescrStatsW(b)).ztest_ind(usevar='unequal')}:
 * <pre>
 *   z = (mean1 - mean2) / sqrt(s1^2 / n1 + s2^2 / n2)
 * </pre>
 * with s^2 the sample variance (ddof 1) and the two-sided standard normal p-value {@code 2 (1 - Phi(|z|))}
 * from {@link Normal}. Taking moments rather than arrays lets a caller test two streaming accumulators
 * without keeping their samples.
 *
 * <p><b>Agreement.</b> statsmodels 0.13 to 1e-9 relative on the committed vectors
 * ({@code reference/trend.json}, {@code welch} section).
 *
 * <p><b>Input policy.</b> Counts below 2, a NaN or infinite mean, or a negative, NaN or infinite variance
 * are rejected naming the argument and the value. Both variances 0 with equal means give z NaN; with
 * different means, an infinite z and p-value 0. Pure, thread-safe, allocates only the result.
 */
public final class Means {

    private Means() {
    }

    /**
     * The unequal-variance two-sample z-test.
     *
     * @param n1    size of the first sample, &gt;= 2
     * @param mean1 its mean, finite
     * @param var1  its sample variance (ddof 1), finite and &gt;= 0
     * @param n2    size of the second sample, &gt;= 2
     * @param mean2 its mean, finite
     * @param var2  its sample variance (ddof 1), finite and &gt;= 0
     * @return z (positive when the first mean is larger) and its two-sided p-value
     */
    public static TestResult welchZTest(long n1, double mean1, double var1, long n2, double mean2, double var2) {
        check(n1, "n1", mean1, "mean1", var1, "var1");
        check(n2, "n2", mean2, "mean2", var2, "var2");
        double se = Math.sqrt(var1 / n1 + var2 / n2);
        double diff = mean1 - mean2;
        if (!(se > 0.0)) {
            if (diff == 0.0) {
                return new TestResult(Double.NaN, Double.NaN);
            }
            return new TestResult(diff > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, 0.0);
        }
        double z = diff / se;
        return new TestResult(z, Normal.twoSidedP(z));
    }

    private static void check(long n, String nName, double mean, String meanName, double var, String varName) {
        if (n < 2) {
            throw new IllegalArgumentException(nName + " must be >= 2, was " + n);
        }
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException(meanName + " must be finite, was " + mean);
        }
        if (!(var >= 0.0) || Double.isInfinite(var)) {
            throw new IllegalArgumentException(varName + " must be finite and >= 0, was " + var);
        }
    }
}

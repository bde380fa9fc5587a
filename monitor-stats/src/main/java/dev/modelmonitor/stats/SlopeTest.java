package dev.modelmonitor.stats;

/**
 * The least-squares line {@code y = intercept + slope x} and the t-test of H0: slope = 0, as
 * {@link Trend#olsSlope(double[], double[])} computes it.
 *
 * @param n              the number of points
 * @param slope          the fitted slope; NaN when n &lt; 2 or every x is equal
 * @param intercept      the fitted intercept; NaN when the slope is
 * @param standardError  the standard error of the slope, {@code sqrt(SSR / (n - 2) / Sxx)}; NaN when n &lt; 3
 * @param tStatistic     slope / standardError; NaN when n &lt; 3; infinite when the fit is exact and the slope
 *                       non-zero
 * @param pValue         the two-sided p-value of t under Student's t with n - 2 degrees of freedom; NaN
 *                       when the statistic is NaN
 */
public record SlopeTest(int n, double slope, double intercept, double standardError, double tStatistic,
                        double pValue) {

    /**
     * Validates the count.
     *
     * @throws IllegalArgumentException if n is negative
     */
    public SlopeTest {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
    }

    /**
     * Whether the slope differs from 0 at level alpha ({@code pValue < alpha}); false when the p-value is NaN.
     *
     * @param alpha the significance level, in (0, 1)
     * @return true when pValue &lt; alpha
     */
    public boolean significantAt(double alpha) {
        return pValue < alpha;
    }
}

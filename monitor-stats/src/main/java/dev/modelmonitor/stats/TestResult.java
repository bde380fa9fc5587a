package dev.modelmonitor.stats;

/**
 * The outcome of a hypothesis test: its statistic and p-value.
 *
 * @param statistic the test statistic (z, chi-square, D, ... as the producing method documents); may be
 *                  NaN when the test is undefined for the input, in which case {@code pValue} is NaN too
 * @param pValue    the p-value in [0, 1], or NaN when undefined
 */
public record TestResult(double statistic, double pValue) {

    /**
     * Whether the null hypothesis is rejected at level alpha ({@code pValue < alpha}); false when the
     * p-value is NaN.
     *
     * @param alpha the significance level, in (0, 1)
     * @return true when pValue &lt; alpha
     */
    public boolean significantAt(double alpha) {
        return pValue < alpha;
    }
}

package dev.modelmonitor.stats;

/**
 * The outcome of a chi-square test of independence.
 *
 * @param statistic        Pearson's chi-square statistic, &gt;= 0
 * @param pValue           the upper-tail p-value {@code P(X >= statistic)} for X ~ chi-square(dof), in [0, 1]
 * @param degreesOfFreedom (rows - 1)(columns - 1), &gt;= 0; with 0 the statistic is 0 and the p-value 1
 */
public record ChiSquareResult(double statistic, double pValue, int degreesOfFreedom) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the statistic is negative or NaN, the p-value outside [0, 1] or
     *                                  the degrees of freedom negative
     */
    public ChiSquareResult {
        if (!(statistic >= 0.0)) {
            throw new IllegalArgumentException("statistic must be >= 0, was " + statistic);
        }
        if (!(pValue >= 0.0 && pValue <= 1.0)) {
            throw new IllegalArgumentException("pValue must be in [0, 1], was " + pValue);
        }
        if (degreesOfFreedom < 0) {
            throw new IllegalArgumentException("degreesOfFreedom must be >= 0, was " + degreesOfFreedom);
        }
    }

    /**
     * Whether independence is rejected at level alpha ({@code pValue < alpha}).
     *
     * @param alpha the significance level
     * @return true when pValue &lt; alpha
     */
    public boolean significantAt(double alpha) {
        return pValue < alpha;
    }
}

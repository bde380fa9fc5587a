package dev.modelmonitor.stats;

/**
 * The outcome of a two-sample Kolmogorov-Smirnov test, with the fields of scipy's {@code KstestResult}.
 *
 * @param statistic the statistic D = sup |F1 - F2| in [0, 1]; after an exact p-value it is, as in scipy,
 *                  rounded to the lattice {@code h / lcm(n1, n2)}
 * @param pValue    the two-sided p-value in [0, 1]
 * @param location  the value at which the largest ECDF difference is attained (scipy's
 *                  {@code statistic_location})
 * @param sign      +1 when F1 - F2 is largest there, -1 when F2 - F1 is (scipy's {@code statistic_sign})
 * @param method    the method actually used for the p-value, {@link KsMethod#EXACT} or
 *                  {@link KsMethod#ASYMPTOTIC}, never {@link KsMethod#AUTO}
 */
public record KsResult(double statistic, double pValue, double location, int sign, KsMethod method) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the statistic or p-value is outside [0, 1], the sign is not +-1
     *                                  or the method is null or AUTO
     */
    public KsResult {
        if (!(statistic >= 0.0 && statistic <= 1.0)) {
            throw new IllegalArgumentException("statistic must be in [0, 1], was " + statistic);
        }
        if (!(pValue >= 0.0 && pValue <= 1.0)) {
            throw new IllegalArgumentException("pValue must be in [0, 1], was " + pValue);
        }
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("sign must be +1 or -1, was " + sign);
        }
        if (method == null || method == KsMethod.AUTO) {
            throw new IllegalArgumentException("method must be EXACT or ASYMPTOTIC, was " + method);
        }
    }

    /**
     * Whether the null hypothesis (same distribution) is rejected at level alpha ({@code pValue < alpha}).
     *
     * @param alpha the significance level
     * @return true when pValue &lt; alpha
     */
    public boolean significantAt(double alpha) {
        return pValue < alpha;
    }
}

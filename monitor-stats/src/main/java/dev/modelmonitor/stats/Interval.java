package dev.modelmonitor.stats;

/**
 * A closed interval [lower, upper], for confidence intervals.
 *
 * @param lower the lower bound
 * @param upper the upper bound, &gt;= lower
 */
public record Interval(double lower, double upper) {

    /**
     * Validates the bounds.
     *
     * @throws IllegalArgumentException if upper &lt; lower
     */
    public Interval {
        if (upper < lower) {
            throw new IllegalArgumentException("upper must be >= lower, was [" + lower + ", " + upper + "]");
        }
    }

    /**
     * Whether x lies inside the closed interval.
     *
     * @param x the value
     * @return lower &lt;= x &lt;= upper
     */
    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }
}

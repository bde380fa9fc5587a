package dev.modelmonitor.api;

/**
 * The p10, p50 and p90 quantiles of a numeric forecast.
 *
 * @param p10 the 10% quantile, finite
 * @param p50 the median, finite, &gt;= p10
 * @param p90 the 90% quantile, finite, &gt;= p50
 */
public record Quantiles(double p10, double p50, double p90) {

    /**
     * Validates that all three are finite and ordered.
     *
     * @throws IllegalArgumentException if a value is not finite or the order p10 &lt;= p50 &lt;= p90 fails
     */
    public Quantiles {
        Checks.finite(p10, "p10");
        Checks.finite(p50, "p50");
        Checks.finite(p90, "p90");
        if (p10 > p50 || p50 > p90) {
            throw new IllegalArgumentException(
                    "quantiles must be ordered p10 <= p50 <= p90, was " + p10 + ", " + p50 + ", " + p90);
        }
    }

    /**
     * Whether a value lies inside the closed p10-p90 interval.
     *
     * @param value the actual value
     * @return p10 &lt;= value &lt;= p90
     */
    public boolean covers(double value) {
        return value >= p10 && value <= p90;
    }
}

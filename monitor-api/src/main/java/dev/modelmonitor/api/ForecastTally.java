package dev.modelmonitor.api;

/**
 * The sufficient statistics of a set of resolved forecasts: counts and sums from which coverage, MAE, MAPE
 * and ROAS follow. Immutable and mergeable: {@link #plus} of the tallies of two disjoint sets is the tally
 * of their union (counts exactly; sums up to floating-point rounding), so days add up to weeks and keys to
 * segments.
 *
 * <p>Definitions, for forecasts with quantiles (p10, p50, p90) and actual value {@code a}:
 * <ul>
 *   <li>coverage of a quantile q: the share of actuals at or below it, {@code #(a <= q) / quantileCount};
 *   ideal 0.10, 0.50 and 0.90 (the empirical CDF at the forecast quantile);</li>
 *   <li>interval coverage: {@code #(p10 <= a <= p90) / quantileCount}; ideal 0.80;</li>
 *   <li>MAE: {@code sum |a - m| / count} with {@code m} the median forecast (p50, or the point value when the
 *   forecast has no quantiles), over every forecast;</li>
 *   <li>MAPE: {@code sum |a - m| / |a| / pctCount}, a fraction (0.12 is 12%), over the forecasts whose actual
 *   is not 0; an actual of exactly 0 has no percentage error and is left out of MAPE (and counted in
 *   {@link #zeroActuals()}), never divided by a small epsilon (which would let one zero dominate);</li>
 *   <li>ROAS, over the forecasts that carry a spend: forecast ROAS {@code = sum value / sum spend}, actual
 *   ROAS {@code = sum a / sum spend}, both NaN when the spend sums to 0.</li>
 * </ul>
 * Every ratio is NaN when its denominator is 0: an empty tally gives NaN figures, never 0. Cost: O(1), no
 * allocation beyond the result. Thread-safe (immutable).
 *
 * @param count              resolved forecasts, &gt;= 0
 * @param quantileCount      of which with quantiles, in [0, count]
 * @param atOrBelowP10       actuals &lt;= p10, in [0, quantileCount]
 * @param atOrBelowP50       actuals &lt;= p50, in [0, quantileCount]
 * @param atOrBelowP90       actuals &lt;= p90, in [0, quantileCount]
 * @param insideInterval     actuals inside [p10, p90], in [0, quantileCount]
 * @param absErrorSum        sum of |actual - median|
 * @param pctCount           forecasts with a non-zero actual, in [0, count]
 * @param absPctErrorSum     sum of |actual - median| / |actual| over those
 * @param spendCount         forecasts with a spend, in [0, count]
 * @param spendSum           sum of their spends
 * @param forecastRevenueSum sum of their point forecasts (the planned revenue)
 * @param actualRevenueSum   sum of their actuals (the realised revenue)
 */
public record ForecastTally(long count, long quantileCount, long atOrBelowP10, long atOrBelowP50, long atOrBelowP90,
                            long insideInterval, double absErrorSum, long pctCount, double absPctErrorSum,
                            long spendCount, double spendSum, double forecastRevenueSum,
                            double actualRevenueSum) {

    /** The tally of nothing. */
    public static final ForecastTally EMPTY = new ForecastTally(0, 0, 0, 0, 0, 0, 0.0, 0, 0.0, 0, 0.0, 0.0, 0.0);

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException naming the count and the bound it breaks
     */
    public ForecastTally {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        within(quantileCount, count, "quantileCount", "count");
        within(atOrBelowP10, quantileCount, "atOrBelowP10", "quantileCount");
        within(atOrBelowP50, quantileCount, "atOrBelowP50", "quantileCount");
        within(atOrBelowP90, quantileCount, "atOrBelowP90", "quantileCount");
        within(insideInterval, quantileCount, "insideInterval", "quantileCount");
        within(pctCount, count, "pctCount", "count");
        within(spendCount, count, "spendCount", "count");
    }

    private static void within(long value, long bound, String field, String boundName) {
        if (value < 0 || value > bound) {
            throw new IllegalArgumentException(field + " must be in [0, " + boundName + " = " + bound + "], was "
                    + value);
        }
    }

    /**
     * The tally of both sets.
     *
     * @param other the other tally, not null
     * @return the sum
     */
    public ForecastTally plus(ForecastTally other) {
        Checks.notNull(other, "other");
        return new ForecastTally(count + other.count, quantileCount + other.quantileCount,
                atOrBelowP10 + other.atOrBelowP10, atOrBelowP50 + other.atOrBelowP50,
                atOrBelowP90 + other.atOrBelowP90, insideInterval + other.insideInterval,
                absErrorSum + other.absErrorSum, pctCount + other.pctCount, absPctErrorSum + other.absPctErrorSum,
                spendCount + other.spendCount, spendSum + other.spendSum,
                forecastRevenueSum + other.forecastRevenueSum, actualRevenueSum + other.actualRevenueSum);
    }

    /** @return share of actuals at or below p10 (ideal 0.10), NaN without quantiles */
    public double coverageP10() {
        return ratio(atOrBelowP10, quantileCount);
    }

    /** @return share of actuals at or below p50 (ideal 0.50), NaN without quantiles */
    public double coverageP50() {
        return ratio(atOrBelowP50, quantileCount);
    }

    /** @return share of actuals at or below p90 (ideal 0.90), NaN without quantiles */
    public double coverageP90() {
        return ratio(atOrBelowP90, quantileCount);
    }

    /** @return share of actuals inside [p10, p90] (ideal 0.80), NaN without quantiles */
    public double intervalCoverage() {
        return ratio(insideInterval, quantileCount);
    }

    /** @return mean absolute error of the median forecast, in the forecast's unit; NaN when empty */
    public double mae() {
        return count == 0 ? Double.NaN : absErrorSum / count;
    }

    /** @return mean absolute percentage error as a fraction, over non-zero actuals; NaN when there are none */
    public double mape() {
        return pctCount == 0 ? Double.NaN : absPctErrorSum / pctCount;
    }

    /** @return forecasts whose actual was exactly 0, left out of MAPE */
    public long zeroActuals() {
        return count - pctCount;
    }

    /** @return planned revenue over spend, NaN without spend */
    public double forecastRoas() {
        return spendSum > 0.0 ? forecastRevenueSum / spendSum : Double.NaN;
    }

    /** @return realised revenue over spend, NaN without spend */
    public double actualRoas() {
        return spendSum > 0.0 ? actualRevenueSum / spendSum : Double.NaN;
    }

    /** @return actual ROAS minus forecast ROAS (negative: the plan over-promised), NaN without spend */
    public double roasDelta() {
        return actualRoas() - forecastRoas();
    }

    private static double ratio(long num, long den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }
}

package dev.modelmonitor.api;

/**
 * One bin of a reliability curve with its uncertainty: the forecasts whose probability fell in
 * [lower, upper) (the last bin includes 1.0), their mean probability, the observed rate of positive
 * outcomes, and the Wilson score interval of that rate.
 *
 * @param lower          inclusive lower edge
 * @param upper          exclusive upper edge (inclusive for the last bin), &gt; lower
 * @param count          forecasts in the bin, &gt;= 0
 * @param hits           positive outcomes (correct predictions) among them, in [0, count]
 * @param meanConfidence their mean probability, NaN when empty
 * @param observedRate   hits / count, NaN when empty
 * @param wilsonLower    lower bound of the Wilson interval of the observed rate, NaN when empty
 * @param wilsonUpper    upper bound of that interval, NaN when empty
 */
public record CalibrationBin(double lower, double upper, long count, long hits, double meanConfidence,
                             double observedRate, double wilsonLower, double wilsonUpper) {

    /**
     * Validates edges and counts.
     *
     * @throws IllegalArgumentException if upper &lt;= lower, count &lt; 0 or hits outside [0, count]
     */
    public CalibrationBin {
        if (!(upper > lower)) {
            throw new IllegalArgumentException("upper must be > lower (" + lower + "), was " + upper);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        if (hits < 0 || hits > count) {
            throw new IllegalArgumentException("hits must be in [0, count=" + count + "], was " + hits);
        }
    }

    /** @return observedRate - meanConfidence: negative when over-confident; NaN when empty */
    public double gap() {
        return observedRate - meanConfidence;
    }

    /**
     * Whether the bin's mean probability lies outside the Wilson interval of its observed rate: the
     * miscalibration of this bin is larger than its sampling noise explains.
     *
     * @return true when meanConfidence &lt; wilsonLower or &gt; wilsonUpper; false when empty
     */
    public boolean outsideInterval() {
        return meanConfidence < wilsonLower || meanConfidence > wilsonUpper;
    }
}

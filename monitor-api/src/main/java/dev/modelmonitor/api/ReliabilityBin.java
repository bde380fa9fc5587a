package dev.modelmonitor.api;

/**
 * One bin of a reliability curve: predictions whose confidence fell in [lower, upper) (the last bin
 * includes 1.0), how confident they were on average, and how often they were right.
 *
 * @param lower          inclusive lower edge
 * @param upper          exclusive upper edge (inclusive for the last bin)
 * @param count          predictions in the bin, &gt;= 0
 * @param meanConfidence their mean confidence, NaN when empty
 * @param observedRate   their fraction correct, NaN when empty
 */
public record ReliabilityBin(double lower, double upper, int count, double meanConfidence, double observedRate) {

    /**
     * Validates the edges and count.
     *
     * @throws IllegalArgumentException if upper &lt;= lower or count &lt; 0
     */
    public ReliabilityBin {
        if (!(upper > lower)) {
            throw new IllegalArgumentException("upper must be > lower (" + lower + "), was " + upper);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
    }

    /** @return observedRate - meanConfidence: negative when over-confident; NaN when empty */
    public double gap() {
        return observedRate - meanConfidence;
    }
}

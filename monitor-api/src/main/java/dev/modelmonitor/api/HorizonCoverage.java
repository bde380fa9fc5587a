package dev.modelmonitor.api;

import java.time.Duration;

/**
 * Interval coverage of the forecasts in one horizon bucket. Buckets come from
 * {@link ForecastConfig#horizonEdges()}: the bucket with edge {@code e_i} holds the horizons {@code h} with
 * {@code e_(i-1) < h <= e_i} (the first from 0), and a last, open bucket holds every longer horizon.
 * Only forecasts with quantiles are counted. Immutable.
 *
 * @param upTo   the bucket's inclusive upper edge, or null for the open last bucket
 * @param count  forecasts with quantiles in the bucket, &gt;= 0
 * @param inside of which the actual fell inside [p10, p90], in [0, count]
 */
public record HorizonCoverage(Duration upTo, long count, long inside) {

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if a count is negative or inside exceeds count
     */
    public HorizonCoverage {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        if (inside < 0 || inside > count) {
            throw new IllegalArgumentException("inside must be in [0, count = " + count + "], was " + inside);
        }
    }

    /** @return inside / count, NaN when the bucket is empty */
    public double coverage() {
        return count == 0 ? Double.NaN : (double) inside / count;
    }

    /**
     * The sum of two buckets with the same edge.
     *
     * @param other a bucket with the same {@code upTo}
     * @return the merged bucket
     * @throws IllegalArgumentException if the edges differ
     */
    public HorizonCoverage plus(HorizonCoverage other) {
        Checks.notNull(other, "other");
        if (!java.util.Objects.equals(upTo, other.upTo)) {
            throw new IllegalArgumentException("other.upTo must equal " + upTo + ", was " + other.upTo);
        }
        return new HorizonCoverage(upTo, count + other.count, inside + other.inside);
    }
}

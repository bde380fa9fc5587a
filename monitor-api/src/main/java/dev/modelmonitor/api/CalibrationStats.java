package dev.modelmonitor.api;

import java.util.Arrays;

/**
 * The sufficient statistics of a set of probability forecasts and their 0/1 outcomes over B equal-width
 * bins (bin index {@code min(floor(p B), B - 1)}): per bin the count, the number of positive outcomes (hits)
 * and the sum of the probabilities, and over all forecasts the sums of p^2, p y, p^3 and p^4. Every
 * calibration figure the monitor reports (Brier score and its decomposition, ECE, MCE, the reliability curve,
 * Spiegelhalter's z) is a function of these, and two sets merge by adding them ({@link #plus}), so a period's
 * figures are exact whichever way its days are grouped.
 *
 * <p>Plain data: the arrays are copied in and out. Empty stats (no forecasts) have every count and sum 0.
 * Merging sums doubles, so a merge in a different order may differ in the last bits.
 *
 * @param counts        forecasts per bin, each &gt;= 0; the length is B &gt;= 1
 * @param hits          positive outcomes per bin, each in [0, count]
 * @param sumConfidence sum of p per bin, each &gt;= 0
 * @param sumSquares    sum of p^2
 * @param sumProducts   sum of p y (the sum of p over the positive outcomes)
 * @param sumCubes      sum of p^3
 * @param sumFourth     sum of p^4
 */
public record CalibrationStats(long[] counts, long[] hits, double[] sumConfidence, double sumSquares,
                               double sumProducts, double sumCubes, double sumFourth) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if an array is null, empty, or of a different length than counts, a
     *                                  count is negative, hits exceed their count, or a sum is NaN or negative
     */
    public CalibrationStats {
        Checks.notNull(counts, "counts");
        Checks.notNull(hits, "hits");
        Checks.notNull(sumConfidence, "sumConfidence");
        if (counts.length < 1) {
            throw new IllegalArgumentException("counts must have at least 1 bin, was 0");
        }
        if (hits.length != counts.length || sumConfidence.length != counts.length) {
            throw new IllegalArgumentException("counts, hits and sumConfidence must have the same length, were "
                    + counts.length + ", " + hits.length + " and " + sumConfidence.length);
        }
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] < 0) {
                throw new IllegalArgumentException("counts must be >= 0, was " + counts[k] + " at bin " + k);
            }
            if (hits[k] < 0 || hits[k] > counts[k]) {
                throw new IllegalArgumentException("hits must be in [0, count=" + counts[k] + "], was " + hits[k]
                        + " at bin " + k);
            }
            if (!(sumConfidence[k] >= 0.0)) {
                throw new IllegalArgumentException("sumConfidence must be >= 0, was " + sumConfidence[k]
                        + " at bin " + k);
            }
        }
        nonNegative(sumSquares, "sumSquares");
        nonNegative(sumProducts, "sumProducts");
        nonNegative(sumCubes, "sumCubes");
        nonNegative(sumFourth, "sumFourth");
        counts = counts.clone();
        hits = hits.clone();
        sumConfidence = sumConfidence.clone();
    }

    private static void nonNegative(double v, String field) {
        if (!(v >= 0.0)) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + v);
        }
    }

    /**
     * Empty stats over B bins.
     *
     * @param bins B, &gt;= 1
     * @return stats with every count and sum 0
     */
    public static CalibrationStats empty(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, was " + bins);
        }
        return new CalibrationStats(new long[bins], new long[bins], new double[bins], 0, 0, 0, 0);
    }

    /** @return the number of bins B */
    public int bins() {
        return counts.length;
    }

    /** @return a copy of the per-bin counts */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** @return a copy of the per-bin hits */
    @Override
    public long[] hits() {
        return hits.clone();
    }

    /** @return a copy of the per-bin sums of p */
    @Override
    public double[] sumConfidence() {
        return sumConfidence.clone();
    }

    /**
     * @param bin the bin, in [0, B)
     * @return its count
     */
    public long count(int bin) {
        return counts[bin];
    }

    /**
     * @param bin the bin, in [0, B)
     * @return its hits
     */
    public long hits(int bin) {
        return hits[bin];
    }

    /**
     * @param bin the bin, in [0, B)
     * @return its sum of p
     */
    public double sumConfidence(int bin) {
        return sumConfidence[bin];
    }

    /** @return the number of forecasts, over every bin */
    public long count() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** @return the number of positive outcomes, over every bin */
    public long totalHits() {
        long n = 0;
        for (long h : hits) {
            n += h;
        }
        return n;
    }

    /** @return the sum of p over every bin */
    public double totalConfidence() {
        double s = 0;
        for (double v : sumConfidence) {
            s += v;
        }
        return s;
    }

    /**
     * The stats of both sets together.
     *
     * @param other stats over the same number of bins
     * @return the merged stats
     * @throws IllegalArgumentException if other is null or has a different number of bins
     */
    public CalibrationStats plus(CalibrationStats other) {
        Checks.notNull(other, "other");
        if (other.bins() != bins()) {
            throw new IllegalArgumentException("other must have " + bins() + " bins, was " + other.bins());
        }
        int b = bins();
        long[] c = new long[b];
        long[] h = new long[b];
        double[] s = new double[b];
        for (int k = 0; k < b; k++) {
            c[k] = counts[k] + other.counts[k];
            h[k] = hits[k] + other.hits[k];
            s[k] = sumConfidence[k] + other.sumConfidence[k];
        }
        return new CalibrationStats(c, h, s, sumSquares + other.sumSquares, sumProducts + other.sumProducts,
                sumCubes + other.sumCubes, sumFourth + other.sumFourth);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CalibrationStats s && Arrays.equals(counts, s.counts) && Arrays.equals(hits, s.hits)
                && Arrays.equals(sumConfidence, s.sumConfidence)
                && Double.compare(sumSquares, s.sumSquares) == 0 && Double.compare(sumProducts, s.sumProducts) == 0
                && Double.compare(sumCubes, s.sumCubes) == 0 && Double.compare(sumFourth, s.sumFourth) == 0;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(counts);
        h = 31 * h + Arrays.hashCode(hits);
        h = 31 * h + Arrays.hashCode(sumConfidence);
        h = 31 * h + Double.hashCode(sumSquares);
        h = 31 * h + Double.hashCode(sumProducts);
        h = 31 * h + Double.hashCode(sumCubes);
        return 31 * h + Double.hashCode(sumFourth);
    }

    @Override
    public String toString() {
        return "CalibrationStats[counts=" + Arrays.toString(counts) + ", hits=" + Arrays.toString(hits)
                + ", sumConfidence=" + Arrays.toString(sumConfidence) + ", sumSquares=" + sumSquares
                + ", sumProducts=" + sumProducts + ", sumCubes=" + sumCubes + ", sumFourth=" + sumFourth + "]";
    }
}

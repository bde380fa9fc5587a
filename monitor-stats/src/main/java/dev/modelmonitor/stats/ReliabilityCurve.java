package dev.modelmonitor.stats;

import java.util.Arrays;

/**
 * A reliability (calibration) curve: for each non-empty bin, the observed frequency of the positive label,
 * the mean predicted probability and the number of forecasts. The first two arrays are scikit-learn 1.2
 * {@code calibration_curve}'s {@code (prob_true, prob_pred)}, which drops empty bins; the counts are added
 * here so a reader can weigh the points.
 *
 * <p>Immutable: the constructor and the accessors copy the arrays. An empty curve (no forecasts) has three
 * empty arrays.
 *
 * @param probTrue the observed frequency per returned bin, each in [0, 1]
 * @param probPred the mean predicted probability per returned bin, each in [0, 1]
 * @param counts   the number of forecasts per returned bin, each &gt;= 1
 */
public record ReliabilityCurve(double[] probTrue, double[] probPred, long[] counts) {

    /**
     * Validates and copies the arrays.
     *
     * @throws IllegalArgumentException if an array is null, the lengths differ, a frequency is outside [0, 1]
     *                                  or a count is below 1
     */
    public ReliabilityCurve {
        if (probTrue == null || probPred == null || counts == null) {
            throw new IllegalArgumentException("probTrue, probPred and counts must not be null");
        }
        if (probTrue.length != probPred.length || probTrue.length != counts.length) {
            throw new IllegalArgumentException("probTrue, probPred and counts must have the same length, were "
                    + probTrue.length + ", " + probPred.length + " and " + counts.length);
        }
        for (int i = 0; i < counts.length; i++) {
            if (!(probTrue[i] >= 0.0 && probTrue[i] <= 1.0)) {
                throw new IllegalArgumentException("probTrue must be in [0, 1], was " + probTrue[i] + " at index " + i);
            }
            if (!(probPred[i] >= 0.0 && probPred[i] <= 1.0)) {
                throw new IllegalArgumentException("probPred must be in [0, 1], was " + probPred[i] + " at index " + i);
            }
            if (counts[i] < 1) {
                throw new IllegalArgumentException("counts must be >= 1, was " + counts[i] + " at index " + i);
            }
        }
        probTrue = probTrue.clone();
        probPred = probPred.clone();
        counts = counts.clone();
    }

    /**
     * A copy of the observed frequencies.
     *
     * @return prob_true
     */
    @Override
    public double[] probTrue() {
        return probTrue.clone();
    }

    /**
     * A copy of the mean predicted probabilities.
     *
     * @return prob_pred
     */
    @Override
    public double[] probPred() {
        return probPred.clone();
    }

    /**
     * A copy of the counts.
     *
     * @return forecasts per returned bin
     */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /**
     * The number of returned (non-empty) bins.
     *
     * @return the common array length
     */
    public int size() {
        return counts.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReliabilityCurve c && Arrays.equals(probTrue, c.probTrue)
                && Arrays.equals(probPred, c.probPred) && Arrays.equals(counts, c.counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(probTrue) + Arrays.hashCode(probPred)) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ReliabilityCurve[probTrue=" + Arrays.toString(probTrue) + ", probPred="
                + Arrays.toString(probPred) + ", counts=" + Arrays.toString(counts) + "]";
    }
}

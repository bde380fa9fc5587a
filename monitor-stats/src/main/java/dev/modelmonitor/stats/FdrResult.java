package dev.modelmonitor.stats;

import java.util.Arrays;

/**
 * The outcome of a false-discovery-rate correction over m tests, in the order the p-values were given.
 * Immutable: the arrays are copied in and out.
 *
 * @param reject   whether each null hypothesis is rejected at the FDR level
 * @param adjusted the adjusted p-value of each test, in [0, 1]
 * @param alpha    the FDR level used
 */
public record FdrResult(boolean[] reject, double[] adjusted, double alpha) {

    /**
     * Validates and copies the arrays.
     *
     * @throws IllegalArgumentException on null arrays, different lengths, adjusted values outside [0, 1]
     *                                  or alpha outside (0, 1)
     */
    public FdrResult {
        if (reject == null || adjusted == null) {
            throw new IllegalArgumentException("reject and adjusted must not be null");
        }
        if (reject.length != adjusted.length) {
            throw new IllegalArgumentException("reject must have the length of adjusted (" + adjusted.length
                    + "), was " + reject.length);
        }
        for (int i = 0; i < adjusted.length; i++) {
            if (!(adjusted[i] >= 0.0 && adjusted[i] <= 1.0)) {
                throw new IllegalArgumentException("adjusted must be in [0, 1], was " + adjusted[i] + " at index " + i);
            }
        }
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        reject = reject.clone();
        adjusted = adjusted.clone();
    }

    /**
     * The reject flags.
     *
     * @return a copy of the reject flags, one per test
     */
    @Override
    public boolean[] reject() {
        return reject.clone();
    }

    /**
     * The adjusted p-values.
     *
     * @return a copy of the adjusted p-values, one per test
     */
    @Override
    public double[] adjusted() {
        return adjusted.clone();
    }

    /**
     * The number of tests.
     *
     * @return m
     */
    public int size() {
        return adjusted.length;
    }

    /**
     * Whether test i is rejected, without copying.
     *
     * @param i the test index
     * @return the reject flag
     */
    public boolean isRejected(int i) {
        return reject[i];
    }

    /**
     * The adjusted p-value of test i, without copying.
     *
     * @param i the test index
     * @return the adjusted p-value
     */
    public double adjusted(int i) {
        return adjusted[i];
    }

    /**
     * The number of rejected tests.
     *
     * @return the count of true flags
     */
    public int rejectedCount() {
        int c = 0;
        for (boolean r : reject) {
            if (r) {
                c++;
            }
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FdrResult other && Arrays.equals(reject, other.reject)
                && Arrays.equals(adjusted, other.adjusted) && Double.compare(alpha, other.alpha) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(reject) + Arrays.hashCode(adjusted)) + Double.hashCode(alpha);
    }

    @Override
    public String toString() {
        return "FdrResult[reject=" + Arrays.toString(reject) + ", adjusted=" + Arrays.toString(adjusted)
                + ", alpha=" + alpha + "]";
    }
}

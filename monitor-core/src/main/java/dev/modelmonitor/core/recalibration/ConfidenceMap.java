package dev.modelmonitor.core.recalibration;

import dev.modelmonitor.stats.IsotonicMap;

import java.util.Arrays;

/**
 * The deployed map from a model's raw confidence to its calibrated confidence (the observed win rate):
 * either the identity (calibration disabled) or a non-decreasing piecewise-linear map through threshold
 * points, fitted by isotonic regression ({@link dev.modelmonitor.stats.IsotonicRegression}).
 *
 * <p><b>Evaluation.</b> {@link #apply(double)} clips below the first and above the last threshold and
 * interpolates linearly between thresholds (scikit-learn's {@code IsotonicRegression(out_of_bounds='clip')}).
 * It is a branch-free binary search over the thresholds: O(log size), no allocation, no lock. NaN gives
 * NaN; the identity returns its argument unchanged.
 *
 * <p>Immutable and thread-safe; the array accessors return copies.
 */
public final class ConfidenceMap {

    /** The identity: calibration disabled. */
    public static final ConfidenceMap IDENTITY = new ConfidenceMap(null);

    private final IsotonicMap map;

    private ConfidenceMap(IsotonicMap map) {
        this.map = map;
    }

    /**
     * A map through threshold points.
     *
     * @param thresholdsX strictly increasing confidences, finite, at least one
     * @param thresholdsY the calibrated confidences, non-decreasing, each in [0, 1], same length
     * @return the map
     * @throws IllegalArgumentException naming the array, index and value that break a rule
     */
    public static ConfidenceMap of(double[] thresholdsX, double[] thresholdsY) {
        IsotonicMap m = new IsotonicMap(thresholdsX, thresholdsY);
        for (int i = 0; i < thresholdsY.length; i++) {
            if (!(thresholdsY[i] >= 0.0 && thresholdsY[i] <= 1.0)) {
                throw new IllegalArgumentException("thresholdsY must be in [0, 1], was " + thresholdsY[i]
                        + " at index " + i);
            }
        }
        return new ConfidenceMap(m);
    }

    static ConfidenceMap of(IsotonicMap fitted) {
        return of(fitted.thresholdsX(), fitted.thresholdsY());
    }

    /**
     * The calibrated confidence.
     *
     * @param confidence a raw confidence
     * @return the calibrated confidence; the argument itself for the identity; NaN for NaN
     */
    public double apply(double confidence) {
        IsotonicMap m = map;
        return m == null ? confidence : m.apply(confidence);
    }

    /** @return true for the identity (calibration disabled) */
    public boolean isIdentity() {
        return map == null;
    }

    /** @return the number of threshold points; 0 for the identity */
    public int size() {
        return map == null ? 0 : map.size();
    }

    /** @return a copy of the threshold confidences; empty for the identity */
    public double[] thresholdsX() {
        return map == null ? new double[0] : map.thresholdsX();
    }

    /** @return a copy of the calibrated values at the thresholds; empty for the identity */
    public double[] thresholdsY() {
        return map == null ? new double[0] : map.thresholdsY();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConfidenceMap)) {
            return false;
        }
        ConfidenceMap other = (ConfidenceMap) o;
        return map == null ? other.map == null : map.equals(other.map);
    }

    @Override
    public int hashCode() {
        return map == null ? 0 : map.hashCode();
    }

    @Override
    public String toString() {
        return map == null ? "ConfidenceMap[identity]"
                : "ConfidenceMap[" + map.size() + " thresholds, x=" + Arrays.toString(map.thresholdsX()) + "]";
    }
}

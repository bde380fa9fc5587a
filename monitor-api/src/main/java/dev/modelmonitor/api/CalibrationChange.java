package dev.modelmonitor.api;

import java.time.LocalDate;

/**
 * Whether a key's calibration moved between a reference period and a current period, with a stated test.
 *
 * <p><b>Test.</b> Each resolved forecast has a residual {@code r = y - p} (outcome minus stated probability);
 * its mean is the calibration gap (negative when over-confident). The test is the two-sample z-test of the
 * difference of the mean residuals with unequal variances (Welch's standard error, normal reference;
 * statsmodels {@code CompareMeans.ztest_ind(usevar='unequal')}), two-sided, computed from the periods'
 * streaming moments. It detects a shift of over- or under-confidence; a change that leaves the mean gap
 * unchanged (over-confident in some bins, under-confident in others by as much) shows in {@code eceDelta}
 * but not in the test. With fewer than 2 forecasts in either period z and the p-value are NaN.
 *
 * @param key            the key
 * @param kind           which probability
 * @param referenceFrom  first day of the reference period, inclusive
 * @param referenceTo    last day of the reference period, inclusive
 * @param currentFrom    first day of the current period, inclusive
 * @param currentTo      last day of the current period, inclusive
 * @param referenceCount forecasts in the reference period
 * @param currentCount   forecasts in the current period
 * @param referenceEce   ECE of the reference period, NaN when empty
 * @param currentEce     ECE of the current period, NaN when empty
 * @param referenceGap   mean residual of the reference period, NaN when empty
 * @param currentGap     mean residual of the current period, NaN when empty
 * @param zStatistic     (currentGap - referenceGap) / standard error
 * @param pValue         its two-sided p-value
 * @param alpha          the significance level applied
 */
public record CalibrationChange(ModelKey key, CalibrationKind kind, LocalDate referenceFrom, LocalDate referenceTo,
                                LocalDate currentFrom, LocalDate currentTo, long referenceCount, long currentCount,
                                double referenceEce, double currentEce, double referenceGap, double currentGap,
                                double zStatistic, double pValue, double alpha) {

    /** The name of the test, for reports. */
    public static final String TEST = "two-sample z-test of the mean residual (y - p), unequal variances";

    /**
     * Validates the references.
     *
     * @throws IllegalArgumentException if a reference is null
     */
    public CalibrationChange {
        Checks.notNull(key, "key");
        Checks.notNull(kind, "kind");
        Checks.notNull(referenceFrom, "referenceFrom");
        Checks.notNull(referenceTo, "referenceTo");
        Checks.notNull(currentFrom, "currentFrom");
        Checks.notNull(currentTo, "currentTo");
    }

    /** @return currentEce - referenceEce (positive when calibration got worse), NaN when either is empty */
    public double eceDelta() {
        return currentEce - referenceEce;
    }

    /** @return pValue &lt; alpha; false when the p-value is NaN */
    public boolean significant() {
        return pValue < alpha;
    }

    /**
     * Whether calibration got significantly worse: the change is significant and the ECE grew.
     *
     * @return significant() and eceDelta() &gt; 0
     */
    public boolean significantlyWorse() {
        return significant() && eceDelta() > 0;
    }
}

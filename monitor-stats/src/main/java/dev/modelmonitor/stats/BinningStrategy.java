package dev.modelmonitor.stats;

/**
 * How {@link Calibration#reliabilityCurve} places its bin edges, as scikit-learn 1.2
 * {@code calibration_curve(strategy=...)}.
 */
public enum BinningStrategy {
    /**
     * B equal-width bins on [0, 1]: edges {@code numpy.linspace(0, 1, B + 1)}, a probability equal to an
     * interior edge belonging to the bin on its left ({@code searchsorted(edges[1:-1], p, side='left')}).
     */
    UNIFORM,
    /**
     * B bins holding about equally many predictions: edges at the 0, 1/B, ..., 1 quantiles of the predicted
     * probabilities ({@code numpy.percentile}, linear interpolation), then binned as {@link #UNIFORM}.
     * Repeated edges make empty bins, which are dropped from the result.
     */
    QUANTILE
}

package dev.modelmonitor.api;

/**
 * A resolved prediction, flagged when it was made (logged) inside a poorly calibrated period of its key, so
 * a host can discount its stated confidence.
 *
 * @param prediction the resolved prediction
 * @param period     the poorly calibrated period it was made in, or null when none
 */
public record FlaggedPrediction(ResolvedPrediction prediction, CalibrationPeriod period) {

    /**
     * Validates the prediction.
     *
     * @throws IllegalArgumentException if prediction is null
     */
    public FlaggedPrediction {
        Checks.notNull(prediction, "prediction");
    }

    /** @return true when it was made inside a poorly calibrated period */
    public boolean poorlyCalibrated() {
        return period != null;
    }
}

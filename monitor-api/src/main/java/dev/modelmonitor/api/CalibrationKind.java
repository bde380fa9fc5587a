package dev.modelmonitor.api;

/** Which stated probability a calibration figure is about. */
public enum CalibrationKind {
    /**
     * The confidence of the predicted label (or direction) against whether the prediction was correct: every
     * prediction kind with a confidence feeds it (direction and class calls, and the implied call of a
     * {@link Prediction.ProbabilityForecast}). Forecasts without a confidence do not.
     */
    CONFIDENCE,
    /**
     * The probability of the positive class against whether the event happened: only
     * {@link Prediction.ProbabilityForecast}s feed it.
     */
    PROBABILITY
}

package dev.modelmonitor.api;

/**
 * One reason behind a {@link RetrainRequest}, with the figure that triggered it.
 *
 * @param trigger   what kind of reason
 * @param kind      which calibration it is about
 * @param value     the figure (the ECE of the breach streak, or of the current period)
 * @param threshold the figure it crossed (the key's ECE threshold)
 * @param pValue    the p-value of the change test for CALIBRATION_SHIFT, NaN otherwise
 * @param detail    one line in plain words
 */
public record RetrainReason(RetrainTrigger trigger, CalibrationKind kind, double value, double threshold,
                            double pValue, String detail) {

    /**
     * Validates the references.
     *
     * @throws IllegalArgumentException if a reference is null
     */
    public RetrainReason {
        Checks.notNull(trigger, "trigger");
        Checks.notNull(kind, "kind");
        Checks.notNull(detail, "detail");
    }
}

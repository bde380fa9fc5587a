package dev.modelmonitor.api;

/** Why the monitor asks the host to retrain a key's model. */
public enum RetrainTrigger {
    /** A calibration breach was raised: the error stayed above the key's threshold for too long. */
    CALIBRATION_BREACH,
    /**
     * Calibration got significantly worse than the key's reference period: the change test rejected at its
     * level, the ECE grew by at least the configured increase and is above the key's threshold.
     */
    CALIBRATION_SHIFT
}

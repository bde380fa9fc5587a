package dev.modelmonitor.core.recalibration;

/**
 * Told, in process, when a config becomes active (by approval or rollback). {@link CalibrationLoader}
 * implements it, so a loader registered with the {@link Recalibrator} switches at once, without waiting for
 * its next file check. Called on the deploying thread after the file is in place; a listener that throws is
 * logged and the others are still called.
 */
@FunctionalInterface
public interface DeploymentListener {

    /**
     * A config became active.
     *
     * @param active the config now in {@code calibration.json}
     */
    void activated(CalibrationConfig active);
}

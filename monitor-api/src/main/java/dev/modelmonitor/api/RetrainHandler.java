package dev.modelmonitor.api;

/**
 * The host's hook into its retraining pipeline, set on the monitor's builder. The monitor calls it when a
 * key's calibration degrades: a breach is raised, or the calibration got significantly worse than its
 * reference period. After a request for a key, further requests for that key wait for the cool-down
 * ({@link CalibrationThresholds#retrainCooldown()}).
 *
 * <p>Called from the thread that runs the monitor's checks. A handler that throws is isolated: the
 * exception is logged and counted, and monitoring carries on. Return quickly: hand the work to a queue or
 * executor of the host's own.
 */
@FunctionalInterface
public interface RetrainHandler {

    /**
     * Asks for a retrain.
     *
     * @param request the key and the reasons, never null
     */
    void onRetrainRequested(RetrainRequest request);
}

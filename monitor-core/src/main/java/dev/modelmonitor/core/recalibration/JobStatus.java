package dev.modelmonitor.core.recalibration;

/** Where a calibration job stands. */
public enum JobStatus {
    /** Validated and waiting for an explicit approval. */
    PENDING_APPROVAL,
    /** A safety check at ERROR or CRITICAL level failed, or the risk is HIGH: it can never be approved. */
    BLOCKED,
    /** Forced past a NOT_READY readiness gate: a dry run to read, never to approve. */
    DRY_RUN,
    /** Approved and deployed. */
    DEPLOYED
}

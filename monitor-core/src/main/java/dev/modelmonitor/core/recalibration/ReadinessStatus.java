package dev.modelmonitor.core.recalibration;

/** The readiness gate's verdict. */
public enum ReadinessStatus {
    /** Enough resolved trades: an analysis is authorized. */
    READY,
    /** Too few resolved trades: an analysis runs only when forced, as a dry run that cannot be approved. */
    NOT_READY
}

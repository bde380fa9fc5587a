package dev.modelmonitor.core.recalibration;

/** A step recorded in the calibration history file. */
public enum HistoryAction {
    /** An analysis produced a job. */
    ANALYZED,
    /** A job was approved and its config became active. */
    DEPLOYED,
    /** An earlier version (or no calibration) became active again. */
    ROLLED_BACK,
    /** An approval or rollback was refused or failed; the active config did not change. */
    REFUSED
}

package dev.modelmonitor.api;

/** How urgent an {@link Alert} is, in increasing order. */
public enum Severity {
    /** For the record: a recovery or a state change that needs no action. */
    INFO,
    /** Needs attention soon: watch closely, prepare action. */
    WARNING,
    /** Needs action now. */
    CRITICAL
}

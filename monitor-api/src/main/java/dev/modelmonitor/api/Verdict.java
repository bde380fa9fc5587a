package dev.modelmonitor.api;

/** How a resolved prediction scored against its outcome. */
public enum Verdict {
    /** The prediction was right; counts as a hit in the accuracy windows. */
    CORRECT,
    /** The prediction was wrong; counts as a miss in the accuracy windows. */
    WRONG,
    /** The prediction cannot be scored (a forecast without quantiles); it does not enter accuracy windows. */
    UNSCORED
}

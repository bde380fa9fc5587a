package dev.modelmonitor.core.recalibration;

/**
 * The result of one of the five safety checks.
 *
 * @param kind    which check
 * @param passed  whether it passed
 * @param message one line saying what was measured against which limit
 */
public record SafetyCheck(Kind kind, boolean passed, String message) {

    /** The five checks of calibration-only learning, each with its fixed level. */
    public enum Kind {
        /**
         * The calibrated confidence's out-of-sample MSE is at least 5% below the raw confidence's; when not,
         * confidence calibration is disabled and this fails at WARNING level (the weights may still deploy).
         */
        CONFIDENCE_IMPROVEMENT(CheckLevel.WARNING, "Confidence improvement"),
        /** The proposed weights sum to 1 within 0.001. */
        WEIGHT_SUM(CheckLevel.CRITICAL, "Weight sum"),
        /** Every proposed weight lies in [0.15, 0.40]. */
        WEIGHT_BOUNDS(CheckLevel.ERROR, "Weight bounds"),
        /** No weight changes by more than 10% of its current value. */
        MAX_WEIGHT_CHANGE(CheckLevel.ERROR, "Max weight change"),
        /** At least 15% wins and at least 15% losses among the trades. */
        OUTCOME_DIVERSITY(CheckLevel.ERROR, "Outcome diversity");

        private final CheckLevel level;
        private final String title;

        Kind(CheckLevel level, String title) {
            this.level = level;
            this.title = title;
        }

        /** @return the level a failure of this check counts at */
        public CheckLevel level() {
            return level;
        }

        /** @return a human-readable name, for example "Weight sum" */
        public String title() {
            return title;
        }
    }

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if kind or message is null
     */
    public SafetyCheck {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (message == null) {
            throw new IllegalArgumentException("message must not be null");
        }
    }

    /** @return the level of this check: what its failure counts at */
    public CheckLevel level() {
        return kind.level();
    }
}

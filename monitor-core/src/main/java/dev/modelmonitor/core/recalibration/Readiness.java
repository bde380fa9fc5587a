package dev.modelmonitor.core.recalibration;

/**
 * The readiness gate: whether there are enough resolved trades ({@link SafetyPolicy#MIN_TRADES}) to
 * calibrate on.
 *
 * @param status   READY or NOT_READY
 * @param trades   the resolved trades counted, &gt;= 0
 * @param required the trades required, {@link SafetyPolicy#MIN_TRADES}
 * @param reason   one line, for example {@code "Trade count sufficient (52/50)"}
 */
public record Readiness(ReadinessStatus status, int trades, int required, String reason) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a reference is null or a count negative
     */
    public Readiness {
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
        if (trades < 0) {
            throw new IllegalArgumentException("trades must be >= 0, was " + trades);
        }
        if (required < 1) {
            throw new IllegalArgumentException("required must be >= 1, was " + required);
        }
    }

    /**
     * The gate's verdict for a trade count.
     *
     * @param trades resolved trades, &gt;= 0
     * @return READY when trades &gt;= {@link SafetyPolicy#MIN_TRADES}, else NOT_READY with how many are missing
     */
    public static Readiness of(int trades) {
        int required = SafetyPolicy.MIN_TRADES;
        if (trades < 0) {
            throw new IllegalArgumentException("trades must be >= 0, was " + trades);
        }
        if (trades >= required) {
            return new Readiness(ReadinessStatus.READY, trades, required,
                    "Trade count sufficient (" + trades + "/" + required + ")");
        }
        int missing = required - trades;
        return new Readiness(ReadinessStatus.NOT_READY, trades, required, "Trade count insufficient (" + trades
                + "/" + required + "): " + missing + " more resolved trade" + (missing == 1 ? "" : "s") + " needed");
    }

    /** @return true when the status is READY */
    public boolean ready() {
        return status == ReadinessStatus.READY;
    }
}

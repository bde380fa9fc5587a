package dev.modelmonitor.api;

/**
 * The call of a direction prediction. How each is scored against the price move is documented on
 * {@link Prediction.DirectionCall}.
 */
public enum Direction {
    /** The price will rise over the horizon (the seeds' {@code 1}). */
    UP,
    /** The price will fall over the horizon (the seeds' {@code -1}). */
    DOWN,
    /** The price will stay inside a band around the entry price (the seeds' {@code 0}). */
    HOLD;

    /**
     * Maps the seeds' integer convention (1 up, -1 down, 0 hold).
     *
     * @param signal 1, -1 or 0
     * @return the direction
     * @throws IllegalArgumentException for any other value
     */
    public static Direction ofSignal(int signal) {
        switch (signal) {
            case 1:
                return UP;
            case -1:
                return DOWN;
            case 0:
                return HOLD;
            default:
                throw new IllegalArgumentException("direction signal must be 1, -1 or 0, was " + signal);
        }
    }
}

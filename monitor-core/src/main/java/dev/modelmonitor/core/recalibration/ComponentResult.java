package dev.modelmonitor.core.recalibration;

import dev.modelmonitor.api.Direction;
import dev.modelmonitor.api.Verdict;

/**
 * One component model's call on a trade, scored against the trade's outcome by the same rule as the
 * ensemble's own call (UP right when the exit price is higher, DOWN when lower, HOLD inside the hold band).
 *
 * @param model      the component's name, not blank
 * @param direction  its call
 * @param confidence its confidence, in [0, 1]
 * @param verdict    CORRECT or WRONG
 */
public record ComponentResult(String model, Direction direction, double confidence, Verdict verdict) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the field that is null, blank or out of range
     */
    public ComponentResult {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank, was " + (model == null ? "null" : "'" + model + "'"));
        }
        if (direction == null) {
            throw new IllegalArgumentException("direction must not be null");
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
        if (verdict == null || verdict == Verdict.UNSCORED) {
            throw new IllegalArgumentException("verdict must be CORRECT or WRONG, was " + verdict);
        }
    }

    /** @return true for an UP or DOWN call, the calls that count towards precision */
    public boolean directional() {
        return direction != Direction.HOLD;
    }

    /** @return true when the verdict is CORRECT */
    public boolean correct() {
        return verdict == Verdict.CORRECT;
    }
}

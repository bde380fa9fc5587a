package dev.modelmonitor.core.recalibration;

/**
 * The proposed change of one component's ensemble weight, with its reason.
 *
 * @param model     the component's name
 * @param before    the current weight
 * @param after     the proposed weight
 * @param precision the component's precision over its UP/DOWN calls (correct / directional calls); NaN when
 *                  it made none
 * @param calls     its directional calls counted
 * @param reason    one line, for example {@code "Precision 0.48 below the ensemble's 0.55"}
 */
public record WeightChange(String model, double before, double after, double precision, int calls, String reason) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the field that is null, blank, negative or not finite
     */
    public WeightChange {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank, was " + model);
        }
        if (!Double.isFinite(before) || !Double.isFinite(after)) {
            throw new IllegalArgumentException("before and after must be finite, was " + before + " and " + after);
        }
        if (calls < 0) {
            throw new IllegalArgumentException("calls must be >= 0, was " + calls);
        }
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
    }

    /** @return after - before */
    public double delta() {
        return after - before;
    }

    /** @return the change relative to the current weight (0.087 for +8.7%); NaN when the current weight is 0 */
    public double relativeChange() {
        return before == 0.0 ? Double.NaN : (after - before) / before;
    }
}

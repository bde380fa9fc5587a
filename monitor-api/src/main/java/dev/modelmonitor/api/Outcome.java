package dev.modelmonitor.api;

/**
 * What actually happened, passed to {@link PredictionLogger#resolve(long, Outcome)}. Each kind resolves
 * one kind of {@link Prediction}; resolving with the wrong kind is rejected.
 */
public sealed interface Outcome
        permits Outcome.ExitPrice, Outcome.ActualLabel, Outcome.ActualValue, Outcome.EventOutcome {

    /**
     * The price at the end of the horizon, resolving a {@link Prediction.DirectionCall}.
     *
     * @param price positive and finite
     */
    record ExitPrice(double price) implements Outcome {
        /**
         * Validates the price.
         *
         * @throws IllegalArgumentException if the price is NaN, infinite, zero or negative
         */
        public ExitPrice {
            Checks.positive(price, "exitPrice");
        }
    }

    /**
     * The true label, resolving a {@link Prediction.ClassCall}.
     *
     * @param label not blank
     */
    record ActualLabel(String label) implements Outcome {
        /**
         * Validates the label.
         *
         * @throws IllegalArgumentException if the label is null or blank
         */
        public ActualLabel {
            Checks.notBlank(label, "label");
        }
    }

    /**
     * The realised value, resolving a {@link Prediction.Forecast}.
     *
     * @param value finite
     */
    record ActualValue(double value) implements Outcome {
        /**
         * Validates the value.
         *
         * @throws IllegalArgumentException if the value is NaN or infinite
         */
        public ActualValue {
            Checks.finite(value, "actual");
        }
    }

    /**
     * Whether the event of a {@link Prediction.ProbabilityForecast} happened.
     *
     * @param occurred true when it happened (the positive class)
     */
    record EventOutcome(boolean occurred) implements Outcome {
    }

    /**
     * Shorthand for {@code new EventOutcome(occurred)}.
     *
     * @param occurred true when the event happened
     * @return the outcome
     */
    static EventOutcome event(boolean occurred) {
        return new EventOutcome(occurred);
    }

    /**
     * Shorthand for {@code new ExitPrice(price)}.
     *
     * @param price positive and finite
     * @return the outcome
     */
    static ExitPrice exitPrice(double price) {
        return new ExitPrice(price);
    }

    /**
     * Shorthand for {@code new ActualLabel(label)}.
     *
     * @param label not blank
     * @return the outcome
     */
    static ActualLabel label(String label) {
        return new ActualLabel(label);
    }

    /**
     * Shorthand for {@code new ActualValue(value)}.
     *
     * @param value finite
     * @return the outcome
     */
    static ActualValue value(double value) {
        return new ActualValue(value);
    }
}

package dev.modelmonitor.api;

import java.time.Duration;

/**
 * One prediction a model made, as the host logs it. There are three kinds, each resolved by its own kind
 * of {@link Outcome}:
 * <ul>
 *   <li>{@link DirectionCall} (UP/DOWN/HOLD from an entry price), resolved by {@link Outcome.ExitPrice};</li>
 *   <li>{@link ClassCall} (a label with a confidence), resolved by {@link Outcome.ActualLabel};</li>
 *   <li>{@link Forecast} (a number with optional p10/p50/p90), resolved by {@link Outcome.ActualValue};</li>
 *   <li>{@link ProbabilityForecast} (the probability that an event happens), resolved by
 *   {@link Outcome.EventOutcome}.</li>
 * </ul>
 * The horizon says when the outcome is due; a prediction still unresolved at its horizon plus the
 * monitor's grace period expires. All kinds are immutable and validate on construction.
 */
public sealed interface Prediction
        permits Prediction.DirectionCall, Prediction.ClassCall, Prediction.Forecast, Prediction.ProbabilityForecast {

    /**
     * How long after logging the outcome is expected.
     *
     * @return the horizon, never negative
     */
    Duration horizon();

    /**
     * The model's confidence in this prediction, in [0, 1]; NaN for a {@link Forecast}, which carries
     * quantiles instead.
     *
     * @return the confidence or NaN
     */
    double confidence();

    /**
     * Scores this prediction against its outcome.
     *
     * @param outcome  the outcome, of the kind that matches this prediction
     * @param holdBand the relative band inside which a HOLD call counts as correct (see
     *                 {@link DirectionCall}); ignored by the other kinds
     * @return CORRECT, WRONG, or UNSCORED for a forecast without quantiles
     * @throws IllegalArgumentException if the outcome is null or of the wrong kind
     */
    Verdict score(Outcome outcome, double holdBand);

    /**
     * A direction call on a price: UP, DOWN or HOLD from an entry price.
     *
     * <p>Scoring against the exit price: UP is correct when {@code exit > entry}, DOWN when
     * {@code exit < entry} (an unchanged price is wrong for both), and HOLD when the relative move
     * {@code |exit - entry| / entry} is at most the monitor's hold band (default 0.002, i.e. 0.2%).
     *
     * @param direction  the call
     * @param confidence the model's confidence, in [0, 1]
     * @param entryPrice the price when the call was made, positive and finite
     * @param horizon    when the outcome is due, not negative
     */
    record DirectionCall(Direction direction, double confidence, double entryPrice, Duration horizon)
            implements Prediction {

        /**
         * Validates every field.
         *
         * @throws IllegalArgumentException naming the field and value that is null, NaN or out of range
         */
        public DirectionCall {
            Checks.notNull(direction, "direction");
            Checks.probability(confidence, "confidence");
            Checks.positive(entryPrice, "entryPrice");
            checkHorizon(horizon);
        }

        @Override
        public Verdict score(Outcome outcome, double holdBand) {
            if (!(outcome instanceof Outcome.ExitPrice)) {
                throw mismatch(this, outcome, "ExitPrice");
            }
            double exit = ((Outcome.ExitPrice) outcome).price();
            boolean correct;
            switch (direction) {
                case UP:
                    correct = exit > entryPrice;
                    break;
                case DOWN:
                    correct = exit < entryPrice;
                    break;
                default:
                    correct = Math.abs(exit - entryPrice) <= holdBand * entryPrice;
                    break;
            }
            return correct ? Verdict.CORRECT : Verdict.WRONG;
        }
    }

    /**
     * A classification call: the predicted label and the confidence in it. Correct when the actual label
     * equals the predicted one.
     *
     * @param label      the predicted label, not blank
     * @param confidence the model's confidence in that label, in [0, 1]
     * @param horizon    when the outcome is due, not negative
     */
    record ClassCall(String label, double confidence, Duration horizon) implements Prediction {

        /**
         * Validates every field.
         *
         * @throws IllegalArgumentException naming the field and value that is null, blank, NaN or out of range
         */
        public ClassCall {
            Checks.notBlank(label, "label");
            Checks.probability(confidence, "confidence");
            checkHorizon(horizon);
        }

        @Override
        public Verdict score(Outcome outcome, double holdBand) {
            if (!(outcome instanceof Outcome.ActualLabel)) {
                throw mismatch(this, outcome, "ActualLabel");
            }
            return label.equals(((Outcome.ActualLabel) outcome).label()) ? Verdict.CORRECT : Verdict.WRONG;
        }
    }

    /**
     * A numeric forecast with optional quantiles. With quantiles it is correct when the actual value lies
     * inside [p10, p90] (so its accuracy is the interval's coverage); without quantiles it is UNSCORED and
     * does not enter accuracy windows.
     *
     * @param value     the point forecast, finite
     * @param quantiles the p10/p50/p90 quantiles, or null when the model gives none
     * @param horizon   when the outcome is due, not negative
     */
    record Forecast(double value, Quantiles quantiles, Duration horizon) implements Prediction {

        /**
         * Validates every field.
         *
         * @throws IllegalArgumentException naming the field and value that is NaN, infinite or negative
         */
        public Forecast {
            Checks.finite(value, "value");
            checkHorizon(horizon);
        }

        /** @return NaN: a forecast carries quantiles, not a confidence */
        @Override
        public double confidence() {
            return Double.NaN;
        }

        @Override
        public Verdict score(Outcome outcome, double holdBand) {
            if (!(outcome instanceof Outcome.ActualValue)) {
                throw mismatch(this, outcome, "ActualValue");
            }
            if (quantiles == null) {
                return Verdict.UNSCORED;
            }
            return quantiles.covers(((Outcome.ActualValue) outcome).value()) ? Verdict.CORRECT : Verdict.WRONG;
        }
    }

    /**
     * A binary probability forecast: the probability that an event happens (the positive class), for
     * example "BTC closes the day higher" at 0.63. Resolved by {@link Outcome.EventOutcome}.
     *
     * <p>Two calibrations read it: probability calibration (the probability against whether the event
     * happened) and confidence calibration, where the implied call is "the event happens" when
     * {@code probability >= 0.5} and "it does not" otherwise, with confidence
     * {@code max(probability, 1 - probability)}. The verdict is that implied call's: CORRECT when
     * {@code (probability >= 0.5) == occurred}.
     *
     * @param probability the probability of the event, in [0, 1]
     * @param horizon     when the outcome is due, not negative
     */
    record ProbabilityForecast(double probability, Duration horizon) implements Prediction {

        /**
         * Validates every field.
         *
         * @throws IllegalArgumentException naming the field and value that is null, NaN or out of range
         */
        public ProbabilityForecast {
            Checks.probability(probability, "probability");
            checkHorizon(horizon);
        }

        /** @return the confidence of the implied call, {@code max(probability, 1 - probability)} */
        @Override
        public double confidence() {
            return Math.max(probability, 1.0 - probability);
        }

        @Override
        public Verdict score(Outcome outcome, double holdBand) {
            if (!(outcome instanceof Outcome.EventOutcome)) {
                throw mismatch(this, outcome, "EventOutcome");
            }
            return (probability >= 0.5) == ((Outcome.EventOutcome) outcome).occurred() ? Verdict.CORRECT
                    : Verdict.WRONG;
        }
    }

    /**
     * A binary probability forecast.
     *
     * @param probability of the event, in [0, 1]
     * @param horizon     not negative
     * @return the forecast
     */
    static ProbabilityForecast probability(double probability, Duration horizon) {
        return new ProbabilityForecast(probability, horizon);
    }

    /**
     * An UP call.
     *
     * @param confidence in [0, 1]
     * @param entryPrice positive
     * @param horizon    not negative
     * @return the call
     */
    static DirectionCall up(double confidence, double entryPrice, Duration horizon) {
        return new DirectionCall(Direction.UP, confidence, entryPrice, horizon);
    }

    /**
     * A DOWN call.
     *
     * @param confidence in [0, 1]
     * @param entryPrice positive
     * @param horizon    not negative
     * @return the call
     */
    static DirectionCall down(double confidence, double entryPrice, Duration horizon) {
        return new DirectionCall(Direction.DOWN, confidence, entryPrice, horizon);
    }

    /**
     * A HOLD call.
     *
     * @param confidence in [0, 1]
     * @param entryPrice positive
     * @param horizon    not negative
     * @return the call
     */
    static DirectionCall hold(double confidence, double entryPrice, Duration horizon) {
        return new DirectionCall(Direction.HOLD, confidence, entryPrice, horizon);
    }

    private static void checkHorizon(Duration horizon) {
        Checks.notNull(horizon, "horizon");
        if (horizon.isNegative()) {
            throw new IllegalArgumentException("horizon must not be negative, was " + horizon);
        }
    }

    private static IllegalArgumentException mismatch(Prediction p, Outcome o, String expected) {
        String got = o == null ? "null" : o.getClass().getSimpleName();
        return new IllegalArgumentException("outcome must be " + expected + " for a "
                + p.getClass().getSimpleName() + ", was " + got);
    }
}

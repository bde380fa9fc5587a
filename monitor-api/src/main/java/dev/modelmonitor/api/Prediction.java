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
     * The optional ensemble data attached to this prediction (component calls and weights); only a
     * {@link DirectionCall} can carry it.
     *
     * @return the ensemble data, or null when none was attached
     */
    default Ensemble ensemble() {
        return null;
    }

    /**
     * A direction call on a price: UP, DOWN or HOLD from an entry price.
     *
     * <p>Scoring against the exit price: UP is correct when {@code exit > entry}, DOWN when
     * {@code exit < entry} (an unchanged price is wrong for both), and HOLD when the relative move
     * {@code |exit - entry| / entry} is at most the monitor's hold band (default 0.002, i.e. 0.2%).
     *
     * <p>Ensemble data ({@link Ensemble}: the component models' calls and the ensemble weights) is optional
     * and additive: the four-argument constructor and the {@code up/down/hold} factories leave it null,
     * {@link #withEnsemble(Ensemble)} attaches it. The monitor only keeps the reference; scoring ignores it.
     *
     * @param direction  the call
     * @param confidence the model's confidence, in [0, 1]
     * @param entryPrice the price when the call was made, positive and finite
     * @param horizon    when the outcome is due, not negative
     * @param ensemble   the component calls and weights, or null when the host attaches none
     */
    record DirectionCall(Direction direction, double confidence, double entryPrice, Duration horizon,
                         Ensemble ensemble) implements Prediction {

        /**
         * A direction call without ensemble data.
         *
         * @param direction  the call
         * @param confidence the model's confidence, in [0, 1]
         * @param entryPrice the price when the call was made, positive and finite
         * @param horizon    when the outcome is due, not negative
         * @throws IllegalArgumentException naming the field and value that is null, NaN or out of range
         */
        public DirectionCall(Direction direction, double confidence, double entryPrice, Duration horizon) {
            this(direction, confidence, entryPrice, horizon, null);
        }

        /**
         * This call with ensemble data attached (or removed, with null).
         *
         * @param ensemble the component calls and weights, or null
         * @return a new call with the same direction, confidence, entry price and horizon
         */
        public DirectionCall withEnsemble(Ensemble ensemble) {
            return new DirectionCall(direction, confidence, entryPrice, horizon, ensemble);
        }

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
     * A numeric forecast with optional quantiles and an optional spend. With quantiles it is correct when the
     * actual value lies inside [p10, p90] (so its accuracy is the interval's coverage); without quantiles it
     * is UNSCORED and does not enter accuracy windows. Either way the monitor tracks its errors, coverage and
     * ROAS (see {@code ModelMonitor.forecastPerformance}).
     *
     * <p>The spend is what was (or will be) spent to earn the forecast value, in the same currency, when the
     * forecast is a revenue plan: the monitor then reports return on ad spend (revenue / spend) forecast vs
     * actual. It is NaN when absent (the three-argument constructor), which costs nothing; give one with
     * {@link #withSpend(double)}.
     *
     * @param value     the point forecast, finite
     * @param quantiles the p10/p50/p90 quantiles, or null when the model gives none
     * @param horizon   when the outcome is due, not negative
     * @param spend     the spend behind the forecast, finite and &gt;= 0, or NaN for none
     */
    record Forecast(double value, Quantiles quantiles, Duration horizon, double spend) implements Prediction {

        /**
         * Validates every field.
         *
         * @throws IllegalArgumentException naming the field and value that is NaN, infinite or negative
         */
        public Forecast {
            Checks.finite(value, "value");
            checkHorizon(horizon);
            if (!Double.isNaN(spend)) {
                checkSpend(spend);
            }
        }

        /**
         * A forecast without a spend.
         *
         * @param value     the point forecast, finite
         * @param quantiles the p10/p50/p90 quantiles, or null when the model gives none
         * @param horizon   when the outcome is due, not negative
         */
        public Forecast(double value, Quantiles quantiles, Duration horizon) {
            this(value, quantiles, horizon, Double.NaN);
        }

        /**
         * This forecast with a spend attached.
         *
         * @param spend finite and &gt;= 0 (NaN is rejected here: leave the spend off instead)
         * @return a new forecast with the same value, quantiles and horizon
         * @throws IllegalArgumentException if the spend is NaN, infinite or negative
         */
        public Forecast withSpend(double spend) {
            return new Forecast(value, quantiles, horizon, checkSpend(spend));
        }

        /** @return true when a spend is attached */
        public boolean hasSpend() {
            return !Double.isNaN(spend);
        }

        /** @return the median forecast: p50 when quantiles are given, else the point value */
        public double median() {
            return quantiles == null ? value : quantiles.p50();
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

        private static double checkSpend(double spend) {
            if (!(spend >= 0.0) || Double.isInfinite(spend)) {
                throw new IllegalArgumentException("spend must be finite and >= 0, was " + spend);
            }
            return spend;
        }
    }

    /**
     * A point forecast without quantiles (scored UNSCORED; its errors are still tracked).
     *
     * @param value   finite
     * @param horizon not negative
     * @return the forecast
     */
    static Forecast forecast(double value, Duration horizon) {
        return new Forecast(value, null, horizon);
    }

    /**
     * A forecast with p10/p50/p90 quantiles.
     *
     * @param value     the point forecast, finite
     * @param quantiles the quantiles, not null
     * @param horizon   not negative
     * @return the forecast
     */
    static Forecast forecast(double value, Quantiles quantiles, Duration horizon) {
        Checks.notNull(quantiles, "quantiles");
        return new Forecast(value, quantiles, horizon);
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

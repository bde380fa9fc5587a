package dev.modelmonitor.api;

/**
 * The reference performance a model is held to, usually from an out-of-sample backtest.
 *
 * <p>Only the accuracy is required. Optional figures are NaN (doubles) or 0 (counts) when not given; they
 * are carried into reports but do not change the drift verdict.
 *
 * @param accuracy     the expected accuracy, in (0, 1)
 * @param precision    backtest precision in [0, 1], or NaN
 * @param recall       backtest recall in [0, 1], or NaN
 * @param f1           backtest F1 in [0, 1], or NaN
 * @param totalTrades  number of backtest trades, &gt;= 0 (0 = not given)
 * @param backtestDays length of the backtest in days, &gt;= 0 (0 = not given)
 */
public record Baseline(double accuracy, double precision, double recall, double f1, int totalTrades,
                       int backtestDays) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the field and value out of range
     */
    public Baseline {
        if (!(accuracy > 0.0 && accuracy < 1.0)) {
            throw new IllegalArgumentException("accuracy must be in (0, 1), was " + accuracy);
        }
        Checks.optionalProbability(precision, "precision");
        Checks.optionalProbability(recall, "recall");
        Checks.optionalProbability(f1, "f1");
        if (totalTrades < 0) {
            throw new IllegalArgumentException("totalTrades must be >= 0, was " + totalTrades);
        }
        if (backtestDays < 0) {
            throw new IllegalArgumentException("backtestDays must be >= 0, was " + backtestDays);
        }
    }

    /**
     * A baseline with only an accuracy.
     *
     * @param accuracy in (0, 1)
     * @return the baseline
     */
    public static Baseline ofAccuracy(double accuracy) {
        return new Baseline(accuracy, Double.NaN, Double.NaN, Double.NaN, 0, 0);
    }

    /**
     * A builder, for baselines with the optional figures.
     *
     * @return a new builder; accuracy must be set before {@code build()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Baseline}; each setter validates at once. Not thread-safe. */
    public static final class Builder {
        private double accuracy = Double.NaN;
        private double precision = Double.NaN;
        private double recall = Double.NaN;
        private double f1 = Double.NaN;
        private int totalTrades;
        private int backtestDays;

        private Builder() {
        }

        /**
         * @param accuracy in (0, 1)
         * @return this builder
         */
        public Builder accuracy(double accuracy) {
            if (!(accuracy > 0.0 && accuracy < 1.0)) {
                throw new IllegalArgumentException("accuracy must be in (0, 1), was " + accuracy);
            }
            this.accuracy = accuracy;
            return this;
        }

        /**
         * @param precision in [0, 1]
         * @return this builder
         */
        public Builder precision(double precision) {
            this.precision = Checks.probability(precision, "precision");
            return this;
        }

        /**
         * @param recall in [0, 1]
         * @return this builder
         */
        public Builder recall(double recall) {
            this.recall = Checks.probability(recall, "recall");
            return this;
        }

        /**
         * @param f1 in [0, 1]
         * @return this builder
         */
        public Builder f1(double f1) {
            this.f1 = Checks.probability(f1, "f1");
            return this;
        }

        /**
         * @param totalTrades &gt;= 0
         * @return this builder
         */
        public Builder totalTrades(int totalTrades) {
            if (totalTrades < 0) {
                throw new IllegalArgumentException("totalTrades must be >= 0, was " + totalTrades);
            }
            this.totalTrades = totalTrades;
            return this;
        }

        /**
         * @param backtestDays &gt;= 0
         * @return this builder
         */
        public Builder backtestDays(int backtestDays) {
            if (backtestDays < 0) {
                throw new IllegalArgumentException("backtestDays must be >= 0, was " + backtestDays);
            }
            this.backtestDays = backtestDays;
            return this;
        }

        /**
         * @return the baseline
         * @throws IllegalStateException if the accuracy was not set
         */
        public Baseline build() {
            if (Double.isNaN(accuracy)) {
                throw new IllegalStateException("accuracy must be set");
            }
            return new Baseline(accuracy, precision, recall, f1, totalTrades, backtestDays);
        }
    }
}

package dev.modelmonitor.api;

/**
 * The forecast error a key is held to, usually from a backtest: the reference for
 * {@link ForecastFlag#PERFORMANCE_DEGRADED}. Either figure may be left out (NaN), not both.
 *
 * @param mae  the expected mean absolute error of the median forecast, positive and finite, or NaN
 * @param mape the expected mean absolute percentage error as a fraction (0.12 = 12%), positive and finite,
 *             or NaN
 */
public record ForecastBaseline(double mae, double mape) {

    /**
     * Validates the figures.
     *
     * @throws IllegalArgumentException naming the figure that is zero, negative or infinite, or when both are
     *                                  NaN
     */
    public ForecastBaseline {
        if (!Double.isNaN(mae)) {
            Checks.positive(mae, "mae");
        }
        if (!Double.isNaN(mape)) {
            Checks.positive(mape, "mape");
        }
        if (Double.isNaN(mae) && Double.isNaN(mape)) {
            throw new IllegalArgumentException("mae or mape must be given, was NaN and NaN");
        }
    }

    /**
     * A baseline with only an MAE.
     *
     * @param mae positive and finite
     * @return the baseline
     */
    public static ForecastBaseline ofMae(double mae) {
        return new ForecastBaseline(mae, Double.NaN);
    }

    /**
     * A baseline with both figures.
     *
     * @param mae  positive and finite
     * @param mape positive and finite, a fraction
     * @return the baseline
     */
    public static ForecastBaseline of(double mae, double mape) {
        return new ForecastBaseline(mae, mape);
    }
}

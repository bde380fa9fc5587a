/**
 * Numeric forecasts: quantile coverage (p10, p50, p90 and the p10-p90 interval), MAE and MAPE of the median
 * forecast, coverage by horizon and ROAS when forecasts carry a spend, per key, over a count window, over
 * day windows and per day; the flags and alerts they raise; snapshots of the per-key state; the weekly
 * report section and the trends file.
 *
 * <p>Path of one forecast: {@code ModelMonitor.resolve} buffers it; the buffer's drain calls
 * {@link dev.modelmonitor.core.forecast.ForecastAccumulator#add} under the key's lock (O(1)); a check reads
 * {@link dev.modelmonitor.core.forecast.ForecastAccumulator#performance}, which
 * {@link dev.modelmonitor.core.forecast.ForecastEvaluator} judges, and
 * {@link dev.modelmonitor.core.forecast.ForecastAlertState} decides what reaches the sinks. The result and
 * record types live in {@code dev.modelmonitor.api} ({@code ForecastPerformance}, {@code ForecastDay},
 * {@code ForecastAlert}, {@code ForecastConfig}, {@code ForecastStateSnapshot}, which a key's
 * {@code KeySnapshot} carries across restarts, ...).
 */
package dev.modelmonitor.core.forecast;

/**
 * The engine: {@link dev.modelmonitor.core.ModelMonitor} and its builder, the one entry point.
 *
 * <p>One prediction's way: {@code ModelMonitor.log} puts it in the pending ledger ({@code PendingLedger});
 * {@code ModelMonitor.resolve} scores it and buffers it per thread ({@code ResolutionBuffer}), which applies
 * it to the key's rolling windows and calibration accumulators ({@code KeyState}) and the store;
 * {@code checkAll} evaluates the windows ({@link dev.modelmonitor.core.drift.DriftEvaluator}), closes
 * calibration days ({@link dev.modelmonitor.core.calibration.CalibrationEngine}) and publishes alerts to the
 * sinks. Capabilities live in their own packages: {@code drift}, {@code calibration}, {@code forecast},
 * {@code alert}, {@code store}, {@code export}, {@code report}, {@code recalibration}, {@code testing}. A
 * resolved forecast is also applied, in the same drain and under the same key lock, to the key's forecast
 * state ({@link dev.modelmonitor.core.forecast.ForecastAccumulator}).
 */
package dev.modelmonitor.core;

/**
 * The engine: {@link dev.modelmonitor.core.ModelMonitor} and its builder, the one entry point.
 *
 * <p>One prediction's way: {@code ModelMonitor.log} puts it in the pending ledger ({@code PendingLedger});
 * {@code ModelMonitor.resolve} scores it and buffers it per thread ({@code ResolutionBuffer}), which applies
 * it to the key's rolling windows and calibration accumulators ({@code KeyState}) and the store;
 * {@code checkAll} evaluates the windows ({@link dev.modelmonitor.core.drift.DriftEvaluator}), closes
 * calibration days ({@link dev.modelmonitor.core.calibration.CalibrationEngine}) and publishes alerts to the
 * sinks. Capabilities live in their own packages: {@code drift}, {@code calibration}, {@code alert},
 * {@code store}, {@code export}, {@code report}, {@code testing}.
 */
package dev.modelmonitor.core;

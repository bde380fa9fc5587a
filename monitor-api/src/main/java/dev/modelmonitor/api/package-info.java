/**
 * The vocabulary of Model Monitor: keys, predictions, outcomes, thresholds, results, alerts, and the small
 * interfaces a host application codes against ({@link dev.modelmonitor.api.PredictionLogger},
 * {@link dev.modelmonitor.api.DriftMonitor}, {@link dev.modelmonitor.api.CalibrationAnalyzer},
 * {@link dev.modelmonitor.api.AlertSink}, {@link dev.modelmonitor.api.Store}).
 *
 * <p>Every type here is an immutable record, an enum, a sealed interface or a small interface. Records
 * validate in their constructors and reject bad input with an {@link java.lang.IllegalArgumentException}
 * whose message names the field and the value. This module has no dependencies.
 */
package dev.modelmonitor.api;

/**
 * Calibration-only learning: improve decision quality without retraining, by deploying a small, reversible
 * config that the host's inference path applies.
 *
 * <p>{@link dev.modelmonitor.core.recalibration.Recalibrator} runs the workflow on trades from a
 * {@link dev.modelmonitor.core.recalibration.TradeSource} (a store, a live monitor or a list): the readiness
 * gate, the analysis (an isotonic confidence map measured out of sample, ensemble weight micro-adjustments
 * projected onto the {@link dev.modelmonitor.core.recalibration.SafetyPolicy} limits), the five safety checks
 * and the risk score, Markdown and JSON reports, explicit approval, atomic deployment with a versioned archive,
 * rollback and a history file. {@link dev.modelmonitor.core.recalibration.CalibrationLoader} serves the active
 * config lock-free on the inference path and reloads it on deployment.
 * {@link dev.modelmonitor.core.recalibration.RecalibrationTool} is the command-line tool.
 */
package dev.modelmonitor.core.recalibration;

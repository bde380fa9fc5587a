/**
 * Calibration monitoring: per key, streaming accumulators of stated probability against outcome (confidence
 * calibration of every prediction with a confidence, and probability calibration of
 * {@link dev.modelmonitor.api.Prediction.ProbabilityForecast}s), updated on every resolution under the key's
 * lock in O(count windows) (plus O(bins) when a new day starts): rolling count windows and per-day
 * statistics. From them: Brier score and its decomposition, ECE/MCE, the reliability curve with Wilson
 * intervals and Spiegelhalter's test over any configured window ({@link dev.modelmonitor.api.CalibrationMetrics});
 * the daily history ({@link dev.modelmonitor.api.CalibrationDay}, appended to the store as each day ends);
 * breach alerts on critical keys; the change test between periods; retrain requests; and an exact
 * snapshot/restore of the state ({@link dev.modelmonitor.api.CalibrationStateSnapshot}).
 *
 * <p>Reading order: {@code Tracker} (the accumulators), {@code CalibrationMath} (the figures from them),
 * {@link dev.modelmonitor.core.calibration.CalibrationEngine} (days, breaches, retrain, snapshots).
 */
package dev.modelmonitor.core.calibration;

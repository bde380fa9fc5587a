/**
 * Accuracy drift: the rules that turn rolling-window accuracy into a {@link dev.modelmonitor.api.DriftLevel}
 * with its z-test and recommendation.
 */
package dev.modelmonitor.core.drift;

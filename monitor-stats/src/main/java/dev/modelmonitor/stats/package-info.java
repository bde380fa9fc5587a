/**
 * Pure statistics on primitive arrays and streams: tests, intervals, distances and streaming accumulators.
 *
 * <p>This package knows nothing of the monitor: every method takes primitives or arrays and returns
 * primitives or small immutable records. Each class states its convention and the reference
 * implementation (scipy, scikit-learn, statsmodels) it agrees with, and to what tolerance. Methods reject
 * NaN and out-of-range input with an {@link java.lang.IllegalArgumentException} that names the argument
 * and the value, unless their Javadoc says otherwise. All classes are thread-safe unless documented as
 * mutable accumulators.
 */
package dev.modelmonitor.stats;

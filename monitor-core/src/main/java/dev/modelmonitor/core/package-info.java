/**
 * The engine: {@link dev.modelmonitor.core.ModelMonitor} and its builder.
 */
package dev.modelmonitor.core;

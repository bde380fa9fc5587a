/**
 * Alert sinks: where the monitor's {@link dev.modelmonitor.api.Alert}s go.
 *
 * <p>{@link dev.modelmonitor.core.alert.Slf4jAlertSink} writes them to a log;
 * {@link dev.modelmonitor.core.alert.JsonAlertQueueSink} appends them as JSON Lines to a file that
 * another process polls (the seeds' trade-alert queue), and reads such a file back as
 * {@link dev.modelmonitor.core.alert.QueuedAlert}s. A sink that throws is isolated by the monitor.
 */
package dev.modelmonitor.core.alert;

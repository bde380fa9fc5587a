package dev.modelmonitor.api;

/**
 * Receives {@link MonitoringEvent}s, registered on the monitor's builder. One method.
 *
 * <p>A listener that throws is isolated as a sink is: the exception is logged and counted, and the other
 * listeners still receive the event. Return quickly.
 */
@FunctionalInterface
public interface MonitoringListener {

    /**
     * Receives one event.
     *
     * @param event the event, never null
     */
    void onEvent(MonitoringEvent event);
}

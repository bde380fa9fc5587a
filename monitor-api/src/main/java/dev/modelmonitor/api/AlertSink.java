package dev.modelmonitor.api;

/**
 * Where alerts go: a log, a file another process polls, a chat webhook, a pager. One method.
 *
 * <p>The monitor calls every sink for every alert, from the thread that ran the check. A sink that throws
 * is isolated: the exception is logged and counted, and the other sinks still receive the alert. A sink
 * should return quickly; hand slow delivery to a queue of its own.
 */
@FunctionalInterface
public interface AlertSink {

    /**
     * Delivers one alert.
     *
     * @param alert the alert, never null
     */
    void publish(Alert alert);
}

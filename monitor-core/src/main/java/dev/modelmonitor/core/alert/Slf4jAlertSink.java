package dev.modelmonitor.core.alert;

import dev.modelmonitor.api.Alert;
import dev.modelmonitor.api.AlertSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AlertSink} that writes each alert to an slf4j logger, at a level set by its severity:
 * CRITICAL at ERROR, WARNING at WARN, INFO at INFO.
 *
 * <p>Each alert is one log event whose first line is the alert's {@link Alert#title()} and whose following
 * lines are its full {@link Alert#message()}, so the event stays whole in a log shared by many threads.
 * When the level is disabled nothing is formatted. The logger is {@value #DEFAULT_LOGGER_NAME} unless
 * another name or logger is given, so a host can route alerts to their own appender.
 *
 * <p>Thread-safe (slf4j loggers are). Cost: one log call, plus the alert's message text when enabled.
 */
public final class Slf4jAlertSink implements AlertSink {

    /** The logger name used by {@link #create()}. */
    public static final String DEFAULT_LOGGER_NAME = "dev.modelmonitor.alerts";

    private final Logger logger;

    private Slf4jAlertSink(Logger logger) {
        this.logger = logger;
    }

    /** @return a sink writing to the logger {@value #DEFAULT_LOGGER_NAME} */
    public static Slf4jAlertSink create() {
        return new Slf4jAlertSink(LoggerFactory.getLogger(DEFAULT_LOGGER_NAME));
    }

    /**
     * A sink writing to the logger of the given name.
     *
     * @param loggerName the logger name, not blank
     * @return the sink
     * @throws IllegalArgumentException if loggerName is null or blank
     */
    public static Slf4jAlertSink named(String loggerName) {
        if (loggerName == null) {
            throw new IllegalArgumentException("loggerName must not be null");
        }
        if (loggerName.isBlank()) {
            throw new IllegalArgumentException("loggerName must not be blank, was '" + loggerName + "'");
        }
        return new Slf4jAlertSink(LoggerFactory.getLogger(loggerName));
    }

    /**
     * A sink writing to the given logger.
     *
     * @param logger the logger, not null
     * @return the sink
     * @throws IllegalArgumentException if logger is null
     */
    public static Slf4jAlertSink to(Logger logger) {
        if (logger == null) {
            throw new IllegalArgumentException("logger must not be null");
        }
        return new Slf4jAlertSink(logger);
    }

    /**
     * Logs the alert at the level of its severity.
     *
     * @param alert the alert, not null
     * @throws IllegalArgumentException if alert is null
     */
    @Override
    public void publish(Alert alert) {
        if (alert == null) {
            throw new IllegalArgumentException("alert must not be null");
        }
        switch (alert.severity()) {
            case CRITICAL:
                if (logger.isErrorEnabled()) {
                    logger.error("{}\n{}", alert.title(), alert.message());
                }
                break;
            case WARNING:
                if (logger.isWarnEnabled()) {
                    logger.warn("{}\n{}", alert.title(), alert.message());
                }
                break;
            default:
                if (logger.isInfoEnabled()) {
                    logger.info("{}\n{}", alert.title(), alert.message());
                }
                break;
        }
    }

    /** @return the name of the logger alerts go to */
    public String loggerName() {
        return logger.getName();
    }

    @Override
    public String toString() {
        return "Slf4jAlertSink[" + logger.getName() + "]";
    }
}

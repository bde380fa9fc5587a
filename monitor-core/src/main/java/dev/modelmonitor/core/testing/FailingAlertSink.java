package dev.modelmonitor.core.testing;

import dev.modelmonitor.api.Alert;
import dev.modelmonitor.api.AlertSink;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link AlertSink} that throws on every alert, for testing that a monitor isolates failing sinks. It
 * counts the attempts, so a test can check the sink was still called.
 *
 * <p>Thread-safe. Every {@link #publish} throws a new {@link IllegalStateException} with the configured
 * message; the alert is not kept.
 */
public final class FailingAlertSink implements AlertSink {

    /** The message thrown when none is given. */
    public static final String DEFAULT_MESSAGE = "alert sink failure";

    private final String message;
    private final AtomicInteger attempts = new AtomicInteger();

    private FailingAlertSink(String message) {
        this.message = message;
    }

    /** @return a sink that throws with {@link #DEFAULT_MESSAGE} */
    public static FailingAlertSink create() {
        return new FailingAlertSink(DEFAULT_MESSAGE);
    }

    /**
     * A sink that throws with the given message.
     *
     * @param message the exception message, not null
     * @return the sink
     * @throws IllegalArgumentException if message is null
     */
    public static FailingAlertSink withMessage(String message) {
        if (message == null) {
            throw new IllegalArgumentException("message must not be null");
        }
        return new FailingAlertSink(message);
    }

    /**
     * Counts the attempt and throws.
     *
     * @throws IllegalStateException always, with the configured message
     */
    @Override
    public void publish(Alert alert) {
        attempts.incrementAndGet();
        throw new IllegalStateException(message);
    }

    /** @return how many times {@link #publish} was called */
    public int attempts() {
        return attempts.get();
    }

    @Override
    public String toString() {
        return "FailingAlertSink[" + attempts() + " attempts]";
    }
}

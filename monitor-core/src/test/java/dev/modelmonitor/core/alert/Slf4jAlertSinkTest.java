package dev.modelmonitor.core.alert;

import dev.modelmonitor.api.Severity;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Slf4jAlertSinkTest {

    /** A logger that records (method, formatted text) for every log call. */
    private static final class RecordingLogger {
        final List<String> calls = new ArrayList<>();
        boolean enabled = true;

        Logger logger() {
            return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[]{Logger.class},
                    (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.equals("getName")) {
                            return "test.alerts";
                        }
                        if (name.startsWith("is") && name.endsWith("Enabled")) {
                            return enabled;
                        }
                        if (method.getReturnType() == void.class && args != null && args.length == 3) {
                            calls.add(name + ": " + ((String) args[0]).replaceFirst("\\{}", (String) args[1])
                                    .replaceFirst("\\{}", (String) args[2]));
                            return null;
                        }
                        throw new AssertionError("unexpected call " + method);
                    });
        }
    }

    @Test
    void severityPicksTheLevelAndTheEventHoldsTitleThenMessage() {
        RecordingLogger rec = new RecordingLogger();
        Slf4jAlertSink sink = Slf4jAlertSink.to(rec.logger());
        sink.publish(Alerts.critical());
        sink.publish(Alerts.warning());
        sink.publish(Alerts.recovery());

        assertEquals(Severity.INFO, Alerts.recovery().severity());
        assertEquals(List.of(
                "error: " + Alerts.critical().title() + "\n" + Alerts.critical().message(),
                "warn: " + Alerts.warning().title() + "\n" + Alerts.warning().message(),
                "info: " + Alerts.recovery().title() + "\n" + Alerts.recovery().message()), rec.calls);
        assertEquals("test.alerts", sink.loggerName());
    }

    @Test
    void aDisabledLevelLogsNothing() {
        RecordingLogger rec = new RecordingLogger();
        rec.enabled = false;
        Slf4jAlertSink.to(rec.logger()).publish(Alerts.critical());
        assertEquals(List.of(), rec.calls);
    }

    @Test
    void loggerNameDefaultsAndCanBeSet() {
        assertEquals("dev.modelmonitor.alerts", Slf4jAlertSink.create().loggerName());
        assertEquals("trading.alerts", Slf4jAlertSink.named("trading.alerts").loggerName());
        Slf4jAlertSink.create().publish(Alerts.critical());
    }

    @Test
    void badArgumentsAreRejected() {
        assertEquals("loggerName must not be blank, was ' '", assertThrows(IllegalArgumentException.class,
                () -> Slf4jAlertSink.named(" ")).getMessage());
        assertEquals("loggerName must not be null", assertThrows(IllegalArgumentException.class,
                () -> Slf4jAlertSink.named(null)).getMessage());
        assertEquals("logger must not be null", assertThrows(IllegalArgumentException.class,
                () -> Slf4jAlertSink.to(null)).getMessage());
        assertEquals("alert must not be null", assertThrows(IllegalArgumentException.class,
                () -> Slf4jAlertSink.create().publish(null)).getMessage());
    }
}

package dev.modelmonitor.core;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.core.testing.ManualScheduler;
import dev.modelmonitor.core.testing.MutableClock;
import dev.modelmonitor.core.testing.RecordingAlertSink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.modelmonitor.core.Fixtures.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scheduled checks on a host's executor, driven by a moved clock: no sleeping. */
class ScheduledChecksTest {

    @Test
    void checksRunEveryIntervalAndStopOnClose() {
        MutableClock clock = MutableClock.of(Instant.parse("2026-01-05T09:00:00Z"));
        ManualScheduler scheduler = ManualScheduler.drivenBy(clock);
        RecordingAlertSink sink = RecordingAlertSink.create();
        DriftThresholds t = DriftThresholds.builder().checkInterval(Duration.ofMinutes(15)).build();
        ModelMonitor m = ModelMonitor.builder().clock(clock).thresholds(t).addSink(sink)
                .scheduleChecks(scheduler).build();
        m.setBaseline(BTC, Baseline.ofAccuracy(0.65));
        Fixtures.calls(m, BTC, 26, 50);

        scheduler.advance(Duration.ofMinutes(14));
        assertEquals(0, m.counters().checks(), "not yet due");
        assertEquals(0, sink.size());

        scheduler.advance(Duration.ofMinutes(1));
        assertEquals(1, m.counters().checks());
        assertEquals(1, sink.driftAlerts().size(), "the scheduled check published the critical alert");

        scheduler.advance(Duration.ofMinutes(60));
        assertEquals(5, m.counters().checks());

        m.close();
        scheduler.advance(Duration.ofHours(2));
        assertEquals(5, m.counters().checks(), "no checks after close");
        assertTrue(!scheduler.isShutdown(), "the host's executor is not shut down by the monitor");
    }

    @Test
    void aFailingCheckDoesNotStopTheSchedule() {
        MutableClock clock = MutableClock.of(Instant.parse("2026-01-05T09:00:00Z"));
        ManualScheduler scheduler = ManualScheduler.drivenBy(clock);
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).scheduleChecks(scheduler)
                .addSink(alert -> {
                    throw new Error("sink bug");
                }).build()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.65));
            Fixtures.calls(m, BTC, 20, 50);
            scheduler.advance(Duration.ofMinutes(30));
            scheduler.advance(Duration.ofMinutes(30));
            assertEquals(2, m.counters().checks());
            assertEquals(1, m.counters().sinkFailures());
        }
    }

    @Test
    void ownDaemonSchedulerStartsAndStops() {
        ModelMonitor m = ModelMonitor.builder().scheduleChecks().build();
        m.close();
        assertEquals(0, m.counters().checks());
    }
}

package dev.modelmonitor.core.calibration;

import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationThresholds;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.MonitoringEvent;
import dev.modelmonitor.api.RetrainRequest;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.store.InMemoryStore;
import dev.modelmonitor.core.testing.MutableClock;
import dev.modelmonitor.core.testing.RecordingAlertSink;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays days of outcomes into a monitor, one character a day, checking after each midnight:
 * {@code B} a bad judged day (100 calls at confidence 0.8, half correct: ECE 0.30), {@code G} a good judged day
 * (80% correct: ECE 0), {@code W} a judged day at ECE 0.20, {@code t} a thin bad day (40 calls), {@code .} a
 * day without outcomes.
 */
final class Days implements AutoCloseable {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final LocalDate FIRST = LocalDate.of(2026, 1, 5);
    static final ModelKey KEY = ModelKey.of("lstm", "BTC/USDT");

    final MutableClock clock = MutableClock.of(START);
    final RecordingAlertSink sink = RecordingAlertSink.create();
    final List<MonitoringEvent> events = new CopyOnWriteArrayList<>();
    final List<RetrainRequest> retrains = new CopyOnWriteArrayList<>();
    final InMemoryStore store = InMemoryStore.withDefaults();
    final ModelMonitor monitor;
    int day;

    Days(ModelMonitor.Builder builder) {
        this.monitor = builder.clock(clock).store(store).addSink(sink).addListener(events::add)
                .retrainHandler(retrains::add).build();
    }

    @Override
    public void close() {
        monitor.close();
    }

    static CalibrationThresholds thresholds() {
        return CalibrationThresholds.builder().minDailySamples(100).build();
    }

    static Days critical() {
        return new Days(ModelMonitor.builder().calibrationThresholds(thresholds()).criticalKey(KEY));
    }

    /** Plays the pattern, one day per character, and checks after each day's midnight. */
    Days play(String pattern) {
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case 'B':
                    Feed.day(monitor, KEY, 100, 0.8, 0.5);
                    break;
                case 'G':
                    Feed.day(monitor, KEY, 100, 0.8, 0.8);
                    break;
                case 'W':
                    Feed.day(monitor, KEY, 100, 0.8, 0.6);
                    break;
                case 't':
                    Feed.day(monitor, KEY, 40, 0.8, 0.5);
                    break;
                case '.':
                    break;
                default:
                    throw new IllegalArgumentException("day pattern: " + c);
            }
            clock.advance(Duration.ofDays(1));
            monitor.checkAll();
            day++;
        }
        return this;
    }

    List<CalibrationAlert> alerts() {
        return sink.alerts(CalibrationAlert.class);
    }

    /** The date of the i-th day played (0 = the first). */
    static LocalDate date(int i) {
        return FIRST.plusDays(i);
    }
}

package dev.modelmonitor.core;

import dev.modelmonitor.api.Alert;
import dev.modelmonitor.api.AlertSink;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Shared helpers for the engine tests. */
final class Fixtures {

    static final ModelKey BTC = ModelKey.of("lstm_btc", "BTC/USDT");
    static final ModelKey ETH = ModelKey.of("lstm_eth", "ETH/USDT");
    static final Duration HOUR = Duration.ofMinutes(60);

    private Fixtures() {
    }

    /** A clock a test moves by hand. */
    static final class Manual extends Clock {
        final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-05T09:00:00Z").toEpochMilli());

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public long millis() {
            return millis.get();
        }
    }

    /** A sink that keeps what it receives. */
    static final class Collecting implements AlertSink {
        final List<Alert> alerts = new CopyOnWriteArrayList<>();

        @Override
        public void publish(Alert alert) {
            alerts.add(alert);
        }
    }

    /** Logs and resolves one UP call that is correct or not. */
    static long call(ModelMonitor m, ModelKey key, boolean correct) {
        long id = m.log(key, Prediction.up(0.7, 100.0, HOUR));
        if (!m.resolve(id, Outcome.exitPrice(correct ? 101.0 : 99.0))) {
            throw new AssertionError("resolve of " + id + " failed");
        }
        return id;
    }

    /** Logs and resolves {@code correct} correct calls then {@code total - correct} wrong ones. */
    static void calls(ModelMonitor m, ModelKey key, int correct, int total) {
        for (int i = 0; i < total; i++) {
            call(m, key, i < correct);
        }
    }
}

package dev.modelmonitor.core.calibration;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationBreachEvent;
import dev.modelmonitor.api.CalibrationEvent;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.DriftDetectedEvent;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.MonitoringEvent;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.PerformanceDegradedEvent;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.RetrainReason;
import dev.modelmonitor.api.RetrainRequest;
import dev.modelmonitor.api.RetrainRequestedEvent;
import dev.modelmonitor.api.RetrainTrigger;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.modelmonitor.core.calibration.Days.KEY;
import static dev.modelmonitor.core.calibration.Days.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrainAndEventsTest {

    private static <T> List<T> of(List<MonitoringEvent> events, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (MonitoringEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    @Test
    void aBreachAsksForARetrainWithItsReason() {
        try (Days d = Days.critical()) {
            d.play("BBBBBBB");
            assertTrue(d.retrains.isEmpty());
            d.play("B");
            assertEquals(1, d.retrains.size());
            RetrainRequest r = d.retrains.get(0);
            assertEquals(KEY, r.key());
            assertTrue(r.has(RetrainTrigger.CALIBRATION_BREACH));
            RetrainReason reason = r.reasons().get(0);
            assertEquals(CalibrationKind.CONFIDENCE, reason.kind());
            assertEquals(0.3, reason.value(), 1e-12);
            assertEquals(0.05, reason.threshold());
            assertEquals("calibration error 0.300 above 0.050 for 8 days", reason.detail());
            assertEquals(d.clock.millis(), r.timestampMillis());
            List<RetrainRequestedEvent> events = of(d.events, RetrainRequestedEvent.class);
            assertEquals(1, events.size());
            assertEquals("model.retrain.requested", events.get(0).name());
            assertEquals(r, events.get(0).request());
            assertEquals(List.of(r), d.monitor.retrainHistory(KEY, date(0), date(8)), "stored as it was asked");
            assertEquals(List.of(r), d.store.latest(RetrainRequest.class, KEY, 10));
            assertEquals(List.of(), d.monitor.retrainHistory(KEY, date(0), date(6)), "asked on the 9th day");
        }
    }

    @Test
    void aSignificantShiftFromTheReferenceWeekAsksForARetrainThenWaitsForTheCooldown() {
        try (Days d = new Days(ModelMonitor.builder().calibrationThresholds(Days.thresholds()))) {
            d.play("GGGGGGG" + "BBBBBB");
            assertTrue(d.retrains.isEmpty(), "the current week still overlaps the reference week");
            d.play("B");
            assertEquals(1, d.retrains.size());
            RetrainRequest r = d.retrains.get(0);
            assertTrue(r.has(RetrainTrigger.CALIBRATION_SHIFT));
            RetrainReason reason = r.reasons().get(0);
            assertEquals(0.3, reason.value(), 1e-12);
            assertTrue(reason.pValue() < 1e-10, "p = " + reason.pValue());
            assertTrue(reason.detail().startsWith("calibration error 0.300 over the last 7 days vs 0.000 in the "
                    + "reference period 2026-01-05 to 2026-01-11"), reason.detail());
            d.play("BBBBBB");
            assertEquals(1, d.retrains.size(), "cool-down of 7 days");
            d.play("B");
            assertEquals(2, d.retrains.size());
            var ref = d.monitor.calibrationReference(KEY, CalibrationKind.CONFIDENCE).orElseThrow();
            assertEquals(date(0), ref.from());
            assertEquals(date(6), ref.to());
            assertFalse(ref.explicit());
            assertEquals(700, ref.stats().count());
        }
    }

    @Test
    void aThrowingHandlerIsIsolatedAndCounted() {
        MutableClock clock = MutableClock.of(Days.START);
        AtomicInteger calls = new AtomicInteger();
        List<MonitoringEvent> events = new ArrayList<>();
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).calibrationThresholds(Days.thresholds())
                .criticalKey(KEY).retrainHandler(r -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("pipeline down");
                }).addListener(e -> {
                    throw new IllegalStateException("metrics down");
                }).addListener(events::add).build()) {
            for (int i = 0; i < 8; i++) {
                Feed.day(m, KEY, 100, 0.8, 0.5);
                clock.advance(Duration.ofDays(1));
                m.checkAll();
            }
            assertEquals(1, calls.get());
            List<RetrainRequest> stored = m.retrainHistory(null, date(0), date(30));
            assertEquals(1, stored.size(), "stored although the handler threw");
            assertTrue(stored.get(0).has(RetrainTrigger.CALIBRATION_BREACH));
            assertEquals(8 + 1 + 1 + 1, m.counters().callbackFailures(),
                    "8 day events, a breach event and a retrain event to the throwing listener, and the handler");
            assertEquals(8, of(events, CalibrationEvent.class).size(), "the other listener still gets them");
            assertEquals(1, of(events, CalibrationBreachEvent.class).size());
            assertEquals(1, m.counters().alertsPublished());
        }
    }

    /**
     * Without a handler the requests are still stored; the history of every key is ordered by time, then by
     * key, and each key's by time; a range selects by the day the request was made.
     */
    @Test
    void requestsAreStoredWithoutAHandlerAndQueriedPerKeyOrForAllKeys() {
        MutableClock clock = MutableClock.of(Days.START);
        dev.modelmonitor.api.ModelKey gbm = dev.modelmonitor.api.ModelKey.of("gbm", "ADA/USDT");
        dev.modelmonitor.api.ModelKey late = dev.modelmonitor.api.ModelKey.of("arima", "XRP/USDT");
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).calibrationThresholds(Days.thresholds())
                .criticalKey(KEY).criticalKey(gbm).criticalKey(late).build()) {
            for (int i = 0; i < 12; i++) {
                Feed.day(m, KEY, 100, 0.8, 0.5);
                Feed.day(m, gbm, 100, 0.8, 0.5);
                if (i >= 3) {
                    Feed.day(m, late, 100, 0.8, 0.5);
                }
                clock.advance(Duration.ofDays(1));
                m.checkAll();
            }
            List<RetrainRequest> btc = m.retrainHistory(KEY, date(0), date(30));
            List<RetrainRequest> ada = m.retrainHistory(gbm, date(0), date(30));
            List<RetrainRequest> xrp = m.retrainHistory(late, date(0), date(30));
            assertEquals(1, btc.size(), "one breach, no repeat while it stays open");
            assertEquals(1, ada.size());
            assertEquals(1, xrp.size());
            assertEquals(btc.get(0).timestampMillis(), ada.get(0).timestampMillis(), "raised by the same check");
            assertEquals(date(8), day(btc.get(0)), "the check after the 8th bad day");
            assertEquals(date(11), day(xrp.get(0)));
            assertEquals(List.of(ada.get(0), btc.get(0), xrp.get(0)), m.retrainHistory(null, date(0), date(30)),
                    "by time, then by key");
            assertEquals(List.of(xrp.get(0)), m.retrainHistory(null, date(9), date(11)));
            assertEquals(List.of(), m.retrainHistory(KEY, date(9), date(30)));
            assertEquals("from must not be null", assertThrows(IllegalArgumentException.class,
                    () -> m.retrainHistory(KEY, null, date(1))).getMessage());
            assertEquals("to must not be null", assertThrows(IllegalArgumentException.class,
                    () -> m.retrainHistory(null, date(1), null)).getMessage());
            assertEquals("to must not be before from (2026-01-06), was 2026-01-05", assertThrows(
                    IllegalArgumentException.class, () -> m.retrainHistory(KEY, date(1), date(0))).getMessage());
        }
    }

    private static LocalDate day(RetrainRequest r) {
        return LocalDate.ofInstant(r.requestedAt(), java.time.ZoneOffset.UTC);
    }

    @Test
    void listenersReceiveTheDayTheBreachAndTheDriftUnderTheSeedsNames() {
        try (Days d = Days.critical()) {
            d.monitor.setBaseline(KEY, Baseline.ofAccuracy(0.8));
            d.play("BBBBBBBB");
            List<CalibrationEvent> days = of(d.events, CalibrationEvent.class);
            assertEquals(8, days.size());
            CalibrationEvent first = days.get(0);
            assertEquals("model.calibration", first.name());
            assertEquals(KEY, first.key());
            assertEquals(date(0), first.day().date());
            assertEquals(100, first.day().count());
            assertEquals(0.3, first.day().ece(), 1e-12);
            assertEquals(Days.START.plus(Duration.ofHours(15)).toEpochMilli(), first.timestampMillis(),
                    "the end of the day");
            List<CalibrationBreachEvent> breaches = of(d.events, CalibrationBreachEvent.class);
            assertEquals(1, breaches.size());
            assertEquals("model.calibration.breach", breaches.get(0).name());
            assertEquals(d.alerts().get(0), breaches.get(0).alert());
            List<DriftDetectedEvent> drift = of(d.events, DriftDetectedEvent.class);
            assertFalse(drift.isEmpty(), "accuracy 0.5 against a baseline of 0.8");
            assertEquals("model.drift_detected", drift.get(0).name());
            assertEquals(DriftLevel.CRITICAL, drift.get(0).alert().level());
        }
    }

    @Test
    void performanceDegradedIsPublishedOnlyToListeners() {
        MutableClock clock = MutableClock.of(Days.START);
        try (ModelMonitor none = ModelMonitor.builder().clock(clock).build()) {
            assertFalse(none.hasListeners());
            assertFalse(none.publishPerformanceDegraded(KEY, "mae", 12.0, 8.0, 1.2));
        }
        List<MonitoringEvent> events = new ArrayList<>();
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).addListener(events::add).build()) {
            assertTrue(m.publishPerformanceDegraded(KEY, "mape", 0.15, 0.10, 1.2));
            PerformanceDegradedEvent e = (PerformanceDegradedEvent) events.get(0);
            assertEquals("model.performance.degraded", e.name());
            assertEquals("mape", e.metric());
            assertEquals(1.5, e.ratio(), 1e-12);
            assertEquals(1.2, e.allowedRatio());
            assertEquals(clock.millis(), e.timestampMillis());
        }
    }

    @Test
    void aCalibrationAlertGoesThroughTheSinkPipelineWithItsIsolation() {
        MutableClock clock = MutableClock.of(Days.START);
        dev.modelmonitor.core.testing.RecordingAlertSink sink = dev.modelmonitor.core.testing.RecordingAlertSink.create();
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).calibrationThresholds(Days.thresholds())
                .criticalKey(KEY).addSink(dev.modelmonitor.core.testing.FailingAlertSink.create()).addSink(sink)
                .build()) {
            for (int i = 0; i < 8; i++) {
                Feed.day(m, KEY, 100, 0.8, 0.5);
                clock.advance(Duration.ofDays(1));
                m.checkAll();
            }
            assertEquals(1, sink.alerts(CalibrationAlert.class).size());
            assertEquals("model_calibration", sink.alerts().get(0).type());
            assertEquals(1, m.counters().sinkFailures());
        }
    }

    @Test
    void aProbabilityForecastKeyIsJudgedOnItsProbabilities() {
        MutableClock clock = MutableClock.of(Days.START);
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).build()) {
            assertEquals(CalibrationKind.CONFIDENCE, m.judgedKind(KEY));
            long id = m.log(KEY, Prediction.probability(0.3, Duration.ofHours(1)));
            m.resolve(id, Outcome.event(false));
            assertEquals(CalibrationKind.PROBABILITY, m.judgedKind(KEY));
        }
    }
}

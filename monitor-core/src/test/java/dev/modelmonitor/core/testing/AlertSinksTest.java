package dev.modelmonitor.core.testing;

import dev.modelmonitor.api.Alert;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.ModelKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static dev.modelmonitor.core.store.StoreContractTest.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AlertSinksTest {

    private static final ModelKey KEY = ModelKey.of("lstm", "BTC/USDT");

    @Test
    void recordsAlertsInOrder() {
        RecordingAlertSink sink = RecordingAlertSink.create();
        assertEquals(0, sink.size());
        assertEquals(Optional.empty(), sink.last());
        assertEquals(List.of(), sink.alerts());

        DriftAlert a = alert(KEY, 1, 1_000);
        DriftAlert b = alert(KEY, 2, 2_000);
        sink.publish(a);
        sink.publish(b);

        assertEquals(List.of(a, b), sink.alerts());
        assertEquals(List.of(a, b), sink.driftAlerts());
        assertEquals(List.of(a, b), sink.alerts(DriftAlert.class));
        assertEquals(List.of(a, b), sink.alerts(Alert.class));
        assertEquals(Optional.of(b), sink.last());
        assertEquals(2, sink.size());
    }

    @Test
    void snapshotsAreImmutableAndClearForgets() {
        RecordingAlertSink sink = RecordingAlertSink.create();
        sink.publish(alert(KEY, 1, 1_000));
        List<Alert> snapshot = sink.alerts();
        sink.clear();

        assertEquals(1, snapshot.size());
        assertEquals(0, sink.size());
        assertThrows(UnsupportedOperationException.class, () -> snapshot.add(alert(KEY, 2, 2_000)));
        assertThrows(UnsupportedOperationException.class, () -> sink.driftAlerts().clear());
    }

    @Test
    void concurrentPublishesAreAllRecorded() throws Exception {
        RecordingAlertSink sink = RecordingAlertSink.create();
        DriftAlert a = alert(KEY, 1, 1_000);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 1_000; i++) {
                    sink.publish(a);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(4_000, sink.size());
    }

    @Test
    void recordingRejectsNulls() {
        RecordingAlertSink sink = RecordingAlertSink.create();
        assertEquals("alert must not be null",
                assertThrows(IllegalArgumentException.class, () -> sink.publish(null)).getMessage());
        assertEquals("type must not be null",
                assertThrows(IllegalArgumentException.class, () -> sink.alerts(null)).getMessage());
    }

    @Test
    void failingSinkThrowsAndCounts() {
        FailingAlertSink sink = FailingAlertSink.withMessage("webhook down");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sink.publish(alert(KEY, 1, 1)));
        assertEquals("webhook down", e.getMessage());
        assertThrows(IllegalStateException.class, () -> sink.publish(alert(KEY, 2, 2)));
        assertEquals(2, sink.attempts());

        assertEquals(FailingAlertSink.DEFAULT_MESSAGE, assertThrows(IllegalStateException.class,
                () -> FailingAlertSink.create().publish(alert(KEY, 1, 1))).getMessage());
        assertEquals("message must not be null",
                assertThrows(IllegalArgumentException.class, () -> FailingAlertSink.withMessage(null)).getMessage());
    }
}

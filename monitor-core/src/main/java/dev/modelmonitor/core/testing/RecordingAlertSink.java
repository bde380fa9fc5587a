package dev.modelmonitor.core.testing;

import dev.modelmonitor.api.Alert;
import dev.modelmonitor.api.AlertSink;
import dev.modelmonitor.api.DriftAlert;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@link AlertSink} that keeps every alert it receives, in order, for a test to inspect.
 *
 * <p>Thread-safe: publishing and reading may happen on different threads; every read returns an
 * immutable snapshot. Publishing is O(1) amortised; snapshots are O(alerts). Memory grows with every alert
 * until {@link #clear()}: a test tool, not for production.
 */
public final class RecordingAlertSink implements AlertSink {

    private final List<Alert> alerts = new ArrayList<>();

    private RecordingAlertSink() {
    }

    /** @return a new, empty sink */
    public static RecordingAlertSink create() {
        return new RecordingAlertSink();
    }

    /**
     * Records the alert.
     *
     * @param alert the alert, not null
     * @throws IllegalArgumentException if alert is null
     */
    @Override
    public void publish(Alert alert) {
        if (alert == null) {
            throw new IllegalArgumentException("alert must not be null");
        }
        synchronized (alerts) {
            alerts.add(alert);
        }
    }

    /** @return every alert received, oldest first; empty when none */
    public List<Alert> alerts() {
        synchronized (alerts) {
            return List.copyOf(alerts);
        }
    }

    /**
     * The alerts of one kind.
     *
     * @param type the alert type, not null, for example {@code DriftAlert.class}
     * @param <T>  the alert type
     * @return the alerts of that type, oldest first; empty when none
     * @throws IllegalArgumentException if type is null
     */
    public <T extends Alert> List<T> alerts(Class<T> type) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        List<T> out = new ArrayList<>();
        synchronized (alerts) {
            for (Alert a : alerts) {
                if (type.isInstance(a)) {
                    out.add(type.cast(a));
                }
            }
        }
        return List.copyOf(out);
    }

    /** @return the drift alerts received, oldest first; empty when none */
    public List<DriftAlert> driftAlerts() {
        return alerts(DriftAlert.class);
    }

    /** @return the most recent alert, or empty when none was received */
    public Optional<Alert> last() {
        synchronized (alerts) {
            return alerts.isEmpty() ? Optional.empty() : Optional.of(alerts.get(alerts.size() - 1));
        }
    }

    /** @return how many alerts were received since creation or the last {@link #clear()} */
    public int size() {
        synchronized (alerts) {
            return alerts.size();
        }
    }

    /** Forgets every alert received so far. */
    public void clear() {
        synchronized (alerts) {
            alerts.clear();
        }
    }

    @Override
    public String toString() {
        return "RecordingAlertSink[" + size() + " alerts]";
    }
}

package dev.modelmonitor.core.forecast;

import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastFlag;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.Severity;

import java.util.List;

/**
 * What the monitor last published about one key's forecasts, and the rule for what to publish next: an
 * alert when the key enters the alerting state or escalates (a graver severity, or a flag the last alert
 * did not carry), the same state again once {@code repeatMillis} has passed since the last publication, and
 * a recovery when every flag has cleared. A flag clearing while others remain, or a step down in severity,
 * waits for the repeat rather than paging again.
 *
 * <p>Each decision is a transition the monitor can hand to other listeners (for example, monitoring
 * events): the returned alert's {@link ForecastAlert#raisedFlags()} and {@link ForecastAlert#clearedFlags()}
 * say what changed. Not thread-safe: the monitor calls it under its check lock.
 */
public final class ForecastAlertState {

    private Severity publishedSeverity = Severity.INFO;
    private List<ForecastFlag> publishedFlags = List.of();
    private long publishedAtMillis;

    /** A key that has published nothing yet. */
    public ForecastAlertState() {
    }

    /**
     * The state right after publishing an alert: how a restarting monitor takes up a key's cool-down from
     * the latest alert its store holds, so it neither repeats that alert early nor misses a recovery.
     *
     * @param published the key's last published alert, not null
     * @return the state
     */
    public static ForecastAlertState after(ForecastAlert published) {
        if (published == null) {
            throw new IllegalArgumentException("published must not be null");
        }
        ForecastAlertState s = new ForecastAlertState();
        s.publishedSeverity = published.severity();
        s.publishedFlags = published.flags();
        s.publishedAtMillis = published.timestampMillis();
        return s;
    }

    /**
     * Decides what to publish for a fresh evaluation and, when something is published, remembers it.
     *
     * @param performance  the key's performance now
     * @param nowMillis    the time now
     * @param repeatMillis the alert repeat interval, positive
     * @return the alert to publish, or null
     */
    public ForecastAlert next(ForecastPerformance performance, long nowMillis, long repeatMillis) {
        List<ForecastFlag> flags = performance.flags();
        boolean alerting = !flags.isEmpty();
        boolean wasAlerting = !publishedFlags.isEmpty();
        ForecastAlert alert = null;
        if (alerting) {
            boolean escalated = performance.severity().compareTo(publishedSeverity) > 0
                    || !publishedFlags.containsAll(flags);
            if (!wasAlerting || escalated || nowMillis - publishedAtMillis >= repeatMillis) {
                alert = new ForecastAlert(performance, publishedSeverity, publishedFlags);
            }
        } else if (wasAlerting) {
            alert = new ForecastAlert(performance, publishedSeverity, publishedFlags);
        }
        if (alert != null) {
            publishedSeverity = alert.severity();
            publishedFlags = flags;
            publishedAtMillis = nowMillis;
        }
        return alert;
    }

    /** @return when the last alert was published, epoch milliseconds (0 before any) */
    public long publishedAtMillis() {
        return publishedAtMillis;
    }

    /** @return the severity of the last published alert (INFO before any or after a recovery) */
    public Severity publishedSeverity() {
        return publishedSeverity;
    }

    /** @return the flags of the last published alert (empty before any or after a recovery) */
    public List<ForecastFlag> publishedFlags() {
        return publishedFlags;
    }
}

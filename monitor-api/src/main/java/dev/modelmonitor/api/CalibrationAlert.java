package dev.modelmonitor.api;

import java.time.LocalDate;
import java.util.Locale;

/**
 * A calibration breach on a key marked critical, or the recovery from one.
 *
 * <p>A breach is raised once when the key's daily calibration error has stayed above its threshold on more
 * than the configured number of consecutive judged days (the seed's "&gt; 0.05 for &gt; 7 days"); it is not
 * repeated while the breach lasts. A recovery is raised once when the error has been at or under the
 * threshold on the configured number of consecutive judged days. Days with too few outcomes are not judged:
 * see {@link CalibrationThresholds#minDailySamples()}.
 *
 * <p>Severity: a recovery is INFO; a breach is CRITICAL when the ECE over the streak is at least twice the
 * threshold, else WARNING.
 *
 * @param key             the key
 * @param status          breach or recovery
 * @param kind            which probability was judged
 * @param date            the day whose close raised the alert
 * @param streakFrom      the first day of the streak (of breaching days for a breach, of good days for a
 *                        recovery)
 * @param consecutiveDays judged days in the streak, &gt;= 1
 * @param dayEce          the ECE of {@code date}
 * @param streakEce       the ECE of the streak's days merged
 * @param meanConfidence  the mean stated probability over the streak
 * @param observedRate    the observed rate over the streak
 * @param streakCount     forecasts over the streak
 * @param threshold       the key's threshold
 * @param timestampMillis when the alert was raised, epoch ms
 */
public record CalibrationAlert(ModelKey key, Status status, CalibrationKind kind, LocalDate date,
                               LocalDate streakFrom, int consecutiveDays, double dayEce, double streakEce,
                               double meanConfidence, double observedRate, long streakCount, double threshold,
                               long timestampMillis) implements Alert, StoreRecord {

    /** The {@link #type()} of every calibration alert. */
    public static final String TYPE = "model_calibration";

    /** Whether an alert opens or closes a breach. */
    public enum Status {
        /** The error stayed above the threshold for longer than allowed. */
        BREACH,
        /** The error is back at or under the threshold. */
        RECOVERY
    }

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a reference is null or consecutiveDays &lt; 1
     */
    public CalibrationAlert {
        Checks.notNull(key, "key");
        Checks.notNull(status, "status");
        Checks.notNull(kind, "kind");
        Checks.notNull(date, "date");
        Checks.notNull(streakFrom, "streakFrom");
        if (consecutiveDays < 1) {
            throw new IllegalArgumentException("consecutiveDays must be >= 1, was " + consecutiveDays);
        }
    }

    /** @return true for a recovery */
    public boolean isRecovery() {
        return status == Status.RECOVERY;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Severity severity() {
        if (isRecovery()) {
            return Severity.INFO;
        }
        return streakEce >= 2.0 * threshold ? Severity.CRITICAL : Severity.WARNING;
    }

    /** @return observedRate - meanConfidence over the streak: negative when over-confident */
    public double gap() {
        return observedRate - meanConfidence;
    }

    @Override
    public String title() {
        if (isRecovery()) {
            return "Calibration recovered: " + key + " ECE " + fixed(dayEce) + " at or under " + fixed(threshold)
                    + " for " + consecutiveDays + " days";
        }
        return "Calibration " + severity() + ": " + key + " ECE above " + fixed(threshold) + " for "
                + consecutiveDays + " days (" + fixed(streakEce) + " over the streak)";
    }

    /**
     * What to do, in plain words: at WARNING recalibrate and review; at CRITICAL stop sizing positions by
     * the model's confidence, halve them, recalibrate now and schedule retraining; on recovery resume.
     *
     * @return the recommendation, never null
     */
    public String recommendation() {
        if (isRecovery()) {
            return "Calibration is back within " + fixed(threshold) + ": confidence-based position sizing can "
                    + "resume; keep watching the daily error.";
        }
        String direction = gap() < 0 ? "over-confident" : "under-confident";
        String what = "The model is " + direction + ": it states " + DriftReport.percent(meanConfidence)
                + " on average but " + (kind == CalibrationKind.CONFIDENCE ? "is right " : "the event happens ")
                + DriftReport.percent(observedRate) + " of the time. ";
        if (severity() == Severity.CRITICAL) {
            return what + "Stop sizing positions by its confidence for " + key.segment() + ", reduce position "
                    + "sizes by 50%, recalibrate now (isotonic map on the recent outcomes) and schedule retraining.";
        }
        return what + "Recalibrate its confidence (isotonic map on the recent outcomes) and review its inputs for "
                + "a regime change; size positions on the recalibrated confidence.";
    }

    @Override
    public String message() {
        StringBuilder sb = new StringBuilder(512);
        sb.append(isRecovery() ? "\u2705 CALIBRATION RECOVERED" : "\u26A0\uFE0F CALIBRATION BREACH").append("\n\n");
        sb.append("Model: ").append(key.model()).append('\n');
        sb.append("Segment: ").append(key.segment()).append('\n');
        sb.append("Severity: ").append(severity()).append('\n');
        sb.append("Calibration: ").append(kind.name().toLowerCase(Locale.ROOT)).append('\n');
        sb.append('\n').append("\uD83D\uDCCA Calibration error (ECE):").append('\n');
        sb.append("\u2022 ").append(date).append(": ").append(fixed(dayEce)).append('\n');
        sb.append("\u2022 ").append(streakFrom).append(" to ").append(date).append(" (").append(consecutiveDays)
                .append(" judged days, ").append(streakCount).append(" forecasts): ").append(fixed(streakEce))
                .append('\n');
        sb.append("\u2022 Threshold: ").append(fixed(threshold)).append('\n');
        sb.append("\u2022 Stated ").append(DriftReport.percent(meanConfidence)).append(", observed ")
                .append(DriftReport.percent(observedRate)).append('\n');
        sb.append("\n\uD83D\uDCA1 Recommendation:\n").append(recommendation());
        return sb.toString();
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}

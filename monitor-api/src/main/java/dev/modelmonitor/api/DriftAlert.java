package dev.modelmonitor.api;

import java.util.Locale;

/**
 * An accuracy-drift alert: a {@link DriftReport} at an alerting level, or a recovery from one.
 *
 * @param report        the check that raised it
 * @param previousLevel the key's level at the alert before this one (HEALTHY when there was none); a
 *                      recovery has an alerting previous level and a non-alerting current one
 */
public record DriftAlert(DriftReport report, DriftLevel previousLevel) implements Alert, StoreRecord {

    /** The {@link #type()} of every drift alert. */
    public static final String TYPE = "model_drift";

    /**
     * Validates the references.
     *
     * @throws IllegalArgumentException if a reference is null
     */
    public DriftAlert {
        Checks.notNull(report, "report");
        Checks.notNull(previousLevel, "previousLevel");
    }

    /** @return true when the key left an alerting level for a non-alerting one */
    public boolean isRecovery() {
        return !report.level().isAlerting();
    }

    /** @return the level of the report */
    public DriftLevel level() {
        return report.level();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ModelKey key() {
        return report.key();
    }

    @Override
    public Severity severity() {
        return report.level().severity();
    }

    @Override
    public long timestampMillis() {
        return report.timestampMillis();
    }

    @Override
    public String title() {
        if (isRecovery()) {
            return "Model drift recovered: " + key() + " back to " + level() + " (was " + previousLevel + ")";
        }
        return "Model drift " + level() + ": " + key() + " accuracy "
                + DriftReport.percent(report.currentAccuracy()) + " vs baseline "
                + DriftReport.percent(report.baselineAccuracy());
    }

    /**
     * The seed's alert text: model, symbol, level, the accuracy figures, the window, p-value and
     * significance, and the recommendation.
     */
    @Override
    public String message() {
        DriftReport r = report;
        StringBuilder sb = new StringBuilder(512);
        sb.append(isRecovery() ? "\u2705 MODEL DRIFT RECOVERED" : "\uD83D\uDEA8 MODEL DRIFT ALERT").append("\n\n");
        sb.append("Model: ").append(key().model()).append('\n');
        sb.append("Symbol: ").append(key().segment()).append('\n');
        sb.append("Level: ").append(r.level()).append('\n');
        if (isRecovery()) {
            sb.append("Previous level: ").append(previousLevel).append('\n');
        }
        sb.append('\n').append(isRecovery() ? "\uD83D\uDCC8 Accuracy:" : "\uD83D\uDCC9 Accuracy Dropped:").append('\n');
        sb.append(String.format(Locale.ROOT, "\u2022 Current: %.1f%%\n", 100 * r.currentAccuracy()));
        if (r.hasBaseline()) {
            sb.append(String.format(Locale.ROOT, "\u2022 Baseline: %.1f%%\n", 100 * r.baselineAccuracy()));
            sb.append(String.format(Locale.ROOT, "\u2022 Drop: %.1f%%\n", 100 * r.drop()));
        }
        sb.append("\n\uD83D\uDCCA Analysis:\n");
        sb.append("\u2022 Window: last ").append(r.verdictWindow()).append(" predictions\n");
        if (!Double.isNaN(r.pValue())) {
            sb.append(String.format(Locale.ROOT, "\u2022 p-value: %.4f\n", r.pValue()));
            sb.append(r.significant() ? "\u2022 \u2713 statistically significant\n"
                    : "\u2022 \u2717 not statistically significant\n");
        }
        sb.append("\n\uD83D\uDCA1 Recommendation:\n").append(r.recommendation());
        return sb.toString();
    }
}

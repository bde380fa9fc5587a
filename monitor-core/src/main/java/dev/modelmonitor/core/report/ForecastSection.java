package dev.modelmonitor.core.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.api.ForecastFlag;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.core.forecast.ForecastWeeklyMarkdown;
import dev.modelmonitor.core.forecast.ForecastWeeklySection;

import java.util.Locale;

/**
 * The forecast section of a key's weekly report: a {@link ForecastWeeklySection} (this week against last
 * week and the baseline: coverage per quantile and of the p10-p90 interval, MAE, MAPE, coverage by horizon,
 * ROAS, flags and actions) under the name {@value #NAME}. Its Markdown is {@link ForecastWeeklyMarkdown}'s
 * body; its JSON object is {@link ForecastWeeklySection#toJson()}'s fields (with that section's own
 * {@code schema_version}). Immutable.
 *
 * @param forecasts the week's forecast figures
 */
public record ForecastSection(ForecastWeeklySection forecasts) implements ReportSection {

    /** The section's name in the key's {@code sections} JSON object. */
    public static final String NAME = "forecasts";

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if forecasts is null
     */
    public ForecastSection {
        if (forecasts == null) {
            throw new IllegalArgumentException("forecasts must not be null");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Forecasts";
    }

    @Override
    public void appendMarkdown(StringBuilder out) {
        ForecastWeeklyMarkdown.appendBody(forecasts, out);
    }

    @Override
    public void writeJson(ObjectNode node) {
        node.setAll(forecasts.toJson());
    }

    @Override
    public String[] summaryHeader() {
        return new String[] {"key", "forecasts", "interval coverage", "MAE", "MAPE", "flags"};
    }

    @Override
    public String[] summaryRow() {
        ForecastTally t = forecasts.thisWeek().tally();
        StringBuilder flags = new StringBuilder();
        for (ForecastFlag f : forecasts.flags()) {
            flags.append(flags.length() == 0 ? "" : ", ").append(f.name());
        }
        return new String[] {forecasts.key().toString(), Long.toString(t.count()), percent(t.intervalCoverage()),
            number(t.mae()), percent(t.mape()), flags.length() == 0 ? "-" : flags.toString()};
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
    }
}

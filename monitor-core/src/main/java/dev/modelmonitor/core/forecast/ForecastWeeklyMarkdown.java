package dev.modelmonitor.core.forecast;

import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastFlag;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.HorizonCoverage;

import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link ForecastWeeklySection} as Markdown: a heading, a table of this week / last week /
 * change / baseline for each figure, a table of coverage by horizon, the flags and the recommended actions.
 * Percentages have one decimal; changes in coverage and MAPE are in percentage points, changes in MAE and
 * ROAS relative (MAE) or absolute (ROAS); a figure that cannot be computed reads {@code n/a}. Stateless and
 * thread-safe.
 */
public final class ForecastWeeklyMarkdown {

    private ForecastWeeklyMarkdown() {
    }

    /**
     * @param s the section, not null
     * @return the Markdown, ending with a newline
     */
    public static String render(ForecastWeeklySection s) {
        if (s == null) {
            throw new IllegalArgumentException("section must not be null");
        }
        StringBuilder sb = new StringBuilder(2048);
        sb.append("### ").append(heading(s)).append("\n\n");
        appendBody(s, sb);
        return sb.toString();
    }

    /**
     * @param s the section, not null
     * @return the heading {@link #render} puts above the body, without the Markdown marks
     */
    public static String heading(ForecastWeeklySection s) {
        return "Forecasts: " + s.key() + ", week of " + s.weekStart();
    }

    /**
     * Appends what {@link #render} puts under the heading: the tables, the flags and the actions, for a
     * document that writes its own heading (the weekly report).
     *
     * @param s   the section, not null
     * @param out where to append; ends with a newline
     */
    public static void appendBody(ForecastWeeklySection s, StringBuilder out) {
        if (s == null) {
            throw new IllegalArgumentException("section must not be null");
        }
        ForecastTally w = s.thisWeek().tally();
        ForecastTally l = s.lastWeek().tally();
        ForecastBaseline b = s.baseline();
        StringBuilder sb = out;
        sb.append("| metric | this week | last week | change | baseline |\n");
        sb.append("|---|---|---|---|---|\n");
        row(sb, "resolved forecasts", Long.toString(w.count()), Long.toString(l.count()),
                signed(w.count() - l.count()), "");
        coverageRow(sb, "interval coverage p10-p90 (target 80%)", w.intervalCoverage(), l.intervalCoverage());
        coverageRow(sb, "at or below p10 (target 10%)", w.coverageP10(), l.coverageP10());
        coverageRow(sb, "at or below p50 (target 50%)", w.coverageP50(), l.coverageP50());
        coverageRow(sb, "at or below p90 (target 90%)", w.coverageP90(), l.coverageP90());
        row(sb, "MAE", number(w.mae()), number(l.mae()), relative(w.mae(), l.mae()),
                b == null ? "" : number(b.mae()));
        row(sb, "MAPE", percent(w.mape()), percent(l.mape()), points(w.mape(), l.mape()),
                b == null ? "" : percent(b.mape()));
        if (w.spendCount() > 0 || l.spendCount() > 0) {
            row(sb, "forecast ROAS", number(w.forecastRoas()), number(l.forecastRoas()),
                    difference(w.forecastRoas(), l.forecastRoas()), "");
            row(sb, "actual ROAS", number(w.actualRoas()), number(l.actualRoas()),
                    difference(w.actualRoas(), l.actualRoas()), "");
            row(sb, "ROAS delta (actual - forecast)", number(w.roasDelta()), number(l.roasDelta()),
                    difference(w.roasDelta(), l.roasDelta()), "");
        }
        List<HorizonCoverage> hw = s.thisWeek().byHorizon();
        List<HorizonCoverage> hl = s.lastWeek().byHorizon();
        if (!hw.isEmpty() || !hl.isEmpty()) {
            sb.append("\n| horizon | forecasts | interval coverage | last week |\n");
            sb.append("|---|---|---|---|\n");
            int n = Math.max(hw.size(), hl.size());
            for (int i = 0; i < n; i++) {
                HorizonCoverage now = i < hw.size() ? hw.get(i) : null;
                HorizonCoverage before = i < hl.size() ? hl.get(i) : null;
                sb.append("| ").append(ForecastAlert.horizonLabel(s.config(), i)).append(" | ")
                        .append(now == null ? 0 : now.count()).append(" | ")
                        .append(percent(now == null ? Double.NaN : now.coverage())).append(" | ")
                        .append(percent(before == null ? Double.NaN : before.coverage())).append(" |\n");
            }
        }
        sb.append("\n**Flags:** ");
        if (s.flags().isEmpty()) {
            sb.append("none");
        } else {
            for (int i = 0; i < s.flags().size(); i++) {
                ForecastFlag f = s.flags().get(i);
                sb.append(i == 0 ? "" : ", ").append(f.name());
            }
        }
        sb.append("\n\n**Recommended actions:**\n\n");
        for (String r : s.recommendations()) {
            sb.append("- ").append(r).append('\n');
        }
    }

    private static void coverageRow(StringBuilder sb, String name, double now, double before) {
        row(sb, name, percent(now), percent(before), points(now, before), "");
    }

    private static void row(StringBuilder sb, String name, String now, String before, String change,
                            String baseline) {
        sb.append("| ").append(name).append(" | ").append(now).append(" | ").append(before).append(" | ")
                .append(change).append(" | ").append(baseline).append(" |\n");
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String number(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String signed(long d) {
        return d > 0 ? "+" + d : Long.toString(d);
    }

    private static String points(double now, double before) {
        if (Double.isNaN(now) || Double.isNaN(before)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.1f pts", 100 * (now - before));
    }

    private static String relative(double now, double before) {
        if (Double.isNaN(now) || Double.isNaN(before) || before == 0.0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.1f%%", 100 * (now - before) / before);
    }

    private static String difference(double now, double before) {
        if (Double.isNaN(now) || Double.isNaN(before)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.4g", now - before);
    }
}

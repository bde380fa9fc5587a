package dev.modelmonitor.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationBin;
import dev.modelmonitor.api.CalibrationChange;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationMetrics;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.RetrainReason;
import dev.modelmonitor.api.RetrainRequest;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The calibration section of a key's weekly report: this week against last week and against the reference
 * period (the "baseline"), each comparison with its test ({@link CalibrationChange#TEST}) and p-value; the
 * weekly ECE over the last weeks with the least-squares slope and its t-test; the breach alerts of the week;
 * the retrain requests the monitor raised during the week; the reliability table of the week; and recommended
 * actions in plain words.
 *
 * @param key               the key
 * @param kind              the kind judged
 * @param threshold         the key's ECE threshold (its critical one, else the default)
 * @param critical          whether the key is marked critical
 * @param breachedNow       whether a breach is open at report time
 * @param thisWeek          the week's figures (count 0 when nothing resolved)
 * @param lastWeek          the previous week's figures
 * @param baseline          the reference period's figures, or null when the key has none
 * @param baselineFrom      first day of the reference period, or null
 * @param baselineTo        last day of the reference period, or null
 * @param vsLastWeek        this week against last week
 * @param vsBaseline        this week against the reference period, or null
 * @param weeks             the weekly ECE over the trend weeks, oldest first (weeks without outcomes left out)
 * @param trendSlope        the OLS slope of weekly ECE per week, NaN with fewer than 2 weeks
 * @param trendPValue       its two-sided t-test p-value, NaN with fewer than 3 weeks
 * @param trendSignificant  trendPValue &lt; alpha
 * @param breaches          the calibration alerts raised during the week, oldest first
 * @param retrains          the retrain requests raised during the week (from the store's retrain history),
 *                          oldest first; empty when none
 * @param recommendations   what to do, in plain words, most urgent first; never empty
 */
public record CalibrationSection(ModelKey key, CalibrationKind kind, double threshold, boolean critical,
                                 boolean breachedNow, CalibrationMetrics thisWeek, CalibrationMetrics lastWeek,
                                 CalibrationMetrics baseline, LocalDate baselineFrom, LocalDate baselineTo,
                                 CalibrationChange vsLastWeek, CalibrationChange vsBaseline, List<WeekPoint> weeks,
                                 double trendSlope, double trendPValue, boolean trendSignificant,
                                 List<CalibrationAlert> breaches, List<RetrainRequest> retrains,
                                 List<String> recommendations)
        implements ReportSection {

    /** The section's name in the report's JSON. */
    public static final String NAME = "calibration";

    /**
     * One week of the trend.
     *
     * @param weekStart the week's first day
     * @param count     forecasts resolved in the week
     * @param ece       the week's ECE
     */
    public record WeekPoint(LocalDate weekStart, long count, double ece) {
    }

    /**
     * Copies the lists.
     *
     * @throws IllegalArgumentException if a required reference is null
     */
    public CalibrationSection {
        if (key == null || kind == null || thisWeek == null || lastWeek == null || vsLastWeek == null
                || weeks == null || breaches == null || retrains == null || recommendations == null) {
            throw new IllegalArgumentException("key, kind, thisWeek, lastWeek, vsLastWeek, weeks, breaches, retrains "
                    + "and recommendations must not be null");
        }
        weeks = List.copyOf(weeks);
        breaches = List.copyOf(breaches);
        retrains = List.copyOf(retrains);
        recommendations = List.copyOf(recommendations);
    }

    /** @return "rising", "falling" or "flat" (no slope), from the sign of the slope */
    public String trendDirection() {
        if (!(trendSlope == trendSlope) || trendSlope == 0) {
            return "flat";
        }
        return trendSlope > 0 ? "rising" : "falling";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Calibration (" + kind.name().toLowerCase(Locale.ROOT) + ")";
    }

    @Override
    public String[] summaryHeader() {
        return new String[] {"key", "outcomes", "ECE", "last week", "trend", "breach"};
    }

    @Override
    public String[] summaryRow() {
        return new String[] {key.toString(), Long.toString(thisWeek.count()), f3(thisWeek.ece()), f3(lastWeek.ece()),
            trendDirection() + (trendSignificant ? " (significant)" : ""), breachedNow ? "OPEN" : "-"};
    }

    @Override
    public void appendMarkdown(StringBuilder out) {
        out.append("Threshold ").append(f3(threshold)).append(critical ? " (critical key)" : " (default)")
                .append("; breach open: ").append(breachedNow ? "**yes**" : "no").append(".\n\n");
        out.append("| period | outcomes | ECE | MCE | Brier | stated | observed | Spiegelhalter p |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        row(out, "this week", thisWeek);
        row(out, "last week", lastWeek);
        if (baseline != null) {
            row(out, "baseline " + baselineFrom + " to " + baselineTo, baseline);
        }
        out.append('\n');
        out.append("Change test: ").append(CalibrationChange.TEST).append(".\n\n");
        change(out, "vs last week", vsLastWeek);
        if (vsBaseline != null) {
            change(out, "vs baseline", vsBaseline);
        }
        out.append('\n');
        out.append("Trend over the last ").append(weeks.size()).append(" weeks with outcomes: ECE ")
                .append(trendDirection());
        if (trendSlope == trendSlope) {
            out.append(String.format(Locale.ROOT, ", slope %+.4f per week", trendSlope));
        }
        if (trendPValue == trendPValue) {
            out.append(String.format(Locale.ROOT, ", p = %.4g (%s)", trendPValue,
                    trendSignificant ? "significant" : "not significant"));
        }
        out.append(".\n\n");
        if (!weeks.isEmpty()) {
            out.append("| week from | outcomes | ECE |\n|---|---|---|\n");
            for (WeekPoint w : weeks) {
                out.append("| ").append(w.weekStart()).append(" | ").append(w.count()).append(" | ").append(f3(w.ece()))
                        .append(" |\n");
            }
            out.append('\n');
        }
        out.append("Breaches this week: ");
        if (breaches.isEmpty()) {
            out.append("none.\n\n");
        } else {
            out.append('\n');
            for (CalibrationAlert a : breaches) {
                out.append("- ").append(a.date()).append(": ").append(a.title()).append('\n');
            }
            out.append('\n');
        }
        out.append("Retrain requests this week: ");
        if (retrains.isEmpty()) {
            out.append("none.\n\n");
        } else {
            out.append('\n');
            for (RetrainRequest r : retrains) {
                out.append("- ").append(r.requestedAt()).append(':');
                String sep = " ";
                for (RetrainReason reason : r.reasons()) {
                    out.append(sep).append(reason.trigger()).append(" (")
                            .append(reason.kind().name().toLowerCase(Locale.ROOT)).append("): ").append(reason.detail());
                    sep = "; ";
                }
                out.append('\n');
            }
            out.append('\n');
        }
        out.append("Reliability this week:\n\n| bin | outcomes | stated | observed | 95% interval | gap |\n")
                .append("|---|---|---|---|---|---|\n");
        for (CalibrationBin b : thisWeek.bins()) {
            if (b.count() == 0) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %.1f-%.1f | %d | %.3f | %.3f | %.3f-%.3f | %+.3f%s |\n", b.lower(),
                    b.upper(), b.count(), b.meanConfidence(), b.observedRate(), b.wilsonLower(), b.wilsonUpper(),
                    b.gap(), b.outsideInterval() ? " *" : ""));
        }
        out.append("\n(* stated probability outside the interval of the observed rate)\n\n");
        out.append("Recommended actions:\n\n");
        for (String r : recommendations) {
            out.append("- ").append(r).append('\n');
        }
    }

    private static void row(StringBuilder out, String label, CalibrationMetrics m) {
        out.append("| ").append(label).append(" | ").append(m.count()).append(" | ").append(f3(m.ece())).append(" | ")
                .append(f3(m.mce())).append(" | ").append(f3(m.brier())).append(" | ").append(f3(m.meanConfidence()))
                .append(" | ").append(f3(m.observedRate())).append(" | ").append(p(m.spiegelhalterP())).append(" |\n");
    }

    private static void change(StringBuilder out, String label, CalibrationChange c) {
        out.append("- ").append(label).append(": ECE ").append(f3(c.referenceEce())).append(" -> ").append(f3(c.currentEce()));
        if (c.eceDelta() == c.eceDelta()) {
            out.append(String.format(Locale.ROOT, " (%+.3f)", c.eceDelta()));
        }
        out.append(", gap ").append(f3(c.referenceGap())).append(" -> ").append(f3(c.currentGap())).append(", p = ")
                .append(p(c.pValue())).append(c.significant() ? ", significant" : ", not significant").append('\n');
    }

    @Override
    public void writeJson(ObjectNode node) {
        node.put("kind", kind.name());
        node.put("threshold", threshold);
        node.put("critical", critical);
        node.put("breached_now", breachedNow);
        metrics(node.putObject("this_week"), thisWeek);
        metrics(node.putObject("last_week"), lastWeek);
        if (baseline == null) {
            node.putNull("baseline");
        } else {
            ObjectNode b = node.putObject("baseline");
            b.put("from", baselineFrom.toString());
            b.put("to", baselineTo.toString());
            metrics(b, baseline);
        }
        node.put("change_test", CalibrationChange.TEST);
        change(node.putObject("vs_last_week"), vsLastWeek);
        if (vsBaseline == null) {
            node.putNull("vs_baseline");
        } else {
            change(node.putObject("vs_baseline"), vsBaseline);
        }
        ObjectNode trend = node.putObject("trend");
        ArrayNode ws = trend.putArray("weeks");
        for (WeekPoint w : weeks) {
            ObjectNode o = ws.addObject();
            o.put("week_start", w.weekStart().toString());
            o.put("count", w.count());
            number(o, "ece", w.ece());
        }
        number(trend, "slope_per_week", trendSlope);
        number(trend, "p_value", trendPValue);
        trend.put("significant", trendSignificant);
        trend.put("direction", trendDirection());
        ArrayNode br = node.putArray("breaches");
        for (CalibrationAlert a : breaches) {
            ObjectNode o = br.addObject();
            o.put("date", a.date().toString());
            o.put("status", a.status().name());
            o.put("severity", a.severity().name());
            o.put("consecutive_days", a.consecutiveDays());
            number(o, "streak_ece", a.streakEce());
            o.put("title", a.title());
        }
        ArrayNode rt = node.putArray("retrain_requests");
        for (RetrainRequest r : retrains) {
            ObjectNode o = rt.addObject();
            o.put("requested_at", r.requestedAt().toString());
            ArrayNode reasons = o.putArray("reasons");
            for (RetrainReason reason : r.reasons()) {
                ObjectNode n = reasons.addObject();
                n.put("trigger", reason.trigger().name());
                n.put("calibration_kind", reason.kind().name());
                number(n, "value", reason.value());
                number(n, "threshold", reason.threshold());
                number(n, "p_value", reason.pValue());
                n.put("detail", reason.detail());
            }
        }
        ArrayNode rec = node.putArray("recommendations");
        recommendations.forEach(rec::add);
    }

    private static void metrics(ObjectNode o, CalibrationMetrics m) {
        o.put("count", m.count());
        number(o, "ece", m.ece());
        number(o, "mce", m.mce());
        number(o, "brier", m.brier());
        number(o, "reliability", m.reliability());
        number(o, "resolution", m.resolution());
        number(o, "uncertainty", m.uncertainty());
        number(o, "mean_confidence", m.meanConfidence());
        number(o, "observed_rate", m.observedRate());
        number(o, "spiegelhalter_z", m.spiegelhalterZ());
        number(o, "spiegelhalter_p", m.spiegelhalterP());
        ArrayNode bins = o.putArray("reliability_bins");
        for (CalibrationBin b : m.bins()) {
            ObjectNode n = bins.addObject();
            n.put("lower", b.lower());
            n.put("upper", b.upper());
            n.put("count", b.count());
            n.put("hits", b.hits());
            number(n, "mean_confidence", b.meanConfidence());
            number(n, "observed_rate", b.observedRate());
            number(n, "wilson_lower", b.wilsonLower());
            number(n, "wilson_upper", b.wilsonUpper());
        }
    }

    private static void change(ObjectNode o, CalibrationChange c) {
        o.put("reference_from", c.referenceFrom().toString());
        o.put("reference_to", c.referenceTo().toString());
        o.put("current_from", c.currentFrom().toString());
        o.put("current_to", c.currentTo().toString());
        o.put("reference_count", c.referenceCount());
        o.put("current_count", c.currentCount());
        number(o, "reference_ece", c.referenceEce());
        number(o, "current_ece", c.currentEce());
        number(o, "ece_delta", c.eceDelta());
        number(o, "reference_gap", c.referenceGap());
        number(o, "current_gap", c.currentGap());
        number(o, "z_statistic", c.zStatistic());
        number(o, "p_value", c.pValue());
        o.put("significant", c.significant());
    }

    static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    static String f3(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String p(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
    }
}

package dev.modelmonitor.core.report;

import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationChange;
import dev.modelmonitor.api.CalibrationDay;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationMetrics;
import dev.modelmonitor.api.CalibrationStats;
import dev.modelmonitor.api.CalibrationWindow;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.calibration.CalibrationEngine;
import dev.modelmonitor.stats.SlopeTest;
import dev.modelmonitor.stats.Trend;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds a key's {@link CalibrationSection} from its daily history (the store), so every figure is
 * reproducible from stored records. A key without history of its judged kind in the trend weeks gets no
 * section.
 */
final class CalibrationReportPart implements WeeklyReportPart {

    /** How many weeks the trend covers, this week included. */
    static final int TREND_WEEKS = 8;

    @Override
    public Optional<ReportSection> section(ModelMonitor monitor, ModelKey key, LocalDate weekStart,
                                           LocalDate weekEnd) {
        CalibrationEngine engine = monitor.calibrationEngine();
        CalibrationKind kind = monitor.judgedKind(key);
        LocalDate trendStart = weekStart.minusWeeks(TREND_WEEKS - 1);
        List<CalibrationDay> history = new ArrayList<>();
        for (CalibrationDay d : monitor.calibrationHistory(key, trendStart, weekEnd)) {
            if (d.kind() == kind) {
                history.add(d);
            }
        }
        if (history.isEmpty()) {
            return Optional.empty();
        }
        long now = monitor.clock().millis();
        LocalDate lastStart = weekStart.minusWeeks(1);
        LocalDate lastEnd = weekEnd.minusWeeks(1);
        List<CalibrationDay> thisDays = between(history, weekStart, weekEnd);
        List<CalibrationDay> lastDays = between(history, lastStart, lastEnd);
        CalibrationWindow week = CalibrationWindow.ofDays(7);
        CalibrationMetrics thisWeek = engine.metricsOf(key, kind, week, thisDays, now);
        CalibrationMetrics lastWeek = engine.metricsOf(key, kind, week, lastDays, now);
        CalibrationChange vsLast = engine.change(key, kind, lastDays, thisDays, lastStart, lastEnd, weekStart, weekEnd);

        CalibrationMetrics baseline = null;
        CalibrationChange vsBaseline = null;
        LocalDate baseFrom = null;
        LocalDate baseTo = null;
        Optional<CalibrationEngine.Reference> ref = monitor.calibrationReference(key, kind);
        if (ref.isPresent() && ref.get().stats().count() > 0) {
            CalibrationEngine.Reference r = ref.get();
            baseFrom = r.from();
            baseTo = r.to();
            int days = (int) ChronoUnit.DAYS.between(r.from(), r.to()) + 1;
            baseline = engine.metricsOf(key, kind, CalibrationWindow.ofDays(days), r.stats(), now);
            CalibrationStats current = CalibrationStats.empty(engine.thresholds().bins());
            for (CalibrationDay d : thisDays) {
                current = current.plus(d.stats());
            }
            vsBaseline = engine.change(key, kind, r.stats(), current, r.from(), r.to(), weekStart, weekEnd);
        }

        List<CalibrationSection.WeekPoint> weeks = new ArrayList<>();
        double[] x = new double[TREND_WEEKS];
        double[] y = new double[TREND_WEEKS];
        int n = 0;
        for (int i = 0; i < TREND_WEEKS; i++) {
            LocalDate from = trendStart.plusWeeks(i);
            CalibrationMetrics m = engine.metricsOf(key, kind, week, between(history, from, from.plusDays(6)), now);
            if (m.count() > 0) {
                weeks.add(new CalibrationSection.WeekPoint(from, m.count(), m.ece()));
                x[n] = i;
                y[n] = m.ece();
                n++;
            }
        }
        SlopeTest trend = Trend.olsSlope(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n));
        double alpha = engine.thresholds().alpha();
        boolean trendSignificant = trend.significantAt(alpha);

        List<CalibrationAlert> breaches = monitor.calibrationAlerts(key, weekStart, weekEnd);
        double threshold = engine.threshold(key);
        boolean critical = monitor.criticalThreshold(key).isPresent();
        boolean breachedNow = monitor.calibrationBreached(key);
        List<CalibrationAlert> recent = breachedNow ? monitor.calibrationAlerts(key, trendStart, weekEnd) : breaches;
        List<String> recommendations = recommend(kind, threshold, breachedNow, thisWeek, vsBaseline, trend,
                trendSignificant, weeks.size(), recent);
        return Optional.of(new CalibrationSection(key, kind, threshold, critical, breachedNow, thisWeek, lastWeek,
                baseline, baseFrom, baseTo, vsLast, vsBaseline, weeks, trend.slope(), trend.pValue(),
                trendSignificant, breaches, monitor.retrainHistory(key, weekStart, weekEnd), recommendations));
    }

    private static List<CalibrationDay> between(List<CalibrationDay> days, LocalDate from, LocalDate to) {
        List<CalibrationDay> out = new ArrayList<>();
        for (CalibrationDay d : days) {
            if (!d.date().isBefore(from) && !d.date().isAfter(to)) {
                out.add(d);
            }
        }
        return out;
    }

    /** The recommended actions, most urgent first. */
    static List<String> recommend(CalibrationKind kind, double threshold, boolean breachedNow,
                                  CalibrationMetrics week, CalibrationChange vsBaseline, SlopeTest trend,
                                  boolean trendSignificant, int trendWeeks, List<CalibrationAlert> recentAlerts) {
        List<String> out = new ArrayList<>();
        if (week.count() == 0) {
            out.add("No outcomes were resolved this week: check that predictions are still logged and resolved.");
            return out;
        }
        if (breachedNow) {
            CalibrationAlert last = null;
            for (CalibrationAlert a : recentAlerts) {
                if (!a.isRecovery()) {
                    last = a;
                }
            }
            out.add("Calibration breach open: " + (last != null ? last.recommendation()
                    : "recalibrate the model's confidence and schedule retraining."));
        }
        boolean above = week.ece() > threshold;
        if (above) {
            String direction = week.gap() < 0 ? "over-confident" : "under-confident";
            out.add(String.format(Locale.ROOT, "Calibration error %.3f is above the threshold %.3f: the model is %s "
                    + "(states %s, %s %s). Recalibrate (isotonic map on the last 30 days) before sizing positions "
                    + "by its %s.", week.ece(), threshold, direction, DriftReport.percent(week.meanConfidence()),
                    kind == CalibrationKind.CONFIDENCE ? "right" : "event rate",
                    DriftReport.percent(week.observedRate()),
                    kind == CalibrationKind.CONFIDENCE ? "confidence" : "probabilities"));
        }
        if (vsBaseline != null && vsBaseline.significantlyWorse()) {
            out.add(String.format(Locale.ROOT, "Calibration is significantly worse than in the baseline period "
                    + "(ECE %.3f vs %.3f, p = %.2g): schedule retraining on recent data.", vsBaseline.currentEce(),
                    vsBaseline.referenceEce(), vsBaseline.pValue()));
        }
        if (trendSignificant && trend.slope() > 0) {
            out.add(String.format(Locale.ROOT, "The calibration error has been rising over the last %d weeks "
                    + "(%+.4f per week, p = %.2g): look for a regime change in the inputs before it breaches.",
                    trendWeeks, trend.slope(), trend.pValue()));
        }
        if (out.isEmpty()) {
            out.add(String.format(Locale.ROOT, "Calibration is within the threshold (ECE %.3f, threshold %.3f)%s: "
                    + "no action needed.", week.ece(), threshold,
                    trendSignificant ? " and improving" : " and stable"));
        }
        return out;
    }
}

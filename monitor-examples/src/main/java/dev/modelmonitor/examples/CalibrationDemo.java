package dev.modelmonitor.examples;

import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationEvent;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.RetrainRequest;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.report.CalibrationSection;
import dev.modelmonitor.core.report.WeeklyReport;
import dev.modelmonitor.core.testing.MutableClock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A classifier whose confidence stops meaning what it says: five weeks of simulated time in about a second.
 *
 * <p>The model ("xgb_regime" on ETH/USDT, marked critical with the seed's 0.05 threshold) calls the next
 * move every two minutes with a confidence between 0.55 and 0.95. For two weeks its confidence is honest:
 * a call at confidence c is right with probability c. Then the market changes regime and the model does not
 * notice: its confidences stay where they were, but a call at c is now right only with probability
 * {@code 0.5 + 0.4 (c - 0.5)}, an over-confidence of about 0.13 in expected calibration error. The monitor
 * closes each day at the first check after midnight: the breach alert fires on the eighth consecutive day
 * above 0.05 (the seed's "more than 7 days"), the retrain handler is asked once, and the weekly report
 * written at the end shows the rising trend and the recommended actions.
 *
 * <p>Run: as part of {@link TradingDemo} ({@code mvn -q -Pdemo -DskipTests package}), or on its own with
 * {@link #main(String[])}. Output goes to {@code <dir>/reports/}.
 */
public final class CalibrationDemo {

    private static final ModelKey KEY = ModelKey.of("xgb_regime", "ETH/USDT");
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final int DAYS = 35;
    private static final int REGIME_CHANGE_DAY = 14;
    private static final Duration STEP = Duration.ofMinutes(2);
    private static final Duration CHECK_EVERY = Duration.ofMinutes(30);

    private CalibrationDemo() {
    }

    /**
     * What the run produced.
     *
     * @param alerts      the calibration alerts published
     * @param retrains    the retrain requests the handler received
     * @param dayEvents   the {@code model.calibration} events received
     * @param report      the weekly report of the last week
     * @param reportFiles the report files written, Markdown first
     */
    public record Result(List<CalibrationAlert> alerts, List<RetrainRequest> retrains, int dayEvents,
                         WeeklyReport report, List<Path> reportFiles) {
    }

    /**
     * Runs the demo on its own.
     *
     * @param args optional output directory (default {@code monitor-data})
     */
    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "monitor-data").toAbsolutePath());
    }

    /**
     * Runs the scenario and writes the weekly report into {@code out/reports}.
     *
     * @param out the output directory
     * @return what it produced
     */
    public static Result run(Path out) {
        MutableClock clock = MutableClock.of(START);
        SplittableRandom random = new SplittableRandom(7);
        List<CalibrationAlert> alerts = new ArrayList<>();
        List<RetrainRequest> retrains = new ArrayList<>();
        AtomicInteger dayEvents = new AtomicInteger();
        System.out.printf(Locale.ROOT, "%nCalibration: %s, critical at ECE 0.05; honest confidence for %d days, "
                + "then over-confident after a regime change (%d days in all)%n", KEY, REGIME_CHANGE_DAY, DAYS);
        try (ModelMonitor monitor = ModelMonitor.builder()
                .clock(clock)
                .criticalKey(KEY)
                .addSink(alert -> {
                    if (alert instanceof CalibrationAlert) {
                        CalibrationAlert a = (CalibrationAlert) alert;
                        alerts.add(a);
                        System.out.printf(Locale.ROOT, "[%s] %-8s %s%n           %s%n", a.date(), a.severity(),
                                a.title(), a.recommendation());
                    }
                })
                .retrainHandler(r -> {
                    retrains.add(r);
                    System.out.printf(Locale.ROOT, "[%s] retrain requested: %s%n",
                            LocalDate.ofInstant(r.requestedAt(), java.time.ZoneOffset.UTC), r.reasons().get(0).detail());
                })
                .addListener(e -> {
                    if (e instanceof CalibrationEvent) {
                        dayEvents.incrementAndGet();
                    }
                })
                .build()) {
            Instant end = START.plus(Duration.ofDays(DAYS));
            Instant regime = START.plus(Duration.ofDays(REGIME_CHANGE_DAY));
            Instant nextCheck = START.plus(CHECK_EVERY);
            while (clock.instant().isBefore(end)) {
                boolean overconfident = !clock.instant().isBefore(regime);
                double c = 0.55 + 0.4 * random.nextDouble();
                double p = overconfident ? 0.5 + 0.4 * (c - 0.5) : c;
                boolean correct = random.nextDouble() < p;
                long id = monitor.log(KEY, new Prediction.ClassCall("up", c, STEP));
                monitor.resolve(id, Outcome.label(correct ? "up" : "down"));
                clock.advance(STEP);
                if (!clock.instant().isBefore(nextCheck)) {
                    monitor.checkAll();
                    nextCheck = nextCheck.plus(CHECK_EVERY);
                }
            }
            monitor.checkAll();
            LocalDate lastDay = LocalDate.ofEpochDay(monitor.calibrationEngine().day(clock.millis()) - 1);
            WeeklyReport report = monitor.weeklyReport(lastDay);
            List<Path> files = report.write(out.resolve("reports"));
            CalibrationSection s = report.keys().get(0).section(CalibrationSection.class);
            System.out.printf(Locale.ROOT, "Week %s to %s: ECE %.3f (last week %.3f, baseline %.3f); trend %s, "
                    + "%+.4f per week, p = %.3g%n", report.weekStart(), report.weekEnd(), s.thisWeek().ece(),
                    s.lastWeek().ece(), s.baseline().ece(), s.trendDirection(), s.trendSlope(), s.trendPValue());
            for (String r : s.recommendations()) {
                System.out.println("  - " + r);
            }
            System.out.println("Weekly report: " + files.get(0) + " (and .json)");
            return new Result(List.copyOf(alerts), List.copyOf(retrains), dayEvents.get(), report, files);
        }
    }
}

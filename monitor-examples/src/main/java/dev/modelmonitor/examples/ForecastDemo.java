package dev.modelmonitor.examples;

import dev.modelmonitor.api.Alert;
import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.forecast.ForecastWeeklySection;
import dev.modelmonitor.core.testing.MutableClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A revenue-forecasting model watched by the forecast tracker: hourly revenue forecasts with p10/p50/p90
 * and the ad spend behind them, for two channels over four weeks. The "search" channel's revenue becomes
 * twice as volatile after two weeks while the model keeps its old intervals: coverage falls under the 0.70
 * band and the errors pass 1.2x the backtest baseline, so the monitor raises forecast alerts for that
 * channel only. The demo writes {@code forecast_trends.json} and the weekly forecast section of the
 * degraded channel ({@code forecast_week_<channel>.md}).
 */
public final class ForecastDemo {

    static final String MODEL = "revenue_plan";
    static final String[] CHANNELS = {"social", "search"};
    static final String DEGRADED = "search";
    static final Duration RUN = Duration.ofDays(28);
    static final Duration REGIME_CHANGE = Duration.ofDays(14);
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    /** The forecast's sigma; the true sigma doubles for the degraded channel after the regime change. */
    static final double SIGMA = 40.0;
    static final double Z90 = 1.2815515655446004;

    private ForecastDemo() {
    }

    private record Open(long id, int channel, double median, Instant due) {
    }

    /**
     * Runs the simulation and writes its files.
     *
     * @param out the output directory, created if missing
     */
    public static void run(Path out) {
        MutableClock clock = MutableClock.of(START);
        SplittableRandom random = new SplittableRandom(7);
        System.out.printf(Locale.ROOT, "%nForecasts: %s on %d channels for %d days; %s becomes twice as volatile "
                + "after %d days%n%n", MODEL, CHANNELS.length, RUN.toDays(), DEGRADED, REGIME_CHANGE.toDays());
        try (ModelMonitor monitor = ModelMonitor.builder().clock(clock)
                .alertRepeatInterval(Duration.ofDays(1))               // a standing condition pages daily
                .addSink(ForecastDemo::printAlert).build()) {
            ModelKey[] keys = new ModelKey[CHANNELS.length];
            for (int c = 0; c < CHANNELS.length; c++) {
                keys[c] = ModelKey.of(MODEL, CHANNELS[c]);
                // backtest: MAE of a Normal(0, 40) error is 40 * sqrt(2 / pi) = 31.9
                monitor.setForecastBaseline(keys[c], ForecastBaseline.ofMae(32.0));
            }
            ArrayDeque<Open> open = new ArrayDeque<>();
            Instant end = START.plus(RUN);
            while (clock.instant().isBefore(end)) {
                Instant now = clock.instant();
                for (int c = 0; c < CHANNELS.length; c++) {
                    double median = 500 + 100 * Math.sin(now.getEpochSecond() / 86_400.0 * 2 * Math.PI);
                    double spend = median / 4;
                    Quantiles q = new Quantiles(median - Z90 * SIGMA, median, median + Z90 * SIGMA);
                    long id = monitor.log(keys[c], Prediction.forecast(median, q, Duration.ofHours(1))
                            .withSpend(spend));
                    open.add(new Open(id, c, median, now.plus(Duration.ofHours(1))));
                }
                while (!open.isEmpty() && !open.peek().due().isAfter(now)) {
                    Open o = open.poll();
                    boolean volatileNow = CHANNELS[o.channel()].equals(DEGRADED)
                            && now.isAfter(START.plus(REGIME_CHANGE));
                    double sigma = volatileNow ? 2 * SIGMA : SIGMA;
                    monitor.resolve(o.id(), Outcome.value(o.median() + sigma * gaussian(random)));
                }
                if (now.getEpochSecond() % 3_600 == 0 && now.atZone(java.time.ZoneOffset.UTC).getHour() % 6 == 0) {
                    monitor.checkAll();
                }
                clock.advance(Duration.ofHours(1));
            }
            System.out.println();
            for (ModelKey k : keys) {
                ForecastPerformance p = monitor.forecastPerformance(k);
                ForecastTally t = p.recent().tally();
                System.out.printf(Locale.ROOT, "  %-7s coverage p10-p90 %5.1f%%  MAE %6.1f (x%.2f)  ROAS forecast "
                        + "%.2f actual %.2f  flags %s%n", k.segment(), 100 * t.intervalCoverage(), t.mae(),
                        p.maeRatio(), t.forecastRoas(), t.actualRoas(), p.flags());
            }
            Files.createDirectories(out);
            Path trends = monitor.exportForecastTrends(out);
            ModelKey degraded = ModelKey.of(MODEL, DEGRADED);
            ForecastWeeklySection week = ForecastWeeklySection.of(monitor, degraded, LocalDate.of(2026, 3, 16));
            Path report = out.resolve("forecast_week_" + DEGRADED + ".md");
            Files.writeString(report, week.toMarkdown());
            System.out.println("Forecast trends JSON:     " + trends);
            System.out.println("Weekly forecast section:  " + report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static void printAlert(Alert alert) {
        if (!(alert instanceof ForecastAlert)) {
            return;
        }
        ForecastAlert a = (ForecastAlert) alert;
        Duration t = Duration.between(START, a.raisedAt());
        System.out.printf(Locale.ROOT, "[day %d %02d:00] %-8s %s%n", t.toDays() + 1, t.toHoursPart(), a.severity(),
                a.title());
        if (!a.raisedFlags().isEmpty() || a.severity().compareTo(a.previousSeverity()) > 0) {
            // entry, a new flag or a graver severity: say what to do
            for (String r : a.performance().recommendations()) {
                System.out.println("           " + r);
            }
        }
    }
}

package dev.modelmonitor.core.store;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationChange;
import dev.modelmonitor.api.CalibrationDay;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationMetrics;
import dev.modelmonitor.api.CalibrationPeriod;
import dev.modelmonitor.api.CalibrationStateSnapshot;
import dev.modelmonitor.api.CalibrationSummary;
import dev.modelmonitor.api.CalibrationThresholds;
import dev.modelmonitor.api.CalibrationWindow;
import dev.modelmonitor.api.FlaggedPrediction;
import dev.modelmonitor.api.MonitoringEvent;
import dev.modelmonitor.api.RetrainRequest;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.ForecastStateSnapshot;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.ModelStatus;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.Alert;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.testing.MutableClock;
import dev.modelmonitor.core.testing.RecordingAlertSink;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Restart equivalence: any sequence of operations, with restarts anywhere in it. Each restart closes the
 * monitor and builds a new one on the same directory; the new one must answer every question exactly as
 * the old one did just before, and the monitor must keep answering as a twin that never restarted
 * (an in-memory monitor fed the same operations), apart from the ids it issues. The operations include
 * forecasts (with and without quantiles and spends, over three horizon buckets), their resolutions, forecast
 * baselines and jumps of the clock across UTC midnights; the answers include the forecast performance, the
 * daily forecast history and baseline, and every alert published to a sink (drift and forecast), so alert
 * cool-downs must survive a restart too. Calibration: direction and class calls and probability forecasts
 * with confidences, critical marks and unmarks, reference periods, and checks across midnights that close
 * days (thresholds small enough that breaches, recoveries and retrain requests happen); the answers include
 * every calibration query (count and day windows of both kinds, history, change test, poorly calibrated
 * periods, flagged predictions, alerts, breach state, critical marks, reference periods, the exact state,
 * the retrain history) and every monitoring event and retrain request, which must not repeat after a restart.
 */
class RestartPropertiesTest {

    static final ModelKey[] KEYS = {ModelKey.of("lstm", "BTC/USDT"), ModelKey.of("lstm", "ETH/USDT"),
            ModelKey.of("gbm", "SOL/USDT")};
    static final DriftThresholds THRESHOLDS = DriftThresholds.builder().windows(4, 8, 16).minPredictions(4).build();
    static final Duration HORIZON = Duration.ofMinutes(30);
    /** Small windows, so that flags and alerts appear within a short sequence. */
    static final ForecastConfig FORECAST = ForecastConfig.builder().countWindow(6).minSamples(2).shortDays(1)
            .longDays(3).horizonEdges(List.of(Duration.ofMinutes(45), Duration.ofHours(5))).build();
    static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    static final LocalDate TO = LocalDate.of(2026, 4, 1);
    /** Small enough that a few outcomes a day are judged and breaches, recoveries and retrains happen. */
    static final CalibrationThresholds CALIBRATION = CalibrationThresholds.builder().bins(5).countWindows(4, 10)
            .maxDays(6).minDailySamples(2).breachDays(1).recoveryDays(1).breachThreshold(0.1)
            .minEceIncrease(0.0).alpha(0.5).retrainCooldown(Duration.ofHours(30)).build();

    /** One operation: what, and two numbers it draws from. */
    record Op(String what, int a, int b) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<String> what = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.just("log")),
                net.jqwik.api.Tuple.of(30, Arbitraries.just("resolve")),
                net.jqwik.api.Tuple.of(12, Arbitraries.just("forecast")),
                net.jqwik.api.Tuple.of(14, Arbitraries.just("resolveMatching")),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("forecastBaseline")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("advanceDay")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("unknown")),
                net.jqwik.api.Tuple.of(4, Arbitraries.just("baseline")),
                net.jqwik.api.Tuple.of(8, Arbitraries.just("advance")),
                net.jqwik.api.Tuple.of(6, Arbitraries.just("checkAll")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("expire")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("markCritical")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("unmarkCritical")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("reference")),
                net.jqwik.api.Tuple.of(6, Arbitraries.just("restart")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("crash")));
        return Combinators.combine(what, Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000)).as(Op::new).list().ofMinSize(1).ofMaxSize(120);
    }

    /**
     * Calibration-heavy sequences: calls with confidences and probability forecasts resolved soon after,
     * frequent day changes and checks (so days close, judged days accumulate, breaches, recoveries and
     * retrain requests happen), critical marks, reference periods, restarts and crashes.
     */
    @Provide
    Arbitrary<List<Op>> calibrationOps() {
        Arbitrary<String> what = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.just("calibrationLog")),
                net.jqwik.api.Tuple.of(30, Arbitraries.just("resolveMatching")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("advanceDay")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("advance")),
                net.jqwik.api.Tuple.of(6, Arbitraries.just("checkAll")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("markCritical")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("unmarkCritical")),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("reference")),
                net.jqwik.api.Tuple.of(4, Arbitraries.just("restart")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("crash")));
        return Combinators.combine(what, Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000)).as(Op::new).list().ofMinSize(100).ofMaxSize(300);
    }

    @Property(tries = 40)
    void calibrationAnswersSurviveRestarts(@ForAll("calibrationOps") List<Op> ops, @ForAll boolean everyWrite)
            throws IOException {
        aRestartedMonitorAnswersAsBefore(ops, everyWrite);
    }

    @Property(tries = 60)
    void aRestartedMonitorAnswersAsBefore(@ForAll("ops") List<Op> ops, @ForAll boolean everyWrite)
            throws IOException {
        Path dir = Files.createTempDirectory("restart-property");
        events.clear();
        retrains.clear();
        MutableClock clock = MutableClock.of(Instant.parse("2026-01-05T09:00:00Z"));
        RecordingAlertSink twinAlerts = RecordingAlertSink.create();
        RecordingAlertSink alerts = RecordingAlertSink.create();
        List<MonitoringEvent> twinEvents = new CopyOnWriteArrayList<>();
        List<RetrainRequest> twinRetrains = new CopyOnWriteArrayList<>();
        ModelMonitor twin = ModelMonitor.builder().clock(clock).thresholds(THRESHOLDS).forecastConfig(FORECAST)
                .calibrationThresholds(CALIBRATION).criticalKey(KEYS[2], 0.3).addListener(twinEvents::add)
                .retrainHandler(twinRetrains::add)
                .addSink(twinAlerts).expiryGrace(Duration.ofMinutes(10)).alertRepeatInterval(Duration.ofHours(1))
                .build();
        ModelMonitor monitor = open(dir, clock, everyWrite, alerts);
        try {
            List<long[]> ids = new ArrayList<>(); // {monitor id, twin id}
            List<Prediction> logged = new ArrayList<>();
            for (Op op : ops) {
                switch (op.what()) {
                    case "log": {
                        ModelKey key = KEYS[op.a() % KEYS.length];
                        Prediction p = prediction(op.a(), op.b());
                        ids.add(new long[] {monitor.log(key, p), twin.log(key, p)});
                        logged.add(p);
                        break;
                    }
                    case "calibrationLog": {
                        // KEYS[2] (critical from the builder) logs probability forecasts, the others calls
                        ModelKey key = KEYS[op.a() % KEYS.length];
                        Prediction p = prediction(key == KEYS[2] ? 3 : (op.a() / KEYS.length) % 3, op.b());
                        ids.add(new long[] {monitor.log(key, p), twin.log(key, p)});
                        logged.add(p);
                        break;
                    }
                    case "forecast": {
                        ModelKey key = KEYS[op.a() % KEYS.length];
                        Prediction p = forecast(op.a(), op.b());
                        ids.add(new long[] {monitor.log(key, p), twin.log(key, p)});
                        logged.add(p);
                        break;
                    }
                    case "resolveMatching": {
                        if (ids.isEmpty()) {
                            break;
                        }
                        int i = ids.size() - 1 - op.a() % Math.min(ids.size(), 8);
                        Outcome o = matching(logged.get(i), op.b());
                        assertEquals(twin.resolve(ids.get(i)[1], o), monitor.resolve(ids.get(i)[0], o), "resolve " + op);
                        break;
                    }
                    case "forecastBaseline": {
                        ForecastBaseline b = op.b() % 2 == 0 ? ForecastBaseline.ofMae(0.05 + op.b() / 2000.0)
                                : ForecastBaseline.of(0.2, 0.1 + op.b() / 5000.0);
                        monitor.setForecastBaseline(KEYS[op.a() % KEYS.length], b);
                        twin.setForecastBaseline(KEYS[op.a() % KEYS.length], b);
                        break;
                    }
                    case "advanceDay":
                        clock.advance(Duration.ofHours(8 + op.b() % 30));
                        break;
                    case "markCritical": {
                        // not KEYS[2]: the builder marks it, and the builder's mark wins at a restart
                        double threshold = 0.02 + (op.b() % 20) / 100.0;
                        monitor.markCritical(KEYS[op.a() % 2], threshold);
                        twin.markCritical(KEYS[op.a() % 2], threshold);
                        break;
                    }
                    case "unmarkCritical":
                        monitor.unmarkCritical(KEYS[op.a() % 2]);
                        twin.unmarkCritical(KEYS[op.a() % 2]);
                        break;
                    case "reference": {
                        CalibrationKind kind = CalibrationKind.values()[op.b() % 2];
                        LocalDate from = START_DAY.plusDays(op.b() % 3);
                        monitor.setCalibrationReference(KEYS[op.a() % KEYS.length], kind, from, from.plusDays(1));
                        twin.setCalibrationReference(KEYS[op.a() % KEYS.length], kind, from, from.plusDays(1));
                        break;
                    }
                    case "resolve": {
                        if (ids.isEmpty()) {
                            break;
                        }
                        long[] id = ids.get(op.a() % ids.size());
                        Outcome o = outcome(op.a(), op.b());
                        assertEquals(resolve(twin, id[1], o), resolve(monitor, id[0], o), "resolve " + op);
                        break;
                    }
                    case "unknown":
                        assertEquals(false, monitor.resolve(900_000_000_000L + op.a(), Outcome.exitPrice(1.0)));
                        break;
                    case "baseline": {
                        Baseline b = Baseline.ofAccuracy(0.3 + op.b() / 2000.0);
                        monitor.setBaseline(KEYS[op.a() % KEYS.length], b);
                        twin.setBaseline(KEYS[op.a() % KEYS.length], b);
                        break;
                    }
                    case "advance":
                        clock.advance(Duration.ofMinutes(op.b() % 90));
                        break;
                    case "checkAll":
                        assertEquals(twin.checkAll(), monitor.checkAll(), "checkAll");
                        break;
                    case "expire":
                        assertEquals(twin.expireOverdue(), monitor.expireOverdue(), "expireOverdue");
                        break;
                    case "crash": {
                        // the monitor stops without its close: no final snapshots, only what reached the store
                        Answers before = Answers.of(monitor, false);
                        stores.get(stores.size() - 1).close();
                        monitor = open(dir, clock, everyWrite, alerts);
                        assertSame(before, Answers.of(monitor, false), "answers after a crash");
                        break;
                    }
                    default: {
                        Answers before = Answers.of(monitor, true);
                        monitor.close();
                        monitor = open(dir, clock, everyWrite, alerts);
                        assertSame(before, Answers.of(monitor, true), "answers after a restart");
                        break;
                    }
                }
            }
            assertSame(Answers.of(twin, false), Answers.of(monitor, false), "answers of the never-restarted twin");
            assertEquals(twinAlerts.alerts(), alerts.alerts(), "alerts published (cool-downs kept across restarts)");
            assertEquals(twinEvents, events, "monitoring events (none repeated after a restart)");
            boolean breach = false;
            boolean recovery = false;
            for (MonitoringEvent e : twinEvents) {
                if (e instanceof dev.modelmonitor.api.CalibrationBreachEvent) {
                    breach |= !((dev.modelmonitor.api.CalibrationBreachEvent) e).alert().isRecovery();
                    recovery |= ((dev.modelmonitor.api.CalibrationBreachEvent) e).alert().isRecovery();
                }
            }
            boolean closed = twinEvents.stream().anyMatch(e -> e instanceof dev.modelmonitor.api.CalibrationEvent);
            net.jqwik.api.statistics.Statistics.label("calibration").collect(closed ? "days closed" : "no day closed", breach ? "breach" : "no breach", recovery ? "recovery" : "no recovery",
                    twinRetrains.isEmpty() ? "no retrain" : "retrain");
            assertEquals(twinRetrains, retrains, "retrain requests (cool-downs kept across restarts)");
            assertEquals(twinRetrains, monitor.retrainHistory(null, FROM, TO), "every request handed over is stored");
        } finally {
            monitor.close();
            twin.close();
            deleteTree(dir);
        }
    }

    /** Equal answers; a difference names the first component that differs (and the key's index in it). */
    static void assertSame(Record expected, Record actual, String what) {
        if (expected.equals(actual)) {
            return;
        }
        try {
            for (java.lang.reflect.RecordComponent c : expected.getClass().getRecordComponents()) {
                Object e = c.getAccessor().invoke(expected);
                Object a = c.getAccessor().invoke(actual);
                if (e instanceof List && a instanceof List && ((List<?>) e).size() == ((List<?>) a).size()) {
                    for (int i = 0; i < ((List<?>) e).size(); i++) {
                        Object ei = ((List<?>) e).get(i);
                        Object ai = ((List<?>) a).get(i);
                        if (ei instanceof Record && ai instanceof Record && !ei.equals(ai)) {
                            assertSame((Record) ei, (Record) ai, what + ": " + c.getName() + "[" + i + "]");
                        }
                        assertEquals(ei, ai, what + ": " + c.getName() + "[" + i + "]");
                    }
                }
                assertEquals(e, a, what + ": " + c.getName());
            }
        } catch (ReflectiveOperationException x) {
            throw new AssertionError(x);
        }
        assertEquals(expected, actual, what);
    }

    private static boolean resolve(ModelMonitor m, long id, Outcome o) {
        try {
            return m.resolve(id, o);
        } catch (IllegalArgumentException wrongKind) {
            return false;
        }
    }

    /** The stores opened, newest last (a crash closes the store under a monitor that is then dropped). */
    private final List<FileStore> stores = new ArrayList<>();
    /** What the monitor and its successors delivered to listeners and the retrain handler, in order. */
    private final List<MonitoringEvent> events = new CopyOnWriteArrayList<>();
    private final List<RetrainRequest> retrains = new CopyOnWriteArrayList<>();
    static final LocalDate START_DAY = LocalDate.of(2026, 1, 5);

    ModelMonitor open(Path dir, MutableClock clock, boolean everyWrite, RecordingAlertSink alerts) {
        FileStore store = FileStore.builder(dir).clock(clock)
                .durability(everyWrite ? FileStore.Durability.EVERY_WRITE : FileStore.Durability.GROUP_COMMIT)
                .build();
        stores.add(store);
        return ModelMonitor.builder().clock(clock).thresholds(THRESHOLDS).forecastConfig(FORECAST).store(store)
                .calibrationThresholds(CALIBRATION).criticalKey(KEYS[2], 0.3).addListener(events::add)
                .retrainHandler(retrains::add)
                .addSink(alerts).expiryGrace(Duration.ofMinutes(10)).alertRepeatInterval(Duration.ofHours(1))
                .build();
    }

    /** A forecast around 1.0 with or without quantiles and a spend, over three horizon buckets. */
    static Prediction.Forecast forecast(int a, int b) {
        Duration horizon = b % 3 == 0 ? Duration.ofMinutes(20) : b % 3 == 1 ? Duration.ofHours(2) : Duration.ofDays(3);
        double center = 0.5 + (b % 11) / 10.0;
        Prediction.Forecast f = new Prediction.Forecast(center + 0.05, a % 5 == 0 ? null
                : new Quantiles(center - 0.3, center, center + 0.2 + (a % 3) / 10.0), horizon);
        return a % 2 == 0 ? f.withSpend(0.25 + (a % 7) / 4.0) : f;
    }

    /** An outcome of the kind the prediction takes; an actual of exactly 0 now and then (no MAPE). */
    static Outcome matching(Prediction p, int b) {
        if (p instanceof Prediction.Forecast) {
            return Outcome.value(b % 13 == 0 ? 0.0 : b / 500.0);
        }
        if (p instanceof Prediction.ClassCall) {
            return Outcome.label(b % 3 == 0 ? "buy" : "sell");
        }
        if (p instanceof Prediction.ProbabilityForecast) {
            // mostly the side the probability leans to (a well-calibrated stretch), now and then a coin
            return Outcome.event(b % 4 == 0 ? b % 8 == 0 : ((Prediction.ProbabilityForecast) p).probability() >= 0.5);
        }
        return Outcome.exitPrice(b % 2 == 0 ? 101.0 : 99.0);
    }

    static Prediction prediction(int a, int b) {
        double confidence = (b % 101) / 100.0;
        switch (a % 5) {
            case 0:
                return Prediction.up(confidence, 100.0, HORIZON);
            case 1:
                return Prediction.down(confidence, 100.0, HORIZON);
            case 2:
                return new Prediction.ClassCall(b % 2 == 0 ? "buy" : "sell", confidence, HORIZON);
            case 3:
                return Prediction.probability(confidence, HORIZON);
            default:
                return new Prediction.Forecast(1.0, b % 3 == 0 ? null : new Quantiles(0.5, 1.0, 1.5), HORIZON);
        }
    }

    static Outcome outcome(int a, int b) {
        switch (a % 5) {
            case 0:
            case 1:
                return Outcome.exitPrice(b % 2 == 0 ? 101.0 : 99.0);
            case 2:
                return Outcome.label(b % 3 == 0 ? "buy" : "sell");
            case 3:
                return Outcome.event(b % 3 != 0);
            default:
                return Outcome.value(b / 500.0);
        }
    }

    /**
     * Everything a host can ask about every key; with ids or without (a restarted monitor issues others). With
     * ids, also the forecast state's exact snapshot (the twin's may differ in when an empty day was closed).
     */
    record Answers(List<ModelKey> keys, List<DriftReport> drift, List<ModelStatus> status,
                   List<CalibrationSummary> calibration, List<Optional<Baseline>> baselines,
                   List<List<DriftReport>> history, List<List<Object>> resolved,
                   List<ForecastPerformance> forecasts, List<List<ForecastDay>> forecastHistory,
                   List<Optional<ForecastBaseline>> forecastBaselines,
                   List<Optional<ForecastStateSnapshot>> forecastStates, List<CalibrationAnswers> calibrations,
                   List<RetrainRequest> retrains) {

        static Answers of(ModelMonitor m, boolean withIds) {
            List<ModelKey> keys = new ArrayList<>(m.keys());
            keys.sort(Comparator.comparing(ModelKey::toString));
            List<DriftReport> drift = new ArrayList<>();
            List<ModelStatus> status = new ArrayList<>();
            List<CalibrationSummary> calibration = new ArrayList<>();
            List<Optional<Baseline>> baselines = new ArrayList<>();
            List<List<DriftReport>> history = new ArrayList<>();
            List<List<Object>> resolved = new ArrayList<>();
            List<ForecastPerformance> forecasts = new ArrayList<>();
            List<List<ForecastDay>> forecastHistory = new ArrayList<>();
            List<Optional<ForecastBaseline>> forecastBaselines = new ArrayList<>();
            List<Optional<ForecastStateSnapshot>> forecastStates = new ArrayList<>();
            List<CalibrationAnswers> calibrations = new ArrayList<>();
            for (ModelKey k : KEYS) {
                calibrations.add(CalibrationAnswers.of(m, k, withIds));
                forecasts.add(m.forecastPerformance(k));
                forecastHistory.add(m.forecastHistory(k, FROM, TO));
                forecastBaselines.add(m.forecastBaseline(k));
                forecastStates.add(withIds ? m.forecastSnapshot(k) : Optional.empty());
                drift.add(m.detectDrift(k));
                status.add(m.status(k));
                calibration.add(m.calibration(k));
                baselines.add(m.baseline(k));
                history.add(m.history(k, 1000));
                List<Object> r = new ArrayList<>();
                for (ResolvedPrediction p : m.resolved(k, 1000)) {
                    r.add(withIds ? p : List.of(p.prediction(), p.outcome(), p.verdict(), p.loggedAtMillis(),
                            p.resolvedAtMillis()));
                }
                resolved.add(r);
            }
            return new Answers(keys, drift, status, calibration, baselines, history, resolved, forecasts,
                    forecastHistory, forecastBaselines, forecastStates, calibrations, m.retrainHistory(null, FROM, TO));
        }
    }

    /**
     * Every calibration answer for one key: each count window and day window of both kinds, the daily
     * history, a change test, the poorly calibrated periods, flagged predictions (with ids only: a flag
     * holds the resolved prediction), the alerts, the breach state, the critical mark, the reference periods,
     * the exact state and the retrain requests.
     */
    record CalibrationAnswers(List<CalibrationMetrics> windows, List<CalibrationDay> history,
                              List<CalibrationChange> changes, List<CalibrationPeriod> periods,
                              List<FlaggedPrediction> flagged, List<CalibrationAlert> alerts, boolean breached,
                              OptionalDouble critical, CalibrationKind judged, List<Optional<List<Object>>> references,
                              Optional<CalibrationStateSnapshot> state, List<RetrainRequest> retrains) {

        static CalibrationAnswers of(ModelMonitor m, ModelKey k, boolean withIds) {
            CalibrationThresholds t = m.calibrationThresholds();
            List<CalibrationMetrics> windows = new ArrayList<>();
            List<Optional<List<Object>>> references = new ArrayList<>();
            List<CalibrationChange> changes = new ArrayList<>();
            for (CalibrationKind kind : CalibrationKind.values()) {
                for (int w : t.countWindows()) {
                    windows.add(m.calibration(k, kind, CalibrationWindow.ofPredictions(w)));
                }
                for (int d : new int[] {1, 3, t.maxDays()}) {
                    windows.add(m.calibration(k, kind, CalibrationWindow.ofDays(d)));
                }
                references.add(m.calibrationReference(k, kind).map(r -> List.of(r.from(), r.to(), r.explicit(),
                        r.stats())));
                changes.add(m.calibrationChange(k, kind, START_DAY, START_DAY.plusDays(2), START_DAY.plusDays(3),
                        START_DAY.plusDays(30)));
            }
            return new CalibrationAnswers(windows, m.calibrationHistory(k, FROM, TO), changes,
                    m.poorlyCalibratedPeriods(k, FROM, TO), withIds ? m.flaggedPredictions(k, 1000) : List.of(),
                    m.calibrationAlerts(k, FROM, TO), m.calibrationBreached(k), m.criticalThreshold(k),
                    m.judgedKind(k), references, m.calibrationSnapshot(k), m.retrainHistory(k, FROM, TO));
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

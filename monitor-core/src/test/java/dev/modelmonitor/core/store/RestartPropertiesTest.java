package dev.modelmonitor.core.store;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.CalibrationSummary;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.ModelStatus;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.testing.MutableClock;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Restart equivalence: any sequence of operations, with restarts anywhere in it. Each restart closes the
 * monitor and builds a new one on the same directory; the new one must answer every question exactly as
 * the old one did just before, and the monitor must keep answering as a twin that never restarted
 * (an in-memory monitor fed the same operations), apart from the ids it issues.
 */
class RestartPropertiesTest {

    static final ModelKey[] KEYS = {ModelKey.of("lstm", "BTC/USDT"), ModelKey.of("lstm", "ETH/USDT"),
            ModelKey.of("gbm", "SOL/USDT")};
    static final DriftThresholds THRESHOLDS = DriftThresholds.builder().windows(4, 8, 16).minPredictions(4).build();
    static final Duration HORIZON = Duration.ofMinutes(30);

    /** One operation: what, and two numbers it draws from. */
    record Op(String what, int a, int b) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<String> what = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.just("log")),
                net.jqwik.api.Tuple.of(30, Arbitraries.just("resolve")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("unknown")),
                net.jqwik.api.Tuple.of(4, Arbitraries.just("baseline")),
                net.jqwik.api.Tuple.of(8, Arbitraries.just("advance")),
                net.jqwik.api.Tuple.of(6, Arbitraries.just("checkAll")),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("expire")),
                net.jqwik.api.Tuple.of(6, Arbitraries.just("restart")));
        return Combinators.combine(what, Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000)).as(Op::new).list().ofMinSize(1).ofMaxSize(120);
    }

    @Property(tries = 60)
    void aRestartedMonitorAnswersAsBefore(@ForAll("ops") List<Op> ops, @ForAll boolean everyWrite)
            throws IOException {
        Path dir = Files.createTempDirectory("restart-property");
        MutableClock clock = MutableClock.of(Instant.parse("2026-01-05T09:00:00Z"));
        ModelMonitor twin = ModelMonitor.builder().clock(clock).thresholds(THRESHOLDS)
                .expiryGrace(Duration.ofMinutes(10)).alertRepeatInterval(Duration.ofHours(1)).build();
        ModelMonitor monitor = open(dir, clock, everyWrite);
        try {
            List<long[]> ids = new ArrayList<>(); // {monitor id, twin id}
            for (Op op : ops) {
                switch (op.what()) {
                    case "log": {
                        ModelKey key = KEYS[op.a() % KEYS.length];
                        Prediction p = prediction(op.a(), op.b());
                        ids.add(new long[] {monitor.log(key, p), twin.log(key, p)});
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
                    default: {
                        Answers before = Answers.of(monitor, true);
                        monitor.close();
                        monitor = open(dir, clock, everyWrite);
                        assertEquals(before, Answers.of(monitor, true), "answers after a restart");
                        break;
                    }
                }
            }
            assertEquals(Answers.of(twin, false), Answers.of(monitor, false), "answers of the never-restarted twin");
        } finally {
            monitor.close();
            twin.close();
            deleteTree(dir);
        }
    }

    private static boolean resolve(ModelMonitor m, long id, Outcome o) {
        try {
            return m.resolve(id, o);
        } catch (IllegalArgumentException wrongKind) {
            return false;
        }
    }

    static ModelMonitor open(Path dir, MutableClock clock, boolean everyWrite) {
        FileStore store = FileStore.builder(dir).clock(clock)
                .durability(everyWrite ? FileStore.Durability.EVERY_WRITE : FileStore.Durability.GROUP_COMMIT)
                .build();
        return ModelMonitor.builder().clock(clock).thresholds(THRESHOLDS).store(store)
                .expiryGrace(Duration.ofMinutes(10)).alertRepeatInterval(Duration.ofHours(1)).build();
    }

    static Prediction prediction(int a, int b) {
        double confidence = (b % 101) / 100.0;
        switch (a % 4) {
            case 0:
                return Prediction.up(confidence, 100.0, HORIZON);
            case 1:
                return Prediction.down(confidence, 100.0, HORIZON);
            case 2:
                return new Prediction.ClassCall(b % 2 == 0 ? "buy" : "sell", confidence, HORIZON);
            default:
                return new Prediction.Forecast(1.0, b % 3 == 0 ? null : new Quantiles(0.5, 1.0, 1.5), HORIZON);
        }
    }

    static Outcome outcome(int a, int b) {
        switch (a % 4) {
            case 0:
            case 1:
                return Outcome.exitPrice(b % 2 == 0 ? 101.0 : 99.0);
            case 2:
                return Outcome.label(b % 3 == 0 ? "buy" : "sell");
            default:
                return Outcome.value(b / 500.0);
        }
    }

    /** Everything a host can ask about every key; with ids or without (a restarted monitor issues others). */
    record Answers(List<ModelKey> keys, List<DriftReport> drift, List<ModelStatus> status,
                   List<CalibrationSummary> calibration, List<Optional<Baseline>> baselines,
                   List<List<DriftReport>> history, List<List<Object>> resolved) {

        static Answers of(ModelMonitor m, boolean withIds) {
            List<ModelKey> keys = new ArrayList<>(m.keys());
            keys.sort(Comparator.comparing(ModelKey::toString));
            List<DriftReport> drift = new ArrayList<>();
            List<ModelStatus> status = new ArrayList<>();
            List<CalibrationSummary> calibration = new ArrayList<>();
            List<Optional<Baseline>> baselines = new ArrayList<>();
            List<List<DriftReport>> history = new ArrayList<>();
            List<List<Object>> resolved = new ArrayList<>();
            for (ModelKey k : KEYS) {
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
            return new Answers(keys, drift, status, calibration, baselines, history, resolved);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

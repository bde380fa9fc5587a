package dev.modelmonitor.benchmarks;

import dev.modelmonitor.api.LoggedPrediction;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.Verdict;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.store.FileStore;
import dev.modelmonitor.core.store.InMemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The file store against the in-memory one, in one run.
 *
 * <ul>
 *   <li>{@link #logResolve}: one {@code log} and one {@code resolve} through a monitor, one thread;
 *       {@code store} is {@code memory} (the default {@link InMemoryStore}) or {@code file-group},
 *       {@code file-every}, {@code file-none} (a {@link FileStore} under each durability). Under the
 *       queued policies the figure is the steady state: once the writer's queue is full the caller runs at
 *       the writer's pace (the default policy blocks). {@code file-group-drop} is group commit with the
 *       drop-and-count policy: what the calling thread itself pays when it never waits for the writer
 *       (records the writer cannot keep up with are dropped and counted).</li>
 *   <li>{@link #logResolveBurst}: bursts of {@value #BURST} pairs back to back, with {@code pauseWork}
 *       tokens of host work between bursts done outside the measured time (an invocation-level setup):
 *       what the calling thread pays per pair when the host logs and resolves in bursts (a batch of
 *       instruments per tick, say) at a rate the background writer sustains (100,000 tokens, about
 *       160 us, for the 64 records of a burst). The writer works while the host does, so the figure
 *       includes whatever its work costs the caller's core.</li>
 *   <li>{@link #append}: one {@code appendResolved} straight into a file store under each durability:
 *       the append throughput of the store itself.</li>
 *   <li>{@link #restart}: building a monitor on a directory of {@code records} stored records (half logged
 *       predictions, half their resolutions, over 100 keys) and closing it; single shot, milliseconds.
 *       {@code kind} is {@code direction} (direction calls) or {@code forecast} (forecasts with quantiles
 *       and a spend over three horizons, resolved by actual values, so the replay also rebuilds each key's
 *       forecast state and the close writes it into each key's snapshot). Every restart reads and parses
 *       every line; the first (the warm-up) also replays every event, as there are no snapshots yet, and its
 *       close writes one per key, so the measured restarts apply the snapshots instead.</li>
 * </ul>
 * Each trial writes into a fresh temporary directory and deletes it afterwards.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FileStoreBenchmark {

    static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("mm-bench-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FileStore.Durability durability(String name) {
        switch (name) {
            case "file-group":
            case "GROUP_COMMIT":
                return FileStore.Durability.GROUP_COMMIT;
            case "file-every":
            case "EVERY_WRITE":
                return FileStore.Durability.EVERY_WRITE;
            case "file-none":
            case "NONE":
                return FileStore.Durability.NONE;
            default:
                throw new IllegalArgumentException("unknown store " + name);
        }
    }

    /** A monitor on the store under test. */
    @State(Scope.Benchmark)
    public static class Monitor {
        @Param({"memory", "file-group"})
        String store;

        Path dir;
        ModelMonitor monitor;
        ModelKey key;
        Prediction[] predictions;
        Outcome[] outcomes;
        int i;

        @Setup(Level.Trial)
        public void setUp() {
            ModelMonitor.Builder b = ModelMonitor.builder().clock(Clock.systemUTC());
            if (store.equals("memory")) {
                b.store(InMemoryStore.builder().build());
            } else if (store.equals("file-group-drop")) {
                dir = tempDir("log-resolve");
                b.store(FileStore.builder(dir).fullQueuePolicy(FileStore.FullQueuePolicy.DROP_AND_COUNT).build());
            } else {
                dir = tempDir("log-resolve");
                b.store(FileStore.builder(dir).durability(durability(store)).build());
            }
            monitor = b.build();
            key = MonitorData.key("bench", 0);
            predictions = MonitorData.predictions(MonitorData.SIZE);
            outcomes = MonitorData.outcomes(predictions);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            monitor.close();
            if (dir != null) {
                delete(dir);
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Threads(1)
    public boolean logResolve(Monitor m) {
        int j = m.i++ & MonitorData.MASK;
        return m.monitor.resolve(m.monitor.log(m.key, m.predictions[j]), m.outcomes[j]);
    }

    /** Pairs per burst in {@link #logResolveBurst}. */
    static final int BURST = 32;

    /**
     * The host's own work between two bursts, in {@link Blackhole#consumeCPU} tokens, done in an
     * invocation-level setup so that it is not part of the measured time.
     */
    @State(Scope.Thread)
    public static class Pause {
        @Param({"100000"})
        long pauseWork;

        @Setup(Level.Invocation)
        public void hostWork() {
            Blackhole.consumeCPU(pauseWork);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(BURST)
    @Threads(1)
    public int logResolveBurst(Monitor m, Pause p) {
        int n = 0;
        for (int k = 0; k < BURST; k++) {
            int j = m.i++ & MonitorData.MASK;
            if (m.monitor.resolve(m.monitor.log(m.key, m.predictions[j]), m.outcomes[j])) {
                n++;
            }
        }
        return n;
    }

    /** A file store alone. */
    @State(Scope.Benchmark)
    public static class Appender {
        @Param({"EVERY_WRITE", "GROUP_COMMIT", "NONE"})
        String durability;

        Path dir;
        FileStore store;
        ModelKey key;
        Prediction[] predictions;
        Outcome[] outcomes;
        long id;

        @Setup(Level.Trial)
        public void setUp() {
            dir = tempDir("append");
            store = FileStore.builder(dir).durability(durability(durability)).build();
            key = MonitorData.key("bench", 0);
            predictions = MonitorData.predictions(MonitorData.SIZE);
            outcomes = MonitorData.outcomes(predictions);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            store.close();
            delete(dir);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public void append(Appender a) {
        long id = ++a.id;
        int j = (int) id & MonitorData.MASK;
        a.store.appendResolved(id, a.key, a.predictions[j], a.outcomes[j], Verdict.CORRECT, 1_000L, 2_000L);
    }

    /** A directory holding {@code records} records, written once per trial. */
    @State(Scope.Benchmark)
    public static class Stored {
        @Param({"1000000"})
        int records;

        @Param({"direction", "forecast"})
        String kind;

        Path dir;

        @Setup(Level.Trial)
        public void setUp() {
            dir = tempDir("restart");
            Prediction[] predictions;
            Outcome[] outcomes;
            if (kind.equals("forecast")) {
                predictions = new Prediction[MonitorData.SIZE];
                outcomes = new Outcome[MonitorData.SIZE];
                for (int i = 0; i < predictions.length; i++) {
                    double v = 1_000.0 + (i % 97);
                    predictions[i] = new Prediction.Forecast(v, new Quantiles(v - 50.0, v, v + 60.0),
                            Duration.ofHours(1 + 24 * (i % 3))).withSpend(100.0 + (i % 13));
                    outcomes[i] = Outcome.value(v - 70.0 + (i % 131));
                }
            } else {
                predictions = MonitorData.predictions(MonitorData.SIZE);
                outcomes = MonitorData.outcomes(predictions);
            }
            ModelKey[] keys = new ModelKey[100];
            for (int k = 0; k < keys.length; k++) {
                keys[k] = MonitorData.key("bench", k);
            }
            try (FileStore s = FileStore.builder(dir).durability(FileStore.Durability.NONE).build()) {
                // recent times, so that retention keeps every record
                long t = System.currentTimeMillis() - records;
                for (long id = 1; id <= records / 2; id++) {
                    int j = (int) id & MonitorData.MASK;
                    ModelKey key = keys[(int) (id % keys.length)];
                    s.append(new LoggedPrediction(id, key, predictions[j], t + id));
                    s.append(new ResolvedPrediction(id, key, predictions[j], outcomes[j],
                            predictions[j].score(outcomes[j], 0.002), t + id, t + id + 1));
                }
                s.reserveIds(records);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            delete(dir);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public long restart(Stored s) {
        try (ModelMonitor m = ModelMonitor.builder().store(FileStore.builder(s.dir).build()).build()) {
            return m.keys().size();
        }
    }
}

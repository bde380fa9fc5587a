package dev.modelmonitor.benchmarks;

import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.store.InMemoryStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * One {@code log} followed by one {@code resolve} of the same id: the pair a host calls for every
 * prediction. Each figure is ns per pair per thread; with 2 threads the aggregate throughput is 2 / time.
 *
 * <p>{@code impl} selects what is measured, in the same run: {@code library} is {@link ModelMonitor} with
 * a {@link NoopStore} (only the monitor's own work and allocation), {@code naive} the {@link NaiveMonitor}
 * comparator (design A of PERF-NOTES), and {@code library-memory} the monitor with the default
 * {@link InMemoryStore}. {@code clock} is {@code system} (the system UTC clock, as a host would run it;
 * the default) or {@code fixed} (a {@code Clock.fixed}, to take the two clock reads per pair out of the
 * figure: pass {@code -p clock=system,fixed}).
 *
 * <ul>
 *   <li>{@link #oneThread}: one thread, one key, about one prediction pending;</li>
 *   <li>{@link #twoThreadsOwnKey}: two threads, each on its own key;</li>
 *   <li>{@link #twoThreadsSharedKey}: two threads on one shared key;</li>
 *   <li>{@link #oneThread64kPending}: one thread with 65,536 predictions outstanding; each op resolves the
 *       oldest and logs a new one (the library's default pending ring holds exactly that many).</li>
 * </ul>
 * Predictions and outcomes are the caller's objects, built in set-up ({@link MonitorData}), so
 * {@code -prof gc} B/op is what the monitor (and, for {@code library-memory}, the store) allocates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LogResolveBenchmark {

    /** Pending predictions held by {@link #oneThread64kPending}. */
    static final int BACKLOG = 1 << 16;

    @Param({"library", "naive", "library-memory"})
    String impl;

    @Param({"system"})
    String clock;

    ModelMonitor library;
    NaiveMonitor naive;

    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = clock();
        switch (impl) {
            case "library":
                library = ModelMonitor.builder().clock(clock).store(new NoopStore()).build();
                break;
            case "library-memory":
                library = ModelMonitor.builder().clock(clock).store(InMemoryStore.builder().build()).build();
                break;
            case "naive":
                naive = new NaiveMonitor(clock);
                break;
            default:
                throw new IllegalArgumentException("impl must be library, naive or library-memory, was " + impl);
        }
    }

    private Clock clock() {
        switch (this.clock) {
            case "system":
                return Clock.systemUTC();
            case "fixed":
                return Clock.fixed(Instant.parse("2024-01-02T00:00:00Z"), ZoneOffset.UTC);
            default:
                throw new IllegalArgumentException("clock must be system or fixed, was " + this.clock);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (library != null) {
            library.close();
        }
    }

    long log(ModelKey key, Prediction prediction) {
        return naive != null ? naive.log(key, prediction) : library.log(key, prediction);
    }

    boolean resolve(long id, Outcome outcome) {
        return naive != null ? naive.resolve(id, outcome) : library.resolve(id, outcome);
    }

    /** One calling thread: its own key, the shared key, and its own predictions. */
    @State(Scope.Thread)
    public static class Caller {
        ModelKey ownKey;
        ModelKey sharedKey;
        Prediction[] predictions;
        Outcome[] outcomes;
        int i;

        @Setup(Level.Trial)
        public void setUp(ThreadParams thread) {
            ownKey = MonitorData.key("own", thread.getThreadIndex());
            sharedKey = MonitorData.key("shared", 0);
            predictions = MonitorData.predictions(MonitorData.SIZE);
            outcomes = MonitorData.outcomes(predictions);
        }
    }

    /** One thread's ring of outstanding ids for {@link #oneThread64kPending}. */
    @State(Scope.Thread)
    public static class Backlog {
        final long[] ids = new long[BACKLOG];
        int next;

        @Setup(Level.Trial)
        public void setUp(LogResolveBenchmark bench, Caller caller) {
            for (int j = 0; j < BACKLOG; j++) {
                ids[j] = bench.log(caller.ownKey, caller.predictions[j & MonitorData.MASK]);
            }
        }
    }

    @Benchmark
    @Threads(1)
    public boolean oneThread(Caller c) {
        int j = c.i++ & MonitorData.MASK;
        return resolve(log(c.ownKey, c.predictions[j]), c.outcomes[j]);
    }

    @Benchmark
    @Threads(2)
    public boolean twoThreadsOwnKey(Caller c) {
        int j = c.i++ & MonitorData.MASK;
        return resolve(log(c.ownKey, c.predictions[j]), c.outcomes[j]);
    }

    @Benchmark
    @Threads(2)
    public boolean twoThreadsSharedKey(Caller c) {
        int j = c.i++ & MonitorData.MASK;
        return resolve(log(c.sharedKey, c.predictions[j]), c.outcomes[j]);
    }

    @Benchmark
    @Threads(1)
    public long oneThread64kPending(Caller c, Backlog b) {
        int j = c.i++ & MonitorData.MASK;
        int slot = b.next++ & (BACKLOG - 1);
        // the oldest outstanding prediction was logged with the same index j (BACKLOG is a multiple of SIZE)
        resolve(b.ids[slot], c.outcomes[j]);
        long id = log(c.ownKey, c.predictions[j]);
        b.ids[slot] = id;
        return id;
    }
}

package dev.modelmonitor.core.store;

import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.core.ModelMonitor;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The process {@link CrashTest} kills. Arguments: directory, mode, seed. Prints one line per acknowledged
 * fact, after the call that makes it true has returned:
 * <ul>
 *   <li>{@code every}: two threads log and resolve under EVERY_WRITE; {@code L id} once {@code log}
 *       returned (the logged prediction is on the device), {@code R id} once a {@code flush} that followed
 *       the resolve returned;</li>
 *   <li>{@code group}: one thread under GROUP_COMMIT; {@code L id} after {@code log} (not yet durable) and
 *       {@code D} after a {@code flush} returned (everything logged before it is durable);</li>
 *   <li>{@code hold}: opens the store, prints {@code READY} and waits to be killed.</li>
 * </ul>
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String mode = args[1];
        long seed = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        if (mode.equals("hold")) {
            try (FileStore store = FileStore.builder(dir).build()) {
                out.println("READY");
                System.in.read();
            }
            return;
        }
        FileStore.Durability durability = mode.equals("every") ? FileStore.Durability.EVERY_WRITE
                : FileStore.Durability.GROUP_COMMIT;
        ModelMonitor monitor = ModelMonitor.builder()
                .store(FileStore.builder(dir).durability(durability).maxSegmentBytes(64 * 1024).build()).build();
        out.println("READY");
        int threads = mode.equals("every") ? 2 : 1;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread w = new Thread(() -> work(monitor, out, mode, new SplittableRandom(seed * 31 + thread), thread));
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    private static void work(ModelMonitor monitor, PrintStream out, String mode, SplittableRandom random,
                             int thread) {
        ModelKey key = ModelKey.of("crash", "T" + thread);
        List<Long> resolved = new ArrayList<>();
        for (int i = 0; ; i++) {
            long id = monitor.log(key, Prediction.up(random.nextDouble(), 100.0, Duration.ofDays(1)));
            out.println("L " + id);
            if (mode.equals("every") && random.nextBoolean()) {
                monitor.resolve(id, Outcome.exitPrice(random.nextBoolean() ? 101.0 : 99.0));
                resolved.add(id);
            }
            if (i % 16 == 15) {
                monitor.flush();
                if (mode.equals("every")) {
                    for (long r : resolved) {
                        out.println("R " + r);
                    }
                    resolved.clear();
                } else {
                    out.println("D");
                }
            }
        }
    }
}

package dev.modelmonitor.examples;

import dev.modelmonitor.api.Direction;
import dev.modelmonitor.api.Ensemble;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.recalibration.CalibrationLoader;
import dev.modelmonitor.core.recalibration.RecalibrationTool;
import dev.modelmonitor.core.store.FileStore;
import dev.modelmonitor.core.testing.MutableClock;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Calibration-only learning end to end: the {@code recalibrate} tool on the trades of a simulated ensemble.
 *
 * <p>An ensemble of four models (xgb, lgbm, nhits, patchtst; weights 0.30/0.30/0.20/0.20) calls BTC/USDT
 * every five minutes for 40 hours. Its confidence is overconfident: a call made at confidence c wins with
 * probability 0.5 + 0.3 (c - 0.5). The components differ: lgbm is right 62% of the time, xgb 48%, the
 * other two 55%. Each call is logged with its ensemble data into a {@link ModelMonitor} on a
 * {@link FileStore} in {@code target/recalibration-demo/store} and resolved an hour later; the tool reads
 * that directory as it would a running host's (read-only, its default store opener).
 *
 * <p>Run the full cycle (check, run, approve, history, rollback, history) in
 * {@code target/recalibration-demo}: {@code mvn -q -Precalibrate -DskipTests package}. Run one verb on
 * the same simulated trades: {@code mvn -q -Precalibrate -DskipTests package -Dexec.args="check"} (the
 * config and store directories default to {@code target/recalibration-demo/config} and {@code .../store};
 * the store is simulated when missing).
 */
public final class RecalibrationDemo {

    static final ModelKey KEY = ModelKey.of("ensemble_v2", "BTC/USDT");
    static final Instant START = Instant.parse("2026-02-08T22:00:00Z");
    private static final String[] MODELS = {"xgb", "lgbm", "nhits", "patchtst"};
    private static final double[] PRECISION = {0.48, 0.62, 0.55, 0.55};
    private static final double[] WEIGHTS = {0.30, 0.30, 0.20, 0.20};
    private static final Duration STEP = Duration.ofMinutes(5);
    private static final int CALLS = 480;

    private RecalibrationDemo() {
    }

    /**
     * Runs the full cycle with no arguments, or the tool's command line on the simulated trades.
     *
     * @param args empty, or the tool's arguments
     */
    public static void main(String[] args) {
        Path base = Path.of("target", "recalibration-demo");
        if (args.length == 0) {
            fullCycle(base, System.out);
            return;
        }
        Path store = base.resolve("store");
        if (!Files.exists(store)) {
            simulatedStore(store);
        }
        int code = RecalibrationTool.builder().build().run(withDirectories(base.resolve("config"), store, args));
        if (code != RecalibrationTool.EXIT_OK) {
            System.exit(code);
        }
    }

    /**
     * One full cycle of the tool in a fresh directory.
     *
     * @param base the directory (emptied first)
     * @param out  where the transcript goes
     * @return the exit codes of the steps, in order
     */
    static List<Integer> fullCycle(Path base, PrintStream out) {
        deleteRecursively(base);
        Path config = base.resolve("config");
        Path store = simulatedStore(base.resolve("store"));
        MutableClock clock = MutableClock.of(START.plus(STEP.multipliedBy(CALLS)).plus(Duration.ofHours(2)));
        CalibrationLoader loader = CalibrationLoader.builder(config).clock(clock).build();
        List<Integer> codes = new ArrayList<>();
        codes.add(step(out, clock, store, config, "", "check"));
        codes.add(step(out, clock, store, config, "", "run"));
        String job = "cal_" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
                .withZone(java.time.ZoneOffset.UTC).format(clock.instant().minus(Duration.ofMinutes(1)));
        codes.add(step(out, clock, store, config, "y\n", "approve", job));
        loader.poll();
        out.printf(Locale.ROOT, "%n# the host's inference side (CalibrationLoader, after poll()):%n"
                + "#   calibrate(0.60) = %.3f, calibrate(0.80) = %.3f, weights() = %s%n",
                loader.calibrate(0.60), loader.calibrate(0.80), loader.weights());
        codes.add(step(out, clock, store, config, "", "history"));
        codes.add(step(out, clock, store, config, "", "rollback"));
        loader.poll();
        out.printf(Locale.ROOT, "%n# after the rollback: calibrate(0.80) = %.3f, weights() = %s%n",
                loader.calibrate(0.80), loader.weights());
        codes.add(step(out, clock, store, config, "", "history"));
        return codes;
    }

    private static int step(PrintStream out, MutableClock clock, Path store, Path config, String stdin,
                            String... args) {
        out.println();
        out.println("$ recalibrate --config " + config + " --store " + store + " " + String.join(" ", args)
                + (stdin.isEmpty() ? "" : "   (answering " + stdin.trim() + ")"));
        int code = RecalibrationTool.builder().clock(clock)
                .in(new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .out(out).err(out).build()
                .run(withDirectories(config, store, args));
        if (!stdin.isEmpty()) {
            out.println();
        }
        out.println("[exit " + code + "]");
        clock.advance(Duration.ofMinutes(1));
        return code;
    }

    private static String[] withDirectories(Path config, Path store, String... args) {
        List<String> all = new ArrayList<>(List.of("--config", config.toString(), "--store", store.toString()));
        all.addAll(Arrays.asList(args));
        return all.toArray(new String[0]);
    }

    /**
     * The simulated ensemble's resolved trades, logged and resolved through a monitor into a file store in
     * a directory (emptied first). The same every time (seeded).
     *
     * @param directory the store directory
     * @return the directory
     */
    static Path simulatedStore(Path directory) {
        deleteRecursively(directory);
        MutableClock clock = MutableClock.of(START);
        SplittableRandom rnd = new SplittableRandom(20260210);
        ModelMonitor monitor = ModelMonitor.builder().clock(clock)
                .store(FileStore.builder(directory).clock(clock).build()).build();
        long[] ids = new long[CALLS];
        double[] exits = new double[CALLS];
        for (int i = 0; i < CALLS; i++) {
            double confidence = 0.5 + 0.45 * rnd.nextDouble();
            boolean win = rnd.nextDouble() < 0.5 + 0.3 * (confidence - 0.5);
            boolean up = rnd.nextBoolean();
            double entry = 42_000.0;
            boolean rises = up == win;
            exits[i] = rises ? entry * 1.004 : entry * 0.996;
            Ensemble.Builder ensemble = Ensemble.builder();
            for (int m = 0; m < MODELS.length; m++) {
                boolean right = rnd.nextDouble() < PRECISION[m];
                Direction d = right == rises ? Direction.UP : Direction.DOWN;
                ensemble.call(MODELS[m], d, 0.5 + 0.4 * rnd.nextDouble()).weight(MODELS[m], WEIGHTS[m]);
            }
            Prediction.DirectionCall call = (up ? Prediction.up(confidence, entry, Duration.ofHours(1))
                    : Prediction.down(confidence, entry, Duration.ofHours(1))).withEnsemble(ensemble.build());
            ids[i] = monitor.log(KEY, call);
            if (i >= 12) {
                monitor.resolve(ids[i - 12], Outcome.exitPrice(exits[i - 12]));
            }
            clock.advance(STEP);
        }
        for (int i = CALLS - 12; i < CALLS; i++) {
            monitor.resolve(ids[i], Outcome.exitPrice(exits[i]));
        }
        monitor.close();
        return directory;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }
}

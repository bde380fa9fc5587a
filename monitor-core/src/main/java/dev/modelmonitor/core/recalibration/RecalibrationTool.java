package dev.modelmonitor.core.recalibration;

import dev.modelmonitor.api.Store;
import dev.modelmonitor.api.StoreException;
import dev.modelmonitor.core.store.FileStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command-line tool of calibration-only learning: {@code check}, {@code run [--force]},
 * {@code approve <job> [--yes]}, {@code rollback [version]} and {@code history} on a config directory and a
 * store directory (see {@link #usage()}; the format of each step's output is for people, the files are for
 * programs).
 *
 * <p>Exit status: {@value #EXIT_OK} on success, {@value #EXIT_FAILED} when the step failed or was refused
 * (not ready, blocked job, unknown job or version, cancelled approval, unreadable store, I/O error), always
 * with a one-line reason on stderr starting {@code error: }; {@value #EXIT_USAGE} for a usage error.
 *
 * <p>The store directory is a {@link FileStore}'s, opened read-only ({@link #READ_ONLY_FILE_STORE}): the
 * host that writes it may be running and holding its lock, and the tool neither waits for it nor writes to
 * it; it reads the resolved predictions up to the last complete line. A directory that holds no store, or
 * holds a corrupt line, fails the step with a one-line reason.
 *
 * <p>Testable in process: stdin, stdout, stderr, the clock and the {@link StoreOpener} (how a store
 * directory becomes a {@link Store}) are injected through {@link #builder()}. {@link #main(String[])} uses
 * the process's streams and {@link #READ_ONLY_FILE_STORE}.
 *
 * <p>Not thread-safe; one {@link #run(String...)} at a time.
 */
public final class RecalibrationTool {

    /** Success. */
    public static final int EXIT_OK = 0;
    /** The step failed or was refused; the reason is on stderr. */
    public static final int EXIT_FAILED = 1;
    /** The command line was wrong; the problem is on stderr. */
    public static final int EXIT_USAGE = 2;
    /** Default config directory, relative to the working directory. */
    public static final Path DEFAULT_CONFIG_DIRECTORY = Path.of("config");
    /** Default store directory, relative to the working directory: where the trading demo keeps its store. */
    public static final Path DEFAULT_STORE_DIRECTORY = Path.of("monitor-data", "store");
    /** The name the tool goes by in its messages and reports. */
    public static final String NAME = "recalibrate";

    /** Opens the store in a directory, to read resolved trades from. */
    @FunctionalInterface
    public interface StoreOpener {
        /**
         * @param directory the store directory
         * @return the store; the tool closes it after reading
         * @throws RuntimeException with a one-line message when the directory holds no readable store
         */
        Store open(Path directory);
    }

    /**
     * The default opener: a {@link FileStore} on the directory, {@link FileStore.OpenMode#READ_ONLY} (no
     * lock, no writes), so the tool can read the store of a host that is running.
     */
    public static final StoreOpener READ_ONLY_FILE_STORE = directory -> FileStore.builder(directory)
            .openMode(FileStore.OpenMode.READ_ONLY).build();

    private final StoreOpener opener;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    private RecalibrationTool(Builder b) {
        this.opener = b.opener;
        this.in = b.in;
        this.out = b.out;
        this.err = b.err;
        this.clock = b.clock;
    }

    /**
     * A builder with the process's streams, the system clock and {@link #READ_ONLY_FILE_STORE}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the tool and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(builder().build().run(args));
    }

    /**
     * The help text, with the defaults.
     *
     * @return the usage text
     */
    public static String usage() {
        return "Usage: " + NAME + " [options] <command> [arguments]\n"
                + "\n"
                + "Calibration-only learning: fit a confidence map and ensemble weight adjustments on resolved\n"
                + "trades, validate them, and deploy them only on explicit approval.\n"
                + "\n"
                + "Commands:\n"
                + "  check                  readiness gate: resolved trades against the minimum of "
                + SafetyPolicy.MIN_TRADES + "\n"
                + "  run [--force]          analyse, validate, write the report and create a job to approve;\n"
                + "                         --force skips the readiness gate (a dry run that cannot be approved)\n"
                + "  approve <job> [--yes]  deploy a pending job; asks for confirmation unless --yes\n"
                + "  rollback [version]     restore the config the active one replaced, or a named version\n"
                + "                         (\"" + CalibrationConfig.NONE_VERSION + "\": no calibration)\n"
                + "  history                every recorded step\n"
                + "\n"
                + "Options:\n"
                + "  --config <dir>  calibration config directory (default: " + DEFAULT_CONFIG_DIRECTORY + ")\n"
                + "  --store <dir>   monitor store directory the trades are read from (default: "
                + DEFAULT_STORE_DIRECTORY + ")\n"
                + "  --help          this text\n"
                + "\n"
                + "Exit status: 0 success, 1 failure or refusal (reason on stderr), 2 usage error.\n";
    }

    /**
     * Runs one command.
     *
     * @param args the command line
     * @return the exit status
     */
    public int run(String... args) {
        Path config = DEFAULT_CONFIG_DIRECTORY;
        Path storeDir = DEFAULT_STORE_DIRECTORY;
        boolean force = false;
        boolean yes = false;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help":
                case "-h":
                    out.print(usage());
                    return EXIT_OK;
                case "--config":
                case "--store":
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        return usageError(a + " needs a directory");
                    }
                    Path p = Path.of(args[++i]);
                    if (a.equals("--config")) {
                        config = p;
                    } else {
                        storeDir = p;
                    }
                    break;
                case "--force":
                    force = true;
                    break;
                case "--yes":
                case "-y":
                    yes = true;
                    break;
                default:
                    if (a.startsWith("-")) {
                        return usageError("unknown option '" + a + "'");
                    }
                    positional.add(a);
            }
        }
        if (positional.isEmpty()) {
            return usageError("no command given");
        }
        String command = positional.get(0);
        List<String> rest = positional.subList(1, positional.size());
        if (force && !command.equals("run")) {
            return usageError("--force applies to run only");
        }
        if (yes && !command.equals("approve")) {
            return usageError("--yes applies to approve only");
        }
        int maxArgs = command.equals("approve") || command.equals("rollback") ? 1 : 0;
        if (command.equals("approve") && rest.isEmpty()) {
            return usageError("approve needs a job id");
        }
        if (rest.size() > maxArgs) {
            return usageError("too many arguments for " + command + ": " + String.join(" ", rest));
        }
        final Path storeDirectory = storeDir;
        TradeSource source = () -> {
            try (Store store = opener.open(storeDirectory)) {
                return TradeSource.fromStore(store).trades();
            }
        };
        try {
            Recalibrator r = Recalibrator.builder(config, source).clock(clock).toolName(NAME).build();
            switch (command) {
                case "check":
                    return check(r);
                case "run":
                    return analyze(r, force);
                case "approve":
                    return approve(r, rest.get(0), yes);
                case "rollback":
                    return rollback(r, rest.isEmpty() ? null : rest.get(0));
                case "history":
                    return history(r);
                default:
                    return usageError("unknown command '" + command + "'");
            }
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | StoreException e) {
            return failed(e.getMessage());
        }
    }

    private int check(Recalibrator r) {
        Readiness readiness = r.readiness();
        out.println("READINESS CHECK");
        out.println("  Status: " + readiness.status());
        out.println("  Reason: " + readiness.reason());
        if (!readiness.ready()) {
            return failed("not ready: " + readiness.reason());
        }
        out.println("  Calibration authorized: run `" + NAME + " run`");
        return EXIT_OK;
    }

    private int analyze(Recalibrator r, boolean force) {
        CalibrationJob job = force ? r.analyzeForced() : r.analyze();
        if (job.status() == JobStatus.DRY_RUN) {
            out.println("FORCED: the readiness gate was skipped (" + job.readiness().reason()
                    + "); this job is a dry run and cannot be approved");
        }
        ConfidenceAnalysis c = job.confidence();
        out.println("CALIBRATION ANALYSIS COMPLETE");
        out.println("  Job ID:     " + job.id());
        out.println("  Status:     " + job.status());
        out.println("  Trades:     " + job.summary().trades() + " (win rate "
                + pct(job.summary().winRate()) + ")");
        out.println("  Confidence: " + (c.enabled() ? "calibration enabled" : "calibration disabled") + ", MSE "
                + f4(c.mseRaw()) + " -> " + f4(c.mseCalibrated()) + " out of sample ("
                + String.format(Locale.ROOT, "%+.1f%%", -c.improvement() * 100) + ")");
        out.println("  Weights:    " + (job.weights().hasWeights() ? job.weights().changes().size()
                + " models" + (job.weights().feasible() ? "" : ", no valid adjustment: " + job.weights().problem())
                : "none attached to the trades"));
        out.println("  Validation: " + (job.validationPassed() ? "PASSED" : "FAILED"));
        for (SafetyCheck ck : job.checks()) {
            out.println("    [" + (ck.passed() ? "PASS" : "FAIL") + "] " + ck.kind().title() + " (" + ck.level()
                    + "): " + ck.message());
        }
        out.println("  Risk:       " + CalibrationJob.percent(job.risk().score()) + " (" + job.risk().band() + ")");
        out.println("  Report:     " + job.markdownReport());
        out.println("  JSON:       " + job.jsonReport());
        if (job.status() == JobStatus.BLOCKED) {
            return failed(job.refusal());
        }
        if (job.status() == JobStatus.PENDING_APPROVAL) {
            out.println("NEXT STEPS:");
            out.println("  1. Review the report: cat " + job.markdownReport());
            out.println("  2. Approve: " + NAME + " approve " + job.id());
            out.println("  3. Monitor win rate, confidence alignment and drawdown for 24-48 hours");
            out.println("  4. Roll back if needed: " + NAME + " rollback");
        }
        return EXIT_OK;
    }

    private int approve(Recalibrator r, String jobId, boolean yes) {
        CalibrationJob job = r.job(jobId);
        out.println("APPROVAL OF " + job.id());
        out.println("  Created:    " + job.createdAt());
        out.println("  Status:     " + job.status());
        out.println("  Trades:     " + job.summary().trades() + " (win rate " + pct(job.summary().winRate()) + ")");
        out.println("  Confidence: " + (job.proposed().confidence().isIdentity() ? "calibration disabled"
                : "isotonic map, " + job.proposed().confidence().size() + " thresholds"));
        for (WeightChange ch : job.weights().changes()) {
            out.println("  Weight " + ch.model() + ": " + f3(ch.before()) + " -> " + f3(ch.after()) + " ("
                    + String.format(Locale.ROOT, "%+.1f%%", ch.relativeChange() * 100) + ")");
        }
        out.println("  Risk:       " + CalibrationJob.percent(job.risk().score()) + " (" + job.risk().band() + ")");
        out.println("  Replaces:   " + r.active().version());
        if (job.status() != JobStatus.PENDING_APPROVAL) {
            // let the recalibrator refuse it, so the refusal is recorded in the history
            r.approve(jobId);
        }
        if (!yes) {
            out.print("Deploy " + job.id() + "? [y/N] ");
            out.flush();
            String answer;
            try {
                answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                answer = null;
            }
            if (answer == null || !(answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
                out.println();
                return failed("approval cancelled: nothing deployed");
            }
        }
        Deployment d = r.approve(jobId);
        out.println("DEPLOYED " + d.active().version() + " (replaced " + d.replacedVersion() + ")");
        out.println("  Active:   " + d.activeFile());
        out.println("  Archived: " + d.archivedFile());
        out.println("  Roll back with: " + NAME + " rollback");
        return EXIT_OK;
    }

    private int rollback(Recalibrator r, String version) {
        Deployment d = version == null ? r.rollback() : r.rollback(version);
        out.println("ROLLED BACK to " + d.active().version() + " (was " + d.replacedVersion() + ")");
        out.println("  Active: " + d.activeFile());
        return EXIT_OK;
    }

    private int history(Recalibrator r) {
        List<HistoryEntry> entries = r.history();
        out.println("CALIBRATION HISTORY (" + entries.size() + " steps; active: " + r.active().version() + ")");
        for (HistoryEntry e : entries) {
            out.println("  " + e.at() + "  " + String.format(Locale.ROOT, "%-11s", e.action()) + " "
                    + (e.jobId().isEmpty() ? "" : "job " + e.jobId() + "  ") + "active " + e.version()
                    + (e.replacedVersion().isEmpty() ? "" : " (was " + e.replacedVersion() + ")") + "  " + e.detail());
        }
        return EXIT_OK;
    }

    private int failed(String reason) {
        err.println("error: " + ConfigFormat.oneLine(reason == null ? "unknown error" : reason));
        return EXIT_FAILED;
    }

    private int usageError(String problem) {
        err.println("error: " + problem + " (see " + NAME + " --help)");
        return EXIT_USAGE;
    }

    private static String pct(double f) {
        return Double.isNaN(f) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", f * 100);
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String f4(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** Builds a {@link RecalibrationTool}. Not thread-safe. */
    public static final class Builder {
        private StoreOpener opener = READ_ONLY_FILE_STORE;
        private InputStream in = System.in;
        private PrintStream out = System.out;
        private PrintStream err = System.err;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * @param opener how a store directory is opened; default {@link #READ_ONLY_FILE_STORE}
         * @return this builder
         */
        public Builder storeOpener(StoreOpener opener) {
            this.opener = require(opener, "opener");
            return this;
        }

        /**
         * @param in where confirmations are read from
         * @return this builder
         */
        public Builder in(InputStream in) {
            this.in = require(in, "in");
            return this;
        }

        /**
         * @param out where results go
         * @return this builder
         */
        public Builder out(PrintStream out) {
            this.out = require(out, "out");
            return this;
        }

        /**
         * @param err where the one-line failure reasons go
         * @return this builder
         */
        public Builder err(PrintStream err) {
            this.err = require(err, "err");
            return this;
        }

        /**
         * @param clock the time source for job ids and history
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = require(clock, "clock");
            return this;
        }

        /** @return the tool */
        public RecalibrationTool build() {
            return new RecalibrationTool(this);
        }

        private static <T> T require(T value, String field) {
            if (value == null) {
                throw new IllegalArgumentException(field + " must not be null");
            }
            return value;
        }
    }
}

package dev.modelmonitor.core.recalibration;

import dev.modelmonitor.api.ModelKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Calibration-only learning: improves decision quality without retraining by deploying a small,
 * reversible config (a confidence map and ensemble weights) that the host's inference path applies through
 * {@link CalibrationLoader}.
 *
 * <h2>Workflow</h2>
 * <ol>
 *   <li>{@link #readiness()}: READY with the count (e.g. 52/50) or NOT_READY with the reason
 *       ({@link SafetyPolicy#MIN_TRADES}).</li>
 *   <li>{@link #analyze()}: reads the trades, fits the isotonic confidence map and measures it out of
 *       sample, proposes ensemble weights, runs the five safety checks, scores the risk, writes the
 *       Markdown and JSON reports and returns a job (PENDING_APPROVAL, or BLOCKED). Refused when not READY;
 *       {@link #analyzeForced()} runs anyway and marks the job a DRY_RUN that cannot be approved.</li>
 *   <li>{@link #approve(String)}: the explicit approval; deploys a PENDING_APPROVAL job and refuses any
 *       other with a one-line reason. Nothing is deployed without it.</li>
 *   <li>{@link #rollback()} to the config the active one replaced, {@link #rollback(String)} to a named
 *       version (or {@value CalibrationConfig#NONE_VERSION}).</li>
 * </ol>
 * Every step is appended to {@code history.jsonl} ({@link #history()}).
 *
 * <h2>Files</h2>
 * In the config directory: {@code calibration.json} (active), {@code calibration_archive/} (every deployed
 * version and the backup it replaced), {@code jobs/<id>.json} (each job, also its JSON report),
 * {@code history.jsonl}; the Markdown reports go to the report directory (default
 * {@code <config>/reports}). Every write is a temporary file renamed atomically over its target, so a crash
 * leaves the previous file intact; stray temporary files are removed when a recalibrator is built.
 *
 * <h2>Concurrency and cost</h2>
 * Thread-safe: mutating calls are serialized in process and, across processes sharing a directory, by a
 * file lock on {@code <config>/.lock}. Use one recalibrator per directory in a JVM. An analysis is
 * O(trades x components); nothing here touches the monitor's hot path. Time comes from the injected clock.
 */
public final class Recalibrator {

    private static final Logger LOG = LoggerFactory.getLogger(Recalibrator.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final DateTimeFormatter JOB_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final Path configDir;
    private final Path reportDir;
    private final Path jobsDir;
    private final TradeSource source;
    private final Clock clock;
    private final String toolName;
    private final List<DeploymentListener> listeners;
    private final Deployer deployer;
    private final HistoryLog history;

    private Recalibrator(Builder b) {
        this.configDir = b.configDirectory;
        this.reportDir = b.reportDirectory != null ? b.reportDirectory : b.configDirectory.resolve("reports");
        this.jobsDir = configDir.resolve("jobs");
        this.source = b.source;
        this.clock = b.clock;
        this.toolName = b.toolName;
        this.listeners = List.copyOf(b.listeners);
        this.deployer = new Deployer(configDir, b.mover);
        this.history = new HistoryLog(configDir.resolve("history.jsonl"));
        try {
            Files.createDirectories(configDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create config directory " + configDir, e);
        }
        // under the lock: another process may be between a temporary write and its rename right now
        locked(() -> deployer.removeTemps(reportDir));
    }

    /**
     * A builder. Defaults: the system UTC clock, reports in {@code <configDirectory>/reports}, no listeners,
     * tool name {@value Builder#DEFAULT_TOOL_NAME} (used in the commands the reports print).
     *
     * @param configDirectory the config directory, created if missing
     * @param source          where the trades come from
     * @return the builder
     */
    public static Builder builder(Path configDirectory, TradeSource source) {
        return new Builder(configDirectory, source);
    }

    // ------------------------------------------------------------------ analysis

    /**
     * The readiness gate now. Reads the trades once.
     *
     * @return READY with the count, or NOT_READY with the reason
     */
    public Readiness readiness() {
        return Readiness.of(trades().size());
    }

    /**
     * Analyses the trades and creates a job, if the readiness gate is READY.
     *
     * @return the job: PENDING_APPROVAL or BLOCKED
     * @throws IllegalStateException with the gate's reason when NOT_READY
     */
    public CalibrationJob analyze() {
        return analyze(false);
    }

    /**
     * Analyses the trades whatever the readiness gate says. When the gate is NOT_READY the job is a DRY_RUN
     * (or BLOCKED) and can never be approved; when it is READY this is the same as {@link #analyze()}.
     *
     * @return the job
     */
    public CalibrationJob analyzeForced() {
        return analyze(true);
    }

    private CalibrationJob analyze(boolean forced) {
        List<Trade> trades = trades();
        Readiness readiness = Readiness.of(trades.size());
        if (!readiness.ready() && !forced) {
            throw new IllegalStateException("calibration not authorized: " + readiness.reason());
        }
        DataSummary summary = summarize(trades);
        ConfidenceAnalysis confidence = ConfidenceCalibrator.analyze(trades);
        WeightProposal weights = WeightProjector.propose(trades);
        List<SafetyCheck> checks = SafetyValidator.validate(summary, confidence, weights);
        RiskAssessment risk = RiskAssessment.of(checks);
        return locked(() -> {
            long now = clock.millis();
            String id = newJobId(now);
            Map<String, Double> proposedWeights = weights.hasWeights() && weights.feasible() ? weights.proposed()
                    : Map.of();
            CalibrationConfig proposed = new CalibrationConfig(id, now, confidence.deployedMap(), proposedWeights);
            CalibrationJob draft = new CalibrationJob(id, now, JobStatus.PENDING_APPROVAL, readiness, summary,
                    confidence, weights, checks, risk, proposed, reportDir.resolve("calibration_" + id + ".md"),
                    jobsDir.resolve(id + ".json"));
            JobStatus status = !draft.validationPassed() || risk.blocks() ? JobStatus.BLOCKED
                    : readiness.ready() ? JobStatus.PENDING_APPROVAL : JobStatus.DRY_RUN;
            CalibrationJob job = draft.withStatus(status);
            writeJob(job);
            history.append(new HistoryEntry(now, HistoryAction.ANALYZED, id, activeVersionOrUnreadable(), "",
                    "status " + status + ", risk " + CalibrationJob.percent(risk.score()) + " (" + risk.band()
                            + "), " + summary.trades() + " trades" + (forced && !readiness.ready()
                            ? ", forced past the readiness gate" : "")));
            return job;
        });
    }

    private List<Trade> trades() {
        List<Trade> t = source.trades();
        if (t == null) {
            throw new IllegalStateException("trade source returned null");
        }
        return t;
    }

    static DataSummary summarize(List<Trade> trades) {
        int wins = 0;
        int withEnsemble = 0;
        double sum = 0;
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        Set<ModelKey> keys = new HashSet<>();
        for (Trade t : trades) {
            wins += t.win() ? 1 : 0;
            withEnsemble += t.components().isEmpty() && t.weights().isEmpty() ? 0 : 1;
            sum += t.confidence();
            from = Math.min(from, t.resolvedAtMillis());
            to = Math.max(to, t.resolvedAtMillis());
            keys.add(t.key());
        }
        int n = trades.size();
        return new DataSummary(n, wins, n == 0 ? Double.NaN : sum / n, n == 0 ? 0 : from, n == 0 ? 0 : to,
                keys.size(), withEnsemble);
    }

    private String newJobId(long now) {
        String base = "cal_" + JOB_TIME.format(java.time.Instant.ofEpochMilli(now));
        String id = base;
        for (int i = 2; Files.exists(jobsDir.resolve(id + ".json")); i++) {
            id = base + "_" + i;
        }
        return id;
    }

    private void writeJob(CalibrationJob job) {
        deployer.writeAtomically(job.markdownReport(),
                ReportWriter.markdown(job, toolName).getBytes(StandardCharsets.UTF_8));
        deployer.writeAtomically(job.jsonReport(), JobFormat.write(job, toolName));
    }

    /**
     * Reads a job back from its file.
     *
     * @param jobId the job id
     * @return the job
     * @throws IllegalArgumentException when there is no such job or its file is malformed
     */
    public CalibrationJob job(String jobId) {
        Path file = jobFile(jobId);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("unknown job '" + jobId + "': no " + file);
        }
        try {
            return JobFormat.read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is malformed: " + e.getMessage(), e);
        }
    }

    private Path jobFile(String jobId) {
        if (jobId == null || !ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("jobId must match [A-Za-z0-9_.-]+, was "
                    + (jobId == null ? "null" : "'" + jobId + "'"));
        }
        return jobsDir.resolve(jobId + ".json");
    }

    // ------------------------------------------------------------------ deployment

    /**
     * Deploys a PENDING_APPROVAL job: archives its config and a backup of the active one, then atomically
     * replaces the active config, records the step and tells the listeners.
     *
     * @param jobId the job id
     * @return what is now active
     * @throws IllegalArgumentException for an unknown job
     * @throws IllegalStateException    for a BLOCKED, DRY_RUN or already DEPLOYED job (the reason in one line)
     * @throws UncheckedIOException     when a file cannot be written (the active config is unchanged)
     */
    public Deployment approve(String jobId) {
        return locked(() -> {
            CalibrationJob job = job(jobId);
            long now = clock.millis();
            CalibrationConfig active = readActiveForReplace();
            if (job.status() == JobStatus.PENDING_APPROVAL && active.version().equals(job.id())) {
                // deployed before a crash kept the job file from being updated: finish the bookkeeping
                writeJob(job.withStatus(JobStatus.DEPLOYED));
                return new Deployment(HistoryAction.DEPLOYED, active, active.version(), deployer.activeFile(),
                        deployer.deployedFile(job.id()));
            }
            if (job.status() != JobStatus.PENDING_APPROVAL) {
                refuse(now, job.id(), active.version(), job.refusal());
            }
            CalibrationConfig config = job.proposed();
            byte[] bytes = ConfigFormat.write(config);
            byte[] backup = deployer.activeBytes();
            String replaced = active.version();
            try {
                deployer.writeAtomically(deployer.deployedFile(config.version()), bytes);
                Path backupFile = deployer.backupFile(config.version());
                if (!Files.exists(backupFile)) {
                    deployer.writeAtomically(backupFile, backup != null ? backup
                            : ConfigFormat.write(CalibrationConfig.none()));
                }
                deployer.writeAtomically(deployer.activeFile(), bytes);
            } catch (UncheckedIOException e) {
                refuse(now, job.id(), replaced, "deployment failed, " + replaced + " stays active: " + e.getMessage());
            }
            history.append(new HistoryEntry(now, HistoryAction.DEPLOYED, job.id(), config.version(), replaced,
                    "risk " + CalibrationJob.percent(job.risk().score()) + " (" + job.risk().band() + "), confidence "
                            + "calibration " + (config.confidence().isIdentity() ? "disabled" : "enabled") + ", "
                            + config.weights().size() + " weights"));
            writeJob(job.withStatus(JobStatus.DEPLOYED));
            notifyListeners(config);
            return new Deployment(HistoryAction.DEPLOYED, config, replaced, deployer.activeFile(),
                    deployer.deployedFile(config.version()));
        });
    }

    /**
     * Restores the config the active one replaced when it was deployed (its archived backup).
     *
     * @return what is now active
     * @throws IllegalStateException when no calibration is active or no backup exists
     */
    public Deployment rollback() {
        return locked(() -> {
            long now = clock.millis();
            CalibrationConfig active = readActiveForReplace();
            if (active.isNone()) {
                refuse(now, "", active.version(), "nothing to roll back: no calibration is active");
            }
            Path backup = deployer.backupFile(active.version());
            if (!Files.exists(backup)) {
                refuse(now, "", active.version(), "no backup of what " + active.version() + " replaced: " + backup
                        + " is missing");
            }
            return restore(now, active, backup);
        });
    }

    /**
     * Makes a named version active again: any version ever deployed, or {@value CalibrationConfig#NONE_VERSION}
     * for no calibration.
     *
     * @param version the version
     * @return what is now active
     * @throws IllegalArgumentException for a version never deployed
     * @throws IllegalStateException    when that version is already active
     */
    public Deployment rollback(String version) {
        if (version == null || !ID.matcher(version).matches()) {
            throw new IllegalArgumentException("version must match [A-Za-z0-9_.-]+, was "
                    + (version == null ? "null" : "'" + version + "'"));
        }
        return locked(() -> {
            long now = clock.millis();
            CalibrationConfig active = readActiveForReplace();
            if (active.version().equals(version)) {
                refuse(now, "", active.version(), "version " + version + " is already active");
            }
            if (CalibrationConfig.NONE_VERSION.equals(version)) {
                return restore(now, active, null);
            }
            Path file = deployer.deployedFile(version);
            if (!Files.exists(file)) {
                List<String> known = deployer.versions();
                String msg = "unknown version '" + version + "'; deployed versions: "
                        + (known.isEmpty() ? "none yet" : String.join(", ", known));
                history.append(new HistoryEntry(now, HistoryAction.REFUSED, "", active.version(), "", msg));
                throw new IllegalArgumentException(msg);
            }
            return restore(now, active, file);
        });
    }

    private Deployment restore(long now, CalibrationConfig active, Path file) {
        CalibrationConfig target = file == null ? CalibrationConfig.none() : deployer.readArchived(file);
        // the archived bytes are restored as they are: format round trips give identical bytes anyway
        byte[] bytes = ConfigFormat.write(target);
        try {
            deployer.writeAtomically(deployer.activeFile(), bytes);
        } catch (UncheckedIOException e) {
            refuse(now, "", active.version(), "rollback failed, " + active.version() + " stays active: "
                    + e.getMessage());
        }
        history.append(new HistoryEntry(now, HistoryAction.ROLLED_BACK, "", target.version(), active.version(),
                "restored " + (file == null ? "no calibration" : file.getFileName().toString())));
        notifyListeners(target);
        return new Deployment(HistoryAction.ROLLED_BACK, target, active.version(), deployer.activeFile(),
                file == null ? deployer.activeFile() : file);
    }

    private CalibrationConfig readActiveForReplace() {
        try {
            return deployer.readActive();
        } catch (IllegalArgumentException e) {
            // a corrupt active file must not stop an operator from replacing it
            LOG.error("active calibration config is unreadable; it will be kept as a backup if replaced: {}",
                    e.getMessage());
            return new CalibrationConfig("unreadable", 0L, ConfidenceMap.IDENTITY, Map.of());
        }
    }

    private String activeVersionOrUnreadable() {
        return readActiveForReplace().version();
    }

    private void refuse(long now, String jobId, String activeVersion, String reason) {
        history.append(new HistoryEntry(now, HistoryAction.REFUSED, jobId, activeVersion, "", reason));
        throw new IllegalStateException(reason);
    }

    private void notifyListeners(CalibrationConfig config) {
        for (DeploymentListener l : listeners) {
            try {
                l.activated(config);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                LOG.error("deployment listener {} failed on version {}; the others are still told", l,
                        config.version(), t);
            }
        }
    }

    // ------------------------------------------------------------------ reads

    /**
     * The active config.
     *
     * @return the config in {@code calibration.json}; {@link CalibrationConfig#none()} when there is none
     * @throws IllegalArgumentException when the active file is malformed
     */
    public CalibrationConfig active() {
        return deployer.readActive();
    }

    /** @return the versions ever deployed, oldest first */
    public List<String> versions() {
        return deployer.versions();
    }

    /** @return every recorded step, oldest first (malformed lines skipped) */
    public List<HistoryEntry> history() {
        return history.read();
    }

    /** @return the active config file, {@code <config>/calibration.json} */
    public Path activeFile() {
        return deployer.activeFile();
    }

    /** @return the config directory */
    public Path configDirectory() {
        return configDir;
    }

    private synchronized <T> T locked(Supplier<T> action) {
        Path lockFile = configDir.resolve(".lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = ch.lock();
            try {
                return action.get();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }

    /**
     * Builds a {@link Recalibrator}. Setters validate at once. Not thread-safe.
     */
    public static final class Builder {
        /** The tool name the reports use in their commands. */
        public static final String DEFAULT_TOOL_NAME = "recalibrate";

        private final Path configDirectory;
        private final TradeSource source;
        private Path reportDirectory;
        private Clock clock = Clock.systemUTC();
        private String toolName = DEFAULT_TOOL_NAME;
        private final List<DeploymentListener> listeners = new ArrayList<>();
        private Deployer.Mover mover = Deployer.ATOMIC;

        private Builder(Path configDirectory, TradeSource source) {
            if (configDirectory == null) {
                throw new IllegalArgumentException("configDirectory must not be null");
            }
            if (source == null) {
                throw new IllegalArgumentException("source must not be null");
            }
            this.configDirectory = configDirectory;
            this.source = source;
        }

        /**
         * @param reportDirectory where the Markdown reports go, created if missing
         * @return this builder
         */
        public Builder reportDirectory(Path reportDirectory) {
            if (reportDirectory == null) {
                throw new IllegalArgumentException("reportDirectory must not be null");
            }
            this.reportDirectory = reportDirectory;
            return this;
        }

        /**
         * @param clock the time source for job ids and history
         * @return this builder
         */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            this.clock = clock;
            return this;
        }

        /**
         * @param toolName how the reports name the command-line tool, not blank
         * @return this builder
         */
        public Builder toolName(String toolName) {
            if (toolName == null || toolName.isBlank()) {
                throw new IllegalArgumentException("toolName must not be blank, was "
                        + (toolName == null ? "null" : "'" + toolName + "'"));
            }
            this.toolName = toolName;
            return this;
        }

        /**
         * Adds a listener told of every activation (a {@link CalibrationLoader} in the same process).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder addListener(DeploymentListener listener) {
            if (listener == null) {
                throw new IllegalArgumentException("listener must not be null");
            }
            listeners.add(listener);
            return this;
        }

        Builder mover(Deployer.Mover mover) {
            this.mover = mover;
            return this;
        }

        /**
         * @return the recalibrator; creates the config directory and removes temporary files a crash left
         * @throws UncheckedIOException when the directory cannot be created or cleaned
         */
        public Recalibrator build() {
            return new Recalibrator(this);
        }
    }
}

package dev.modelmonitor.core.recalibration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's inference side of calibration-only learning: applies the active config's confidence map and
 * hands out its ensemble weights.
 *
 * <pre>{@code
 * CalibrationLoader loader = CalibrationLoader.builder(Path.of("config")).build();
 * // inference thread, per prediction:
 * double confidence = loader.calibrate(rawConfidence);
 * double xgbWeight = loader.weight("xgb", defaultWeight);
 * // a timer thread, every few seconds (or pollIfDue() from any thread):
 * loader.poll();
 * }</pre>
 *
 * <h2>Hot path</h2>
 * {@link #calibrate(double)}, {@link #weights()} and {@link #weight(String, double)} read one volatile
 * reference to an immutable {@link CalibrationConfig}: no lock, no allocation; {@code calibrate} is a binary
 * search over the map's thresholds. They never throw: NaN gives NaN, and with no calibration active
 * {@code calibrate} returns its argument and {@code weights()} is empty.
 *
 * <h2>Reloading</h2>
 * In process, register the loader with {@link Recalibrator.Builder#addListener}: it switches the moment a
 * deployment or rollback lands. For a recalibration run by another process, {@link #poll()} checks the
 * active file's modification time, size and file key (an atomic rename makes a new file) and reloads when
 * they change; {@link #pollIfDue()} does so at most once per poll interval of the injected clock. A file
 * that is missing or malformed is logged (once per distinct file) and counted in {@link #failures()}, and
 * the last good config keeps serving: an error never reaches the inference path.
 *
 * <p>Thread-safe: any thread may read; polls and listener calls are serialized among themselves.
 */
public final class CalibrationLoader implements DeploymentListener {

    /** Default minimum time between two file checks by {@link #pollIfDue()}: 5 seconds. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(CalibrationLoader.class);

    private final Path file;
    private final Clock clock;
    private final long pollIntervalMillis;
    private volatile CalibrationConfig current = CalibrationConfig.none();
    private final AtomicLong nextPollAtMillis = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong reloads = new AtomicLong();

    // guarded by this
    private Signature seen;
    private Signature failedOn;
    private boolean reportedAbsent;
    private volatile String lastError = "";

    /** What identifies one version of the file on disk. */
    private record Signature(long modifiedMillis, long size, Object fileKey) {
    }

    private CalibrationLoader(Builder b) {
        this.file = b.configDirectory.resolve(Deployer.ACTIVE);
        this.clock = b.clock;
        this.pollIntervalMillis = b.pollInterval.toMillis();
        poll();
    }

    /**
     * A builder reading {@code <configDirectory>/calibration.json}.
     *
     * @param configDirectory the config directory the recalibrator deploys into
     * @return the builder
     */
    public static Builder builder(Path configDirectory) {
        return new Builder(configDirectory);
    }

    // ------------------------------------------------------------------ hot path

    /**
     * The calibrated confidence. Lock-free, allocation-free, never throws.
     *
     * @param confidence the model's raw confidence
     * @return the active map applied to it; the argument itself when calibration is disabled; NaN for NaN
     */
    public double calibrate(double confidence) {
        return current.confidence().apply(confidence);
    }

    /**
     * The active ensemble weights. Lock-free; returns the config's own unmodifiable map, no copy.
     *
     * @return weights by model, sorted by name; empty when none are deployed
     */
    public Map<String, Double> weights() {
        return current.weights();
    }

    /**
     * One model's active weight. Lock-free; never throws.
     *
     * @param model    the model's name
     * @param fallback what to return when no weight is deployed for it
     * @return the weight or the fallback
     */
    public double weight(String model, double fallback) {
        Double w = current.weights().get(model);
        return w == null ? fallback : w;
    }

    /** @return the config being served */
    public CalibrationConfig config() {
        return current;
    }

    // ------------------------------------------------------------------ reloading

    /**
     * Switches to a config deployed in this process (the {@link Recalibrator} calls this).
     *
     * @param active the config now in the active file, not null
     */
    @Override
    public synchronized void activated(CalibrationConfig active) {
        Objects.requireNonNull(active, "active");
        current = active;
        reloads.incrementAndGet();
        seen = signature();
        LOG.info("calibration version {} active (told in process)", active.version());
    }

    /**
     * Checks the active file now and reloads it if it changed. Never throws: a missing or malformed file
     * is logged and counted and the current config stays.
     *
     * @return true when a new config was loaded
     */
    public synchronized boolean poll() {
        nextPollAtMillis.set(clock.millis() + pollIntervalMillis);
        Signature sig = signature();
        if (sig == null) {
            if (seen != null) {
                fail(null, "missing", "calibration file " + file + " is missing; keeping version " + current.version());
            } else if (!reportedAbsent) {
                reportedAbsent = true;
                LOG.info("no calibration file at {}; serving version {}", file, current.version());
            }
            seen = null;
            return false;
        }
        if (sig.equals(seen) || sig.equals(failedOn)) {
            return false;
        }
        try {
            CalibrationConfig loaded = ConfigFormat.read(Files.readAllBytes(file));
            current = loaded;
            seen = sig;
            failedOn = null;
            lastError = "";
            reloads.incrementAndGet();
            LOG.info("calibration version {} loaded from {}", loaded.version(), file);
            return true;
        } catch (IOException | RuntimeException e) {
            fail(sig, e.getMessage(), "calibration file " + file + " is unreadable (" + e.getMessage()
                    + "); keeping version " + current.version());
            return false;
        }
    }

    /**
     * {@link #poll()} if the poll interval has passed on the clock since the last check; otherwise a clock
     * read and a compare.
     *
     * @return true when a new config was loaded
     */
    public boolean pollIfDue() {
        if (clock.millis() < nextPollAtMillis.get()) {
            return false;
        }
        return poll();
    }

    /**
     * @return how many times the file was found malformed (each distinct file once) or gone after having
     *         been loaded; a file that was never there does not count
     */
    public long failures() {
        return failures.get();
    }

    /** @return how many configs were loaded or activated, including the first */
    public long reloads() {
        return reloads.get();
    }

    /** @return the last load error, or an empty string when the last load succeeded */
    public String lastError() {
        return lastError;
    }

    /** @return the file this loader watches */
    public Path file() {
        return file;
    }

    private void fail(Signature sig, String error, String message) {
        failedOn = sig;
        failures.incrementAndGet();
        lastError = error == null ? "unknown error" : error;
        LOG.error(message);
    }

    private Signature signature() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Signature(a.lastModifiedTime().toMillis(), a.size(), a.fileKey());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Builds a {@link CalibrationLoader}. Not thread-safe. */
    public static final class Builder {
        private final Path configDirectory;
        private Clock clock = Clock.systemUTC();
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;

        private Builder(Path configDirectory) {
            if (configDirectory == null) {
                throw new IllegalArgumentException("configDirectory must not be null");
            }
            this.configDirectory = configDirectory;
        }

        /**
         * @param clock the clock {@link #pollIfDue()} reads
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
         * @param pollInterval the least time between two checks by {@link #pollIfDue()}, not negative
         * @return this builder
         */
        public Builder pollInterval(Duration pollInterval) {
            if (pollInterval == null) {
                throw new IllegalArgumentException("pollInterval must not be null");
            }
            if (pollInterval.isNegative()) {
                throw new IllegalArgumentException("pollInterval must not be negative, was " + pollInterval);
            }
            this.pollInterval = pollInterval;
            return this;
        }

        /**
         * Builds the loader and reads the active file once (none yet, or malformed: it serves no calibration
         * and logs why).
         *
         * @return the loader
         */
        public CalibrationLoader build() {
            return new CalibrationLoader(this);
        }
    }
}

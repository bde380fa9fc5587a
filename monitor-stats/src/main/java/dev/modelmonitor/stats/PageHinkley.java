package dev.modelmonitor.stats;

/**
 * The Page-Hinkley test (E. S. Page, "Continuous inspection schemes", Biometrika 41, 1954) for a change
 * in the mean of a stream, with the conventions and defaults of River's {@code drift.PageHinkley}.
 *
 * <p><b>Update rule</b> (River's, for the increasing direction; the decreasing one mirrors it): with
 * {@code n} counting from 1, {@code mean += (x - mean) / n} (the plain mean of every value since the last
 * reset), then
 * <pre>
 *   sumUp   = max(0, alpha * sumUp   + (x - mean - delta))
 *   sumDown = max(0, alpha * sumDown + (mean - x - delta))
 * </pre>
 * {@code n} is incremented, and once {@code n >= minInstances} the test signals when the sum of the
 * watched {@link Direction} reaches {@code threshold}. After a signal the detector restarts from the empty
 * state (as River does on its next update). Alpha is a fading factor: alpha = 1 is the classic test.
 * Agrees with a transcription of River's update rule to 1e-9 relative (reference vectors in the tests).
 *
 * <p><b>Defaults</b> (River's): minInstances = 30, delta = 0.005, threshold = 50, alpha = 1 - 0.0001.
 * The threshold is in the units of x: on 0/1 outcomes, a drop of the success rate by d makes
 * {@code sumDown} grow by about {@code d - delta} per update, so the default threshold needs about
 * {@code 50 / (d - delta)} updates to signal.
 *
 * <p><b>Published figures</b> (see {@code DETECTORS.md}; seeded simulation, seed 20240601, 2000
 * replicates, runs capped at 20,000 updates) on 0/1 outcomes, defaults, direction DECREASE: in control at
 * 0.62, 36% of the replicates alarmed within 20,000 updates (capped mean run length 16,391); for a shift
 * 0.62 -&gt; 0.52 after 1000 in-control updates the mean detection delay is 604 updates (median 550). It is
 * a slow detector for small shifts in proportions at these defaults; lower the threshold for faster
 * detection, at the price of more false alarms.
 *
 * <p><b>Input and cost.</b> Values must be finite (NaN and infinities are rejected). {@link #update(double)}
 * is O(1) and allocation-free. Not thread-safe: one instance per stream.
 */
public final class PageHinkley {

    /** River's default minimum number of values before a signal is possible. */
    public static final int DEFAULT_MIN_INSTANCES = 30;
    /** River's default magnitude of changes that are tolerated. */
    public static final double DEFAULT_DELTA = 0.005;
    /** River's default detection threshold (lambda). */
    public static final double DEFAULT_THRESHOLD = 50.0;
    /** River's default fading factor. */
    public static final double DEFAULT_ALPHA = 1 - 0.0001;

    /** Which change of the mean the test watches. */
    public enum Direction {
        /** Signal when the mean goes up (River's only direction). */
        INCREASE,
        /** Signal when the mean goes down (for example a drop of accuracy on 0/1 outcomes). */
        DECREASE,
        /** Signal on a change either way. */
        BOTH
    }

    private final int minInstances;
    private final double delta;
    private final double threshold;
    private final double alpha;
    private final Direction direction;

    private long n = 1;
    private double mean;
    private double sumUp;
    private double sumDown;
    private long alarms;

    /**
     * A detector with River's defaults watching the given direction.
     *
     * @param direction the change to watch
     */
    public PageHinkley(Direction direction) {
        this(DEFAULT_MIN_INSTANCES, DEFAULT_DELTA, DEFAULT_THRESHOLD, DEFAULT_ALPHA, direction);
    }

    /**
     * A detector with explicit parameters.
     *
     * @param minInstances values needed before a signal is possible, &gt;= 1
     * @param delta        tolerated magnitude of change, &gt;= 0 and finite
     * @param threshold    the detection threshold, &gt; 0 and finite
     * @param alpha        the fading factor, in (0, 1]
     * @param direction    the change to watch, not null
     * @throws IllegalArgumentException on parameters out of range
     */
    public PageHinkley(int minInstances, double delta, double threshold, double alpha, Direction direction) {
        if (minInstances < 1) {
            throw new IllegalArgumentException("minInstances must be >= 1, was " + minInstances);
        }
        if (!(delta >= 0.0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("delta must be >= 0 and finite, was " + delta);
        }
        if (!(threshold > 0.0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be positive and finite, was " + threshold);
        }
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
        }
        if (direction == null) {
            throw new IllegalArgumentException("direction must not be null");
        }
        this.minInstances = minInstances;
        this.delta = delta;
        this.threshold = threshold;
        this.alpha = alpha;
        this.direction = direction;
    }

    /**
     * Rebuilds a detector in the exact state of a snapshot.
     *
     * @param snapshot a snapshot from {@link #snapshot()}
     * @return a new detector
     */
    public static PageHinkley fromSnapshot(Snapshot snapshot) {
        if (snapshot == null) {
            throw new IllegalArgumentException("snapshot must not be null");
        }
        PageHinkley ph = new PageHinkley(snapshot.minInstances(), snapshot.delta(), snapshot.threshold(),
                snapshot.alpha(), snapshot.direction());
        ph.restore(snapshot);
        return ph;
    }

    /**
     * Adds one value.
     *
     * @param x a finite value
     * @return true when a change is signalled on this update (the detector then restarts)
     * @throws IllegalArgumentException if x is NaN or infinite
     */
    public boolean update(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be finite, was " + x);
        }
        mean += (x - mean) / n;
        sumUp = Math.max(0.0, alpha * sumUp + (x - mean - delta));
        sumDown = Math.max(0.0, alpha * sumDown + (mean - x - delta));
        n++;
        if (n >= minInstances) {
            boolean up = direction != Direction.DECREASE && sumUp >= threshold;
            boolean down = direction != Direction.INCREASE && sumDown >= threshold;
            if (up || down) {
                alarms++;
                restart();
                return true;
            }
        }
        return false;
    }

    /**
     * Adds one 0/1 outcome, as {@code update(success ? 1 : 0)}.
     *
     * @param success the outcome
     * @return true when a change is signalled on this update
     */
    public boolean update(boolean success) {
        return update(success ? 1.0 : 0.0);
    }

    private void restart() {
        n = 1;
        mean = 0.0;
        sumUp = 0.0;
        sumDown = 0.0;
    }

    /** Restarts from the empty state and clears the alarm counter. */
    public void reset() {
        restart();
        alarms = 0;
    }

    /** @return the number of values since the last signal or reset */
    public long count() {
        return n - 1;
    }

    /** @return the mean of the values since the last signal or reset; 0 when there are none (River's) */
    public double mean() {
        return mean;
    }

    /** @return the cumulative sum watching an increase */
    public double increaseStatistic() {
        return sumUp;
    }

    /** @return the cumulative sum watching a decrease */
    public double decreaseStatistic() {
        return sumDown;
    }

    /** @return the number of signals since creation or the last {@link #reset()} */
    public long alarms() {
        return alarms;
    }

    /** @return the watched direction */
    public Direction direction() {
        return direction;
    }

    /** @return an immutable copy of the full state */
    public Snapshot snapshot() {
        return new Snapshot(minInstances, delta, threshold, alpha, direction, n - 1, mean, sumUp, sumDown, alarms);
    }

    /**
     * Puts this detector into the state of a snapshot taken with the same parameters.
     *
     * @param snapshot the state to restore
     * @throws IllegalArgumentException if the snapshot's parameters differ from this detector's
     */
    public void restore(Snapshot snapshot) {
        if (snapshot == null) {
            throw new IllegalArgumentException("snapshot must not be null");
        }
        if (snapshot.minInstances() != minInstances || snapshot.delta() != delta
                || snapshot.threshold() != threshold || snapshot.alpha() != alpha
                || snapshot.direction() != direction) {
            throw new IllegalArgumentException("snapshot parameters must match this detector's, was " + snapshot);
        }
        n = snapshot.count() + 1;
        mean = snapshot.mean();
        sumUp = snapshot.increaseStatistic();
        sumDown = snapshot.decreaseStatistic();
        alarms = snapshot.alarms();
    }

    @Override
    public String toString() {
        return "PageHinkley[" + direction + ", threshold=" + threshold + ", count=" + count() + ", up=" + sumUp
                + ", down=" + sumDown + "]";
    }

    /**
     * The complete state of a {@link PageHinkley} detector.
     *
     * @param minInstances      values needed before a signal, &gt;= 1
     * @param delta             tolerated change, &gt;= 0
     * @param threshold         detection threshold, &gt; 0
     * @param alpha             fading factor, in (0, 1]
     * @param direction         watched direction
     * @param count             values since the last signal or reset, &gt;= 0
     * @param mean              their mean, finite
     * @param increaseStatistic the sum watching an increase, &gt;= 0
     * @param decreaseStatistic the sum watching a decrease, &gt;= 0
     * @param alarms            signals so far, &gt;= 0
     */
    public record Snapshot(int minInstances, double delta, double threshold, double alpha, Direction direction,
                           long count, double mean, double increaseStatistic, double decreaseStatistic,
                           long alarms) {

        /**
         * Validates every field.
         *
         * @param minInstances      values needed before a signal, &gt;= 1
         * @param delta             tolerated change, &gt;= 0
         * @param threshold         detection threshold, &gt; 0
         * @param alpha             fading factor, in (0, 1]
         * @param direction         watched direction
         * @param count             values since the last signal or reset, &gt;= 0
         * @param mean              their mean, finite
         * @param increaseStatistic the sum watching an increase, &gt;= 0
         * @param decreaseStatistic the sum watching a decrease, &gt;= 0
         * @param alarms            signals so far, &gt;= 0
         */
        public Snapshot {
            new PageHinkley(minInstances, delta, threshold, alpha, direction);
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0, was " + count);
            }
            if (!Double.isFinite(mean)) {
                throw new IllegalArgumentException("mean must be finite, was " + mean);
            }
            if (!(increaseStatistic >= 0.0) || Double.isInfinite(increaseStatistic)) {
                throw new IllegalArgumentException("increaseStatistic must be >= 0 and finite, was "
                        + increaseStatistic);
            }
            if (!(decreaseStatistic >= 0.0) || Double.isInfinite(decreaseStatistic)) {
                throw new IllegalArgumentException("decreaseStatistic must be >= 0 and finite, was "
                        + decreaseStatistic);
            }
            if (alarms < 0) {
                throw new IllegalArgumentException("alarms must be >= 0, was " + alarms);
            }
        }
    }
}

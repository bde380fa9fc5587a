package dev.modelmonitor.api;

import java.time.Duration;

/**
 * The rules that turn rolling accuracy into a {@link DriftLevel}. Defaults are the seed's.
 *
 * <p>For each rolling window the drop is {@code baseline accuracy - window accuracy}, in absolute points:
 * WARNING at {@code drop >= warningDrop}, CRITICAL at {@code drop >= criticalDrop}, RETRAIN when the
 * window accuracy is below {@code randomBaseline}. Boundaries are inclusive and compared with a tolerance
 * of 1e-9 so that 0.65 - 0.60 counts as a drop of 0.05. No verdict is given below {@code minPredictions}
 * resolved predictions. Each window also carries a one-sided one-proportion z-test (H0: accuracy &gt;=
 * baseline) at level {@code alpha}; with {@code requireSignificance} WARNING and CRITICAL are raised only
 * when that test rejects H0, and RETRAIN only when the accuracy is also significantly below the random
 * baseline (same one-sided test against {@code randomBaseline}).
 *
 * @param warningDrop         drop that raises WARNING, in (0, 1); default 0.05
 * @param criticalDrop        drop that raises CRITICAL, in (0, 1) and &gt;= warningDrop; default 0.10
 * @param randomBaseline      accuracy below which the model is no better than chance, in (0, 1); default 0.50
 * @param minPredictions      resolved predictions needed before any verdict, in [1, longWindow]; default 50
 * @param shortWindow         the short rolling window, &gt;= 1; default 50
 * @param mediumWindow        the medium window, &gt; shortWindow; default 100
 * @param longWindow          the long window, &gt; mediumWindow and &lt;= {@value #MAX_WINDOW}; default 200
 * @param alpha               significance level of the z-test, in (0, 1); default 0.05
 * @param checkInterval       how often scheduled checks run, positive; default 30 minutes
 * @param requireSignificance raise WARNING/CRITICAL/RETRAIN only when significant; default false
 */
public record DriftThresholds(double warningDrop, double criticalDrop, double randomBaseline, int minPredictions,
                              int shortWindow, int mediumWindow, int longWindow, double alpha,
                              Duration checkInterval, boolean requireSignificance) {

    /** Default warning drop: 5 points. */
    public static final double DEFAULT_WARNING_DROP = 0.05;
    /** Default critical drop: 10 points. */
    public static final double DEFAULT_CRITICAL_DROP = 0.10;
    /** Default random baseline: a coin flip. */
    public static final double DEFAULT_RANDOM_BASELINE = 0.50;
    /** Default minimum resolved predictions before a verdict. */
    public static final int DEFAULT_MIN_PREDICTIONS = 50;
    /** Default short window. */
    public static final int DEFAULT_SHORT_WINDOW = 50;
    /** Default medium window. */
    public static final int DEFAULT_MEDIUM_WINDOW = 100;
    /** Default long window. */
    public static final int DEFAULT_LONG_WINDOW = 200;
    /** Default significance level. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** Default interval between scheduled checks. */
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMinutes(30);
    /** The largest window allowed: windows are kept as bitsets of this many bits per key at most. */
    public static final int MAX_WINDOW = 1 << 16;

    private static final DriftThresholds DEFAULTS = new Builder().build();

    /**
     * Validates each field and the rules across fields.
     *
     * @throws IllegalArgumentException naming the field, the rule and the value
     */
    public DriftThresholds {
        checkUnitOpen(warningDrop, "warningDrop");
        checkUnitOpen(criticalDrop, "criticalDrop");
        checkUnitOpen(randomBaseline, "randomBaseline");
        checkUnitOpen(alpha, "alpha");
        if (criticalDrop < warningDrop) {
            throw new IllegalArgumentException("criticalDrop must be >= warningDrop (" + warningDrop + "), was "
                    + criticalDrop);
        }
        if (shortWindow < 1) {
            throw new IllegalArgumentException("shortWindow must be >= 1, was " + shortWindow);
        }
        if (mediumWindow <= shortWindow || longWindow <= mediumWindow) {
            throw new IllegalArgumentException("windows must be strictly increasing (short < medium < long), was "
                    + shortWindow + "/" + mediumWindow + "/" + longWindow);
        }
        if (longWindow > MAX_WINDOW) {
            throw new IllegalArgumentException("longWindow must be <= " + MAX_WINDOW + ", was " + longWindow);
        }
        if (minPredictions < 1) {
            throw new IllegalArgumentException("minPredictions must be >= 1, was " + minPredictions);
        }
        if (minPredictions > longWindow) {
            throw new IllegalArgumentException("minPredictions must be <= longWindow (" + longWindow + "), was "
                    + minPredictions);
        }
        checkInterval(checkInterval);
    }

    /**
     * The seed's defaults: 0.05 / 0.10 drops, 0.50 random baseline, 50 predictions, windows 50/100/200,
     * alpha 0.05, checks every 30 minutes, significance not required.
     *
     * @return the defaults
     */
    public static DriftThresholds defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from these values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.warningDrop = warningDrop;
        b.criticalDrop = criticalDrop;
        b.randomBaseline = randomBaseline;
        b.minPredictions = minPredictions;
        b.shortWindow = shortWindow;
        b.mediumWindow = mediumWindow;
        b.longWindow = longWindow;
        b.alpha = alpha;
        b.checkInterval = checkInterval;
        b.requireSignificance = requireSignificance;
        return b;
    }

    private static void checkUnitOpen(double v, String field) {
        if (!(v > 0.0 && v < 1.0)) {
            throw new IllegalArgumentException(field + " must be in (0, 1), was " + v);
        }
    }

    private static void checkInterval(Duration d) {
        if (d == null) {
            throw new IllegalArgumentException("checkInterval must not be null");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("checkInterval must be positive, was " + d);
        }
    }

    /**
     * Builds {@link DriftThresholds}. Setters check their own field at once; {@link #build()} checks the
     * rules across fields. Not thread-safe.
     */
    public static final class Builder {
        private double warningDrop = DEFAULT_WARNING_DROP;
        private double criticalDrop = DEFAULT_CRITICAL_DROP;
        private double randomBaseline = DEFAULT_RANDOM_BASELINE;
        private int minPredictions = DEFAULT_MIN_PREDICTIONS;
        private int shortWindow = DEFAULT_SHORT_WINDOW;
        private int mediumWindow = DEFAULT_MEDIUM_WINDOW;
        private int longWindow = DEFAULT_LONG_WINDOW;
        private double alpha = DEFAULT_ALPHA;
        private Duration checkInterval = DEFAULT_CHECK_INTERVAL;
        private boolean requireSignificance;

        private Builder() {
        }

        /**
         * @param warningDrop in (0, 1)
         * @return this builder
         */
        public Builder warningDrop(double warningDrop) {
            checkUnitOpen(warningDrop, "warningDrop");
            this.warningDrop = warningDrop;
            return this;
        }

        /**
         * @param criticalDrop in (0, 1), and &gt;= warningDrop at build
         * @return this builder
         */
        public Builder criticalDrop(double criticalDrop) {
            checkUnitOpen(criticalDrop, "criticalDrop");
            this.criticalDrop = criticalDrop;
            return this;
        }

        /**
         * @param randomBaseline in (0, 1)
         * @return this builder
         */
        public Builder randomBaseline(double randomBaseline) {
            checkUnitOpen(randomBaseline, "randomBaseline");
            this.randomBaseline = randomBaseline;
            return this;
        }

        /**
         * @param minPredictions &gt;= 1, and &lt;= longWindow at build
         * @return this builder
         */
        public Builder minPredictions(int minPredictions) {
            if (minPredictions < 1) {
                throw new IllegalArgumentException("minPredictions must be >= 1, was " + minPredictions);
            }
            this.minPredictions = minPredictions;
            return this;
        }

        /**
         * Sets the three rolling windows.
         *
         * @param shortWindow  &gt;= 1
         * @param mediumWindow &gt; shortWindow
         * @param longWindow   &gt; mediumWindow, &lt;= {@value DriftThresholds#MAX_WINDOW}
         * @return this builder
         */
        public Builder windows(int shortWindow, int mediumWindow, int longWindow) {
            if (shortWindow < 1) {
                throw new IllegalArgumentException("shortWindow must be >= 1, was " + shortWindow);
            }
            if (mediumWindow <= shortWindow || longWindow <= mediumWindow) {
                throw new IllegalArgumentException(
                        "windows must be strictly increasing (short < medium < long), was "
                                + shortWindow + "/" + mediumWindow + "/" + longWindow);
            }
            if (longWindow > MAX_WINDOW) {
                throw new IllegalArgumentException("longWindow must be <= " + MAX_WINDOW + ", was " + longWindow);
            }
            this.shortWindow = shortWindow;
            this.mediumWindow = mediumWindow;
            this.longWindow = longWindow;
            return this;
        }

        /**
         * @param alpha in (0, 1)
         * @return this builder
         */
        public Builder alpha(double alpha) {
            checkUnitOpen(alpha, "alpha");
            this.alpha = alpha;
            return this;
        }

        /**
         * @param checkInterval positive
         * @return this builder
         */
        public Builder checkInterval(Duration checkInterval) {
            DriftThresholds.checkInterval(checkInterval);
            this.checkInterval = checkInterval;
            return this;
        }

        /**
         * @param requireSignificance raise WARNING/CRITICAL only when the z-test rejects at alpha
         * @return this builder
         */
        public Builder requireSignificance(boolean requireSignificance) {
            this.requireSignificance = requireSignificance;
            return this;
        }

        /**
         * @return the thresholds
         * @throws IllegalArgumentException if a rule across fields fails (criticalDrop &lt; warningDrop,
         *                                  minPredictions &gt; longWindow)
         */
        public DriftThresholds build() {
            return new DriftThresholds(warningDrop, criticalDrop, randomBaseline, minPredictions, shortWindow,
                    mediumWindow, longWindow, alpha, checkInterval, requireSignificance);
        }
    }
}

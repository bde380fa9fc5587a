package dev.modelmonitor.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the monitor tracks and judges numeric forecasts: the windows, the coverage band, the degradation
 * ratios and the horizon buckets. Immutable; build with {@link #builder()} or take {@link #defaults()}.
 *
 * <p>Where the defaults come from: the coverage band 0.70-0.90 is the seed's ("warn &lt; 0.70, warn &gt;
 * 0.90"). The seed names the horizon-coverage alert and the {@code model.performance.degraded} tag but gives
 * no figures for them; the defaults here are this library's: the horizon threshold reuses the lower band
 * (0.70), a 20% worse MAE or MAPE is degraded and 50% worse critical, and {@code minSamples} reuses the
 * accuracy monitor's 50. Windows: the last 200 resolved forecasts (the accuracy monitor's long window), and
 * the last 7 and 30 days as the time windows.
 *
 * <p>Judgement is made on the count window once it holds {@code minSamples} forecasts with quantiles
 * (coverage) or any forecasts (errors); each horizon bucket needs {@code minSamples} of its own, and the
 * horizon flag needs two such buckets. What a well-calibrated model (true interval coverage 0.80) risks
 * per check, from the binomial law (scipy {@code binom.cdf} / {@code binom.sf}): with 200 forecasts in the
 * window, 0.028% below 0.70 and 0.0045% above 0.90; at the minimum of 50, 3.1% and 1.8%. Comparisons use a
 * tolerance of 1e-9: a coverage of exactly 0.70 does not warn, and a ratio of exactly 1.2 is not degraded.
 *
 * @param countWindow        resolved forecasts in the count window, in [1, {@value #MAX_COUNT_WINDOW}];
 *                           default 200
 * @param shortDays          days in the short time window, &gt;= 1; default 7
 * @param longDays           days in the long time window, in [shortDays, {@value #MAX_DAYS}]; default 30
 * @param lowerCoverage      interval coverage below which INTERVAL_UNDER_COVERED is raised, in [0, 1);
 *                           default 0.70
 * @param upperCoverage      interval coverage above which INTERVAL_OVER_COVERED is raised, in
 *                           (lowerCoverage, 1]; default 0.90
 * @param minSamples         forecasts needed before any flag, in [1, countWindow]; default 50
 * @param degradedRatio      MAE or MAPE over its baseline beyond which PERFORMANCE_DEGRADED is raised, &gt; 1
 *                           and finite; default 1.2
 * @param criticalRatio      the ratio beyond which the degradation is CRITICAL, &gt;= degradedRatio and
 *                           finite; default 1.5
 * @param minHorizonCoverage horizon-bucket interval coverage below which HORIZON_UNDER_COVERED is raised, in
 *                           [0, 1]; default 0.70
 * @param horizonEdges       the upper edges of the horizon buckets, positive, strictly increasing, at most
 *                           {@value #MAX_HORIZON_EDGES}; an open bucket follows the last; default 1 h, 1 day,
 *                           7 days
 */
public record ForecastConfig(int countWindow, int shortDays, int longDays, double lowerCoverage,
                             double upperCoverage, int minSamples, double degradedRatio, double criticalRatio,
                             double minHorizonCoverage, List<Duration> horizonEdges) {

    /** Default count window: the last 200 resolved forecasts. */
    public static final int DEFAULT_COUNT_WINDOW = 200;
    /** Default short time window: 7 days. */
    public static final int DEFAULT_SHORT_DAYS = 7;
    /** Default long time window: 30 days. */
    public static final int DEFAULT_LONG_DAYS = 30;
    /** The seed's lower warning edge of interval coverage. */
    public static final double DEFAULT_LOWER_COVERAGE = 0.70;
    /** The seed's upper warning edge of interval coverage. */
    public static final double DEFAULT_UPPER_COVERAGE = 0.90;
    /** Default minimum sample before a flag. */
    public static final int DEFAULT_MIN_SAMPLES = 50;
    /** Default ratio of MAE or MAPE to baseline that counts as degraded. */
    public static final double DEFAULT_DEGRADED_RATIO = 1.2;
    /** Default ratio that makes a degradation critical. */
    public static final double DEFAULT_CRITICAL_RATIO = 1.5;
    /** Default minimum interval coverage per horizon bucket. */
    public static final double DEFAULT_MIN_HORIZON_COVERAGE = 0.70;
    /** Default horizon bucket edges: up to 1 hour, up to 1 day, up to 7 days, longer. */
    public static final List<Duration> DEFAULT_HORIZON_EDGES =
            List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7));
    /** The largest count window. */
    public static final int MAX_COUNT_WINDOW = 1 << 16;
    /** The longest time window, in days. */
    public static final int MAX_DAYS = 366;
    /** The most horizon edges. */
    public static final int MAX_HORIZON_EDGES = 16;

    private static final ForecastConfig DEFAULTS = new Builder().build();

    /**
     * Validates each field and the rules across fields, and copies the edges.
     *
     * @throws IllegalArgumentException naming the field, the rule and the value
     */
    public ForecastConfig {
        Builder.checkCountWindow(countWindow);
        Builder.checkShortDays(shortDays);
        if (longDays < shortDays || longDays > MAX_DAYS) {
            throw new IllegalArgumentException("longDays must be in [shortDays (" + shortDays + "), " + MAX_DAYS
                    + "], was " + longDays);
        }
        Builder.checkLowerCoverage(lowerCoverage);
        Builder.checkUpperCoverage(upperCoverage);
        if (!(upperCoverage > lowerCoverage)) {
            throw new IllegalArgumentException("upperCoverage must be > lowerCoverage (" + lowerCoverage + "), was "
                    + upperCoverage);
        }
        Builder.checkMinSamples(minSamples);
        if (minSamples > countWindow) {
            throw new IllegalArgumentException("minSamples must be <= countWindow (" + countWindow + "), was "
                    + minSamples);
        }
        Builder.checkDegradedRatio(degradedRatio);
        Builder.checkCriticalRatio(criticalRatio);
        if (criticalRatio < degradedRatio) {
            throw new IllegalArgumentException("criticalRatio must be >= degradedRatio (" + degradedRatio
                    + "), was " + criticalRatio);
        }
        Builder.checkMinHorizonCoverage(minHorizonCoverage);
        horizonEdges = Builder.checkEdges(horizonEdges);
    }

    /**
     * The defaults (see the class comment for their source).
     *
     * @return the defaults
     */
    public static ForecastConfig defaults() {
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
        b.countWindow = countWindow;
        b.shortDays = shortDays;
        b.longDays = longDays;
        b.lowerCoverage = lowerCoverage;
        b.upperCoverage = upperCoverage;
        b.minSamples = minSamples;
        b.degradedRatio = degradedRatio;
        b.criticalRatio = criticalRatio;
        b.minHorizonCoverage = minHorizonCoverage;
        b.horizonEdges = horizonEdges;
        return b;
    }

    /** @return the number of horizon buckets: one per edge plus the open last one */
    public int horizonBuckets() {
        return horizonEdges.size() + 1;
    }

    /**
     * The bucket a horizon falls in. O(edges), no allocation.
     *
     * @param horizon not null, not negative
     * @return the bucket index in [0, horizonBuckets())
     */
    public int horizonBucket(Duration horizon) {
        List<Duration> edges = horizonEdges;
        for (int i = 0; i < edges.size(); i++) {
            if (horizon.compareTo(edges.get(i)) <= 0) {
                return i;
            }
        }
        return edges.size();
    }

    /**
     * The upper edge of a bucket.
     *
     * @param bucket in [0, horizonBuckets())
     * @return the edge, or null for the open last bucket
     */
    public Duration horizonEdge(int bucket) {
        return bucket < horizonEdges.size() ? horizonEdges.get(bucket) : null;
    }

    /**
     * Builds a {@link ForecastConfig}; each setter validates its argument at once, {@link #build()} the rules
     * across fields. Not thread-safe.
     */
    public static final class Builder {
        private int countWindow = DEFAULT_COUNT_WINDOW;
        private int shortDays = DEFAULT_SHORT_DAYS;
        private int longDays = DEFAULT_LONG_DAYS;
        private double lowerCoverage = DEFAULT_LOWER_COVERAGE;
        private double upperCoverage = DEFAULT_UPPER_COVERAGE;
        private int minSamples = DEFAULT_MIN_SAMPLES;
        private double degradedRatio = DEFAULT_DEGRADED_RATIO;
        private double criticalRatio = DEFAULT_CRITICAL_RATIO;
        private double minHorizonCoverage = DEFAULT_MIN_HORIZON_COVERAGE;
        private List<Duration> horizonEdges = DEFAULT_HORIZON_EDGES;

        private Builder() {
        }

        /**
         * @param countWindow in [1, {@value ForecastConfig#MAX_COUNT_WINDOW}]
         * @return this builder
         */
        public Builder countWindow(int countWindow) {
            this.countWindow = checkCountWindow(countWindow);
            return this;
        }

        /**
         * @param shortDays &gt;= 1
         * @return this builder
         */
        public Builder shortDays(int shortDays) {
            this.shortDays = checkShortDays(shortDays);
            return this;
        }

        /**
         * @param longDays in [1, {@value ForecastConfig#MAX_DAYS}], and &gt;= shortDays at build
         * @return this builder
         */
        public Builder longDays(int longDays) {
            if (longDays < 1 || longDays > MAX_DAYS) {
                throw new IllegalArgumentException("longDays must be in [1, " + MAX_DAYS + "], was " + longDays);
            }
            this.longDays = longDays;
            return this;
        }

        /**
         * @param lowerCoverage in [0, 1)
         * @return this builder
         */
        public Builder lowerCoverage(double lowerCoverage) {
            this.lowerCoverage = checkLowerCoverage(lowerCoverage);
            return this;
        }

        /**
         * @param upperCoverage in (0, 1], and &gt; lowerCoverage at build
         * @return this builder
         */
        public Builder upperCoverage(double upperCoverage) {
            this.upperCoverage = checkUpperCoverage(upperCoverage);
            return this;
        }

        /**
         * @param minSamples &gt;= 1, and &lt;= countWindow at build
         * @return this builder
         */
        public Builder minSamples(int minSamples) {
            this.minSamples = checkMinSamples(minSamples);
            return this;
        }

        /**
         * @param degradedRatio &gt; 1 and finite
         * @return this builder
         */
        public Builder degradedRatio(double degradedRatio) {
            this.degradedRatio = checkDegradedRatio(degradedRatio);
            return this;
        }

        /**
         * @param criticalRatio &gt; 1 and finite, and &gt;= degradedRatio at build
         * @return this builder
         */
        public Builder criticalRatio(double criticalRatio) {
            this.criticalRatio = checkCriticalRatio(criticalRatio);
            return this;
        }

        /**
         * @param minHorizonCoverage in [0, 1]
         * @return this builder
         */
        public Builder minHorizonCoverage(double minHorizonCoverage) {
            this.minHorizonCoverage = checkMinHorizonCoverage(minHorizonCoverage);
            return this;
        }

        /**
         * @param horizonEdges positive, strictly increasing, at most {@value ForecastConfig#MAX_HORIZON_EDGES};
         *                     may be empty (one bucket for every horizon)
         * @return this builder
         */
        public Builder horizonEdges(List<Duration> horizonEdges) {
            this.horizonEdges = checkEdges(horizonEdges);
            return this;
        }

        /**
         * @return the config
         * @throws IllegalArgumentException naming the fields whose combination breaks a rule
         */
        public ForecastConfig build() {
            return new ForecastConfig(countWindow, shortDays, longDays, lowerCoverage, upperCoverage, minSamples,
                    degradedRatio, criticalRatio, minHorizonCoverage, horizonEdges);
        }

        static int checkCountWindow(int v) {
            if (v < 1 || v > MAX_COUNT_WINDOW) {
                throw new IllegalArgumentException("countWindow must be in [1, " + MAX_COUNT_WINDOW + "], was " + v);
            }
            return v;
        }

        static int checkShortDays(int v) {
            if (v < 1 || v > MAX_DAYS) {
                throw new IllegalArgumentException("shortDays must be in [1, " + MAX_DAYS + "], was " + v);
            }
            return v;
        }

        static double checkLowerCoverage(double v) {
            if (!(v >= 0.0 && v < 1.0)) {
                throw new IllegalArgumentException("lowerCoverage must be in [0, 1), was " + v);
            }
            return v;
        }

        static double checkUpperCoverage(double v) {
            if (!(v > 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException("upperCoverage must be in (0, 1], was " + v);
            }
            return v;
        }

        static int checkMinSamples(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("minSamples must be >= 1, was " + v);
            }
            return v;
        }

        static double checkDegradedRatio(double v) {
            if (!(v > 1.0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("degradedRatio must be > 1 and finite, was " + v);
            }
            return v;
        }

        static double checkCriticalRatio(double v) {
            if (!(v > 1.0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("criticalRatio must be > 1 and finite, was " + v);
            }
            return v;
        }

        static double checkMinHorizonCoverage(double v) {
            if (!(v >= 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException("minHorizonCoverage must be in [0, 1], was " + v);
            }
            return v;
        }

        static List<Duration> checkEdges(List<Duration> edges) {
            if (edges == null) {
                throw new IllegalArgumentException("horizonEdges must not be null");
            }
            if (edges.size() > MAX_HORIZON_EDGES) {
                throw new IllegalArgumentException("horizonEdges must hold at most " + MAX_HORIZON_EDGES
                        + " edges, was " + edges.size());
            }
            List<Duration> copy = new ArrayList<>(edges.size());
            Duration previous = Duration.ZERO;
            for (int i = 0; i < edges.size(); i++) {
                Duration e = edges.get(i);
                if (e == null) {
                    throw new IllegalArgumentException("horizonEdges[" + i + "] must not be null");
                }
                if (e.compareTo(previous) <= 0) {
                    throw new IllegalArgumentException("horizonEdges must be positive and strictly increasing, was "
                            + edges);
                }
                copy.add(e);
                previous = e;
            }
            return List.copyOf(copy);
        }
    }
}

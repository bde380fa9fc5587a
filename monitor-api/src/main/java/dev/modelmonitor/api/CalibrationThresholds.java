package dev.modelmonitor.api;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * How the monitor measures calibration and when it alerts on it. Defaults follow the seeds: 10 bins, a
 * breach when the error stays above 0.05 for more than 7 days on a key marked critical.
 *
 * <p><b>A day with few outcomes.</b> The ECE of a small sample is biased upwards: a perfectly calibrated
 * model with confidences spread over [0.5, 0.95] shows a daily ECE above 0.05 on 99% of days with 30
 * outcomes, 79% with 100, 54% with 200, 4% with 500 and 0.8% with 1,000 (400 simulated days each; the script
 * is in docs/calibration.md). So a day is <em>judged</em> only when it has at least {@code minDailySamples}
 * outcomes (default 500); a thinner day (an empty one included) neither extends nor breaks a streak, in
 * either direction, and its outcomes are not in the streak's figures. A breach therefore needs more than
 * {@code breachDays} judged days above the threshold with no judged day at or under it in between; at 500 a
 * day, the chance that a calibrated model does that by luck is about 0.04^8, below 1e-11. A host with fewer
 * outcomes a day lowers {@code minDailySamples} and accepts the false alarms the figures above imply.
 *
 * @param bins             equal-width bins of the reliability curve, in [2, 100]; default 10
 * @param countWindows     the rolling count windows, 1 to 3 ascending sizes in [1, 65536]; default 200 (the
 *                         drift windows' longest: a shorter window's ECE is mostly noise, 0.10 on average for
 *                         a calibrated model over 50 outcomes, and each window costs a few ns per resolution)
 * @param maxDays          days of per-day statistics kept in memory (time windows up to this many days),
 *                         in [1, 366]; default 30
 * @param breachThreshold  the default ECE threshold of a critical key, in (0, 1); default 0.05
 * @param breachDays       a breach needs more than this many consecutive judged days above the threshold,
 *                         in [1, 365]; default 7
 * @param recoveryDays     a recovery needs this many consecutive judged days at or under it, in [1, 365];
 *                         default 2
 * @param minDailySamples  outcomes a day needs to be judged, &gt;= 1; default 500
 * @param intervalAlpha    1 - the confidence of the bins' Wilson intervals, in (0, 1); default 0.05
 * @param alpha            significance level of the change test, in (0, 1); default 0.05
 * @param minEceIncrease   ECE increase over the reference that, with a significant change, asks for a
 *                         retrain, in [0, 1); default 0.02
 * @param retrainCooldown  after a retrain request for a key, further requests wait this long, not negative;
 *                         default 7 days
 * @param zone             the zone whose midnight ends a day, not null; default UTC
 */
public record CalibrationThresholds(int bins, List<Integer> countWindows, int maxDays, double breachThreshold,
                                    int breachDays, int recoveryDays, int minDailySamples, double intervalAlpha,
                                    double alpha, double minEceIncrease, Duration retrainCooldown,
                                    ZoneOffset zone) {

    /** Default number of bins. */
    public static final int DEFAULT_BINS = 10;
    /** Default count windows. */
    public static final List<Integer> DEFAULT_COUNT_WINDOWS = List.of(200);
    /** Default days kept in memory. */
    public static final int DEFAULT_MAX_DAYS = 30;
    /** Default breach threshold: the seed's 0.05. */
    public static final double DEFAULT_BREACH_THRESHOLD = 0.05;
    /** Default persistence: more than 7 days, as the seed. */
    public static final int DEFAULT_BREACH_DAYS = 7;
    /** Default good days before a recovery. */
    public static final int DEFAULT_RECOVERY_DAYS = 2;
    /** Default outcomes a day needs to be judged. */
    public static final int DEFAULT_MIN_DAILY_SAMPLES = 500;
    /** Default Wilson interval level: 95%. */
    public static final double DEFAULT_INTERVAL_ALPHA = 0.05;
    /** Default significance level of the change test. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** Default ECE increase that asks for a retrain. */
    public static final double DEFAULT_MIN_ECE_INCREASE = 0.02;
    /** Default retrain cool-down. */
    public static final Duration DEFAULT_RETRAIN_COOLDOWN = Duration.ofDays(7);
    /** The largest count window. */
    public static final int MAX_COUNT_WINDOW = 1 << 16;

    private static final CalibrationThresholds DEFAULTS = new Builder().build();

    /**
     * Validates each field and copies the windows.
     *
     * @throws IllegalArgumentException naming the field, the rule and the value
     */
    public CalibrationThresholds {
        checkBins(bins);
        countWindows = checkWindows(countWindows);
        checkRange(maxDays, 1, 366, "maxDays");
        checkThreshold(breachThreshold);
        checkRange(breachDays, 1, 365, "breachDays");
        checkRange(recoveryDays, 1, 365, "recoveryDays");
        checkMinDaily(minDailySamples);
        checkOpenUnit(intervalAlpha, "intervalAlpha");
        checkOpenUnit(alpha, "alpha");
        checkIncrease(minEceIncrease);
        checkCooldown(retrainCooldown);
        Checks.notNull(zone, "zone");
    }

    /** @return the defaults */
    public static CalibrationThresholds defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the largest count window */
    public int longestCountWindow() {
        return countWindows.get(countWindows.size() - 1);
    }

    private static void checkBins(int bins) {
        checkRange(bins, 2, 100, "bins");
    }

    private static void checkRange(int v, int lo, int hi, String field) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "], was " + v);
        }
    }

    private static List<Integer> checkWindows(List<Integer> windows) {
        Checks.notNull(windows, "countWindows");
        if (windows.isEmpty() || windows.size() > 3) {
            throw new IllegalArgumentException("countWindows must hold 1 to 3 sizes, was " + windows);
        }
        int previous = 0;
        for (Integer w : windows) {
            if (w == null || w < 1 || w > MAX_COUNT_WINDOW) {
                throw new IllegalArgumentException("countWindows must be sizes in [1, " + MAX_COUNT_WINDOW
                        + "], was " + windows);
            }
            if (w <= previous) {
                throw new IllegalArgumentException("countWindows must be ascending, was " + windows);
            }
            previous = w;
        }
        return List.copyOf(windows);
    }

    private static void checkThreshold(double v) {
        if (!(v > 0.0 && v < 1.0)) {
            throw new IllegalArgumentException("breachThreshold must be in (0, 1), was " + v);
        }
    }

    private static void checkMinDaily(int v) {
        if (v < 1) {
            throw new IllegalArgumentException("minDailySamples must be >= 1, was " + v);
        }
    }

    private static void checkOpenUnit(double v, String field) {
        if (!(v > 0.0 && v < 1.0)) {
            throw new IllegalArgumentException(field + " must be in (0, 1), was " + v);
        }
    }

    private static void checkIncrease(double v) {
        if (!(v >= 0.0 && v < 1.0)) {
            throw new IllegalArgumentException("minEceIncrease must be in [0, 1), was " + v);
        }
    }

    private static void checkCooldown(Duration d) {
        Checks.notNull(d, "retrainCooldown");
        if (d.isNegative()) {
            throw new IllegalArgumentException("retrainCooldown must not be negative, was " + d);
        }
    }

    /** Builds {@link CalibrationThresholds}; each setter validates at once. Not thread-safe. */
    public static final class Builder {
        private int bins = DEFAULT_BINS;
        private List<Integer> countWindows = DEFAULT_COUNT_WINDOWS;
        private int maxDays = DEFAULT_MAX_DAYS;
        private double breachThreshold = DEFAULT_BREACH_THRESHOLD;
        private int breachDays = DEFAULT_BREACH_DAYS;
        private int recoveryDays = DEFAULT_RECOVERY_DAYS;
        private int minDailySamples = DEFAULT_MIN_DAILY_SAMPLES;
        private double intervalAlpha = DEFAULT_INTERVAL_ALPHA;
        private double alpha = DEFAULT_ALPHA;
        private double minEceIncrease = DEFAULT_MIN_ECE_INCREASE;
        private Duration retrainCooldown = DEFAULT_RETRAIN_COOLDOWN;
        private ZoneOffset zone = ZoneOffset.UTC;

        private Builder() {
        }

        private Builder(CalibrationThresholds t) {
            bins = t.bins;
            countWindows = t.countWindows;
            maxDays = t.maxDays;
            breachThreshold = t.breachThreshold;
            breachDays = t.breachDays;
            recoveryDays = t.recoveryDays;
            minDailySamples = t.minDailySamples;
            intervalAlpha = t.intervalAlpha;
            alpha = t.alpha;
            minEceIncrease = t.minEceIncrease;
            retrainCooldown = t.retrainCooldown;
            zone = t.zone;
        }

        /**
         * @param bins in [2, 100]
         * @return this builder
         */
        public Builder bins(int bins) {
            checkBins(bins);
            this.bins = bins;
            return this;
        }

        /**
         * @param windows 1 to 3 ascending sizes in [1, 65536]
         * @return this builder
         */
        public Builder countWindows(int... windows) {
            Checks.notNull(windows, "countWindows");
            List<Integer> list = new ArrayList<>(windows.length);
            for (int w : windows) {
                list.add(w);
            }
            this.countWindows = checkWindows(list);
            return this;
        }

        /**
         * @param maxDays in [1, 366]
         * @return this builder
         */
        public Builder maxDays(int maxDays) {
            checkRange(maxDays, 1, 366, "maxDays");
            this.maxDays = maxDays;
            return this;
        }

        /**
         * @param breachThreshold in (0, 1)
         * @return this builder
         */
        public Builder breachThreshold(double breachThreshold) {
            checkThreshold(breachThreshold);
            this.breachThreshold = breachThreshold;
            return this;
        }

        /**
         * @param breachDays in [1, 365]
         * @return this builder
         */
        public Builder breachDays(int breachDays) {
            checkRange(breachDays, 1, 365, "breachDays");
            this.breachDays = breachDays;
            return this;
        }

        /**
         * @param recoveryDays in [1, 365]
         * @return this builder
         */
        public Builder recoveryDays(int recoveryDays) {
            checkRange(recoveryDays, 1, 365, "recoveryDays");
            this.recoveryDays = recoveryDays;
            return this;
        }

        /**
         * @param minDailySamples &gt;= 1
         * @return this builder
         */
        public Builder minDailySamples(int minDailySamples) {
            checkMinDaily(minDailySamples);
            this.minDailySamples = minDailySamples;
            return this;
        }

        /**
         * @param intervalAlpha in (0, 1)
         * @return this builder
         */
        public Builder intervalAlpha(double intervalAlpha) {
            checkOpenUnit(intervalAlpha, "intervalAlpha");
            this.intervalAlpha = intervalAlpha;
            return this;
        }

        /**
         * @param alpha in (0, 1)
         * @return this builder
         */
        public Builder alpha(double alpha) {
            checkOpenUnit(alpha, "alpha");
            this.alpha = alpha;
            return this;
        }

        /**
         * @param minEceIncrease in [0, 1)
         * @return this builder
         */
        public Builder minEceIncrease(double minEceIncrease) {
            checkIncrease(minEceIncrease);
            this.minEceIncrease = minEceIncrease;
            return this;
        }

        /**
         * @param retrainCooldown not negative
         * @return this builder
         */
        public Builder retrainCooldown(Duration retrainCooldown) {
            checkCooldown(retrainCooldown);
            this.retrainCooldown = retrainCooldown;
            return this;
        }

        /**
         * @param zone the zone whose midnight ends a day
         * @return this builder
         */
        public Builder zone(ZoneOffset zone) {
            this.zone = Checks.notNull(zone, "zone");
            return this;
        }

        /** @return the thresholds */
        public CalibrationThresholds build() {
            return new CalibrationThresholds(bins, countWindows, maxDays, breachThreshold, breachDays, recoveryDays,
                    minDailySamples, intervalAlpha, alpha, minEceIncrease, retrainCooldown, zone);
        }
    }
}

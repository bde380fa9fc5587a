package dev.modelmonitor.core.store;

import dev.modelmonitor.api.BaselineRecord;
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationDay;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ExpiredPrediction;
import dev.modelmonitor.api.KeySnapshot;
import dev.modelmonitor.api.LoggedPrediction;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.ResolvedBatch;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.RetrainRequest;
import dev.modelmonitor.api.Store;
import dev.modelmonitor.api.StoreRecord;
import dev.modelmonitor.api.Verdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A {@link Store} that keeps records on the heap, with bounded retention so a host that runs for months
 * does not grow without end.
 *
 * <h2>Retention</h2>
 * Per key and per record type the store keeps a ring of the newest records; when a ring is full the oldest
 * record is evicted. The bounds are set on the builder: {@code maxResolvedPerKey}
 * ({@value #DEFAULT_MAX_RESOLVED_PER_KEY}), {@code maxReportsPerKey} ({@value #DEFAULT_MAX_REPORTS_PER_KEY}),
 * {@code maxAlertsPerKey} ({@value #DEFAULT_MAX_ALERTS_PER_KEY}; drift, forecast and calibration alerts have a
 * ring each), {@code maxBaselinesPerKey} ({@value #DEFAULT_MAX_BASELINES_PER_KEY}),
 * {@code maxForecastDaysPerKey} ({@value #DEFAULT_MAX_FORECAST_DAYS_PER_KEY}, about 18 months of daily
 * forecast history), {@code maxCalibrationDaysPerKey} ({@value #DEFAULT_MAX_CALIBRATION_DAYS_PER_KEY}: a
 * key with both kinds of calibration writes two a day) and {@code maxRetrainsPerKey}
 * ({@value #DEFAULT_MAX_RETRAINS_PER_KEY} retrain requests: at the default cool-down of 7 days, about ten years).
 * Reads return what is retained. Keys are never evicted: the
 * number of keys is the host's to bound.
 *
 * <h2>Layout and memory</h2>
 * Resolved predictions are kept as parallel columns (id {@code long}, prediction and outcome references,
 * verdict ordinal {@code byte}, logged and resolved time {@code long}) and become {@link ResolvedPrediction}
 * records only when read. Each retained resolved prediction costs
 * {@code 3 * 8 + 1 + 2 * r} bytes of column space, where {@code r} is the reference size (4 bytes with
 * compressed oops, the default below 32 GB heaps, else 8): 33 bytes, or 41. On top of that it keeps alive
 * the {@link Prediction} and {@link Outcome} the monitor passed in (about 32 and 16 bytes for a direction
 * call and its exit price; a shared object costs nothing extra). Every other record type costs {@code r}
 * bytes of slot plus the record itself. Rings start at 16 slots and double up to their bound, so a key
 * costs at most {@code maxResolvedPerKey * (25 + 2r) + (maxReportsPerKey + 3 * maxAlertsPerKey +
 * maxBaselinesPerKey + maxForecastDaysPerKey + maxCalibrationDaysPerKey + maxRetrainsPerKey) * r} bytes of ring space plus the
 * retained objects; with the defaults and compressed oops that is 33,000 + 23,000 bytes, about 56 KB of ring
 * space per fully used key (rings of types a key never receives stay at 16 slots; a retained
 * {@link CalibrationDay} itself is about 0.4 KB at 10 bins).
 *
 * <h2>Cost and concurrency</h2>
 * Thread-safe. Each key has its own lock, found by a {@link ConcurrentHashMap} lookup; there is no global
 * lock. An append is O(1); once a key's ring has reached its bound, {@link #appendResolved} allocates
 * nothing (the first records of a key allocate the key's state and grow its columns).
 * {@link #latest} is O(limit) and {@link #scan} is O(retained records of the key) under the key's lock;
 * {@code scan} copies the matching records under the lock and calls the action outside it, so the action
 * may call back into the store.
 *
 * <h2>Arguments</h2>
 * The record types are {@link ResolvedPrediction}, {@link BaselineRecord}, {@link DriftReport},
 * {@link DriftAlert}, {@link ForecastDay}, {@link ForecastAlert}, {@link CalibrationDay},
 * {@link CalibrationAlert} and {@link RetrainRequest}; any other {@code Class} is rejected by the reads. The records that serve only a
 * restart ({@link LoggedPrediction}, {@link ExpiredPrediction}, {@link KeySnapshot}) are accepted by
 * {@code append} and not kept: this store does not outlive its process, so it keeps none of the restart
 * methods of {@link Store} either. Null arguments (except {@code scan}'s key, where
 * null means every key), a negative limit and a scan range with {@code toMillis < fromMillis} are rejected
 * with an {@link IllegalArgumentException} naming the argument and the value. An unknown key reads as
 * empty. {@link #close()} does nothing: the records stay readable.
 */
public final class InMemoryStore implements Store {

    /** Default bound on resolved predictions retained per key. */
    public static final int DEFAULT_MAX_RESOLVED_PER_KEY = 1_000;
    /** Default bound on drift reports (the accuracy trend) retained per key. */
    public static final int DEFAULT_MAX_REPORTS_PER_KEY = 2_000;
    /** Default bound on drift alerts retained per key. */
    public static final int DEFAULT_MAX_ALERTS_PER_KEY = 500;
    /** Default bound on baseline records retained per key. */
    public static final int DEFAULT_MAX_BASELINES_PER_KEY = 100;
    /** Default bound on daily forecast records retained per key: about 18 months. */
    public static final int DEFAULT_MAX_FORECAST_DAYS_PER_KEY = 550;
    /** Default bound on daily calibration records per key (about 500 days of both kinds). */
    public static final int DEFAULT_MAX_CALIBRATION_DAYS_PER_KEY = 1_000;
    /** Default bound on retrain requests retained per key (at the default 7-day cool-down, about ten years). */
    public static final int DEFAULT_MAX_RETRAINS_PER_KEY = 500;
    /** The largest bound any ring accepts (2^24 records). */
    public static final int MAX_RETENTION = 1 << 24;

    private final int maxResolvedPerKey;
    private final int maxReportsPerKey;
    private final int maxAlertsPerKey;
    private final int maxBaselinesPerKey;
    private final int maxForecastDaysPerKey;
    private final int maxCalibrationDaysPerKey;
    private final int maxRetrainsPerKey;
    private final ConcurrentHashMap<ModelKey, KeyHistory> states = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<KeyHistory> firstSeen = new ConcurrentLinkedQueue<>();

    private InMemoryStore(Builder b) {
        this.maxResolvedPerKey = b.maxResolvedPerKey;
        this.maxReportsPerKey = b.maxReportsPerKey;
        this.maxAlertsPerKey = b.maxAlertsPerKey;
        this.maxBaselinesPerKey = b.maxBaselinesPerKey;
        this.maxForecastDaysPerKey = b.maxForecastDaysPerKey;
        this.maxCalibrationDaysPerKey = b.maxCalibrationDaysPerKey;
        this.maxRetrainsPerKey = b.maxRetrainsPerKey;
    }

    /**
     * A builder with the default bounds.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A store with the default bounds; same as {@code builder().build()}.
     *
     * @return a new, empty store
     */
    public static InMemoryStore withDefaults() {
        return builder().build();
    }

    @Override
    public void append(StoreRecord record) {
        requireNonNull(record, "record");
        // LoggedPrediction, ExpiredPrediction and KeySnapshot serve a restart only: a store that does not
        // outlive its process keeps none of them
        if (record instanceof LoggedPrediction || record instanceof ExpiredPrediction
                || record instanceof KeySnapshot) {
            return;
        }
        KeyHistory s = state(record.key());
        if (record instanceof ResolvedPrediction) {
            ResolvedPrediction r = (ResolvedPrediction) record;
            synchronized (s) {
                s.resolved.add(r.id(), r.prediction(), r.outcome(), r.verdict(), r.loggedAtMillis(),
                        r.resolvedAtMillis());
            }
        } else if (record instanceof BaselineRecord) {
            synchronized (s) {
                s.baselines.add((BaselineRecord) record);
            }
        } else if (record instanceof DriftReport) {
            synchronized (s) {
                s.reports.add((DriftReport) record);
            }
        } else if (record instanceof DriftAlert) {
            synchronized (s) {
                s.alerts.add((DriftAlert) record);
            }
        } else if (record instanceof ForecastDay) {
            synchronized (s) {
                s.forecastDays.add((ForecastDay) record);
            }
        } else if (record instanceof ForecastAlert) {
            synchronized (s) {
                s.forecastAlerts.add((ForecastAlert) record);
            }
        } else if (record instanceof CalibrationDay) {
            synchronized (s) {
                s.calibrationDays.add((CalibrationDay) record);
            }
        } else if (record instanceof CalibrationAlert) {
            synchronized (s) {
                s.calibrationAlerts.add((CalibrationAlert) record);
            }
        } else if (record instanceof RetrainRequest) {
            synchronized (s) {
                s.retrains.add((RetrainRequest) record);
            }
        }
    }

    /**
     * Appends a resolved prediction straight into the key's columns, without building a record. Validates
     * as {@link ResolvedPrediction}'s constructor does, so it accepts and rejects exactly what
     * {@code append(new ResolvedPrediction(...))} does.
     *
     * @throws IllegalArgumentException if a reference is null or {@code resolvedAtMillis < loggedAtMillis}
     */
    @Override
    public void appendResolved(long id, ModelKey key, Prediction prediction, Outcome outcome, Verdict verdict,
                               long loggedAtMillis, long resolvedAtMillis) {
        requireNonNull(key, "key");
        checkResolved(prediction, outcome, verdict, loggedAtMillis, resolvedAtMillis);
        KeyHistory s = state(key);
        synchronized (s) {
            s.resolved.add(id, prediction, outcome, verdict, loggedAtMillis, resolvedAtMillis);
        }
    }

    /** Rejects what {@link ResolvedPrediction}'s constructor rejects (the key is checked by the caller). */
    private static void checkResolved(Prediction prediction, Outcome outcome, Verdict verdict, long loggedAtMillis,
                                      long resolvedAtMillis) {
        requireNonNull(prediction, "prediction");
        requireNonNull(outcome, "outcome");
        requireNonNull(verdict, "verdict");
        if (resolvedAtMillis < loggedAtMillis) {
            throw new IllegalArgumentException("resolvedAtMillis must be >= loggedAtMillis (" + loggedAtMillis
                    + "), was " + resolvedAtMillis);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Straight into the columns, as {@link #appendResolved(long, ModelKey, Prediction, Outcome, Verdict,
     * long, long)} does, looking the key up and locking its history once per run of entries of the same key.
     *
     * @throws IllegalArgumentException if an entry is invalid (the entries before it are appended)
     */
    @Override
    public void appendResolved(ResolvedBatch batch) {
        requireNonNull(batch, "batch");
        int n = batch.size();
        int i = 0;
        while (i < n) {
            ModelKey key = batch.key(i);
            requireNonNull(key, "key");
            KeyHistory s = state(key);
            synchronized (s) {
                do {
                    Prediction prediction = batch.prediction(i);
                    Outcome outcome = batch.outcome(i);
                    Verdict verdict = batch.verdict(i);
                    long loggedAt = batch.loggedAtMillis(i);
                    long resolvedAt = batch.resolvedAtMillis(i);
                    checkResolved(prediction, outcome, verdict, loggedAt, resolvedAt);
                    s.resolved.add(batch.id(i), prediction, outcome, verdict, loggedAt, resolvedAt);
                    i++;
                } while (i < n && key.equals(batch.key(i)));
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * @return at most {@code limit} records, oldest first, unmodifiable; empty for an unknown key or a limit
     *         of 0
     * @throws IllegalArgumentException if an argument is null, the type is not a record type, or the limit
     *                                  is negative
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T extends StoreRecord> List<T> latest(Class<T> type, ModelKey key, int limit) {
        Kind kind = Kind.of(type);
        requireNonNull(key, "key");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        KeyHistory s = states.get(key);
        if (s == null || limit == 0) {
            return List.of();
        }
        List<? extends StoreRecord> out;
        synchronized (s) {
            switch (kind) {
                case RESOLVED:
                    out = s.resolved.latest(limit);
                    break;
                case BASELINE:
                    out = s.baselines.latest(limit);
                    break;
                case REPORT:
                    out = s.reports.latest(limit);
                    break;
                case ALERT:
                    out = s.alerts.latest(limit);
                    break;
                case FORECAST_DAY:
                    out = s.forecastDays.latest(limit);
                    break;
                case FORECAST_ALERT:
                    out = s.forecastAlerts.latest(limit);
                    break;
                case CALIBRATION_DAY:
                    out = s.calibrationDays.latest(limit);
                    break;
                case RETRAIN:
                    out = s.retrains.latest(limit);
                    break;
                default:
                    out = s.calibrationAlerts.latest(limit);
                    break;
            }
        }
        return (List<T>) Collections.unmodifiableList(out);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Keys are visited in the order they were first appended to; within a key, records in append order.
     * Records appended while a scan runs may or may not be visited.
     *
     * @throws IllegalArgumentException if type or action is null, the type is not a record type, or
     *                                  {@code toMillis < fromMillis}
     */
    @Override
    public <T extends StoreRecord> void scan(Class<T> type, ModelKey key, long fromMillis, long toMillis,
                                             Consumer<? super T> action) {
        Kind kind = Kind.of(type);
        requireNonNull(action, "action");
        if (toMillis < fromMillis) {
            throw new IllegalArgumentException("toMillis must be >= fromMillis (" + fromMillis + "), was "
                    + toMillis);
        }
        if (key != null) {
            KeyHistory s = states.get(key);
            if (s != null) {
                scanKey(s, kind, type, fromMillis, toMillis, action);
            }
            return;
        }
        for (KeyHistory s : firstSeen) {
            scanKey(s, kind, type, fromMillis, toMillis, action);
        }
    }

    private static <T extends StoreRecord> void scanKey(KeyHistory s, Kind kind, Class<T> type, long fromMillis,
                                                        long toMillis, Consumer<? super T> action) {
        if (fromMillis == toMillis) {
            return;
        }
        List<? extends StoreRecord> matching;
        synchronized (s) {
            switch (kind) {
                case RESOLVED:
                    matching = s.resolved.range(fromMillis, toMillis);
                    break;
                case BASELINE:
                    matching = s.baselines.range(fromMillis, toMillis, BaselineRecord::timestampMillis);
                    break;
                case REPORT:
                    matching = s.reports.range(fromMillis, toMillis, DriftReport::timestampMillis);
                    break;
                case ALERT:
                    matching = s.alerts.range(fromMillis, toMillis, DriftAlert::timestampMillis);
                    break;
                case FORECAST_DAY:
                    matching = s.forecastDays.range(fromMillis, toMillis, ForecastDay::timestampMillis);
                    break;
                case FORECAST_ALERT:
                    matching = s.forecastAlerts.range(fromMillis, toMillis, ForecastAlert::timestampMillis);
                    break;
                case CALIBRATION_DAY:
                    matching = s.calibrationDays.range(fromMillis, toMillis, CalibrationDay::timestampMillis);
                    break;
                case RETRAIN:
                    matching = s.retrains.range(fromMillis, toMillis, RetrainRequest::timestampMillis);
                    break;
                default:
                    matching = s.calibrationAlerts.range(fromMillis, toMillis, CalibrationAlert::timestampMillis);
                    break;
            }
        }
        for (int i = 0; i < matching.size(); i++) {
            action.accept(type.cast(matching.get(i)));
        }
    }

    /**
     * The keys that have had any record appended, in the order they were first seen.
     *
     * @return an unmodifiable snapshot; empty for an empty store
     */
    public List<ModelKey> keys() {
        List<ModelKey> out = new ArrayList<>();
        for (KeyHistory s : firstSeen) {
            out.add(s.key);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * How many records of a type the store retains for a key.
     *
     * @param type the record type, not null
     * @param key  the key, not null
     * @return the retained count, at most that type's bound; 0 for an unknown key
     * @throws IllegalArgumentException if an argument is null or the type is not a record type
     */
    public int size(Class<? extends StoreRecord> type, ModelKey key) {
        Kind kind = Kind.of(type);
        requireNonNull(key, "key");
        KeyHistory s = states.get(key);
        if (s == null) {
            return 0;
        }
        synchronized (s) {
            return kind.size(s);
        }
    }

    /**
     * How many records of a type the store retains over every key. O(keys).
     *
     * @param type the record type, not null
     * @return the retained count; 0 for an empty store
     * @throws IllegalArgumentException if the type is null or not a record type
     */
    public long size(Class<? extends StoreRecord> type) {
        Kind kind = Kind.of(type);
        long total = 0;
        for (KeyHistory s : firstSeen) {
            synchronized (s) {
                total += kind.size(s);
            }
        }
        return total;
    }

    /**
     * How many records of a type were ever appended over every key, retained or evicted; the difference
     * from {@link #size(Class)} is the number evicted. O(keys).
     *
     * @param type the record type, not null
     * @return the appended count; 0 for an empty store
     * @throws IllegalArgumentException if the type is null or not a record type
     */
    public long appendedCount(Class<? extends StoreRecord> type) {
        Kind kind = Kind.of(type);
        long total = 0;
        for (KeyHistory s : firstSeen) {
            synchronized (s) {
                total += kind.appended(s);
            }
        }
        return total;
    }

    /** @return the bound on resolved predictions per key */
    public int maxResolvedPerKey() {
        return maxResolvedPerKey;
    }

    /** @return the bound on drift reports per key */
    public int maxReportsPerKey() {
        return maxReportsPerKey;
    }

    /** @return the bound on drift alerts per key */
    public int maxAlertsPerKey() {
        return maxAlertsPerKey;
    }

    /** @return the bound on baseline records per key */
    public int maxBaselinesPerKey() {
        return maxBaselinesPerKey;
    }

    /** @return the bound on daily forecast records per key */
    public int maxForecastDaysPerKey() {
        return maxForecastDaysPerKey;
    }

    /** @return the bound on daily calibration records per key */
    public int maxCalibrationDaysPerKey() {
        return maxCalibrationDaysPerKey;
    }

    /** @return the bound on retrain requests per key */
    public int maxRetrainsPerKey() {
        return maxRetrainsPerKey;
    }

    @Override
    public String toString() {
        return "InMemoryStore[keys=" + states.size() + ", maxResolvedPerKey=" + maxResolvedPerKey
                + ", maxReportsPerKey=" + maxReportsPerKey + ", maxAlertsPerKey=" + maxAlertsPerKey
                + ", maxBaselinesPerKey=" + maxBaselinesPerKey + ", maxForecastDaysPerKey=" + maxForecastDaysPerKey
                + ", maxCalibrationDaysPerKey=" + maxCalibrationDaysPerKey + ", maxRetrainsPerKey=" + maxRetrainsPerKey
                + "]";
    }

    private KeyHistory state(ModelKey key) {
        KeyHistory s = states.get(key);
        if (s != null) {
            return s;
        }
        return states.computeIfAbsent(key, k -> {
            KeyHistory created = new KeyHistory(k, maxResolvedPerKey, maxBaselinesPerKey, maxReportsPerKey,
                    maxAlertsPerKey, maxForecastDaysPerKey, maxCalibrationDaysPerKey, maxRetrainsPerKey);
            firstSeen.add(created);
            return created;
        });
    }

    private static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /** The record types this store keeps, one ring each. */
    private enum Kind {
        RESOLVED, BASELINE, REPORT, ALERT, FORECAST_DAY, FORECAST_ALERT, CALIBRATION_DAY, CALIBRATION_ALERT, RETRAIN;

        static Kind of(Class<?> type) {
            if (type == ResolvedPrediction.class) {
                return RESOLVED;
            }
            if (type == BaselineRecord.class) {
                return BASELINE;
            }
            if (type == DriftReport.class) {
                return REPORT;
            }
            if (type == DriftAlert.class) {
                return ALERT;
            }
            if (type == ForecastDay.class) {
                return FORECAST_DAY;
            }
            if (type == ForecastAlert.class) {
                return FORECAST_ALERT;
            }
            if (type == CalibrationDay.class) {
                return CALIBRATION_DAY;
            }
            if (type == CalibrationAlert.class) {
                return CALIBRATION_ALERT;
            }
            if (type == RetrainRequest.class) {
                return RETRAIN;
            }
            requireNonNull(type, "type");
            throw new IllegalArgumentException("type must be one of ResolvedPrediction, BaselineRecord, "
                    + "DriftReport, DriftAlert, ForecastDay, ForecastAlert, CalibrationDay, CalibrationAlert or "
                    + "RetrainRequest, was " + type.getName());
        }

        int size(KeyHistory s) {
            switch (this) {
                case RESOLVED:
                    return s.resolved.size();
                case BASELINE:
                    return s.baselines.size();
                case REPORT:
                    return s.reports.size();
                case ALERT:
                    return s.alerts.size();
                case FORECAST_DAY:
                    return s.forecastDays.size();
                case FORECAST_ALERT:
                    return s.forecastAlerts.size();
                case CALIBRATION_DAY:
                    return s.calibrationDays.size();
                case RETRAIN:
                    return s.retrains.size();
                default:
                    return s.calibrationAlerts.size();
            }
        }

        long appended(KeyHistory s) {
            switch (this) {
                case RESOLVED:
                    return s.resolved.appended();
                case BASELINE:
                    return s.baselines.appended();
                case REPORT:
                    return s.reports.appended();
                case ALERT:
                    return s.alerts.appended();
                case FORECAST_DAY:
                    return s.forecastDays.appended();
                case FORECAST_ALERT:
                    return s.forecastAlerts.appended();
                case CALIBRATION_DAY:
                    return s.calibrationDays.appended();
                case RETRAIN:
                    return s.retrains.appended();
                default:
                    return s.calibrationAlerts.appended();
            }
        }
    }

    /**
     * Builds an {@link InMemoryStore}. Every bound starts at its {@code DEFAULT_*} value; each setter
     * validates at once. Not thread-safe.
     */
    public static final class Builder {
        private int maxResolvedPerKey = DEFAULT_MAX_RESOLVED_PER_KEY;
        private int maxReportsPerKey = DEFAULT_MAX_REPORTS_PER_KEY;
        private int maxAlertsPerKey = DEFAULT_MAX_ALERTS_PER_KEY;
        private int maxBaselinesPerKey = DEFAULT_MAX_BASELINES_PER_KEY;
        private int maxForecastDaysPerKey = DEFAULT_MAX_FORECAST_DAYS_PER_KEY;
        private int maxCalibrationDaysPerKey = DEFAULT_MAX_CALIBRATION_DAYS_PER_KEY;
        private int maxRetrainsPerKey = DEFAULT_MAX_RETRAINS_PER_KEY;

        private Builder() {
        }

        /**
         * @param maxRetrainsPerKey retrain requests kept per key, in [1, {@value InMemoryStore#MAX_RETENTION}]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxRetrainsPerKey(int maxRetrainsPerKey) {
            this.maxRetrainsPerKey = retention(maxRetrainsPerKey, "maxRetrainsPerKey");
            return this;
        }

        /**
         * @param maxCalibrationDaysPerKey daily calibration records kept per key, in
         *                                 [1, {@value InMemoryStore#MAX_RETENTION}]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxCalibrationDaysPerKey(int maxCalibrationDaysPerKey) {
            this.maxCalibrationDaysPerKey = retention(maxCalibrationDaysPerKey, "maxCalibrationDaysPerKey");
            return this;
        }

        /**
         * @param maxResolvedPerKey resolved predictions kept per key, in [1, {@value InMemoryStore#MAX_RETENTION}]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxResolvedPerKey(int maxResolvedPerKey) {
            this.maxResolvedPerKey = retention(maxResolvedPerKey, "maxResolvedPerKey");
            return this;
        }

        /**
         * @param maxReportsPerKey drift reports kept per key, in [1, {@value InMemoryStore#MAX_RETENTION}]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxReportsPerKey(int maxReportsPerKey) {
            this.maxReportsPerKey = retention(maxReportsPerKey, "maxReportsPerKey");
            return this;
        }

        /**
         * @param maxAlertsPerKey drift alerts, and separately forecast alerts, kept per key, in [1, {@value InMemoryStore#MAX_RETENTION}]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxAlertsPerKey(int maxAlertsPerKey) {
            this.maxAlertsPerKey = retention(maxAlertsPerKey, "maxAlertsPerKey");
            return this;
        }

        /**
         * @param maxBaselinesPerKey baseline records kept per key, in [1, {@value InMemoryStore#MAX_RETENTION}]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxBaselinesPerKey(int maxBaselinesPerKey) {
            this.maxBaselinesPerKey = retention(maxBaselinesPerKey, "maxBaselinesPerKey");
            return this;
        }

        /**
         * @param maxForecastDaysPerKey daily forecast records kept per key, in [1, {@value InMemoryStore#MAX_RETENTION}]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxForecastDaysPerKey(int maxForecastDaysPerKey) {
            this.maxForecastDaysPerKey = retention(maxForecastDaysPerKey, "maxForecastDaysPerKey");
            return this;
        }

        /** @return a new, empty store with these bounds */
        public InMemoryStore build() {
            return new InMemoryStore(this);
        }

        private static int retention(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, was " + value);
            }
            if (value > MAX_RETENTION) {
                throw new IllegalArgumentException(name + " must be <= " + MAX_RETENTION + ", was " + value);
            }
            return value;
        }
    }
}

package dev.modelmonitor.core;

import dev.modelmonitor.api.Alert;
import dev.modelmonitor.api.AlertSink;
import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.BaselineRecord;
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationAnalyzer;
import dev.modelmonitor.api.CalibrationBreachEvent;
import dev.modelmonitor.api.CalibrationChange;
import dev.modelmonitor.api.CalibrationDay;
import dev.modelmonitor.api.CalibrationEvent;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationMetrics;
import dev.modelmonitor.api.CalibrationPeriod;
import dev.modelmonitor.api.CalibrationSummary;
import dev.modelmonitor.api.CalibrationThresholds;
import dev.modelmonitor.api.CalibrationWindow;
import dev.modelmonitor.api.CoverageEvent;
import dev.modelmonitor.api.DriftDetectedEvent;
import dev.modelmonitor.api.FlaggedPrediction;
import dev.modelmonitor.api.MonitorSettings;
import dev.modelmonitor.api.MonitoringEvent;
import dev.modelmonitor.api.MonitoringListener;
import dev.modelmonitor.api.PerformanceDegradedEvent;
import dev.modelmonitor.api.RetrainHandler;
import dev.modelmonitor.api.RetrainRequest;
import dev.modelmonitor.api.RetrainRequestedEvent;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.DriftMonitor;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ForecastFlag;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.ForecastPeriod;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.ExpiredPrediction;
import dev.modelmonitor.api.Health;
import dev.modelmonitor.api.KeySnapshot;
import dev.modelmonitor.api.LoggedPrediction;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.ModelStatus;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.PredictionLogger;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.SettingChange;
import dev.modelmonitor.api.Store;
import dev.modelmonitor.api.StoreHealth;
import dev.modelmonitor.api.StoreRecord;
import dev.modelmonitor.core.calibration.CalibrationEngine;
import dev.modelmonitor.api.CalibrationStateSnapshot;
import dev.modelmonitor.core.calibration.KeyCalibration;
import dev.modelmonitor.core.drift.DriftEvaluator;
import dev.modelmonitor.core.export.DashboardExporter;
import dev.modelmonitor.core.forecast.ForecastAccumulator;
import dev.modelmonitor.core.forecast.ForecastAlertState;
import dev.modelmonitor.core.forecast.ForecastEvaluator;
import dev.modelmonitor.api.ForecastStateSnapshot;
import dev.modelmonitor.core.forecast.ForecastTrends;
import dev.modelmonitor.core.report.WeeklyReport;
import dev.modelmonitor.core.store.InMemoryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The monitor: logs predictions, resolves them, keeps rolling accuracy and calibration per
 * {@link ModelKey}, tests accuracy against a baseline and raises alerts. Build one with
 * {@link #builder()}; it is the one entry point, and a host may build as many as it likes (there is no
 * global instance).
 *
 * <pre>{@code
 * try (ModelMonitor monitor = ModelMonitor.builder()
 *         .addSink(new Slf4jAlertSink())
 *         .scheduleChecks()                      // checkAll every 30 min on a daemon thread
 *         .build()) {
 *     ModelKey key = ModelKey.of("lstm_btc", "BTC/USDT");
 *     monitor.setBaseline(key, Baseline.ofAccuracy(0.62));
 *     long id = monitor.log(key, Prediction.up(0.75, 42_000.0, Duration.ofMinutes(60)));
 *     monitor.resolve(id, Outcome.exitPrice(43_500.0));
 *     DriftReport report = monitor.detectDrift(key);
 * }
 * }</pre>
 *
 * <h2>Cost</h2>
 * {@code log} and {@code resolve} take no lock shared across threads and, between them, one atomic
 * instruction (the claim that makes exactly one of several racing resolves win): ids come from per-thread
 * blocks, pending predictions sit in an id-indexed ring, resolutions are recorded in a per-thread ring and
 * applied to their key up to {@value ResolutionBuffer#CAPACITY} at a time (with their sums in registers), and
 * logs are counted per thread in runs of one key. A check (and {@code status}, {@code resolved},
 * {@code calibration}) drains those rings first, so it sees every log and resolve that returned before it
 * began. Size the pending capacity to at least 64 slots per logging thread (the default serves 1,024
 * threads); beyond that, predictions go to a slower overflow map. {@code detectDrift} costs O(windows);
 * {@code checkAll}
 * O(keys + pending capacity) (it also expires overdue predictions). Memory per key is about 1.5 KB at the
 * default windows, plus what the store retains.
 *
 * <h2>Expiry</h2>
 * A prediction still pending at its horizon plus the expiry grace (default 1 hour) is expired by the next
 * {@code checkAll} or {@link #expireOverdue()}: counted per key, reported in {@link ModelStatus#expired()},
 * and no longer resolvable.
 *
 * <h2>Alerts</h2>
 * {@code checkAll} publishes a {@link DriftAlert} when a key enters an alerting level or escalates to a
 * graver one (WARNING to CRITICAL to RETRAIN), repeats the current level once per alert repeat interval
 * (default 4 hours) while the key stays alerting (a step down between alerting levels waits for that
 * repeat rather than paging again), and publishes a recovery (INFO) when a key falls back to HEALTHY. Each published alert goes to every sink and to the
 * store. A sink or store that throws is isolated: logged through slf4j, counted in {@link #counters()},
 * and the rest carry on.
 *
 * <h2>Forecasts</h2>
 * A key that logs {@link Prediction.Forecast}s also gets forecast tracking ({@link #forecastPerformance},
 * configured by {@link ForecastConfig}): coverage per quantile and of the p10-p90 interval, MAE and MAPE of
 * the median, coverage by horizon and ROAS, over a count window, day windows and per day (one
 * {@link ForecastDay} per key and day in the store). {@code checkAll} also publishes a {@link ForecastAlert}
 * when a key's forecast flags appear or escalate, repeats it after the alert repeat interval and reports the
 * recovery, through the same sinks and store; {@code checkAll}'s returned list holds drift alerts only.
 * <h2>Restart</h2>
 * On a store that outlives its process ({@link Store#restartable()}, such as
 * {@link dev.modelmonitor.core.store.FileStore}) the monitor also writes each logged prediction, each
 * expiry and, at every {@code checkAll}, on {@code setBaseline}, {@code setForecastBaseline} and on close, a
 * {@link KeySnapshot} of each key that changed (its counts, windows, baseline, forecast state and calibration
 * state; a check writes it once, at its end, after the day records and alerts it wrote), and on
 * {@code markCritical}, {@code unmarkCritical}, {@code setCalibrationReference} and
 * {@code restoreCalibration}. {@link Builder#build()} then rebuilds from the store: each key's latest
 * snapshot and the events after it refill the windows, counts, forecast and calibration state, still-pending
 * predictions can be resolved again (with their original ids; new ids never repeat one issued before),
 * baselines come from the latest stored baseline, and drift and forecast alert cool-downs from the latest
 * stored alert of each kind; forecast and calibration days the store lacks are written, none twice, and a
 * calibration alert a crash kept from the store is published once. {@code detectDrift}, {@code status},
 * {@code resolved}, {@code baseline}, {@code history}, {@code forecastPerformance}, {@code forecastHistory},
 * {@code forecastBaseline} and every calibration query (windows, history, change, periods, flagged
 * predictions, alerts, breach state, critical marks, reference periods, retrain cool-downs and history) then
 * answer as the old monitor did. The builder's thresholds, hold band, expiry grace, forecast config, calibration
 * thresholds and critical keys win over the stored ones (the stored reports keep the thresholds they were
 * made with; a critical mark set at run time survives when the builder does not mark that key). The monitor
 * records its settings in the store ({@link Store#recordSettings}) and, at a restart, logs at WARN and
 * reports in {@link #settingsChanges()} every setting that differs from the stored ones; a snapshot
 * holds the old monitor's long window of verdicts, so a new monitor with longer windows starts them partly
 * filled, and a forecast or calibration state taken with another window layout is not taken up (the key's
 * forecast windows start empty with its forecast baseline kept; its calibration accumulators start empty
 * with its closed days, retrain cool-down and critical mark kept).
 *
 * <p>What is durable when: a prediction is written when {@code log} returns (forced to the device under
 * the file store's {@code EVERY_WRITE}); a resolution is written when the resolving thread's buffer is
 * applied (when its ring of {@value ResolutionBuffer#CAPACITY} resolutions fills (a thread that logs for
 * several keys in turn also puts an entry there each time it changes keys), at any check or read,
 * {@link #flush()}, or close).
 * A crash between the two leaves the prediction pending after the restart, so it can be resolved again:
 * nothing acknowledged is lost, and nothing is counted twice.
 *
 * <h2>Calibration</h2>
 * Every resolution of a prediction with a confidence also updates the key's calibration accumulators
 * (count windows and per-day statistics, see {@link CalibrationEngine}) in O(count windows), under the key's
 * lock in the same drain. {@code checkAll} closes the days that ended since the last check: it appends one
 * {@link CalibrationDay} per key, kind and day to the store, publishes {@link CalibrationAlert}s (breach and
 * recovery, for keys marked critical) like drift alerts, and calls the {@link RetrainHandler} when
 * calibration degrades (with a cool-down), storing each request first ({@link #retrainHistory}). Run checks at least once every {@code maxDays} days (scheduled
 * checks do), or days older than that are lost before they are closed.
 *
 * <h2>Events</h2>
 * {@link MonitoringListener}s receive {@link MonitoringEvent}s: {@code model.drift_detected} for each
 * published drift alert, {@code model.calibration} for each closed day, {@code model.calibration.breach} for
 * each calibration alert, {@code model.retrain.requested} for each retrain request,
 * {@code model.performance.degraded} for each forecast error metric (MAE, MAPE) past its allowed ratio when a
 * forecast alert raises {@link ForecastFlag#PERFORMANCE_DEGRADED} (and when a host calls
 * {@link #publishPerformanceDegraded}), and {@code model.calibration} as a {@link CoverageEvent} when a
 * forecast alert raises or clears a coverage flag. Events are built only when a listener is registered; a listener or
 * retrain handler that throws is isolated, logged and counted in {@link MonitorCounters#callbackFailures()}.
 *
 * <p>Thread-safe. {@link #close()} stops scheduled checks, applies buffered resolutions and closes the
 * store; afterwards {@code log} and {@code resolve} throw {@link IllegalStateException}.
 */
public final class ModelMonitor implements PredictionLogger, DriftMonitor, CalibrationAnalyzer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelMonitor.class);
    private static final Comparator<ModelKey> KEY_ORDER =
            Comparator.comparing(ModelKey::model).thenComparing(ModelKey::segment);

    private final Clock clock;
    private final DriftThresholds thresholds;
    private final ForecastConfig forecastConfig;
    private final Store store;
    private final StoreWriter writer;
    private final List<AlertSink> sinks;
    private final double holdBand;
    private final long expiryGraceMillis;
    private final long alertRepeatMillis;
    private final boolean recordTrends;
    private final boolean restartable;
    private final CalibrationEngine calibration;
    private final List<MonitoringListener> listeners;
    private final RetrainHandler retrainHandler;
    private final MonitorSettings settings;
    private final List<SettingChange> settingsChanges;

    private final int[] emptySizes;
    private static final int[] EMPTY_COUNTS = new int[3];
    private final PendingLedger ledger;
    private final ConcurrentHashMap<ModelKey, KeyState> states = new ConcurrentHashMap<>();
    private final ThreadLocal<ResolutionBuffer> local = new ThreadLocal<>();
    private final CopyOnWriteArrayList<ResolutionBuffer> buffers = new CopyOnWriteArrayList<>();
    private final Object checkLock = new Object();

    private final LongAdder alertsPublished = new LongAdder();
    private final LongAdder sinkFailures = new LongAdder();
    private final LongAdder callbackFailures = new LongAdder();
    private final AtomicLong expiredTotal = new AtomicLong();
    private final AtomicLong checks = new AtomicLong();

    private final ScheduledExecutorService ownScheduler;
    private final ScheduledFuture<?> scheduled;
    private volatile boolean closed;

    private ModelMonitor(Builder b) {
        this.clock = b.clock;
        this.thresholds = b.thresholds;
        this.forecastConfig = b.forecastConfig;
        this.store = b.store != null ? b.store : InMemoryStore.builder().build();
        this.writer = new StoreWriter(store);
        this.sinks = List.copyOf(b.sinks);
        this.holdBand = b.holdBand;
        this.expiryGraceMillis = b.expiryGrace.toMillis();
        this.alertRepeatMillis = b.alertRepeatInterval.toMillis();
        this.recordTrends = b.recordTrends;
        this.calibration = new CalibrationEngine(b.calibrationThresholds, b.criticalKeys);
        this.listeners = List.copyOf(b.listeners);
        this.retrainHandler = b.retrainHandler;
        this.ledger = new PendingLedger(b.pendingCapacity);
        this.emptySizes = new int[] {thresholds.shortWindow(), thresholds.mediumWindow(), thresholds.longWindow()};
        this.restartable = restartable(store);
        this.settings = new MonitorSettings(thresholds, b.calibrationThresholds, forecastConfig, holdBand,
                b.expiryGrace, b.alertRepeatInterval);
        this.settingsChanges = restartable ? recordSettings() : List.of();
        if (restartable) {
            restore();
        }
        ScheduledExecutorService executor = b.scheduler;
        if (b.scheduleChecks && executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "model-monitor-checks");
                t.setDaemon(true);
                return t;
            });
            this.ownScheduler = executor;
        } else {
            this.ownScheduler = null;
        }
        if (b.scheduleChecks) {
            long period = thresholds.checkInterval().toMillis();
            this.scheduled = executor.scheduleAtFixedRate(this::scheduledCheck, period, period,
                    TimeUnit.MILLISECONDS);
        } else {
            this.scheduled = null;
        }
    }

    /**
     * A builder with the defaults: an {@link InMemoryStore}, the system UTC clock, the seed's
     * {@link DriftThresholds#defaults()}, no sinks, hold band 0.002, expiry grace 1 hour, alert repeat
     * 4 hours, pending capacity 65,536, no scheduled checks.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ hot path

    @Override
    public long log(ModelKey key, Prediction prediction) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (prediction == null) {
            throw new IllegalArgumentException("prediction must not be null");
        }
        checkOpen();
        ResolutionBuffer buffer = localBuffer();
        KeyState state;
        if (key == buffer.lastKey) {
            state = buffer.lastState;
        } else {
            state = state(key);
            buffer.lastKey = key;
            buffer.lastState = state;
        }
        long id = buffer.nextId;
        if (id == buffer.idLimit) {
            id = ledger.nextBlock(buffer);
            buffer.idLimit = id + PendingLedger.BLOCK;
        }
        buffer.nextId = id + 1;
        long now = clock.millis();
        if (restartable) {
            // before the ledger: once there, another thread may resolve it, and its resolution must follow it
            writer.logged(id, key, prediction, now);
        }
        ledger.add(id, state, prediction, now, deadline(now, prediction.horizon()), buffer.ownedChunk >= 0);
        buffer.logged(state);
        return id;
    }

    @Override
    public boolean resolve(long id, Outcome outcome) {
        if (outcome == null) {
            throw new IllegalArgumentException("outcome must not be null");
        }
        checkOpen();
        return ledger.resolve(id, outcome, holdBand, clock.millis(), localBuffer());
    }

    private ResolutionBuffer localBuffer() {
        ResolutionBuffer b = local.get();
        if (b == null) {
            b = new ResolutionBuffer(Thread.currentThread(), writer);
            local.set(b);
            buffers.add(b);
        }
        return b;
    }

    private static boolean restartable(Store store) {
        try {
            return store.restartable();
        } catch (RuntimeException e) {
            LOG.error("store {} failed to say whether it is restartable; treating it as not", store, e);
            return false;
        }
    }

    /**
     * Compares the store's settings with this monitor's, logs each difference once at WARN (this monitor's
     * apply), and records this monitor's when they differ or none were stored. A store that throws is logged
     * and counted; the monitor then reports no changes.
     */
    private List<SettingChange> recordSettings() {
        List<SettingChange> changes = List.of();
        try {
            Optional<MonitorSettings> stored = store.storedSettings();
            if (stored.isPresent()) {
                changes = settings.changesFrom(stored.get());
                for (SettingChange c : changes) {
                    LOG.warn("setting {} changed since the last monitor on {}: stored {}, now {}; the new value "
                            + "applies", c.setting(), store, c.stored(), c.current());
                }
            }
            if (stored.isEmpty() || !changes.isEmpty()) {
                store.recordSettings(settings);
            }
        } catch (RuntimeException e) {
            writer.failed("recordSettings", e);
        }
        return changes;
    }

    /**
     * Rebuilds from the store: snapshots and the events after them (the drift windows and the forecast
     * state), pending predictions, ids, baselines and the drift and forecast alert cool-downs. A store that
     * throws leaves the monitor empty (logged and counted).
     */
    private void restore() {
        long[] maxId = {0};
        Map<ModelKey, long[]> pendingPerKey = new HashMap<>();
        Map<ModelKey, List<ForecastDay>> replayedDays = new HashMap<>();
        try {
            maxId[0] = store.reservedIds();
            store.recover(r -> {
                KeyState s = state(r.key());
                if (r instanceof KeySnapshot) {
                    List<String> problems;
                    synchronized (s) {
                        problems = s.restoreLocked((KeySnapshot) r);
                    }
                    for (String problem : problems) {
                        LOG.warn("{}: {}", r.key(), problem);
                    }
                } else if (r instanceof ResolvedPrediction) {
                    ResolvedPrediction p = (ResolvedPrediction) r;
                    synchronized (s) {
                        s.applyLocked(p.verdict(), p.prediction(), p.outcome(), p.resolvedAtMillis());
                        if (p.prediction() instanceof Prediction.Forecast && p.outcome() instanceof Outcome.ActualValue) {
                            ForecastDay day = s.applyForecastLocked((Prediction.Forecast) p.prediction(),
                                    ((Outcome.ActualValue) p.outcome()).value(), p.resolvedAtMillis());
                            if (day != null) {
                                replayedDays.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(day);
                            }
                        }
                    }
                    maxId[0] = Math.max(maxId[0], p.id());
                } else if (r instanceof ExpiredPrediction) {
                    s.expired.incrementAndGet();
                    maxId[0] = Math.max(maxId[0], ((ExpiredPrediction) r).id());
                } else if (r instanceof LoggedPrediction) {
                    LoggedPrediction p = (LoggedPrediction) r;
                    ledger.restore(p.id(), s, p.prediction(), p.loggedAtMillis(),
                            deadline(p.loggedAtMillis(), p.prediction().horizon()));
                    pendingPerKey.computeIfAbsent(p.key(), k -> new long[1])[0]++;
                    maxId[0] = Math.max(maxId[0], p.id());
                }
            });
            for (KeyState s : states.values()) {
                long pending = pendingPerKey.getOrDefault(s.key, new long[1])[0];
                synchronized (s) {
                    s.restoreLoggedLocked(s.resolvedLocked() + s.expired.get() + pending);
                }
                List<BaselineRecord> baselines = store.latest(BaselineRecord.class, s.key, 1);
                if (!baselines.isEmpty()) {
                    s.baseline = baselines.get(0).baseline();
                }
                List<DriftAlert> alerts = store.latest(DriftAlert.class, s.key, 1);
                if (!alerts.isEmpty()) {
                    DriftAlert a = alerts.get(0);
                    s.publishedLevel = a.isRecovery() ? DriftLevel.HEALTHY : a.level();
                    s.publishedAtMillis = a.timestampMillis();
                }
                restoreForecastHistory(s, replayedDays.getOrDefault(s.key, List.of()));
                restoreCalibrationHistory(s);
            }
        } catch (RuntimeException e) {
            writer.failed("recover", e);
        }
        ledger.startAfter(maxId[0], writer::reserveIds);
    }

    /**
     * Squares a restored key's forecast state with the daily history in the store. Replaying the
     * resolutions after the snapshot closes again the days they closed before: those the store holds are
     * not written twice, and those a crash lost before they reached it are written now. A day the store
     * holds that the state still has open (a check closed it after the snapshot was taken) is closed without
     * writing it again. Then the alert cool-down is taken from the latest stored forecast alert.
     */
    private void restoreForecastHistory(KeyState s, List<ForecastDay> replayed) {
        synchronized (s) {
            ForecastAccumulator f = s.forecast;
            if (f != null) {
                List<ForecastDay> stored = store.latest(ForecastDay.class, s.key, 1);
                LocalDate storedThrough = stored.isEmpty() ? null : stored.get(0).day();
                for (ForecastDay d : replayed) {
                    if (storedThrough == null || d.day().isAfter(storedThrough)) {
                        append(d);
                    }
                }
                if (storedThrough != null && f.openEpochDay() != Long.MIN_VALUE
                        && f.openEpochDay() <= storedThrough.toEpochDay()) {
                    f.closeDaysBefore(storedThrough.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
                }
            }
        }
        List<ForecastAlert> alerts = store.latest(ForecastAlert.class, s.key, 1);
        if (!alerts.isEmpty()) {
            s.forecastAlerts = ForecastAlertState.after(alerts.get(0));
        }
    }

    /**
     * Squares a restored key's calibration state with the daily history in the store. A check writes a key's
     * snapshot after the days it closed, so normally the state's last closed day is the store's last
     * day. When the process stopped between the two (a crash), the store holds days the state has still
     * open: they are closed again here, up to the store's last day, so the breach runs, reference period and
     * retrain cool-down move on as they did; days and alerts the store holds are not written or published
     * twice, and those it lacks (the crash cut the check short) are written, and alerts published, now. A
     * retrain request such a close makes again is not handed to the handler twice: it only restarts the
     * cool-down, and is stored (stamped with the rebuild's time) only when the store lacks it (the stored
     * request with the same reasons).
     */
    private void restoreCalibrationHistory(KeyState s) {
        KeyCalibration kc = s.calibrationLocked();
        if (kc == null) {
            return;
        }
        List<CalibrationDay> latest = store.latest(CalibrationDay.class, s.key, 1);
        if (latest.isEmpty()) {
            return;
        }
        long storedThrough = latest.get(0).date().toEpochDay();
        long last = calibration.lastClosedDay(kc);
        if (last != CalibrationStateSnapshot.NO_DAY && last >= storedThrough) {
            return;
        }
        long now = clock.millis();
        CalibrationEngine.DayClose close = calibration.close(kc, storedThrough + 1, now);
        if (close.isEmpty()) {
            return;
        }
        LocalDate from = close.days().isEmpty() ? LocalDate.ofEpochDay(storedThrough) : close.days().get(0).date();
        LocalDate to = LocalDate.ofEpochDay(storedThrough);
        Set<List<Object>> storedDays = new java.util.HashSet<>();
        for (CalibrationDay d : calibrationHistory(s.key, from, to)) {
            storedDays.add(List.of(d.kind(), d.date()));
        }
        for (CalibrationDay d : close.days()) {
            if (!storedDays.contains(List.of(d.kind(), d.date()))) {
                append(d);
            }
        }
        Set<List<Object>> storedAlerts = new java.util.HashSet<>();
        List<CalibrationAlert> stored = new ArrayList<>();
        store.scan(CalibrationAlert.class, s.key, Long.MIN_VALUE, Long.MAX_VALUE, stored::add);
        for (CalibrationAlert a : stored) {
            storedAlerts.add(List.of(a.status(), a.kind(), a.date()));
        }
        for (CalibrationAlert a : close.alerts()) {
            if (!storedAlerts.contains(List.of(a.status(), a.kind(), a.date()))) {
                publish(a);
                if (!listeners.isEmpty()) {
                    publishEvent(new CalibrationBreachEvent(a));
                }
            }
        }
        RetrainRequest retrain = close.retrain();
        if (retrain != null) {
            // the same days give the same reasons: a request the store holds was stored before the crash
            List<RetrainRequest> storedLast = store.latest(RetrainRequest.class, s.key, 1);
            if (storedLast.isEmpty() || !storedLast.get(0).reasons().equals(retrain.reasons())) {
                append(retrain);
            }
        }
        LOG.info("{}: closed calibration days through {} again after a restart (the store held them, the key's "
                + "last snapshot did not)", s.key, to);
        snapshotIfChanged(s, now);
    }

    private KeyState state(ModelKey key) {
        KeyState s = states.get(key);
        return s != null ? s : states.computeIfAbsent(key, k -> new KeyState(k, thresholds, calibration, forecastConfig));
    }

    private long deadline(long now, Duration horizon) {
        long h;
        try {
            h = horizon.toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
        long d = now + h;
        long e = d + expiryGraceMillis;
        return (d < now || e < d) ? Long.MAX_VALUE : e;
    }

    private void drainAll() {
        for (ResolutionBuffer b : buffers) {
            b.drain();
            // only the caller that removes a dead thread's buffer gives its chunk back: two callers releasing it
            // could free the chunk after a live thread had taken it
            if (!b.owner.isAlive() && buffers.remove(b)) {
                b.drain();
                ledger.release(b);
            }
        }
    }

    // ------------------------------------------------------------------ reads

    @Override
    public List<ResolvedPrediction> resolved(ModelKey key, int n) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        drainAll();
        if (n == 0) {
            return List.of();
        }
        return store.latest(ResolvedPrediction.class, key, n);
    }

    /**
     * The last drift reports recorded for a key by {@code checkAll} (its accuracy trend), oldest first, as
     * far as the store retains them.
     *
     * @param key the key, not null
     * @param n   how many at most, &gt;= 0
     * @return at most n reports, oldest first
     */
    public List<DriftReport> history(ModelKey key, int n) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        return n == 0 ? List.of() : store.latest(DriftReport.class, key, n);
    }

    @Override
    public void setBaseline(ModelKey key, Baseline baseline) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (baseline == null) {
            throw new IllegalArgumentException("baseline must not be null");
        }
        KeyState s = state(key);
        long now = clock.millis();
        s.baseline = baseline;
        append(new BaselineRecord(key, baseline, now));
        snapshotIfChanged(s, now);
    }

    /**
     * Writes a snapshot of the key when it changed since its last one (restartable stores only). Takes the
     * check lock (the calibration state's breach bookkeeping is the check's), then the key's.
     */
    private void snapshotIfChanged(KeyState s, long now) {
        if (!restartable) {
            return;
        }
        synchronized (checkLock) {
            synchronized (s) {
                if (s.changedSinceSnapshotLocked()) {
                    append(s.snapshotLocked(now));
                }
            }
        }
    }

    @Override
    public Optional<Baseline> baseline(ModelKey key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        KeyState s = states.get(key);
        return s == null ? Optional.empty() : Optional.ofNullable(s.baseline);
    }

    @Override
    public DriftReport detectDrift(ModelKey key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        drainAll();
        return evaluate(key, states.get(key), clock.millis());
    }

    private DriftReport evaluate(ModelKey key, KeyState s, long now) {
        if (s == null) {
            return DriftEvaluator.evaluate(key, thresholds, Double.NaN, emptySizes, EMPTY_COUNTS, EMPTY_COUNTS, 0, now);
        }
        synchronized (s) {
            return s.evaluateLocked(thresholds, now);
        }
    }

    @Override
    public List<DriftAlert> checkAll() {
        List<DriftAlert> result = new ArrayList<>();
        List<DriftAlert> toPublish = new ArrayList<>();
        synchronized (checkLock) {
            drainAll();
            long now = clock.millis();
            expire(now);
            for (KeyState s : states.values()) {
                DriftReport report = evaluate(s.key, s, now);
                if (recordTrends && report.resolvedCount() > 0) {
                    append(report);
                }
                DriftLevel level = report.level();
                DriftLevel published = s.publishedLevel;
                if (level.isAlerting()) {
                    DriftAlert alert = new DriftAlert(report, published);
                    result.add(alert);
                    if (level.compareTo(published) > 0 || now - s.publishedAtMillis >= alertRepeatMillis) {
                        toPublish.add(alert);
                        s.publishedLevel = level;
                        s.publishedAtMillis = now;
                    }
                } else if (level == DriftLevel.HEALTHY && published.isAlerting()) {
                    DriftAlert recovery = new DriftAlert(report, published);
                    result.add(recovery);
                    toPublish.add(recovery);
                    s.publishedLevel = DriftLevel.HEALTHY;
                    s.publishedAtMillis = now;
                }
            }
            toPublish.sort(Comparator.comparing(DriftAlert::key, KEY_ORDER));
            for (DriftAlert alert : toPublish) {
                publish(alert);
                if (!listeners.isEmpty()) {
                    publishEvent(new DriftDetectedEvent(alert));
                }
            }
            checkForecasts(now);
            closeCalibrationDays(now);
            // one snapshot per changed key, after every record this check wrote (day records, alerts): a
            // crash before it leaves the store holding records the stored state predates, which a restart
            // squares (see restore); one after it finds the state moved on past them
            for (KeyState s : states.values()) {
                snapshotIfChanged(s, now);
            }
            checks.incrementAndGet();
        }
        result.sort(Comparator.comparing(DriftAlert::key, KEY_ORDER));
        return List.copyOf(result);
    }

    /**
     * The forecast part of a check, under the check lock: closes each forecast key's finished day into the
     * store, evaluates it and publishes what {@link ForecastAlertState} decides.
     */
    private void checkForecasts(long now) {
        List<ForecastAlert> toPublish = null;
        for (KeyState s : states.values()) {
            ForecastPerformance performance;
            synchronized (s) {
                ForecastAccumulator f = s.forecast;
                if (f == null) {
                    continue;
                }
                ForecastDay closed = f.closeDaysBefore(now);
                if (closed != null) {
                    append(closed);
                }
                // the open day moved: the check's closing snapshot keeps the stored open day in step
                performance = f.performance(now);
            }
            ForecastAlertState alerts = s.forecastAlerts;
            if (alerts == null) {
                alerts = new ForecastAlertState();
                s.forecastAlerts = alerts;
            }
            ForecastAlert alert = alerts.next(performance, now, alertRepeatMillis);
            if (alert != null) {
                if (toPublish == null) {
                    toPublish = new ArrayList<>();
                }
                toPublish.add(alert);
            }
        }
        if (toPublish != null) {
            toPublish.sort(Comparator.comparing(ForecastAlert::key, KEY_ORDER));
            for (ForecastAlert alert : toPublish) {
                publishForecast(alert);
            }
        }
    }

    /**
     * Closes the calibration days that ended and publishes what that produced, in key order. Caller holds the
     * check lock. O(keys) with nothing allocated for a key whose days are all closed.
     */
    private void closeCalibrationDays(long now) {
        List<CalibrationEngine.DayClose> closes = null;
        for (KeyState s : states.values()) {
            KeyCalibration kc = s.calibrationLocked();
            if (kc == null) {
                continue;
            }
            CalibrationEngine.DayClose close = calibration.close(kc, now);
            if (!close.isEmpty()) {
                if (closes == null) {
                    closes = new ArrayList<>();
                }
                closes.add(close);
            }
        }
        if (closes == null) {
            return;
        }
        closes.sort(Comparator.comparing(CalibrationEngine.DayClose::key, KEY_ORDER));
        for (CalibrationEngine.DayClose close : closes) {
            for (CalibrationDay day : close.days()) {
                append(day);
                if (!listeners.isEmpty()) {
                    publishEvent(new CalibrationEvent(day));
                }
            }
            for (CalibrationAlert alert : close.alerts()) {
                publish(alert);
                if (!listeners.isEmpty()) {
                    publishEvent(new CalibrationBreachEvent(alert));
                }
            }
            RetrainRequest retrain = close.retrain();
            if (retrain != null) {
                // stored before the handler runs: the history says what was asked whatever the handler does
                append(retrain);
                if (retrainHandler != null) {
                    try {
                        retrainHandler.onRetrainRequested(retrain);
                    } catch (VirtualMachineError fatal) {
                        throw fatal;
                    } catch (Throwable e) {
                        callbackFailures.increment();
                        LOG.error("retrain handler {} failed on {}; monitoring continues", retrainHandler,
                                retrain.key(), e);
                    }
                }
                if (!listeners.isEmpty()) {
                    publishEvent(new RetrainRequestedEvent(retrain));
                }
            }
        }
    }

    private void publishEvent(MonitoringEvent event) {
        for (MonitoringListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                callbackFailures.increment();
                LOG.error("monitoring listener {} failed on event {}; other listeners still receive it", l,
                        event.name(), e);
            }
        }
    }

    /**
     * The one place a forecast state change leaves the monitor: entry, escalation, repeat and recovery of a
     * key's forecast flags ({@link ForecastAlert#raisedFlags()}, {@link ForecastAlert#clearedFlags()}). The
     * alert goes to the sinks and the store; when it raises PERFORMANCE_DEGRADED, listeners get one
     * {@code model.performance.degraded} per metric past its ratio (MAE, then MAPE: current over the count
     * window, baseline, allowed ratio); when it raises or clears a coverage flag, one {@link CoverageEvent}
     * ({@code model.calibration}). A repeat of an unchanged alert publishes no event.
     */
    private void publishForecast(ForecastAlert alert) {
        publish(alert);
        if (listeners.isEmpty()) {
            return;
        }
        ForecastPerformance p = alert.performance();
        if (alert.raisedFlags().contains(ForecastFlag.PERFORMANCE_DEGRADED) && p.baseline() != null) {
            ForecastTally t = p.recent().tally();
            double allowed = p.config().degradedRatio();
            if (ForecastEvaluator.maeDegraded(p)) {
                publishEvent(new PerformanceDegradedEvent(alert.key(), "mae", t.mae(), p.baseline().mae(), allowed,
                        alert.timestampMillis()));
            }
            if (ForecastEvaluator.mapeDegraded(p)) {
                publishEvent(new PerformanceDegradedEvent(alert.key(), "mape", t.mape(), p.baseline().mape(), allowed,
                        alert.timestampMillis()));
            }
        }
        if (CoverageEvent.changesCoverage(alert)) {
            publishEvent(new CoverageEvent(alert));
        }
    }

    /**
     * Publishes {@code model.performance.degraded} for a key to the registered listeners: the hook a forecast
     * capability calls when MAE or MAPE worsen past their allowed ratio of the baseline. Builds nothing when
     * no listener is registered. A listener that throws is isolated and counted.
     *
     * @param key          the key, not null
     * @param metric       the metric's name, for example {@code "mae"}, not blank
     * @param current      its current value
     * @param baseline     its baseline value
     * @param allowedRatio the ratio current / baseline above which it counts as degraded
     * @return true when at least one listener was called
     */
    public boolean publishPerformanceDegraded(ModelKey key, String metric, double current, double baseline,
                                              double allowedRatio) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (listeners.isEmpty()) {
            return false;
        }
        publishEvent(new PerformanceDegradedEvent(key, metric, current, baseline, allowedRatio, clock.millis()));
        return true;
    }

    /** @return whether any {@link MonitoringListener} is registered, so a caller can skip building an event */
    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    private void scheduledCheck() {
        try {
            checkAll();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            // a periodic task that throws is cancelled by the executor: keep the schedule alive
            LOG.error("scheduled drift check failed; the schedule continues", e);
        }
    }

    /**
     * Expires every pending prediction past its horizon plus the expiry grace. {@code checkAll} calls this;
     * a host that never checks can call it itself.
     *
     * @return how many predictions expired
     */
    public int expireOverdue() {
        return expire(clock.millis());
    }

    private int expire(long now) {
        int n = ledger.expire(now, (key, id, loggedAt) -> {
            // under the key's lock, so the stored expiry falls on the same side of a snapshot as the count
            synchronized (key) {
                key.expired.incrementAndGet();
                if (restartable) {
                    append(new ExpiredPrediction(id, key.key, loggedAt, now));
                }
            }
        });
        expiredTotal.addAndGet(n);
        return n;
    }

    private void publish(Alert alert) {
        alertsPublished.increment();
        for (AlertSink sink : sinks) {
            try {
                sink.publish(alert);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                sinkFailures.increment();
                LOG.error("alert sink {} failed on alert '{}'; other sinks still receive it", sink, alert.title(), e);
            }
        }
        if (alert instanceof StoreRecord) {
            append((StoreRecord) alert);
        }
    }

    private void append(StoreRecord record) {
        writer.append(record);
    }

    @Override
    public ModelStatus status(ModelKey key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        drainAll();
        KeyState s = states.get(key);
        DriftReport report = evaluate(key, s, clock.millis());
        if (s == null) {
            return new ModelStatus(key, Health.UNKNOWN, report, null, 0, 0, 0, 0, 0);
        }
        long expired = s.expired.get();
        long logged;
        long resolved;
        long lastAt;
        synchronized (s) {
            logged = s.loggedCountLocked();
            resolved = s.resolvedLocked();
            lastAt = s.lastResolvedAtMillisLocked();
        }
        long pending = Math.max(0, logged - resolved - expired);
        Baseline baseline = s.baseline;
        Health health = report.level().health();
        if (baseline == null && report.level() != DriftLevel.RETRAIN) {
            health = Health.UNKNOWN;
        }
        return new ModelStatus(key, health, report, baseline, logged, resolved, pending, expired, lastAt);
    }

    @Override
    public Set<ModelKey> keys() {
        return Set.copyOf(states.keySet());
    }

    /**
     * Confidence calibration over each key's longest count window (default the last 200 resolved predictions
     * that carry a confidence; forecasts carry none and are left out). O(bins).
     */
    @Override
    public CalibrationSummary calibration(ModelKey key) {
        requireKey(key);
        drainAll();
        return calibration.summary(key, keyCalibration(key), clock.millis());
    }

    @Override
    public CalibrationMetrics calibration(ModelKey key, CalibrationKind kind, CalibrationWindow window) {
        requireKey(key);
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (window == null) {
            throw new IllegalArgumentException("window must not be null");
        }
        drainAll();
        return calibration.metrics(key, keyCalibration(key), kind, window, clock.millis());
    }

    private KeyCalibration keyCalibration(ModelKey key) {
        KeyState s = states.get(key);
        if (s == null) {
            return null;
        }
        synchronized (s) {
            return s.calibrationLocked();
        }
    }

    // ------------------------------------------------------------------ forecasts

    /**
     * How a key's numeric forecasts are doing now: coverage per quantile and of the p10-p90 interval, MAE,
     * MAPE, coverage by horizon and ROAS over the last {@link ForecastConfig#countWindow()} resolved forecasts
     * and the last {@link ForecastConfig#shortDays()} and {@link ForecastConfig#longDays()} UTC days, with
     * the flags and recommendations {@code checkAll} alerts on. Applies buffered resolutions first. A key
     * without forecasts (or unknown) gives empty windows and no flags. Cost: O(longDays x horizon buckets).
     *
     * @param key the key, not null
     * @return the performance
     */
    public ForecastPerformance forecastPerformance(ModelKey key) {
        requireKey(key);
        drainAll();
        long now = clock.millis();
        KeyState s = states.get(key);
        if (s != null) {
            synchronized (s) {
                if (s.forecast != null) {
                    return s.forecast.performance(now);
                }
            }
        }
        return ForecastAccumulator.emptyPerformance(key, forecastConfig, now);
    }

    /**
     * A key's forecast figures summed over whole UTC days from its daily history (see
     * {@link #forecastHistory}); the open day is not included.
     *
     * @param key         the key, not null
     * @param from        the first day, inclusive, not null
     * @param toExclusive the day after the last, after {@code from}
     * @return the period; empty when the store holds no day in the range
     */
    public ForecastPeriod forecastPerformance(ModelKey key, LocalDate from, LocalDate toExclusive) {
        return ForecastPeriod.of(key, from, toExclusive, forecastHistory(key, from, toExclusive));
    }

    /**
     * A key's daily forecast history: one {@link ForecastDay} per UTC day with resolutions, as far as the
     * store retains them, oldest first. A day reaches the store once it is over (at the key's first
     * resolution of a later day, at the first check after midnight, or at this call, which closes a finished
     * day first); the open day is in {@link #forecastPerformance(ModelKey)}.
     *
     * @param key         the key, not null
     * @param from        the first day, inclusive, not null
     * @param toExclusive the day after the last, after {@code from}
     * @return the days in the range
     */
    public List<ForecastDay> forecastHistory(ModelKey key, LocalDate from, LocalDate toExclusive) {
        requireKey(key);
        if (from == null) {
            throw new IllegalArgumentException("from must not be null");
        }
        if (toExclusive == null) {
            throw new IllegalArgumentException("toExclusive must not be null");
        }
        if (!toExclusive.isAfter(from)) {
            throw new IllegalArgumentException("toExclusive must be after from (" + from + "), was " + toExclusive);
        }
        drainAll();
        KeyState s = states.get(key);
        if (s != null) {
            synchronized (s) {
                if (s.forecast != null) {
                    ForecastDay closed = s.forecast.closeDaysBefore(clock.millis());
                    if (closed != null) {
                        append(closed);
                    }
                }
            }
        }
        List<ForecastDay> out = new ArrayList<>();
        store.scan(ForecastDay.class, key, from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
                toExclusive.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(), out::add);
        return List.copyOf(out);
    }

    /**
     * Sets the forecast error a key is held to; {@link dev.modelmonitor.api.ForecastFlag#PERFORMANCE_DEGRADED}
     * compares against it. Creates the key's forecast state if needed.
     *
     * @param key      the key, not null
     * @param baseline the baseline, not null
     */
    public void setForecastBaseline(ModelKey key, ForecastBaseline baseline) {
        requireKey(key);
        if (baseline == null) {
            throw new IllegalArgumentException("baseline must not be null");
        }
        KeyState s = state(key);
        synchronized (s) {
            s.forecastLocked().baseline(baseline);
        }
        snapshotIfChanged(s, clock.millis());
    }

    /**
     * @param key the key, not null
     * @return the key's forecast baseline, empty when none is set
     */
    public Optional<ForecastBaseline> forecastBaseline(ModelKey key) {
        requireKey(key);
        KeyState s = states.get(key);
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            return s.forecast == null ? Optional.empty() : Optional.ofNullable(s.forecast.baseline());
        }
    }

    /**
     * Captures a key's forecast state exactly (after applying buffered resolutions), for a store to persist.
     *
     * @param key the key, not null
     * @return the snapshot, empty when the key has no forecast state
     */
    public Optional<ForecastStateSnapshot> forecastSnapshot(ModelKey key) {
        requireKey(key);
        drainAll();
        KeyState s = states.get(key);
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            return s.forecast == null ? Optional.empty() : Optional.of(s.forecast.snapshot());
        }
    }

    /**
     * Replaces a key's forecast state with a snapshot's (taken with the same count window, long days and
     * horizon buckets), typically at start-up before any forecast of that key is resolved.
     *
     * @param snapshot the snapshot, not null
     * @throws IllegalArgumentException if the snapshot does not fit this monitor's {@link ForecastConfig}
     */
    public void restoreForecast(ForecastStateSnapshot snapshot) {
        if (snapshot == null) {
            throw new IllegalArgumentException("snapshot must not be null");
        }
        ForecastAccumulator restored = ForecastAccumulator.restore(snapshot, forecastConfig);
        drainAll();
        KeyState s = state(snapshot.key());
        synchronized (s) {
            s.forecast = restored;
        }
        snapshotIfChanged(s, clock.millis());
    }

    /**
     * Writes {@code forecast_trends.json} (interval coverage, per-quantile coverage, MAE and MAPE by UTC day
     * per forecast key) into a directory; see {@link ForecastTrends}. Separate from
     * {@link #exportDashboard(Path)}.
     *
     * @param directory the directory, created if missing
     * @return the file written
     */
    public Path exportForecastTrends(Path directory) {
        return ForecastTrends.write(this, directory);
    }

    /** @return the forecast config this monitor applies */
    public ForecastConfig forecastConfig() {
        return forecastConfig;
    }

    private static void requireKey(ModelKey key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
    }

    /**
     * The kind a key's breaches, periods and reports judge: PROBABILITY once it resolved a probability
     * forecast, else CONFIDENCE.
     *
     * @param key the key, not null
     * @return the judged kind
     */
    public CalibrationKind judgedKind(ModelKey key) {
        requireKey(key);
        drainAll();
        return calibration.judgedKind(keyCalibration(key));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the store: O(days retained for the key).
     */
    @Override
    public List<CalibrationDay> calibrationHistory(ModelKey key, LocalDate from, LocalDate to) {
        requireKey(key);
        checkDays(from, to, "from", "to");
        List<CalibrationDay> out = new ArrayList<>();
        store.scan(CalibrationDay.class, key, calibration.dayStartMillis(from.toEpochDay()),
                calibration.dayStartMillis(to.toEpochDay() + 1), out::add);
        return List.copyOf(out);
    }

    private static void checkDays(LocalDate from, LocalDate to, String fromName, String toName) {
        if (from == null) {
            throw new IllegalArgumentException(fromName + " must not be null");
        }
        if (to == null) {
            throw new IllegalArgumentException(toName + " must not be null");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(toName + " must not be before " + fromName + " (" + from + "), was "
                    + to);
        }
    }

    @Override
    public CalibrationChange calibrationChange(ModelKey key, CalibrationKind kind, LocalDate referenceFrom,
                                               LocalDate referenceTo, LocalDate currentFrom, LocalDate currentTo) {
        requireKey(key);
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        checkDays(referenceFrom, referenceTo, "referenceFrom", "referenceTo");
        checkDays(currentFrom, currentTo, "currentFrom", "currentTo");
        return calibration.change(key, kind, calibrationHistory(key, referenceFrom, referenceTo),
                calibrationHistory(key, currentFrom, currentTo), referenceFrom, referenceTo, currentFrom, currentTo);
    }

    @Override
    public List<CalibrationPeriod> poorlyCalibratedPeriods(ModelKey key, LocalDate from, LocalDate to) {
        requireKey(key);
        checkDays(from, to, "from", "to");
        CalibrationKind kind = judgedKind(key);
        return calibration.periods(key, kind, calibrationHistory(key, from, to), calibration.threshold(key));
    }

    @Override
    public List<FlaggedPrediction> flaggedPredictions(ModelKey key, int n) {
        List<ResolvedPrediction> resolved = resolved(key, n);
        if (resolved.isEmpty()) {
            return List.of();
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (ResolvedPrediction r : resolved) {
            long d = calibration.day(r.loggedAtMillis());
            first = Math.min(first, d);
            last = Math.max(last, d);
        }
        List<CalibrationPeriod> periods = poorlyCalibratedPeriods(key, LocalDate.ofEpochDay(first),
                LocalDate.ofEpochDay(last));
        List<FlaggedPrediction> out = new ArrayList<>(resolved.size());
        for (ResolvedPrediction r : resolved) {
            LocalDate made = LocalDate.ofEpochDay(calibration.day(r.loggedAtMillis()));
            CalibrationPeriod in = null;
            for (CalibrationPeriod p : periods) {
                if (p.contains(made)) {
                    in = p;
                    break;
                }
            }
            out.add(new FlaggedPrediction(r, in));
        }
        return List.copyOf(out);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The key becomes known to the monitor ({@link #keys()}). On a restartable store the mark is kept in
     * the key's snapshot, written now, so a monitor rebuilt from the store keeps it, unless its builder marked
     * the key itself ({@link Builder#criticalKey}), whose mark wins.
     */
    @Override
    public void markCritical(ModelKey key, double threshold) {
        requireKey(key);
        CalibrationEngine.checkThreshold(threshold);
        KeyState s = state(key);
        synchronized (s) {
            s.calibrationOrCreateLocked();
        }
        calibration.markCritical(key, threshold);
        snapshotIfChanged(s, clock.millis());
    }

    /**
     * {@inheritDoc}
     *
     * <p>On a restartable store the key's snapshot is written now, so the key stays unmarked after a restart
     * (unless the builder of the restarted monitor marks it).
     */
    @Override
    public void unmarkCritical(ModelKey key) {
        requireKey(key);
        calibration.unmarkCritical(key);
        KeyState s = states.get(key);
        if (s != null) {
            snapshotIfChanged(s, clock.millis());
        }
    }

    @Override
    public OptionalDouble criticalThreshold(ModelKey key) {
        requireKey(key);
        return calibration.criticalThreshold(key);
    }

    /**
     * Sets the reference period a key's calibration is compared with (by the retrain rule and the weekly
     * report's "vs baseline"), from its daily history; by default it is the first 7 days of the key's
     * history. The days must be over and in the store.
     *
     * @param key  the key, not null
     * @param kind the kind, not null
     * @param from first day, inclusive
     * @param to   last day, inclusive
     */
    public void setCalibrationReference(ModelKey key, CalibrationKind kind, LocalDate from, LocalDate to) {
        requireKey(key);
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        checkDays(from, to, "from", "to");
        List<CalibrationDay> days = calibrationHistory(key, from, to);
        KeyState s = state(key);
        KeyCalibration kc;
        synchronized (s) {
            kc = s.calibrationOrCreateLocked();
        }
        calibration.setReference(kc, kind, from, to, days);
        snapshotIfChanged(s, clock.millis());
    }

    /**
     * The reference period of a key and kind.
     *
     * @param key  the key, not null
     * @param kind the kind, not null
     * @return the reference, or empty before the key has one
     */
    public Optional<CalibrationEngine.Reference> calibrationReference(ModelKey key, CalibrationKind kind) {
        requireKey(key);
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        return Optional.ofNullable(calibration.reference(keyCalibration(key), kind));
    }

    /**
     * Captures a key's calibration state exactly, for a store to persist across a restart.
     *
     * @param key the key, not null
     * @return the snapshot, or empty when the key has no calibration state
     */
    public Optional<CalibrationStateSnapshot> calibrationSnapshot(ModelKey key) {
        requireKey(key);
        synchronized (checkLock) {
            drainAll();
            KeyCalibration kc = keyCalibration(key);
            return kc == null ? Optional.empty() : Optional.of(calibration.snapshot(kc));
        }
    }

    /**
     * Restores a key's calibration state from a snapshot taken by a monitor with the same calibration
     * thresholds (bins, count windows, retained days); the key's current calibration state is replaced, and
     * its critical mark becomes the snapshot's (marked with its threshold, or unmarked) unless this monitor's
     * builder marked the key, whose mark wins.
     *
     * @param snapshot the snapshot, not null
     * @throws IllegalArgumentException naming what does not match these thresholds
     */
    public void restoreCalibration(CalibrationStateSnapshot snapshot) {
        if (snapshot == null) {
            throw new IllegalArgumentException("snapshot must not be null");
        }
        synchronized (checkLock) {
            drainAll();
            KeyState s = state(snapshot.key());
            KeyCalibration kc;
            synchronized (s) {
                kc = s.calibrationOrCreateLocked();
            }
            calibration.restore(kc, snapshot);
            snapshotIfChanged(s, clock.millis());
        }
    }

    /**
     * The calibration alerts (breaches and recoveries) of a key raised in a range of days, oldest first, as
     * far as the store retains them.
     *
     * @param key  the key, not null
     * @param from first day, inclusive
     * @param to   last day, inclusive
     * @return the alerts
     */
    public List<CalibrationAlert> calibrationAlerts(ModelKey key, LocalDate from, LocalDate to) {
        requireKey(key);
        checkDays(from, to, "from", "to");
        List<CalibrationAlert> out = new ArrayList<>();
        store.scan(CalibrationAlert.class, key, calibration.dayStartMillis(from.toEpochDay()),
                calibration.dayStartMillis(to.toEpochDay() + 1), out::add);
        return List.copyOf(out);
    }

    /**
     * The retrain requests the monitor raised in a range of days (in the calibration zone), oldest first, as
     * far as the store retains them: one per request handed to the {@link RetrainHandler}, stored whether or
     * not a handler is set and whether or not it threw. With a key, that key's requests in the order they were
     * raised; with a null key, every key's, ordered by time (then by key). Reads the store: O(requests
     * retained in the range).
     *
     * @param key  the key, or null for every key
     * @param from first day, inclusive, not null
     * @param to   last day, inclusive, not before from
     * @return the requests; empty when none was raised in the range
     */
    public List<RetrainRequest> retrainHistory(ModelKey key, LocalDate from, LocalDate to) {
        checkDays(from, to, "from", "to");
        List<RetrainRequest> out = new ArrayList<>();
        store.scan(RetrainRequest.class, key, calibration.dayStartMillis(from.toEpochDay()),
                calibration.dayStartMillis(to.toEpochDay() + 1), out::add);
        if (key == null) {
            out.sort(Comparator.comparingLong(RetrainRequest::timestampMillis)
                    .thenComparing(RetrainRequest::key, KEY_ORDER));
        }
        return List.copyOf(out);
    }

    /**
     * Whether a key marked critical is in an open calibration breach.
     *
     * @param key the key, not null
     * @return true while a breach is open (raised and not yet recovered)
     */
    public boolean calibrationBreached(ModelKey key) {
        requireKey(key);
        synchronized (checkLock) {
            return calibration.breached(keyCalibration(key));
        }
    }

    /**
     * The weekly report of every key with calibration history, for the week ending on {@code weekEnd}
     * (inclusive, 7 days): see {@link WeeklyReport}. Reads the store: O(keys x trend days).
     *
     * @param weekEnd the last day of the week, in the calibration zone
     * @return the report
     */
    public WeeklyReport weeklyReport(LocalDate weekEnd) {
        if (weekEnd == null) {
            throw new IllegalArgumentException("weekEnd must not be null");
        }
        return WeeklyReport.generate(this, weekEnd, WeeklyReport.DEFAULT_PARTS);
    }

    /**
     * Writes the weekly report for the week ending yesterday (the last closed day) as
     * {@code weekly_report_<weekEnd>.md} and {@code .json} into a directory, created if missing.
     *
     * @param directory the directory
     * @return the two files, Markdown first
     */
    public List<Path> writeWeeklyReport(Path directory) {
        if (directory == null) {
            throw new IllegalArgumentException("directory must not be null");
        }
        LocalDate yesterday = LocalDate.ofEpochDay(calibration.day(clock.millis()) - 1);
        return weeklyReport(yesterday).write(directory);
    }

    /** @return the calibration thresholds this monitor applies */
    public CalibrationThresholds calibrationThresholds() {
        return calibration.thresholds();
    }

    /**
     * The calibration engine, for the exporters and reports of this module.
     *
     * @return the engine
     */
    public CalibrationEngine calibrationEngine() {
        return calibration;
    }

    /**
     * Writes the dashboard files ({@code dashboard.json}, {@code accuracy_trends.json},
     * {@code calibration_trends.json} and one {@code <model>_<segment>_status.json} per key) into a directory;
     * see {@link DashboardExporter}.
     *
     * @param directory the directory, created if missing
     * @return the files written
     */
    public List<Path> exportDashboard(Path directory) {
        return DashboardExporter.write(this, directory);
    }

    /** @return the thresholds this monitor applies */
    public DriftThresholds thresholds() {
        return thresholds;
    }

    /**
     * @return every setting this monitor applies (drift and calibration thresholds, forecast config, hold band,
     *         expiry grace, alert repeat interval): what it records in a restartable store
     */
    public MonitorSettings settings() {
        return settings;
    }

    /**
     * The settings that differ between those the store recorded for the previous monitor on it and this
     * monitor's, found when this monitor was built; each was logged once at WARN, and this monitor's value
     * applies. Empty on a store that does not outlive its process, on a new store, and when nothing changed.
     *
     * @return the differences, in the order of {@link MonitorSettings#changesFrom}
     */
    public List<SettingChange> settingsChanges() {
        return settingsChanges;
    }

    /** @return the clock this monitor reads */
    public Clock clock() {
        return clock;
    }

    /** @return the monitor's own health counters, including whether its store is degraded */
    public MonitorCounters counters() {
        StoreHealth health;
        try {
            health = store.health();
        } catch (RuntimeException e) {
            health = new StoreHealth(true, 0, 0, String.valueOf(e.getMessage()));
        }
        return new MonitorCounters(alertsPublished.sum(), sinkFailures.sum(), writer.failures.sum(),
                expiredTotal.get(), ledger.overflowSize(), checks.get(), writer.failing || health.degraded(),
                health.droppedRecords(), callbackFailures.sum());
    }

    /**
     * Applies every thread's buffered resolutions and makes what the monitor wrote durable, as far as the
     * store offers durability (for the file store: written and forced). A store failure is counted, not
     * thrown.
     */
    public void flush() {
        synchronized (checkLock) {
            drainAll();
        }
        try {
            store.flush();
        } catch (RuntimeException e) {
            writer.failed("flush", e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("monitor is closed");
        }
    }

    /**
     * Stops scheduled checks (shutting down the monitor's own scheduler thread, not a host's executor),
     * applies buffered resolutions, flushes and closes the store. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
        synchronized (checkLock) {
            drainAll();
            long now = clock.millis();
            for (KeyState s : states.values()) {
                snapshotIfChanged(s, now);
            }
            for (ResolutionBuffer b : buffers) {
                b.detach();
            }
            buffers.clear();
        }
        local.remove();
        try {
            store.flush();
            store.close();
        } catch (RuntimeException e) {
            writer.failed("close", e);
        }
    }

    /**
     * Builds a {@link ModelMonitor}. Setters check their argument at once and name the field and value in
     * the exception; {@link #build()} checks the rest. Not thread-safe.
     */
    public static final class Builder {
        /** Default relative band for HOLD calls: 0.2%. */
        public static final double DEFAULT_HOLD_BAND = 0.002;
        /** Default grace after a prediction's horizon before it expires. */
        public static final Duration DEFAULT_EXPIRY_GRACE = Duration.ofHours(1);
        /** Default interval after which an unchanged alerting level is published again. */
        public static final Duration DEFAULT_ALERT_REPEAT = Duration.ofHours(4);
        /** Default pending capacity of the id ring (more pending predictions overflow to a map). */
        public static final int DEFAULT_PENDING_CAPACITY = 1 << 16;

        private Store store;
        private Clock clock = Clock.systemUTC();
        private DriftThresholds thresholds = DriftThresholds.defaults();
        private ForecastConfig forecastConfig = ForecastConfig.defaults();
        private final List<AlertSink> sinks = new ArrayList<>();
        private double holdBand = DEFAULT_HOLD_BAND;
        private Duration expiryGrace = DEFAULT_EXPIRY_GRACE;
        private Duration alertRepeatInterval = DEFAULT_ALERT_REPEAT;
        private int pendingCapacity = DEFAULT_PENDING_CAPACITY;
        private boolean scheduleChecks;
        private ScheduledExecutorService scheduler;
        private boolean recordTrends = true;
        private CalibrationThresholds calibrationThresholds = CalibrationThresholds.defaults();
        private final Map<ModelKey, Double> criticalKeys = new LinkedHashMap<>();
        private final List<MonitoringListener> listeners = new ArrayList<>();
        private RetrainHandler retrainHandler;

        private Builder() {
        }

        /**
         * @param calibrationThresholds how calibration is measured and when it alerts
         * @return this builder
         */
        public Builder calibrationThresholds(CalibrationThresholds calibrationThresholds) {
            this.calibrationThresholds = requireNonNull(calibrationThresholds, "calibrationThresholds");
            return this;
        }

        /**
         * Marks a key critical with the default breach threshold of the calibration thresholds (0.05 by
         * default), resolved at {@link #build()}.
         *
         * @param key the key
         * @return this builder
         */
        public Builder criticalKey(ModelKey key) {
            criticalKeys.put(requireNonNull(key, "key"), Double.NaN);
            return this;
        }

        /**
         * Marks a key critical with its own ECE threshold.
         *
         * @param key       the key
         * @param threshold in (0, 1)
         * @return this builder
         */
        public Builder criticalKey(ModelKey key, double threshold) {
            requireNonNull(key, "key");
            CalibrationEngine.checkThreshold(threshold);
            criticalKeys.put(key, threshold);
            return this;
        }

        /**
         * Adds a listener of {@link MonitoringEvent}s; listeners receive events in the order added.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder addListener(MonitoringListener listener) {
            listeners.add(requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param retrainHandler called when a key's calibration degrades (see {@link RetrainHandler})
         * @return this builder
         */
        public Builder retrainHandler(RetrainHandler retrainHandler) {
            this.retrainHandler = requireNonNull(retrainHandler, "retrainHandler");
            return this;
        }

        /**
         * @param store where records go; the monitor owns it and closes it on {@link ModelMonitor#close()}
         * @return this builder
         */
        public Builder store(Store store) {
            this.store = requireNonNull(store, "store");
            return this;
        }

        /**
         * @param clock the time source for every timestamp, expiry and schedule decision
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param thresholds the drift rules
         * @return this builder
         */
        public Builder thresholds(DriftThresholds thresholds) {
            this.thresholds = requireNonNull(thresholds, "thresholds");
            return this;
        }

        /**
         * @param forecastConfig the windows and rules for numeric forecasts; default
         *                       {@link ForecastConfig#defaults()}
         * @return this builder
         */
        public Builder forecastConfig(ForecastConfig forecastConfig) {
            this.forecastConfig = requireNonNull(forecastConfig, "forecastConfig");
            return this;
        }

        /**
         * Adds an alert sink; sinks receive alerts in the order added.
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder addSink(AlertSink sink) {
            sinks.add(requireNonNull(sink, "sink"));
            return this;
        }

        /**
         * @param holdBand relative move inside which a HOLD call is correct, in [0, 1)
         * @return this builder
         */
        public Builder holdBand(double holdBand) {
            if (!(holdBand >= 0.0 && holdBand < 1.0)) {
                throw new IllegalArgumentException("holdBand must be in [0, 1), was " + holdBand);
            }
            this.holdBand = holdBand;
            return this;
        }

        /**
         * @param expiryGrace how long after its horizon a pending prediction expires, not negative
         * @return this builder
         */
        public Builder expiryGrace(Duration expiryGrace) {
            requireNonNull(expiryGrace, "expiryGrace");
            if (expiryGrace.isNegative()) {
                throw new IllegalArgumentException("expiryGrace must not be negative, was " + expiryGrace);
            }
            this.expiryGrace = expiryGrace;
            return this;
        }

        /**
         * @param alertRepeatInterval after how long an unchanged alerting level is published again, positive
         * @return this builder
         */
        public Builder alertRepeatInterval(Duration alertRepeatInterval) {
            requireNonNull(alertRepeatInterval, "alertRepeatInterval");
            if (alertRepeatInterval.isNegative() || alertRepeatInterval.isZero()) {
                throw new IllegalArgumentException("alertRepeatInterval must be positive, was " + alertRepeatInterval);
            }
            this.alertRepeatInterval = alertRepeatInterval;
            return this;
        }

        /**
         * @param pendingCapacity slots of the pending-id ring, a power of two in [64, 2^24]; size it to the
         *                        predictions a host has pending at once (45 bytes a slot)
         * @return this builder
         */
        public Builder pendingCapacity(int pendingCapacity) {
            if (pendingCapacity < 64 || pendingCapacity > (1 << 24) || Integer.bitCount(pendingCapacity) != 1) {
                throw new IllegalArgumentException(
                        "pendingCapacity must be a power of two in [64, 16777216], was " + pendingCapacity);
            }
            this.pendingCapacity = pendingCapacity;
            return this;
        }

        /**
         * Runs {@code checkAll} every {@link DriftThresholds#checkInterval()} on one daemon thread the monitor
         * owns.
         *
         * @return this builder
         */
        public Builder scheduleChecks() {
            this.scheduleChecks = true;
            this.scheduler = null;
            return this;
        }

        /**
         * Runs {@code checkAll} every {@link DriftThresholds#checkInterval()} on the host's executor; the
         * monitor cancels its task on close but does not shut the executor down.
         *
         * @param executor the host's scheduler
         * @return this builder
         */
        public Builder scheduleChecks(ScheduledExecutorService executor) {
            this.scheduler = requireNonNull(executor, "executor");
            this.scheduleChecks = true;
            return this;
        }

        /**
         * @param recordTrends whether {@code checkAll} stores each key's report (the accuracy trend); default true
         * @return this builder
         */
        public Builder recordTrends(boolean recordTrends) {
            this.recordTrends = recordTrends;
            return this;
        }

        /**
         * @return the monitor
         * @throws IllegalArgumentException if the expiry grace or alert repeat interval overflow milliseconds
         */
        public ModelMonitor build() {
            try {
                expiryGrace.toMillis();
                alertRepeatInterval.toMillis();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("expiryGrace and alertRepeatInterval must fit in a long of "
                        + "milliseconds, was " + expiryGrace + " and " + alertRepeatInterval, e);
            }
            for (Map.Entry<ModelKey, Double> e : criticalKeys.entrySet()) {
                if (Double.isNaN(e.getValue())) {
                    e.setValue(calibrationThresholds.breachThreshold());
                }
            }
            return new ModelMonitor(this);
        }

        private static <T> T requireNonNull(T value, String field) {
            if (value == null) {
                throw new IllegalArgumentException(field + " must not be null");
            }
            return value;
        }
    }
}

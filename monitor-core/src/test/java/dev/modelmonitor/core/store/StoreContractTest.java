package dev.modelmonitor.core.store;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.BaselineRecord;
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationDay;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationStats;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.ForecastWindow;
import dev.modelmonitor.api.HorizonCoverage;
import dev.modelmonitor.api.Severity;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.RetrainReason;
import dev.modelmonitor.api.RetrainRequest;
import dev.modelmonitor.api.RetrainTrigger;
import dev.modelmonitor.api.Store;
import dev.modelmonitor.api.StoreRecord;
import dev.modelmonitor.api.Verdict;
import dev.modelmonitor.api.WindowAccuracy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link Store} must show, as an abstract suite: a store implementation's test extends
 * it and supplies {@link #newStore()}. The suite appends at most 400 records of one type to one key, so a
 * store under test must retain at least that many of each type per key (baselines: at least 10).
 */
public abstract class StoreContractTest {

    /** Every record type the SPI knows. */
    protected static final List<Class<? extends StoreRecord>> TYPES =
            List.of(ResolvedPrediction.class, BaselineRecord.class, DriftReport.class, DriftAlert.class,
                    CalibrationDay.class, CalibrationAlert.class, RetrainRequest.class);

    /** The forecast record types: ForecastDay is timestamped at the start of its UTC day. */
    protected static final List<Class<? extends StoreRecord>> FORECAST_TYPES =
            List.of(ForecastDay.class, ForecastAlert.class);

    protected static final ModelKey BTC = ModelKey.of("lstm", "BTC/USDT");
    protected static final ModelKey ETH = ModelKey.of("lstm", "ETH/USDT");
    protected static final long T0 = 1_700_000_000_000L;

    protected Store store;

    /**
     * A new, empty store.
     *
     * @return the store under test
     */
    protected abstract Store newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ----- record factories -------------------------------------------------------------------------------

    /** A resolved prediction whose id is {@code seq}, resolved at {@code timeMillis}. */
    public static ResolvedPrediction resolved(ModelKey key, long seq, long timeMillis) {
        Verdict verdict = seq % 3 == 0 ? Verdict.WRONG : Verdict.CORRECT;
        return new ResolvedPrediction(seq, key, Prediction.up(0.7, 100.0, Duration.ofMinutes(60)),
                Outcome.exitPrice(verdict == Verdict.CORRECT ? 101.0 : 99.0), verdict, timeMillis - 1_000,
                timeMillis);
    }

    /** A baseline record whose trade count is {@code seq}, set at {@code timeMillis}. */
    public static BaselineRecord baseline(ModelKey key, long seq, long timeMillis) {
        return new BaselineRecord(key, new Baseline(0.62, 0.6, 0.64, 0.62, (int) seq, 30), timeMillis);
    }

    /** A drift report whose resolved count is {@code seq}, run at {@code timeMillis}. */
    public static DriftReport report(ModelKey key, long seq, long timeMillis) {
        WindowAccuracy w = new WindowAccuracy(50, 50, 26, 0.52, 0.13, -1.99, 0.0234, DriftLevel.CRITICAL);
        return new DriftReport(key, DriftLevel.CRITICAL, 0.65, List.of(w), 50, 0.52, 0.13, -1.99, 0.0234, true,
                DriftThresholds.defaults(), seq, timeMillis);
    }

    /** A drift alert whose report's resolved count is {@code seq}, raised at {@code timeMillis}. */
    public static DriftAlert alert(ModelKey key, long seq, long timeMillis) {
        return new DriftAlert(report(key, seq, timeMillis), DriftLevel.WARNING);
    }

    /** A day of calibration history whose count is {@code seq + 1}, stamped {@code timeMillis}. */
    public static CalibrationDay calibrationDay(ModelKey key, long seq, long timeMillis) {
        long[] counts = new long[10];
        long[] hits = new long[10];
        double[] sums = new double[10];
        counts[7] = seq + 1;
        hits[7] = seq / 2;
        sums[7] = 0.75 * (seq + 1);
        CalibrationStats stats = new CalibrationStats(counts, hits, sums, 0.5625 * (seq + 1), 0.75 * (seq / 2),
                0.421875 * (seq + 1), 0.31640625 * (seq + 1));
        return new CalibrationDay(key, CalibrationKind.CONFIDENCE,
                java.time.LocalDate.ofEpochDay(Math.floorDiv(timeMillis, 86_400_000L)), timeMillis, seq + 1, 0.75,
                (double) (seq / 2) / (seq + 1), 0.2, 0.1, 0.1, stats);
    }

    /** A calibration breach over {@code seq + 1} days, raised at {@code timeMillis}. */
    public static CalibrationAlert calibrationAlert(ModelKey key, long seq, long timeMillis) {
        java.time.LocalDate day = java.time.LocalDate.ofEpochDay(Math.floorDiv(timeMillis, 86_400_000L));
        return new CalibrationAlert(key, CalibrationAlert.Status.BREACH, CalibrationKind.CONFIDENCE, day,
                day.minusDays(seq), (int) seq + 1, 0.08, 0.07, 0.8, 0.72, 1000 + seq, 0.05, timeMillis);
    }

    /** A retrain request whose reason's value is {@code seq / 1000}, asked at {@code timeMillis}. */
    public static RetrainRequest retrain(ModelKey key, long seq, long timeMillis) {
        return new RetrainRequest(key, List.of(new RetrainReason(RetrainTrigger.CALIBRATION_BREACH,
                CalibrationKind.CONFIDENCE, seq / 1000.0, 0.05, Double.NaN, "calibration error above 0.050 for "
                + (seq + 8) + " days")), timeMillis);
    }

    /** A record of the given type, told apart from others by {@code seq}. */
    public static StoreRecord record(Class<? extends StoreRecord> type, ModelKey key, long seq, long timeMillis) {
        if (type == ResolvedPrediction.class) {
            return resolved(key, seq, timeMillis);
        }
        if (type == BaselineRecord.class) {
            return baseline(key, seq, timeMillis);
        }
        if (type == DriftReport.class) {
            return report(key, seq, timeMillis);
        }
        if (type == CalibrationDay.class) {
            return calibrationDay(key, seq, timeMillis);
        }
        if (type == CalibrationAlert.class) {
            return calibrationAlert(key, seq, timeMillis);
        }
        if (type == RetrainRequest.class) {
            return retrain(key, seq, timeMillis);
        }
        return alert(key, seq, timeMillis);
    }

    /** A daily forecast record whose count is {@code seq}, for the UTC day {@code epochDay}. */
    public static ForecastDay forecastDay(ModelKey key, long seq, long epochDay) {
        ForecastTally t = new ForecastTally(seq, seq, seq / 4, seq / 2, seq, seq, 1.5 * seq, seq, 0.1 * seq, 0,
                0.0, 0.0, 0.0);
        return new ForecastDay(key, LocalDate.ofEpochDay(epochDay), t,
                List.of(new HorizonCoverage(Duration.ofHours(1), seq, seq), new HorizonCoverage(null, 0, 0)));
    }

    /** A forecast alert whose window count is {@code seq}, raised at {@code timeMillis}. */
    public static ForecastAlert forecastAlert(ModelKey key, long seq, long timeMillis) {
        ForecastWindow w = new ForecastWindow(ForecastWindow.Span.PREDICTIONS, 200,
                new ForecastTally(seq, seq, 0, 0, seq, 0, seq, seq, 1.0, 0, 0.0, 0.0, 0.0), List.of());
        ForecastWindow d = new ForecastWindow(ForecastWindow.Span.DAYS, 7, ForecastTally.EMPTY, List.of());
        ForecastPerformance p = new ForecastPerformance(key, timeMillis, seq, w, d, d, null, Double.NaN, Double.NaN,
                List.of(dev.modelmonitor.api.ForecastFlag.INTERVAL_UNDER_COVERED), Severity.WARNING,
                List.of("widen"), ForecastConfig.defaults());
        return new ForecastAlert(p, Severity.INFO, List.of());
    }

    @SuppressWarnings("unchecked")
    private static Class<StoreRecord> type(String simpleName) {
        for (Class<? extends StoreRecord> t : TYPES) {
            if (t.getSimpleName().equals(simpleName)) {
                return (Class<StoreRecord>) t;
            }
        }
        throw new IllegalArgumentException(simpleName);
    }

    private List<StoreRecord> appendSeries(Class<StoreRecord> type, ModelKey key, int n, long firstTime) {
        List<StoreRecord> appended = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StoreRecord r = record(type, key, i, firstTime + 1_000L * i);
            store.append(r);
            appended.add(r);
        }
        return appended;
    }

    private <T extends StoreRecord> List<T> scanAll(Class<T> type, ModelKey key, long from, long to) {
        List<T> out = new ArrayList<>();
        store.scan(type, key, from, to, out::add);
        return out;
    }

    // ----- append and latest ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"ResolvedPrediction", "BaselineRecord", "DriftReport", "DriftAlert", "CalibrationDay",
        "CalibrationAlert", "RetrainRequest"})
    void latestReturnsTheNewestOldestFirst(String typeName) {
        Class<StoreRecord> type = type(typeName);
        List<StoreRecord> appended = appendSeries(type, BTC, 8, T0);

        assertEquals(appended, store.latest(type, BTC, 8));
        assertEquals(appended.subList(5, 8), store.latest(type, BTC, 3));
        assertEquals(appended.subList(7, 8), store.latest(type, BTC, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ResolvedPrediction", "BaselineRecord", "DriftReport", "DriftAlert", "CalibrationDay",
        "CalibrationAlert", "RetrainRequest"})
    void latestWithALargeLimitReturnsEverything(String typeName) {
        Class<StoreRecord> type = type(typeName);
        List<StoreRecord> appended = appendSeries(type, BTC, 5, T0);

        assertEquals(appended, store.latest(type, BTC, Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ResolvedPrediction", "BaselineRecord", "DriftReport", "DriftAlert", "CalibrationDay",
        "CalibrationAlert", "RetrainRequest"})
    void limitZeroAndUnknownKeyAreEmpty(String typeName) {
        Class<StoreRecord> type = type(typeName);
        appendSeries(type, BTC, 3, T0);

        assertEquals(List.of(), store.latest(type, BTC, 0));
        assertEquals(List.of(), store.latest(type, ETH, 10));
        assertEquals(List.of(), scanAll(type, ETH, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Test
    void typesAndKeysAreKeptApart() {
        ResolvedPrediction r = resolved(BTC, 1, T0);
        BaselineRecord b = baseline(BTC, 2, T0);
        DriftReport d = report(ETH, 3, T0);
        DriftAlert a = alert(ETH, 4, T0);
        store.append(r);
        store.append(b);
        store.append(d);
        store.append(a);

        assertEquals(List.of(r), store.latest(ResolvedPrediction.class, BTC, 10));
        assertEquals(List.of(b), store.latest(BaselineRecord.class, BTC, 10));
        assertEquals(List.of(), store.latest(DriftReport.class, BTC, 10));
        assertEquals(List.of(), store.latest(DriftAlert.class, BTC, 10));
        assertEquals(List.of(), store.latest(ResolvedPrediction.class, ETH, 10));
        assertEquals(List.of(d), store.latest(DriftReport.class, ETH, 10));
        assertEquals(List.of(a), store.latest(DriftAlert.class, ETH, 10));
    }

    @Test
    void orderIsAppendOrderNotTimeOrder() {
        ResolvedPrediction late = resolved(BTC, 1, T0 + 5_000);
        ResolvedPrediction early = resolved(BTC, 2, T0);
        store.append(late);
        store.append(early);

        assertEquals(List.of(late, early), store.latest(ResolvedPrediction.class, BTC, 2));
        assertEquals(List.of(late, early), scanAll(ResolvedPrediction.class, BTC, T0, T0 + 10_000));
    }

    @Test
    void appendResolvedIsEquivalentToAppendingTheRecord() {
        ResolvedPrediction viaRecord = resolved(BTC, 7, T0);
        store.append(viaRecord);
        ResolvedPrediction viaFields = resolved(BTC, 8, T0 + 1);
        store.appendResolved(viaFields.id(), viaFields.key(), viaFields.prediction(), viaFields.outcome(),
                viaFields.verdict(), viaFields.loggedAtMillis(), viaFields.resolvedAtMillis());

        assertEquals(List.of(viaRecord, viaFields), store.latest(ResolvedPrediction.class, BTC, 5));
        assertEquals(List.of(viaFields), scanAll(ResolvedPrediction.class, null, T0 + 1, T0 + 2));
    }

    @Test
    void appendResolvedRejectsWhatTheRecordRejects() {
        ResolvedPrediction r = resolved(BTC, 1, T0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.appendResolved(1,
                BTC, r.prediction(), r.outcome(), r.verdict(), T0, T0 - 1));
        assertEquals("resolvedAtMillis must be >= loggedAtMillis (" + T0 + "), was " + (T0 - 1), e.getMessage());
        assertMessageNames("key", () -> store.appendResolved(1, null, r.prediction(), r.outcome(), r.verdict(),
                T0, T0));
        assertMessageNames("prediction", () -> store.appendResolved(1, BTC, null, r.outcome(), r.verdict(),
                T0, T0));
        assertMessageNames("outcome", () -> store.appendResolved(1, BTC, r.prediction(), null, r.verdict(),
                T0, T0));
        assertMessageNames("verdict", () -> store.appendResolved(1, BTC, r.prediction(), r.outcome(), null,
                T0, T0));
        assertEquals(List.of(), store.latest(ResolvedPrediction.class, BTC, 5));
    }

    @Test
    void aBatchIsAppendedAsItsEntriesInOrder() {
        List<ResolvedPrediction> entries = new ArrayList<>();
        for (int i = 1; i <= 70; i++) {
            entries.add(resolved(BTC, i, T0 + i));
        }
        store.append(resolved(BTC, 100, T0));
        store.appendResolved(ListBatch.of(entries));
        store.appendResolved(ListBatch.of(List.of(resolved(BTC, 101, T0 + 200))));

        List<ResolvedPrediction> expected = new ArrayList<>();
        expected.add(resolved(BTC, 100, T0));
        expected.addAll(entries);
        expected.add(resolved(BTC, 101, T0 + 200));
        assertEquals(expected, store.latest(ResolvedPrediction.class, BTC, 100));
        assertEquals(expected, scanAll(ResolvedPrediction.class, BTC, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Test
    void aBatchMixingKeysKeepsEachKeysOrder() {
        List<ResolvedPrediction> entries = List.of(resolved(BTC, 1, T0), resolved(ETH, 2, T0 + 1),
                resolved(BTC, 3, T0 + 2), resolved(ETH, 4, T0 + 3), resolved(BTC, 5, T0 + 4));
        store.appendResolved(ListBatch.of(entries));

        List<ResolvedPrediction> btc = List.of(entries.get(0), entries.get(2), entries.get(4));
        List<ResolvedPrediction> eth = List.of(entries.get(1), entries.get(3));
        assertEquals(btc, store.latest(ResolvedPrediction.class, BTC, 10));
        assertEquals(eth, store.latest(ResolvedPrediction.class, ETH, 10));
        assertEquals(btc, scanAll(ResolvedPrediction.class, BTC, Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(eth, scanAll(ResolvedPrediction.class, ETH, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Test
    void aBatchWithAnInvalidEntryThrowsAndAppendsNothingFromThatEntryOn() {
        List<ResolvedPrediction> entries = List.of(resolved(BTC, 1, T0), resolved(BTC, 2, T0 + 1),
                resolved(BTC, 3, T0 + 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.appendResolved(ListBatch.withBrokenEntry(entries, 1)));
        long logged = entries.get(1).loggedAtMillis();
        assertEquals("resolvedAtMillis must be >= loggedAtMillis (" + logged + "), was " + (logged - 1),
                e.getMessage());
        List<ResolvedPrediction> kept = store.latest(ResolvedPrediction.class, BTC, 10);
        assertTrue(kept.equals(List.of()) || kept.equals(List.of(entries.get(0))), "kept " + kept);
        assertEquals(kept, scanAll(ResolvedPrediction.class, BTC, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    // ----- scan -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"ResolvedPrediction", "BaselineRecord", "DriftReport", "DriftAlert", "CalibrationDay",
        "CalibrationAlert", "RetrainRequest"})
    void scanIsInclusiveFromExclusiveTo(String typeName) {
        Class<StoreRecord> type = type(typeName);
        List<StoreRecord> appended = appendSeries(type, BTC, 6, T0); // times T0, T0+1s, ..., T0+5s

        assertEquals(appended.subList(1, 4), scanAll(type, BTC, T0 + 1_000, T0 + 4_000));
        assertEquals(appended.subList(1, 5), scanAll(type, BTC, T0 + 999, T0 + 4_001));
        assertEquals(appended, scanAll(type, BTC, Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(List.of(), scanAll(type, BTC, T0 + 2_000, T0 + 2_000));
        assertEquals(List.of(), scanAll(type, BTC, T0 + 6_000, Long.MAX_VALUE));
        assertEquals(List.of(), scanAll(type, BTC, Long.MIN_VALUE, T0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ResolvedPrediction", "BaselineRecord", "DriftReport", "DriftAlert", "CalibrationDay",
        "CalibrationAlert", "RetrainRequest"})
    void scanOverAllKeysVisitsEachKeyInAppendOrder(String typeName) {
        Class<StoreRecord> type = type(typeName);
        ModelKey sol = ModelKey.of("gbm", "SOL/USDT");
        List<StoreRecord> btc = new ArrayList<>();
        List<StoreRecord> eth = new ArrayList<>();
        List<StoreRecord> solRecords = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            StoreRecord a = record(type, BTC, i, T0 + i);
            StoreRecord b = record(type, ETH, 10 + i, T0 + i);
            StoreRecord c = record(type, sol, 20 + i, T0 + 100 + i);
            store.append(a);
            store.append(b);
            store.append(c);
            btc.add(a);
            eth.add(b);
            solRecords.add(c);
        }
        Map<ModelKey, List<StoreRecord>> seen = new LinkedHashMap<>();
        store.scan(type, null, T0 + 1, T0 + 103, r -> seen.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));

        assertEquals(Map.of(BTC, btc.subList(1, 5), ETH, eth.subList(1, 5), sol, solRecords.subList(0, 3)), seen);
        assertEquals(eth.subList(1, 5), scanAll(type, ETH, T0 + 1, T0 + 103));
    }

    @Test
    void scanActionMayCallBackIntoTheStore() {
        appendSeries(type("DriftReport"), BTC, 3, T0);
        List<Integer> sizes = new ArrayList<>();
        store.scan(DriftReport.class, null, Long.MIN_VALUE, Long.MAX_VALUE, r -> {
            store.append(baseline(r.key(), 1, r.timestampMillis()));
            sizes.add(store.latest(BaselineRecord.class, r.key(), 100).size());
        });

        assertEquals(List.of(1, 2, 3), sizes);
    }

    // ----- forecast records --------------------------------------------------------------------------------

    @Test
    void forecastDaysAreKeptInAppendOrderAndScannedByDay() {
        long day0 = Math.floorDiv(T0, 86_400_000L);
        List<ForecastDay> days = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ForecastDay d = forecastDay(BTC, 10 + i, day0 + i);
            store.append(d);
            days.add(d);
        }
        store.append(forecastDay(ETH, 99, day0));

        assertEquals(days, store.latest(ForecastDay.class, BTC, 10));
        assertEquals(days.subList(4, 6), store.latest(ForecastDay.class, BTC, 2));
        long start1 = (day0 + 1) * 86_400_000L;
        long start4 = (day0 + 4) * 86_400_000L;
        assertEquals(days.subList(1, 4), scanAll(ForecastDay.class, BTC, start1, start4));
        assertEquals(days.subList(1, 5), scanAll(ForecastDay.class, BTC, start1 - 1, start4 + 1));
        assertEquals(List.of(), store.latest(ForecastAlert.class, BTC, 10));
        assertEquals(List.of(forecastDay(ETH, 99, day0)), store.latest(ForecastDay.class, ETH, 10));
        assertEquals(List.of(), store.latest(DriftAlert.class, BTC, 10));
    }

    @Test
    void forecastAlertsAreKeptApartFromDriftAlerts() {
        List<ForecastAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ForecastAlert a = forecastAlert(BTC, i, T0 + 1_000L * i);
            store.append(a);
            alerts.add(a);
        }
        DriftAlert drift = alert(BTC, 1, T0);
        store.append(drift);

        assertEquals(alerts, store.latest(ForecastAlert.class, BTC, 10));
        assertEquals(alerts.subList(1, 4), scanAll(ForecastAlert.class, BTC, T0 + 1_000, T0 + 4_000));
        assertEquals(alerts.subList(2, 3), scanAll(ForecastAlert.class, null, T0 + 2_000, T0 + 3_000));
        assertEquals(List.of(drift), store.latest(DriftAlert.class, BTC, 10));
    }

    @Test
    void retrainRequestsAreKeptApartFromAlertsAndScannedOverAllKeys() {
        RetrainRequest btc = retrain(BTC, 1, T0);
        RetrainRequest eth = retrain(ETH, 2, T0 + 1_000);
        store.append(btc);
        store.append(calibrationAlert(BTC, 1, T0));
        store.append(eth);

        assertEquals(List.of(btc), store.latest(RetrainRequest.class, BTC, 10));
        assertEquals(List.of(eth), store.latest(RetrainRequest.class, ETH, 10));
        assertEquals(List.of(btc, eth), scanAll(RetrainRequest.class, null, T0, T0 + 1_001));
        assertEquals(List.of(eth), scanAll(RetrainRequest.class, null, T0 + 1, T0 + 1_001));
        assertEquals(1, store.latest(CalibrationAlert.class, BTC, 10).size());
        assertEquals(List.of(), store.latest(DriftAlert.class, BTC, 10));
    }

    // ----- concurrency ------------------------------------------------------------------------------------

    @Test
    void concurrentAppendsLoseNothingAndKeepPerKeyOrder() throws Exception {
        int threads = 4;
        int perThreadPerKey = 100;
        List<ModelKey> keys = List.of(BTC, ETH, ModelKey.of("gbm", "SOL/USDT"));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThreadPerKey; i++) {
                        for (ModelKey key : keys) {
                            long id = thread * 1_000_000L + i;
                            if (i % 2 == 0) {
                                store.append(resolved(key, id, T0 + i));
                            } else {
                                ResolvedPrediction r = resolved(key, id, T0 + i);
                                store.appendResolved(id, key, r.prediction(), r.outcome(), r.verdict(),
                                        r.loggedAtMillis(), r.resolvedAtMillis());
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (ModelKey key : keys) {
            List<ResolvedPrediction> all = store.latest(ResolvedPrediction.class, key, threads * perThreadPerKey);
            assertEquals(threads * perThreadPerKey, all.size(), "records of " + key);
            long[] next = new long[threads];
            for (ResolvedPrediction r : all) {
                int thread = (int) (r.id() / 1_000_000L);
                assertEquals(next[thread], r.id() % 1_000_000L, "order of thread " + thread + " on " + key);
                assertEquals(resolved(key, r.id(), T0 + next[thread]), r);
                next[thread]++;
            }
            List<ResolvedPrediction> scanned = scanAll(ResolvedPrediction.class, key, Long.MIN_VALUE,
                    Long.MAX_VALUE);
            assertEquals(all, scanned);
        }
    }

    // ----- bad arguments ----------------------------------------------------------------------------------

    @Test
    void badArgumentsAreRejectedNamingTheArgument() {
        assertMessageNames("record", () -> store.append(null));
        assertMessageNames("type", () -> store.latest(null, BTC, 1));
        assertMessageNames("key", () -> store.latest(DriftReport.class, null, 1));
        assertMessageNames("type", () -> store.scan(null, BTC, 0, 1, r -> { }));
        assertMessageNames("action", () -> store.scan(DriftReport.class, BTC, 0, 1, null));
    }

    @Test
    void negativeLimitIsRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.latest(DriftReport.class, BTC, -1));
        assertTrue(e.getMessage().contains("limit") && e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void unknownTypeIsRejectedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.latest(StoreRecord.class, BTC, 1));
        assertTrue(e.getMessage().contains("type") && e.getMessage().contains("StoreRecord"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> store.scan(StoreRecord.class, null, 0, 1, r -> { }));
        assertTrue(e.getMessage().contains("StoreRecord"), e.getMessage());
    }

    @Test
    void reversedScanRangeIsRejectedWithBothBounds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.scan(DriftReport.class, BTC, 10, 9, r -> { }));
        assertTrue(e.getMessage().contains("toMillis") && e.getMessage().contains("10")
                && e.getMessage().contains("9"), e.getMessage());
    }

    private static void assertMessageNames(String argument, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(argument + " "), "message should name " + argument + ": "
                + e.getMessage());
    }
}

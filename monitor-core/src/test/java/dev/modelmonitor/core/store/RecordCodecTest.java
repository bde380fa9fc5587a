package dev.modelmonitor.core.store;

import dev.modelmonitor.api.Alert;
import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.BaselineRecord;
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationDay;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationStateSnapshot;
import dev.modelmonitor.api.CalibrationStats;
import dev.modelmonitor.api.CalibrationThresholds;
import dev.modelmonitor.api.Direction;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.Ensemble;
import dev.modelmonitor.api.ExpiredPrediction;
import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ForecastFlag;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.ForecastStateSnapshot;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.ForecastWindow;
import dev.modelmonitor.api.HorizonCoverage;
import dev.modelmonitor.api.KeySnapshot;
import dev.modelmonitor.api.LoggedPrediction;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.RetrainReason;
import dev.modelmonitor.api.RetrainRequest;
import dev.modelmonitor.api.RetrainTrigger;
import dev.modelmonitor.api.Severity;
import dev.modelmonitor.api.StoreRecord;
import dev.modelmonitor.api.Verdict;
import dev.modelmonitor.api.WindowAccuracy;
import dev.modelmonitor.core.calibration.CalibrationEngine;
import dev.modelmonitor.core.calibration.KeyCalibration;
import dev.modelmonitor.core.forecast.ForecastAccumulator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Round trips of every record kind through the line format, exact to the bit, and a walk of the sealed
 * hierarchies that fails when a kind (of record, prediction, outcome or alert) has no round-trip case here
 * or no table entry in {@link RecordCodec}: a kind added elsewhere must be carried by the file format
 * before this test passes. Each format version has a golden file: version 1's cases ({@link #RECORDS_V1})
 * must still read back from {@code format-v1.jsonl}, version 2's ({@link #RECORDS_V2}) from
 * {@code format-v2.jsonl}, version 3's ({@link #RECORDS_V3}) from {@code format-v3.jsonl}, and all cases
 * ({@link #RECORDS}) are written byte-identically to {@code format-v4.jsonl}.
 */
class RecordCodecTest {

    static final ModelKey KEY = ModelKey.of("lstm_v3", "SOL/USDT");
    static final Duration HORIZON = Duration.ofMinutes(60).plusNanos(7);

    /** One prediction of each kind, every component set to a value its reader could not default to. */
    static final Map<Class<?>, List<Prediction>> PREDICTIONS = new LinkedHashMap<>();
    /** One outcome of each kind. */
    static final Map<Class<?>, List<Outcome>> OUTCOMES = new LinkedHashMap<>();
    /** Round-trip cases of each record kind, in the current format version. */
    static final Map<Class<?>, List<StoreRecord>> RECORDS = new LinkedHashMap<>();
    /** The cases of format version 1, in the order of its golden file (frozen). */
    static final List<StoreRecord> RECORDS_V1 = new ArrayList<>();
    /** The cases of format version 2, in the order of its golden file (frozen). */
    static final List<StoreRecord> RECORDS_V2 = new ArrayList<>();
    /** The cases of format version 3, in the order of its golden file (frozen). */
    static final List<StoreRecord> RECORDS_V3 = new ArrayList<>();

    static final ForecastConfig FORECAST_CONFIG = ForecastConfig.builder().countWindow(100).shortDays(3).longDays(9)
            .lowerCoverage(0.65).upperCoverage(0.95).minSamples(20).degradedRatio(1.25).criticalRatio(1.75)
            .minHorizonCoverage(0.6).horizonEdges(List.of(Duration.ofMinutes(90), Duration.ofDays(2))).build();

    static {
        PREDICTIONS.put(Prediction.DirectionCall.class, List.of(
                new Prediction.DirectionCall(Direction.DOWN, 0.1 + 0.2, 42_000.123456789, HORIZON),
                new Prediction.DirectionCall(Direction.HOLD, 0.0, Double.MIN_VALUE, Duration.ZERO)));
        PREDICTIONS.put(Prediction.ClassCall.class, List.of(
                new Prediction.ClassCall("sell \"now\" \u00e9\n", 1.0, Duration.ofDays(400))));
        PREDICTIONS.put(Prediction.Forecast.class, List.of(
                new Prediction.Forecast(-0.0, new Quantiles(-1e-300, 0.0, 1.7976931348623157e308), HORIZON),
                new Prediction.Forecast(3.14, null, Duration.ofSeconds(5))));
        OUTCOMES.put(Outcome.ExitPrice.class, List.of(new Outcome.ExitPrice(43_500.000000001)));
        OUTCOMES.put(Outcome.ActualLabel.class, List.of(new Outcome.ActualLabel("buy")));
        OUTCOMES.put(Outcome.ActualValue.class, List.of(new Outcome.ActualValue(-2.5e-10)));

        RECORDS.put(LoggedPrediction.class, List.of(
                new LoggedPrediction(Long.MAX_VALUE, KEY, PREDICTIONS.get(Prediction.ClassCall.class).get(0), -5L)));
        List<StoreRecord> resolved = new ArrayList<>();
        resolved.add(new ResolvedPrediction(17, KEY, PREDICTIONS.get(Prediction.DirectionCall.class).get(0),
                OUTCOMES.get(Outcome.ExitPrice.class).get(0), Verdict.WRONG, 1_700_000_000_000L, 1_700_000_000_001L));
        resolved.add(new ResolvedPrediction(18, KEY, PREDICTIONS.get(Prediction.ClassCall.class).get(0),
                OUTCOMES.get(Outcome.ActualLabel.class).get(0), Verdict.CORRECT, 1, 2));
        resolved.add(new ResolvedPrediction(19, KEY, PREDICTIONS.get(Prediction.Forecast.class).get(1),
                OUTCOMES.get(Outcome.ActualValue.class).get(0), Verdict.UNSCORED, 3, 3));
        RECORDS.put(ResolvedPrediction.class, resolved);
        RECORDS.put(ExpiredPrediction.class, List.of(new ExpiredPrediction(99, KEY, 10, 20)));
        RECORDS.put(BaselineRecord.class, List.of(
                new BaselineRecord(KEY, new Baseline(0.62, 0.6, 0.64, Double.NaN, 500, 30), 1_700_000_000_000L),
                new BaselineRecord(KEY, Baseline.ofAccuracy(0.5000000000000001), 0)));
        RECORDS.put(DriftReport.class, List.of(report(DriftLevel.CRITICAL), report(DriftLevel.INSUFFICIENT_DATA)));
        RECORDS.put(DriftAlert.class, List.of(new DriftAlert(report(DriftLevel.RETRAIN), DriftLevel.WARNING)));
        RECORDS.put(KeySnapshot.class, List.of(
                new KeySnapshot(KEY, 123, new KeySnapshot.Counts(10, 2, 99),
                        new KeySnapshot.Verdicts(12, "1001"),
                        new Baseline(0.62, Double.NaN, 0.5, 0.25, 3, 4)),
                new KeySnapshot(KEY, 0, new KeySnapshot.Counts(0, 0, 0), KeySnapshot.Verdicts.EMPTY, null)));
        RECORDS.values().forEach(RECORDS_V1::addAll);

        // version 2: a direction call's ensemble, a forecast's spend, forecast days and alerts, the snapshot's
        // forecast state
        Prediction.DirectionCall withEnsemble = Prediction.up(0.66, 42_000.5, HORIZON).withEnsemble(
                Ensemble.builder().call("xgb", Direction.UP, 0.71).call("lgbm \"v2\" \u00e9", Direction.HOLD, 0.0)
                        .weight("xgb", 0.30000000000000004).weight("nhits", 0.0).build());
        Prediction.DirectionCall emptyEnsemble = Prediction.down(0.5, 1.0, Duration.ZERO)
                .withEnsemble(Ensemble.builder().build());
        Prediction.Forecast withSpend = new Prediction.Forecast(1_234.5, new Quantiles(1_000.0, 1_200.0, 1_500.0),
                Duration.ofDays(7), 250.00000000000003);
        Prediction.Forecast zeroSpend = Prediction.forecast(-7.0, Duration.ofHours(2)).withSpend(0.0);
        PREDICTIONS.put(Prediction.DirectionCall.class, List.of(PREDICTIONS.get(Prediction.DirectionCall.class).get(0),
                PREDICTIONS.get(Prediction.DirectionCall.class).get(1), withEnsemble, emptyEnsemble));
        PREDICTIONS.put(Prediction.Forecast.class, List.of(PREDICTIONS.get(Prediction.Forecast.class).get(0),
                PREDICTIONS.get(Prediction.Forecast.class).get(1), withSpend, zeroSpend));
        List<StoreRecord> resolved2 = new ArrayList<>(RECORDS.get(ResolvedPrediction.class));
        resolved2.add(new ResolvedPrediction(20, KEY, withEnsemble, new Outcome.ExitPrice(42_100.0), Verdict.CORRECT,
                4, 5));
        resolved2.add(new ResolvedPrediction(21, KEY, withSpend, new Outcome.ActualValue(1_100.25), Verdict.CORRECT,
                6, 7));
        RECORDS.put(ResolvedPrediction.class, resolved2);
        RECORDS.put(LoggedPrediction.class, List.of(RECORDS.get(LoggedPrediction.class).get(0),
                new LoggedPrediction(22, KEY, emptyEnsemble, 8), new LoggedPrediction(23, KEY, zeroSpend, 9)));
        List<StoreRecord> snapshots = new ArrayList<>(RECORDS.get(KeySnapshot.class));
        snapshots.add(new KeySnapshot(KEY, 456, new KeySnapshot.Counts(3, 0, 400),
                new KeySnapshot.Verdicts(2, "10"), null, forecastState()));
        snapshots.add(new KeySnapshot(KEY, 457, new KeySnapshot.Counts(0, 0, 0), KeySnapshot.Verdicts.EMPTY, null,
                new ForecastStateSnapshot(ForecastStateSnapshot.VERSION, KEY, 200, 4, 30, 0, 0, List.of(),
                        ForecastTally.EMPTY, null, List.of(), ForecastBaseline.ofMae(12.5))));
        RECORDS.put(KeySnapshot.class, snapshots);
        RECORDS.put(ForecastDay.class, List.of(forecastDay(LocalDate.of(2026, 1, 5)),
                new ForecastDay(KEY, LocalDate.of(1969, 12, 31), ForecastTally.EMPTY, List.of())));
        RECORDS.put(ForecastAlert.class, List.of(
                new ForecastAlert(performance(ForecastBaseline.of(10.0, 0.12), List.of(ForecastFlag.INTERVAL_UNDER_COVERED,
                        ForecastFlag.PERFORMANCE_DEGRADED), Severity.CRITICAL), Severity.WARNING,
                        List.of(ForecastFlag.INTERVAL_UNDER_COVERED)),
                new ForecastAlert(performance(null, List.of(), Severity.INFO), Severity.WARNING,
                        List.of(ForecastFlag.HORIZON_UNDER_COVERED))));
        RECORDS.values().forEach(RECORDS_V2::addAll);

        // version 3: probability forecasts and event outcomes, calibration days and alerts, the snapshot's
        // calibration state (and no more verdict confidences)
        Prediction.ProbabilityForecast probability = new Prediction.ProbabilityForecast(0.1 + 0.2, HORIZON);
        Prediction.ProbabilityForecast certain = Prediction.probability(1.0, Duration.ZERO);
        PREDICTIONS.put(Prediction.ProbabilityForecast.class, List.of(probability, certain));
        OUTCOMES.put(Outcome.EventOutcome.class, List.of(Outcome.event(true), Outcome.event(false)));
        List<StoreRecord> resolved3 = new ArrayList<>(RECORDS.get(ResolvedPrediction.class));
        resolved3.add(new ResolvedPrediction(24, KEY, probability, Outcome.event(false), Verdict.CORRECT, 10, 11));
        resolved3.add(new ResolvedPrediction(25, KEY, certain, Outcome.event(true), Verdict.CORRECT, 12, 13));
        RECORDS.put(ResolvedPrediction.class, resolved3);
        List<StoreRecord> logged3 = new ArrayList<>(RECORDS.get(LoggedPrediction.class));
        logged3.add(new LoggedPrediction(26, KEY, probability, 14));
        RECORDS.put(LoggedPrediction.class, logged3);
        List<StoreRecord> snapshots3 = new ArrayList<>(RECORDS.get(KeySnapshot.class));
        snapshots3.add(new KeySnapshot(KEY, 458, new KeySnapshot.Counts(7, 1, 500), new KeySnapshot.Verdicts(7, "1101"),
                Baseline.ofAccuracy(0.6), null, calibrationState(true)));
        snapshots3.add(new KeySnapshot(KEY, 459, new KeySnapshot.Counts(0, 0, 0), KeySnapshot.Verdicts.EMPTY, null,
                forecastState(), calibrationState(false)));
        RECORDS.put(KeySnapshot.class, snapshots3);
        RECORDS.put(CalibrationDay.class, List.of(
                new CalibrationDay(KEY, CalibrationKind.CONFIDENCE, LocalDate.of(2026, 1, 5), 1_767_571_200_000L, 3,
                        0.7333333333333334, 2.0 / 3, 0.1 + 0.2, 0.06666666666666665, 0.1, stats()),
                new CalibrationDay(KEY, CalibrationKind.PROBABILITY, LocalDate.of(1969, 12, 31), -86_400_000L, 0,
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, CalibrationStats.empty(1))));
        RECORDS.put(CalibrationAlert.class, List.of(
                new CalibrationAlert(KEY, CalibrationAlert.Status.BREACH, CalibrationKind.PROBABILITY,
                        LocalDate.of(2026, 1, 13), LocalDate.of(2026, 1, 5), 8, 0.12345678901234568, 0.1 + 0.2, 0.8,
                        0.55, 1_234, 0.05, 1_768_262_400_123L),
                new CalibrationAlert(KEY, CalibrationAlert.Status.RECOVERY, CalibrationKind.CONFIDENCE,
                        LocalDate.of(2026, 1, 20), LocalDate.of(2026, 1, 18), 3, 0.0, Double.NaN, 0.5, 0.5, 0,
                        0.07500000000000001, 0)));
        RECORDS.values().forEach(RECORDS_V3::addAll);

        // version 4: the retrain history
        RECORDS.put(RetrainRequest.class, List.of(
                new RetrainRequest(KEY, List.of(
                        new RetrainReason(RetrainTrigger.CALIBRATION_BREACH, CalibrationKind.PROBABILITY, 0.1 + 0.2,
                                0.05, Double.NaN, "calibration error 0.300 above 0.050 for 8 days"),
                        new RetrainReason(RetrainTrigger.CALIBRATION_SHIFT, CalibrationKind.CONFIDENCE,
                                0.12345678901234568, 0.07500000000000001, 1.2e-17,
                                "calibration error 0.123 vs \"0.010\" \u00e9\n")), 1_768_262_400_123L),
                new RetrainRequest(ModelKey.of("rain", "berlin"), List.of(
                        new RetrainReason(RetrainTrigger.CALIBRATION_SHIFT, CalibrationKind.PROBABILITY,
                                Double.POSITIVE_INFINITY, 0.5, 0.0, "")), -1L)));
    }

    /** Sufficient statistics over three bins, with sums that are not short decimals. */
    static CalibrationStats stats() {
        return new CalibrationStats(new long[] {0, 2, 1}, new long[] {0, 1, 1},
                new double[] {0.0, 1.2000000000000002, 0.9}, 0.1 + 0.2 + 1.6900000000000002, 1.3, 1e-300, 0.7);
    }

    /**
     * A calibration state with small arrays (the codec treats them as opaque vectors): with both kinds, a
     * breach open, an explicit reference, a retrain time and a critical mark, or with one kind and every
     * optional day absent.
     */
    static CalibrationStateSnapshot calibrationState(boolean full) {
        long noDay = CalibrationStateSnapshot.NO_DAY;
        CalibrationStateSnapshot.TrackerState tracker = new CalibrationStateSnapshot.TrackerState(
                new double[] {0.55, 0.1 + 0.2, 1.0}, new long[] {Long.MIN_VALUE | 5}, 7, new int[] {0, 3},
                new int[] {0, 2}, new double[] {0.0, 2.0000000000000004}, new double[] {1.5, 1.1, 0.9, 1e-17},
                new long[] {20_458, noDay}, new int[] {1, 2, 0, 0}, new int[] {0, 1, 0, 0},
                new double[] {0.3, 1.3, 0.0, 0.0}, new double[] {0.9, 0.8, 0.7, 0.6, 0.0, 0.0, 0.0, 0.0},
                full ? 20_458 : noDay);
        CalibrationStateSnapshot.KindState kind = new CalibrationStateSnapshot.KindState(tracker,
                full ? 20_450 : noDay, full ? 20_450 : noDay, full ? 20_456 : noDay, full, full ? stats()
                : CalibrationStats.empty(3));
        CalibrationStateSnapshot.BreachState breach = full
                ? new CalibrationStateSnapshot.BreachState(CalibrationKind.PROBABILITY, true, 0, noDay,
                        CalibrationStats.empty(3), 2, 20_457, stats())
                : new CalibrationStateSnapshot.BreachState(null, false, 0, noDay, CalibrationStats.empty(3), 0,
                        noDay, CalibrationStats.empty(3));
        return new CalibrationStateSnapshot(CalibrationStateSnapshot.VERSION, KEY, 3, List.of(3), 30, kind,
                full ? kind : null, full ? 20_457 : noDay, breach, full ? 1_767_571_200_001L : Long.MIN_VALUE,
                full ? 0.07500000000000001 : Double.NaN);
    }

    static ForecastTally tally(long n) {
        return new ForecastTally(n, n - 1, 1, n / 2, n - 2, n - 3, 12.345678901234567, n - 1, 0.1 + 0.2, 2, 50.5,
                300.25, 275.0);
    }

    static List<HorizonCoverage> buckets() {
        return List.of(new HorizonCoverage(Duration.ofMinutes(90), 4, 3), new HorizonCoverage(Duration.ofDays(2), 0, 0),
                new HorizonCoverage(null, 5, 1));
    }

    static ForecastDay forecastDay(LocalDate day) {
        return new ForecastDay(KEY, day, tally(10), buckets());
    }

    static ForecastPerformance performance(ForecastBaseline baseline, List<ForecastFlag> flags, Severity severity) {
        return new ForecastPerformance(KEY, 1_767_600_000_123L, 31,
                new ForecastWindow(ForecastWindow.Span.PREDICTIONS, 100, tally(10), buckets()),
                new ForecastWindow(ForecastWindow.Span.DAYS, 3, tally(9), buckets()),
                new ForecastWindow(ForecastWindow.Span.DAYS, 9, ForecastTally.EMPTY, List.of()), baseline,
                baseline == null ? Double.NaN : 1.2345, baseline == null ? Double.NaN : Double.POSITIVE_INFINITY,
                flags, severity, flags.isEmpty() ? List.of("No action needed")
                        : List.of("Widen the intervals \"now\"", "Retrain: MAE 1.2x baseline"), FORECAST_CONFIG);
    }

    /** A forecast state with entries with and without quantiles, percentage errors and spends. */
    static ForecastStateSnapshot forecastState() {
        List<ForecastStateSnapshot.WindowEntry> window = List.of(
                new ForecastStateSnapshot.WindowEntry(true, false, true, true, true, 0, 0.5, 0.05, Double.NaN,
                        Double.NaN, Double.NaN),
                new ForecastStateSnapshot.WindowEntry(false, false, false, false, false, 2, 3.0000000000000004,
                        Double.NaN, 10.0, 20.0, 0.0),
                new ForecastStateSnapshot.WindowEntry(true, true, true, true, false, 1, 0.0, Double.POSITIVE_INFINITY,
                        0.0, 1e-300, 2.5));
        return new ForecastStateSnapshot(ForecastStateSnapshot.VERSION, KEY, 2, 3, 9, 5, 7, window.subList(1, 3),
                new ForecastTally(2, 1, 1, 1, 1, 0, 3.0000000000000004, 0, 0.0, 2, 10.0, 20.0, 2.5),
                LocalDate.of(2026, 1, 6), List.of(forecastDay(LocalDate.of(2025, 12, 30)),
                        forecastDay(LocalDate.of(2026, 1, 6))), ForecastBaseline.of(1.5, 0.25));
    }

    static DriftReport report(DriftLevel level) {
        DriftThresholds t = DriftThresholds.builder().warningDrop(0.04).criticalDrop(0.11).randomBaseline(0.45)
                .minPredictions(7).windows(10, 20, 30).alpha(0.01).checkInterval(Duration.ofSeconds(90))
                .requireSignificance(true).build();
        return new DriftReport(KEY, level, 0.65,
                List.of(new WindowAccuracy(10, 10, 5, 0.5, 0.15000000000000002, -1.99, 0.0234, DriftLevel.CRITICAL),
                        new WindowAccuracy(20, 3, 1, 1.0 / 3, Double.NaN, Double.NaN, Double.NaN,
                                DriftLevel.INSUFFICIENT_DATA)),
                10, 0.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-320, true, t, 42, 1_700_000_123_456L);
    }

    private static StoreRecord roundTrip(StoreRecord r) {
        byte[] line = (RecordCodec.toLine(r) + "\n").getBytes(StandardCharsets.UTF_8);
        return RecordCodec.decode(line, 0, line.length - 1);
    }

    @Test
    void everyRecordKindHasARoundTripCaseAndATableEntry() {
        for (Class<?> kind : StoreRecord.class.getPermittedSubclasses()) {
            assertTrue(RECORDS.containsKey(kind), "no round-trip case for record kind " + kind.getName());
            assertNotNull(RecordCodec.KINDS.get(kind), "no codec table entry for " + kind.getName());
        }
        for (Class<?> kind : Prediction.class.getPermittedSubclasses()) {
            assertTrue(PREDICTIONS.containsKey(kind), "no round-trip case for prediction kind " + kind.getName());
            assertNotNull(RecordCodec.PREDICTIONS.get(kind), "no codec table entry for " + kind.getName());
        }
        for (Class<?> kind : Outcome.class.getPermittedSubclasses()) {
            assertTrue(OUTCOMES.containsKey(kind), "no round-trip case for outcome kind " + kind.getName());
            assertNotNull(RecordCodec.OUTCOMES.get(kind), "no codec table entry for " + kind.getName());
        }
        for (Class<?> kind : Alert.class.getPermittedSubclasses()) {
            assertTrue(StoreRecord.class.isAssignableFrom(kind), "alert kind " + kind.getName()
                    + " is not a StoreRecord, so the store cannot keep the alert history");
            assertTrue(RECORDS.containsKey(kind), "no round-trip case for alert kind " + kind.getName());
        }
    }

    @Test
    void everyComponentOfEveryCaseIsCarriedByAField() throws Exception {
        for (List<StoreRecord> cases : RECORDS.values()) {
            for (StoreRecord r : cases) {
                JsonNode line = RecordCodec.MAPPER.readTree(RecordCodec.toLine(r));
                assertCarried(r, r instanceof DriftReport ? line.get("report") : line, r.getClass().getSimpleName());
                RecordCodec.Kind<?> kind = RecordCodec.KINDS.get(r.getClass());
                assertTableListsExactly(kind, line, r.getClass().getSimpleName());
                if (line.has("prediction")) {
                    JsonNode p = line.get("prediction");
                    for (RecordCodec.Kind<?> k : RecordCodec.PREDICTIONS.values()) {
                        if (k.name().equals(p.get("kind").asText())) {
                            assertTableListsExactly(k, p, r.getClass().getSimpleName() + ".prediction");
                        }
                    }
                }
            }
        }
    }

    /** The line holds every field of the kind's table and nothing the table does not list as optional. */
    private static void assertTableListsExactly(RecordCodec.Kind<?> kind, JsonNode line, String what) {
        for (String field : kind.fields()) {
            assertTrue(line.has(field), what + ": table field " + field + " not written");
        }
        line.fieldNames().forEachRemaining(f -> assertTrue(f.equals("v") || f.equals("kind")
                || kind.fields().contains(f) || kind.optional().contains(f), what + ": field " + f
                + " written but not in the table of kind " + kind.name()));
    }

    /** Each component maps to the snake_case field (without a "_millis" suffix); records and lists recurse. */
    private static void assertCarried(Object value, JsonNode node, String path) throws Exception {
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            Object v = c.getAccessor().invoke(value);
            if (c.getType() == ModelKey.class) {
                if (node.has("model")) {
                    assertTrue(node.has("segment"), path + ".segment");
                }
                continue; // a nested report's key is its record's
            }
            String field = c.getName().equals("kind") && c.getType() == CalibrationKind.class ? "calibration_kind"
                    : snake(c.getName());
            JsonNode child = node.get(field);
            if (child == null && absent(v)) {
                continue; // an optional field is left out when it has no value
            }
            assertNotNull(child, path + "." + c.getName() + " has no field '" + field + "' in " + node);
            if (v instanceof Record) {
                assertCarried(v, child, path + "." + c.getName());
            } else if (v instanceof List && child.isObject()) {
                assertColumns((List<?>) v, child, path + "." + c.getName());
            } else if (v instanceof List) {
                int i = 0;
                for (Object e : (List<?>) v) {
                    if (e instanceof Record) {
                        assertCarried(e, child.get(i), path + "." + c.getName() + "[" + i + "]");
                    }
                    i++;
                }
            }
        }
    }

    /** A null reference, NaN, or Long.MIN_VALUE (no day, no time): what an optional field leaves out. */
    private static boolean absent(Object v) {
        return v == null || v instanceof Double && ((Double) v).isNaN() || v instanceof Long && (Long) v == Long.MIN_VALUE;
    }

    /**
     * A list of records written as columns (the snapshot's forecast window): each component is a field of
     * the same name holding one entry per element (a string of 0/1 for flags), or is absent when no element
     * has a value for it.
     */
    private static void assertColumns(List<?> list, JsonNode node, String path) throws Exception {
        if (list.isEmpty()) {
            return;
        }
        for (RecordComponent c : list.get(0).getClass().getRecordComponents()) {
            String field = snake(c.getName());
            JsonNode column = node.get(field);
            boolean anyValue = false;
            for (Object e : list) {
                anyValue |= !absent(c.getAccessor().invoke(e));
            }
            if (column == null && !anyValue) {
                continue;
            }
            assertNotNull(column, path + "." + c.getName() + " has no column '" + field + "' in " + node);
            int size = column.isTextual() ? column.textValue().length() : column.size();
            assertEquals(list.size(), size, path + "." + field + " entries");
        }
    }

    private static String snake(String name) {
        String base = name.endsWith("Millis") ? name.substring(0, name.length() - "Millis".length()) : name;
        StringBuilder sb = new StringBuilder();
        for (char ch : base.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    @Test
    void everyCaseRoundTripsExactly() {
        for (List<StoreRecord> cases : RECORDS.values()) {
            for (StoreRecord r : cases) {
                assertEquals(r, roundTrip(r), RecordCodec.toLine(r));
                assertEquals(RecordCodec.toLine(r), RecordCodec.toLine(roundTrip(r)), "identical bytes");
            }
        }
        for (Class<?> p : PREDICTIONS.keySet()) {
            for (Prediction prediction : PREDICTIONS.get(p)) {
                for (Class<?> o : OUTCOMES.keySet()) {
                    LoggedPrediction r = new LoggedPrediction(5, KEY, prediction, 7);
                    assertEquals(r, roundTrip(r));
                    ResolvedPrediction rp = new ResolvedPrediction(5, KEY, prediction, OUTCOMES.get(o).get(0),
                            Verdict.CORRECT, 7, 8);
                    assertEquals(rp, roundTrip(rp));
                }
            }
        }
    }

    @Property(tries = 300)
    void doublesRoundTripToTheBit(@ForAll double value, @ForAll float confidence) {
        ResolvedPrediction r = new ResolvedPrediction(1, KEY, new Prediction.Forecast(
                Double.isFinite(value) ? value : 0.0, null, HORIZON), new Outcome.ActualValue(
                Double.isFinite(value) ? -value : 1.0), Verdict.UNSCORED, 1, 2);
        ResolvedPrediction back = (ResolvedPrediction) roundTrip(r);
        if (Double.isFinite(value) && value >= 0) {
            LoggedPrediction spent = new LoggedPrediction(1, KEY, Prediction.forecast(1.0, HORIZON).withSpend(value), 3);
            assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(
                    ((Prediction.Forecast) ((LoggedPrediction) roundTrip(spent)).prediction()).spend()));
        }
        assertEquals(Double.doubleToRawLongBits(((Prediction.Forecast) r.prediction()).value()),
                Double.doubleToRawLongBits(((Prediction.Forecast) back.prediction()).value()));
        BaselineRecord b = new BaselineRecord(KEY, new Baseline(0.5, Double.NaN, Double.NaN,
                Double.NaN, 0, 0), 0);
        assertEquals(b, roundTrip(b));
        float c = Float.isNaN(confidence) ? Float.NaN : confidence;
        CalibrationStats st = new CalibrationStats(new long[] {1}, new long[] {0},
                new double[] {Double.isFinite(value) ? Math.abs(value) : 0.0}, Float.isFinite(c) ? Math.abs(c) : 0.0,
                0, 0, 0);
        CalibrationDay cd = (CalibrationDay) roundTrip(new CalibrationDay(KEY, CalibrationKind.CONFIDENCE,
                LocalDate.of(2026, 1, 5), 0, 1, value, c, value, value, value, st));
        assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(cd.meanConfidence()));
        assertEquals(Double.doubleToLongBits(c), Double.doubleToLongBits(cd.observedRate()));
        assertEquals(st, cd.stats());
        DriftReport d = new DriftReport(KEY, DriftLevel.HEALTHY, Double.NaN, List.of(), 0, value, value, value,
                value, false, DriftThresholds.defaults(), 0, 0);
        DriftReport db = (DriftReport) roundTrip(d);
        assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(db.currentAccuracy()));
    }

    @Test
    void theCurrentGoldenFileReadsBackToTheCasesAndIsWrittenIdentically() throws IOException {
        assertEquals(4, RecordCodec.FORMAT_VERSION, "a new format version needs its own golden file and test");
        List<String> expected = new ArrayList<>();
        for (List<StoreRecord> cases : RECORDS.values()) {
            for (StoreRecord r : cases) {
                expected.add(RecordCodec.toLine(r));
            }
        }
        String golden = golden("/file-store/format-v4.jsonl");
        assertEquals(String.join("\n", expected) + "\n", golden,
                "the writer's bytes changed: a format change needs a new version and a new golden file");
        List<StoreRecord> all = new ArrayList<>();
        RECORDS.values().forEach(all::addAll);
        assertEquals(all, decodeAll(golden));
    }

    /**
     * Files written in version 1 stay readable: each line reads back to its case (the components added
     * since read as absent), and is written again with the same bytes under the new version number, apart
     * from a snapshot's verdict confidences, which version 3 no longer writes.
     */
    @Test
    void theVersionOneGoldenFileStillReadsBackAndKeepsItsBytes() throws IOException {
        olderGoldenFileReadsBackAndKeepsItsBytes(1, RECORDS_V1);
    }

    /** The same for version 2's golden file and cases. */
    @Test
    void theVersionTwoGoldenFileStillReadsBackAndKeepsItsBytes() throws IOException {
        olderGoldenFileReadsBackAndKeepsItsBytes(2, RECORDS_V2);
    }

    /** The same for version 3's golden file and cases (no snapshot there holds confidences). */
    @Test
    void theVersionThreeGoldenFileStillReadsBackAndKeepsItsBytes() throws IOException {
        olderGoldenFileReadsBackAndKeepsItsBytes(3, RECORDS_V3);
    }

    private static void olderGoldenFileReadsBackAndKeepsItsBytes(int version, List<StoreRecord> cases)
            throws IOException {
        String golden = golden("/file-store/format-v" + version + ".jsonl");
        assertEquals(cases, decodeAll(golden));
        String[] lines = golden.split("\n");
        assertEquals(cases.size(), lines.length);
        String prefix = "{\"v\":" + version + ",";
        int confidences = 0;
        for (int i = 0; i < lines.length; i++) {
            assertTrue(lines[i].startsWith(prefix), lines[i]);
            String dropped = lines[i].replaceFirst(",\"confidences\":\\[[^\\]]*]", "");
            confidences += dropped.equals(lines[i]) ? 0 : 1;
            assertEquals("{\"v\":" + RecordCodec.FORMAT_VERSION + "," + dropped.substring(prefix.length()),
                    RecordCodec.toLine(cases.get(i)));
        }
        assertEquals(version == 1 ? 2 : version == 2 ? 4 : 0, confidences,
                "key snapshots whose confidences were dropped");
    }

    private static String golden(String resource) throws IOException {
        try (InputStream in = RecordCodecTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, "golden file missing: " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<StoreRecord> decodeAll(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<StoreRecord> out = new ArrayList<>();
        int start = 0;
        for (int p = 0; p < bytes.length; p++) {
            if (bytes[p] == '\n') {
                out.add(RecordCodec.decode(bytes, start, p - start));
                start = p + 1;
            }
        }
        assertEquals(bytes.length, start, "the golden file ends with a newline");
        return out;
    }

    /** A forecast state captured from a real accumulator reads back equal, to the bit, inside a snapshot. */
    @Property(tries = 100)
    void aForecastStateRoundTripsToTheBit(@ForAll("forecastSteps") List<double[]> steps) {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.builder().countWindow(8).minSamples(2)
                .shortDays(1).longDays(3).build());
        long t = 1_767_571_200_000L;
        for (double[] s : steps) {
            Quantiles q = s[1] < 0 ? null : new Quantiles(s[0] - s[1], s[0], s[0] + 2 * s[1]);
            Prediction.Forecast f = new Prediction.Forecast(s[0] * 1.1, q, Duration.ofMinutes((long) s[2]));
            if (s[3] >= 0) {
                f = f.withSpend(s[3]);
            }
            t += (long) s[4];
            a.add(f, s[5], t);
        }
        if (steps.size() % 3 == 0) {
            a.baseline(ForecastBaseline.of(0.1 + steps.size(), 0.3));
        }
        KeySnapshot s = new KeySnapshot(KEY, t, new KeySnapshot.Counts(steps.size(), 0, t), KeySnapshot.Verdicts.EMPTY,
                null, a.snapshot());
        assertEquals(s, roundTrip(s));
        assertEquals(RecordCodec.toLine(s), RecordCodec.toLine(roundTrip(s)));
        assertEquals(a.performance(t), ForecastAccumulator.restore(((KeySnapshot) roundTrip(s)).forecast(),
                a.config()).performance(t));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<double[]>> forecastSteps() {
        net.jqwik.api.Arbitrary<Double> any = net.jqwik.api.Arbitraries.doubles().between(-1e6, 1e6);
        net.jqwik.api.Arbitrary<double[]> step = net.jqwik.api.Combinators.combine(any,
                net.jqwik.api.Arbitraries.doubles().between(-1, 1e3), net.jqwik.api.Arbitraries.of(0.0, 30.0, 600.0,
                        5000.0), net.jqwik.api.Arbitraries.doubles().between(-1, 1e4),
                net.jqwik.api.Arbitraries.of(0.0, 3.6e6, 9e7, 2.6e8), net.jqwik.api.Arbitraries.oneOf(any,
                        net.jqwik.api.Arbitraries.just(0.0)))
                .as((c, w, h, sp, adv, actual) -> new double[] {c, w, h, sp, adv, actual});
        return step.list().ofMaxSize(30);
    }

    /**
     * A calibration state captured from real accumulators (both kinds, days closed, a breach run, a critical
     * mark) reads back equal, to the bit, inside a snapshot, and a key restored from it answers the same.
     */
    @Property(tries = 100)
    void aCalibrationStateRoundTripsToTheBit(@ForAll("calibrationSteps") List<double[]> steps) {
        CalibrationThresholds t = CalibrationThresholds.builder().bins(4).countWindows(3, 7).maxDays(4)
                .minDailySamples(1).breachDays(1).recoveryDays(1).build();
        CalibrationEngine engine = new CalibrationEngine(t, Map.of(KEY, 0.05));
        Object lock = new Object();
        KeyCalibration kc = engine.newKey(KEY, lock);
        long now = 1_767_571_200_000L;
        for (double[] s : steps) {
            now += (long) s[2];
            Prediction p = s[3] > 0.5 ? Prediction.probability(s[0], HORIZON) : Prediction.up(s[0], 100.0, HORIZON);
            Outcome o = p instanceof Prediction.ProbabilityForecast ? Outcome.event(s[1] > 0.5)
                    : Outcome.exitPrice(s[1] > 0.5 ? 101.0 : 99.0);
            synchronized (lock) {
                kc.applyLocked(p, o, p.score(o, 0.0), p.confidence(), now);
            }
            if (s[4] > 0.7) {
                engine.close(kc, now);
            }
        }
        CalibrationStateSnapshot state = engine.snapshot(kc);
        KeySnapshot s = new KeySnapshot(KEY, now, new KeySnapshot.Counts(steps.size(), 0, now),
                KeySnapshot.Verdicts.EMPTY, null, null, state);
        KeySnapshot back = (KeySnapshot) roundTrip(s);
        assertEquals(s, back);
        assertEquals(RecordCodec.toLine(s), RecordCodec.toLine(back));
        KeyCalibration restored = engine.newKey(KEY, new Object());
        engine.restore(restored, back.calibration());
        for (CalibrationKind kind : CalibrationKind.values()) {
            for (dev.modelmonitor.api.CalibrationWindow w : List.of(dev.modelmonitor.api.CalibrationWindow.ofPredictions(7),
                    dev.modelmonitor.api.CalibrationWindow.ofDays(4))) {
                assertEquals(engine.metrics(KEY, kc, kind, w, now), engine.metrics(KEY, restored, kind, w, now));
            }
        }
        assertEquals(state, engine.snapshot(restored));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<double[]>> calibrationSteps() {
        net.jqwik.api.Arbitrary<Double> unit = net.jqwik.api.Arbitraries.doubles().between(0, 1);
        return net.jqwik.api.Combinators.combine(unit, unit, net.jqwik.api.Arbitraries.of(0.0, 3.6e6, 4.32e7, 9e7,
                        3e8), unit, unit)
                .as((c, y, adv, kind, close) -> new double[] {c, y, adv, kind, close}).list().ofMaxSize(40);
    }

    @Test
    void badLinesAreRejectedNamingWhatIsWrong() {
        assertEquals("unknown kind 'nope'", decodeError("{\"v\":1,\"kind\":\"nope\"}"));
        assertEquals("field 'v' (format version) missing or not an integer", decodeError("{\"kind\":\"expired\"}"));
        assertEquals("format version 5 is not supported (this code reads versions 1 to 4)",
                decodeError("{\"v\":5,\"kind\":\"expired\"}"));
        assertEquals("format version 0 is not supported (this code reads versions 1 to 4)",
                decodeError("{\"v\":0,\"kind\":\"expired\"}"));
        assertEquals("kind 'forecast_day' needs format version 2 or later, was 1",
                decodeError("{\"v\":1,\"kind\":\"forecast_day\"}"));
        assertEquals("kind 'calibration_day' needs format version 3 or later, was 2",
                decodeError("{\"v\":2,\"kind\":\"calibration_day\"}"));
        String retrain = RecordCodec.toLine(RECORDS.get(RetrainRequest.class).get(0));
        assertEquals("kind 'retrain_request' needs format version 4 or later, was 3",
                decodeError(retrain.replace("{\"v\":4,", "{\"v\":3,")));
        assertEquals("retrain_request: reasons must not be empty",
                decodeError(retrain.replaceFirst("\"reasons\":\\[.*]", "\"reasons\":[]")));
        assertEquals("retrain_request: field 'reasons' must hold objects, was 1",
                decodeError(retrain.replaceFirst("\"reasons\":\\[.*]", "\"reasons\":[1]")));
        assertEquals("retrain_request: field 'reasons' must be an array, was {}",
                decodeError(retrain.replaceFirst("\"reasons\":\\[.*]", "\"reasons\":{}")));
        assertEquals("retrain_request: field 'detail' is missing",
                decodeError(retrain.replaceFirst(",\"detail\":\"calibration error 0.300 above 0.050 for 8 days\"",
                        "")));
        assertEquals("retrain_request: field 'p_value' must be a number, was true",
                decodeError(retrain.replace("\"p_value\":\"NaN\"", "\"p_value\":true")));
        assertEquals("resolved: prediction kind 'probability' needs format version 3 or later, was 2",
                decodeError(RecordCodec.toLine(RECORDS.get(ResolvedPrediction.class).get(5)).replace("{\"v\":4,",
                        "{\"v\":2,").replace("{\"kind\":\"event\",\"occurred\":false}",
                        "{\"kind\":\"label\",\"label\":\"x\"}")));
        assertEquals("resolved: outcome kind 'event' needs format version 3 or later, was 2",
                decodeError(RecordCodec.toLine(RECORDS.get(ResolvedPrediction.class).get(0)).replace("{\"v\":4,",
                        "{\"v\":2,").replace("{\"kind\":\"exit_price\",\"price\":43500.000000001}",
                        "{\"kind\":\"event\",\"occurred\":true}")));
        assertEquals("calibration_day: field 'calibration_kind' must be a string, was 1",
                decodeError(RecordCodec.toLine(RECORDS.get(CalibrationDay.class).get(0))
                        .replace("\"calibration_kind\":\"CONFIDENCE\"", "\"calibration_kind\":1")));
        assertEquals("calibration_day: count must equal stats.count() (3), was 4",
                decodeError(RecordCodec.toLine(RECORDS.get(CalibrationDay.class).get(0))
                        .replace("\"count\":3", "\"count\":4")));
        assertEquals("calibration_alert: field 'streak_from' must be an ISO-8601 date, was \"2026-01-32\"",
                decodeError(RecordCodec.toLine(RECORDS.get(CalibrationAlert.class).get(0))
                        .replace("\"streak_from\":\"2026-01-05\"", "\"streak_from\":\"2026-01-32\"")));
        String calibrated = RecordCodec.toLine(RECORDS.get(KeySnapshot.class).get(4));
        assertEquals("key_snapshot: field 'ring_hits[0]' must be an integer, was 1.5",
                decodeError(calibrated.replaceFirst("\"ring_hits\":\\[-?\\d+]", "\"ring_hits\":[1.5]")));
        assertEquals("key_snapshot: field 'days[0]' must be an ISO-8601 date or null, was 20458",
                decodeError(calibrated.replaceFirst("\"days\":\\[\"2026-01-05\"", "\"days\":[20458")));
        assertEquals("key_snapshot: criticalThreshold must be NaN or in (0, 1), was 1.5",
                decodeError(calibrated.replace("\"critical_threshold\":0.07500000000000001",
                        "\"critical_threshold\":1.5")));
        assertEquals("key_snapshot: hits must be in [0, count=2], was 3 at bin 1",
                decodeError(calibrated.replace("\"good_stats\":{\"counts\":[0,2,1],\"hits\":[0,1,1]",
                        "\"good_stats\":{\"counts\":[0,2,1],\"hits\":[0,3,1]")));
        assertEquals("resolved: field 'spend' must be a number when present, was \"NaN\"",
                decodeError(RecordCodec.toLine(RECORDS.get(ResolvedPrediction.class).get(4))
                        .replace("\"spend\":250.00000000000003", "\"spend\":\"NaN\"")));
        assertEquals("resolved: spend must be finite and >= 0, was -1.0",
                decodeError(RecordCodec.toLine(RECORDS.get(ResolvedPrediction.class).get(4))
                        .replace("\"spend\":250.00000000000003", "\"spend\":-1.0")));
        assertEquals("resolved: field 'weights' must be an object, was [1]",
                decodeError(RecordCodec.toLine(RECORDS.get(ResolvedPrediction.class).get(3))
                        .replaceFirst("\"weights\":\\{[^}]*}", "\"weights\":[1]")));
        String snapshot = RecordCodec.toLine(RECORDS.get(KeySnapshot.class).get(2));
        assertEquals("key_snapshot: field 'abs_error' must hold 2 entries, was 1",
                decodeError(snapshot.replace("\"abs_error\":[3.0000000000000004,0.0]", "\"abs_error\":[0.0]")));
        assertEquals("key_snapshot: field 'inside' must hold only '0' and '1', was 'x' at 1",
                decodeError(snapshot.replace("\"inside\":\"00\"", "\"inside\":\"0x\"")));
        assertEquals("key_snapshot: field 'current_day' must be an ISO-8601 date, was \"2026-13-01\"",
                decodeError(snapshot.replace("\"current_day\":\"2026-01-06\"", "\"current_day\":\"2026-13-01\"")));
        assertEquals("forecast_alert: field 'flags' must hold strings, was 1",
                decodeError(RecordCodec.toLine(RECORDS.get(ForecastAlert.class).get(0))
                        .replace("\"flags\":[\"INTERVAL_UNDER_COVERED\"", "\"flags\":[1")));
        assertEquals("expired: field 'expired_at' is missing",
                decodeError("{\"v\":1,\"kind\":\"expired\",\"id\":1,\"model\":\"m\",\"segment\":\"s\",\"logged_at\":1}"));
        assertEquals("expired: field 'id' must be an integer, was \"x\"",
                decodeError("{\"v\":1,\"kind\":\"expired\",\"id\":\"x\"}"));
        assertEquals("not a JSON object", decodeError("[1]"));
        assertTrue(decodeError("{\"v\":1,").startsWith("not JSON: "), decodeError("{\"v\":1,"));
        assertEquals("expired: model must not be blank, was ' '",
                decodeError("{\"v\":1,\"kind\":\"expired\",\"id\":1,\"model\":\" \",\"segment\":\"s\","
                        + "\"logged_at\":1,\"expired_at\":2}"));
    }

    private static String decodeError(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return assertThrows(IllegalArgumentException.class, () -> RecordCodec.decode(b, 0, b.length)).getMessage();
    }

    /** Writes the current version's golden file from the cases; run by hand when a new version is introduced. */
    public static void main(String[] args) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (List<StoreRecord> cases : RECORDS.values()) {
            for (StoreRecord r : cases) {
                sb.append(RecordCodec.toLine(r)).append('\n');
            }
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), sb, StandardCharsets.UTF_8);
        if (sb.length() == 0) {
            fail("no cases");
        }
    }
}

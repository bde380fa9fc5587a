package dev.modelmonitor.core.store;

import dev.modelmonitor.api.Alert;
import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.BaselineRecord;
import dev.modelmonitor.api.Direction;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ExpiredPrediction;
import dev.modelmonitor.api.KeySnapshot;
import dev.modelmonitor.api.LoggedPrediction;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.StoreRecord;
import dev.modelmonitor.api.Verdict;
import dev.modelmonitor.api.WindowAccuracy;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * before this test passes.
 */
class RecordCodecTest {

    static final ModelKey KEY = ModelKey.of("lstm_v3", "SOL/USDT");
    static final Duration HORIZON = Duration.ofMinutes(60).plusNanos(7);

    /** One prediction of each kind, every component set to a value its reader could not default to. */
    static final Map<Class<?>, List<Prediction>> PREDICTIONS = new LinkedHashMap<>();
    /** One outcome of each kind. */
    static final Map<Class<?>, List<Outcome>> OUTCOMES = new LinkedHashMap<>();
    /** Round-trip cases of each record kind. */
    static final Map<Class<?>, List<StoreRecord>> RECORDS = new LinkedHashMap<>();

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
                        new KeySnapshot.Verdicts(12, "1001", new float[] {0.7f, Float.NaN, 0.1f, 1.0f}),
                        new Baseline(0.62, Double.NaN, 0.5, 0.25, 3, 4)),
                new KeySnapshot(KEY, 0, new KeySnapshot.Counts(0, 0, 0), KeySnapshot.Verdicts.EMPTY, null)));
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
                for (String field : RecordCodec.KINDS.get(r.getClass()).fields()) {
                    assertTrue(line.has(field), r.getClass().getSimpleName() + ": table field " + field + " not written");
                }
            }
        }
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
            String field = snake(c.getName());
            JsonNode child = node.get(field);
            if (child == null && value instanceof DriftAlert && field.equals("report")) {
                child = node.get("report");
            }
            assertNotNull(child, path + "." + c.getName() + " has no field '" + field + "' in " + node);
            if (v instanceof Record) {
                assertCarried(v, child, path + "." + c.getName());
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
        assertEquals(Double.doubleToRawLongBits(((Prediction.Forecast) r.prediction()).value()),
                Double.doubleToRawLongBits(((Prediction.Forecast) back.prediction()).value()));
        BaselineRecord b = new BaselineRecord(KEY, new Baseline(0.5, Double.NaN, Double.NaN,
                Double.NaN, 0, 0), 0);
        assertEquals(b, roundTrip(b));
        float c = Float.isNaN(confidence) ? Float.NaN : confidence;
        KeySnapshot s = new KeySnapshot(KEY, 1, new KeySnapshot.Counts(1, 0, 0),
                new KeySnapshot.Verdicts(1, "1", new float[] {c}), null);
        KeySnapshot sb = (KeySnapshot) roundTrip(s);
        assertEquals(Float.floatToIntBits(c), Float.floatToIntBits(sb.verdicts().confidenceAt(0)));
        DriftReport d = new DriftReport(KEY, DriftLevel.HEALTHY, Double.NaN, List.of(), 0, value, value, value,
                value, false, DriftThresholds.defaults(), 0, 0);
        DriftReport db = (DriftReport) roundTrip(d);
        assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(db.currentAccuracy()));
    }

    @Test
    void theVersionOneGoldenFileReadsBackToTheCasesAndIsWrittenIdentically() throws IOException {
        List<String> expected = new ArrayList<>();
        for (List<StoreRecord> cases : RECORDS.values()) {
            for (StoreRecord r : cases) {
                expected.add(RecordCodec.toLine(r));
            }
        }
        String golden;
        try (InputStream in = RecordCodecTest.class.getResourceAsStream("/file-store/format-v1.jsonl")) {
            assertNotNull(in, "golden file missing");
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(String.join("\n", expected) + "\n", golden,
                "the writer's bytes changed: a format change needs a new version and a new golden file");
        byte[] bytes = golden.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        int i = 0;
        List<StoreRecord> all = new ArrayList<>();
        RECORDS.values().forEach(all::addAll);
        for (int p = 0; p < bytes.length; p++) {
            if (bytes[p] == '\n') {
                assertEquals(all.get(i++), RecordCodec.decode(bytes, start, p - start));
                start = p + 1;
            }
        }
        assertEquals(all.size(), i);
    }

    @Test
    void badLinesAreRejectedNamingWhatIsWrong() {
        assertEquals("unknown kind 'nope'", decodeError("{\"v\":1,\"kind\":\"nope\"}"));
        assertEquals("field 'v' (format version) missing or not an integer", decodeError("{\"kind\":\"expired\"}"));
        assertEquals("format version 2 is not supported (this code reads version 1)",
                decodeError("{\"v\":2,\"kind\":\"expired\"}"));
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

    /** Writes the golden file from the cases; run by hand when a new format version is introduced. */
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

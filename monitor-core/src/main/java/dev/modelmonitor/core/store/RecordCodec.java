package dev.modelmonitor.core.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file store's line format, version {@value #FORMAT_VERSION}: one JSON object per record, written
 * with Jackson's streaming generator and read back as a tree. The field names of every kind are listed in
 * one table per kind ({@link #KINDS}, {@link #PREDICTIONS}, {@link #OUTCOMES}) and documented in
 * {@code docs/file-store.md}; a test walks the sealed hierarchies and fails for a kind without a table
 * entry.
 *
 * <p>Every line starts with {@code "v"} (the format version) and {@code "kind"}. Doubles are written in
 * their shortest round-trip decimal form (so they read back bit-exact) and NaN, Infinity and -Infinity as
 * the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; durations as ISO-8601 strings
 * ({@code "PT1H"}); enums by name. Unknown fields are ignored on reading; a missing or mistyped field is a
 * corrupt line.
 *
 * <p>Thread-safety: the tables are immutable; an {@link Encoder} belongs to one thread at a time.
 */
final class RecordCodec {

    /** The {@code "v"} written on every line. */
    static final int FORMAT_VERSION = 1;

    static final ObjectMapper MAPPER = new ObjectMapper(new JsonFactoryBuilder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());
    private static final com.fasterxml.jackson.databind.ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class);
    /** Parsed horizons by their text: a host uses a handful, and parsing one takes a regular expression. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Duration> DURATIONS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final JsonFactory WRITE_FACTORY = new JsonFactoryBuilder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .rootValueSeparator((String) null)
            .build();

    private RecordCodec() {
    }

    // ------------------------------------------------------------------ the tables

    /** How one kind is written and read; {@code fields} lists its JSON fields after "v" and "kind". */
    record Kind<T>(String name, Class<T> type, List<String> fields, Writer<T> writer, Reader<T> reader) {
    }

    @FunctionalInterface
    interface Writer<T> {
        void write(JsonGenerator g, T value) throws IOException;
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(JsonNode n);
    }

    /** Record kinds, by class. */
    static final Map<Class<?>, Kind<?>> KINDS;
    /** Record kinds, by the name written in "kind". */
    static final Map<String, Kind<?>> KINDS_BY_NAME;
    /** Prediction kinds (nested under "prediction"), by class. */
    static final Map<Class<?>, Kind<?>> PREDICTIONS;
    /** Outcome kinds (nested under "outcome"), by class. */
    static final Map<Class<?>, Kind<?>> OUTCOMES;

    static {
        Map<Class<?>, Kind<?>> p = new LinkedHashMap<>();
        put(p, new Kind<>("direction", Prediction.DirectionCall.class,
                List.of("direction", "confidence", "entry_price", "horizon"),
                (g, c) -> {
                    g.writeStringField("direction", c.direction().name());
                    number(g, "confidence", c.confidence());
                    number(g, "entry_price", c.entryPrice());
                    g.writeStringField("horizon", c.horizon().toString());
                },
                n -> new Prediction.DirectionCall(Direction.valueOf(text(n, "direction")), dbl(n, "confidence"),
                        dbl(n, "entry_price"), duration(n, "horizon"))));
        put(p, new Kind<>("class", Prediction.ClassCall.class, List.of("label", "confidence", "horizon"),
                (g, c) -> {
                    g.writeStringField("label", c.label());
                    number(g, "confidence", c.confidence());
                    g.writeStringField("horizon", c.horizon().toString());
                },
                n -> new Prediction.ClassCall(text(n, "label"), dbl(n, "confidence"), duration(n, "horizon"))));
        put(p, new Kind<>("forecast", Prediction.Forecast.class, List.of("value", "quantiles", "horizon"),
                (g, c) -> {
                    number(g, "value", c.value());
                    if (c.quantiles() == null) {
                        g.writeNullField("quantiles");
                    } else {
                        g.writeObjectFieldStart("quantiles");
                        number(g, "p10", c.quantiles().p10());
                        number(g, "p50", c.quantiles().p50());
                        number(g, "p90", c.quantiles().p90());
                        g.writeEndObject();
                    }
                    g.writeStringField("horizon", c.horizon().toString());
                },
                n -> {
                    JsonNode q = field(n, "quantiles");
                    return new Prediction.Forecast(dbl(n, "value"), q.isNull() ? null
                            : new Quantiles(dbl(q, "p10"), dbl(q, "p50"), dbl(q, "p90")), duration(n, "horizon"));
                }));
        PREDICTIONS = Collections.unmodifiableMap(p);

        Map<Class<?>, Kind<?>> o = new LinkedHashMap<>();
        put(o, new Kind<>("exit_price", Outcome.ExitPrice.class, List.of("price"),
                (g, x) -> number(g, "price", x.price()), n -> new Outcome.ExitPrice(dbl(n, "price"))));
        put(o, new Kind<>("label", Outcome.ActualLabel.class, List.of("label"),
                (g, x) -> g.writeStringField("label", x.label()), n -> new Outcome.ActualLabel(text(n, "label"))));
        put(o, new Kind<>("value", Outcome.ActualValue.class, List.of("value"),
                (g, x) -> number(g, "value", x.value()), n -> new Outcome.ActualValue(dbl(n, "value"))));
        OUTCOMES = Collections.unmodifiableMap(o);

        Map<Class<?>, Kind<?>> k = new LinkedHashMap<>();
        put(k, new Kind<>("logged", LoggedPrediction.class,
                List.of("id", "model", "segment", "prediction", "logged_at"),
                (g, r) -> {
                    g.writeNumberField("id", r.id());
                    key(g, r.key());
                    prediction(g, r.prediction());
                    g.writeNumberField("logged_at", r.loggedAtMillis());
                },
                n -> new LoggedPrediction(lng(n, "id"), key(n), prediction(field(n, "prediction")),
                        lng(n, "logged_at"))));
        put(k, new Kind<>("resolved", ResolvedPrediction.class,
                List.of("id", "model", "segment", "prediction", "outcome", "verdict", "logged_at", "resolved_at"),
                (g, r) -> {
                    g.writeNumberField("id", r.id());
                    key(g, r.key());
                    prediction(g, r.prediction());
                    outcome(g, r.outcome());
                    g.writeStringField("verdict", r.verdict().name());
                    g.writeNumberField("logged_at", r.loggedAtMillis());
                    g.writeNumberField("resolved_at", r.resolvedAtMillis());
                },
                n -> new ResolvedPrediction(lng(n, "id"), key(n), prediction(field(n, "prediction")),
                        outcome(field(n, "outcome")), Verdict.valueOf(text(n, "verdict")), lng(n, "logged_at"),
                        lng(n, "resolved_at"))));
        put(k, new Kind<>("expired", ExpiredPrediction.class, List.of("id", "model", "segment", "logged_at",
                "expired_at"),
                (g, r) -> {
                    g.writeNumberField("id", r.id());
                    key(g, r.key());
                    g.writeNumberField("logged_at", r.loggedAtMillis());
                    g.writeNumberField("expired_at", r.expiredAtMillis());
                },
                n -> new ExpiredPrediction(lng(n, "id"), key(n), lng(n, "logged_at"), lng(n, "expired_at"))));
        put(k, new Kind<>("baseline", BaselineRecord.class, List.of("model", "segment", "baseline", "timestamp"),
                (g, r) -> {
                    key(g, r.key());
                    g.writeFieldName("baseline");
                    baseline(g, r.baseline());
                    g.writeNumberField("timestamp", r.timestampMillis());
                },
                n -> new BaselineRecord(key(n), baseline(field(n, "baseline")), lng(n, "timestamp"))));
        put(k, new Kind<>("drift_report", DriftReport.class, List.of("model", "segment", "report"),
                (g, r) -> {
                    key(g, r.key());
                    g.writeFieldName("report");
                    report(g, r);
                },
                n -> report(key(n), field(n, "report"))));
        put(k, new Kind<>("drift_alert", DriftAlert.class, List.of("model", "segment", "report", "previous_level"),
                (g, r) -> {
                    key(g, r.key());
                    g.writeFieldName("report");
                    report(g, r.report());
                    g.writeStringField("previous_level", r.previousLevel().name());
                },
                n -> new DriftAlert(report(key(n), field(n, "report")),
                        DriftLevel.valueOf(text(n, "previous_level")))));
        put(k, new Kind<>("key_snapshot", KeySnapshot.class, List.of("model", "segment", "timestamp", "counts",
                "verdicts", "baseline"),
                (g, r) -> {
                    key(g, r.key());
                    g.writeNumberField("timestamp", r.timestampMillis());
                    g.writeObjectFieldStart("counts");
                    g.writeNumberField("resolved", r.counts().resolved());
                    g.writeNumberField("expired", r.counts().expired());
                    g.writeNumberField("last_resolved_at", r.counts().lastResolvedAtMillis());
                    g.writeEndObject();
                    g.writeObjectFieldStart("verdicts");
                    KeySnapshot.Verdicts v = r.verdicts();
                    g.writeNumberField("scored", v.scored());
                    g.writeStringField("hits", v.hits());
                    g.writeArrayFieldStart("confidences");
                    for (int i = 0; i < v.size(); i++) {
                        float c = v.confidenceAt(i);
                        if (Float.isNaN(c)) {
                            g.writeNull();
                        } else {
                            g.writeNumber((double) c);
                        }
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                    if (r.baseline() == null) {
                        g.writeNullField("baseline");
                    } else {
                        g.writeFieldName("baseline");
                        baseline(g, r.baseline());
                    }
                },
                n -> {
                    JsonNode c = field(n, "counts");
                    JsonNode v = field(n, "verdicts");
                    JsonNode conf = field(v, "confidences");
                    float[] confidences = new float[conf.size()];
                    for (int i = 0; i < confidences.length; i++) {
                        JsonNode e = conf.get(i);
                        if (e.isNull()) {
                            confidences[i] = Float.NaN;
                        } else if (e.isNumber()) {
                            confidences[i] = (float) e.doubleValue();
                        } else {
                            throw new IllegalArgumentException("verdicts.confidences[" + i + "] must be a number "
                                    + "or null, was " + e);
                        }
                    }
                    JsonNode b = field(n, "baseline");
                    return new KeySnapshot(key(n), lng(n, "timestamp"),
                            new KeySnapshot.Counts(lng(c, "resolved"), lng(c, "expired"), lng(c, "last_resolved_at")),
                            new KeySnapshot.Verdicts(lng(v, "scored"), text(v, "hits"), confidences),
                            b.isNull() ? null : baseline(b));
                }));
        KINDS = Collections.unmodifiableMap(k);
        Map<String, Kind<?>> byName = new LinkedHashMap<>();
        for (Kind<?> kind : k.values()) {
            byName.put(kind.name(), kind);
        }
        KINDS_BY_NAME = Collections.unmodifiableMap(byName);
    }

    private static void put(Map<Class<?>, Kind<?>> table, Kind<?> kind) {
        table.put(kind.type(), kind);
    }

    // ------------------------------------------------------------------ writing

    /**
     * Encodes records into one reusable buffer: {@link #encode} appends one line (the JSON object and
     * {@code '\n'}). Not thread-safe; allocates nothing per record once the buffer has grown.
     */
    static final class Encoder {
        private final Buffer out = new Buffer();
        private final JsonGenerator g;

        Encoder() {
            try {
                g = WRITE_FACTORY.createGenerator(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Appends one line for the record to the buffer. */
        @SuppressWarnings("unchecked")
        void encode(StoreRecord record) {
            Kind<StoreRecord> kind = (Kind<StoreRecord>) KINDS.get(record.getClass());
            try {
                g.writeStartObject();
                g.writeNumberField("v", FORMAT_VERSION);
                g.writeStringField("kind", kind.name());
                kind.writer().write(g, record);
                g.writeEndObject();
                g.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.write('\n');
        }

        byte[] bytes() {
            return out.bytes();
        }

        int size() {
            return out.size();
        }

        void reset() {
            out.reset();
        }
    }

    /** A byte buffer whose array can be written without a copy. */
    static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(4096);
        }

        byte[] bytes() {
            return buf;
        }
    }

    /** One record as a line, without the trailing newline; for tests and side files. */
    static String toLine(StoreRecord record) {
        Encoder e = new Encoder();
        e.encode(record);
        return new String(e.bytes(), 0, e.size() - 1, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void key(JsonGenerator g, ModelKey key) throws IOException {
        g.writeStringField("model", key.model());
        g.writeStringField("segment", key.segment());
    }

    @SuppressWarnings("unchecked")
    private static void prediction(JsonGenerator g, Prediction p) throws IOException {
        Kind<Prediction> kind = (Kind<Prediction>) PREDICTIONS.get(p.getClass());
        g.writeObjectFieldStart("prediction");
        g.writeStringField("kind", kind.name());
        kind.writer().write(g, p);
        g.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private static void outcome(JsonGenerator g, Outcome o) throws IOException {
        Kind<Outcome> kind = (Kind<Outcome>) OUTCOMES.get(o.getClass());
        g.writeObjectFieldStart("outcome");
        g.writeStringField("kind", kind.name());
        kind.writer().write(g, o);
        g.writeEndObject();
    }

    private static void baseline(JsonGenerator g, Baseline b) throws IOException {
        g.writeStartObject();
        number(g, "accuracy", b.accuracy());
        number(g, "precision", b.precision());
        number(g, "recall", b.recall());
        number(g, "f1", b.f1());
        g.writeNumberField("total_trades", b.totalTrades());
        g.writeNumberField("backtest_days", b.backtestDays());
        g.writeEndObject();
    }

    private static void report(JsonGenerator g, DriftReport r) throws IOException {
        g.writeStartObject();
        g.writeStringField("level", r.level().name());
        number(g, "baseline_accuracy", r.baselineAccuracy());
        g.writeArrayFieldStart("windows");
        for (WindowAccuracy w : r.windows()) {
            g.writeStartObject();
            g.writeNumberField("size", w.size());
            g.writeNumberField("count", w.count());
            g.writeNumberField("correct", w.correct());
            number(g, "accuracy", w.accuracy());
            number(g, "drop", w.drop());
            number(g, "z_statistic", w.zStatistic());
            number(g, "p_value", w.pValue());
            g.writeStringField("level", w.level().name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("verdict_window", r.verdictWindow());
        number(g, "current_accuracy", r.currentAccuracy());
        number(g, "drop", r.drop());
        number(g, "z_statistic", r.zStatistic());
        number(g, "p_value", r.pValue());
        g.writeBooleanField("significant", r.significant());
        DriftThresholds t = r.thresholds();
        g.writeObjectFieldStart("thresholds");
        number(g, "warning_drop", t.warningDrop());
        number(g, "critical_drop", t.criticalDrop());
        number(g, "random_baseline", t.randomBaseline());
        g.writeNumberField("min_predictions", t.minPredictions());
        g.writeNumberField("short_window", t.shortWindow());
        g.writeNumberField("medium_window", t.mediumWindow());
        g.writeNumberField("long_window", t.longWindow());
        number(g, "alpha", t.alpha());
        g.writeStringField("check_interval", t.checkInterval().toString());
        g.writeBooleanField("require_significance", t.requireSignificance());
        g.writeEndObject();
        g.writeNumberField("resolved_count", r.resolvedCount());
        g.writeNumberField("timestamp", r.timestampMillis());
        g.writeEndObject();
    }

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    private static final long[] LPOW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L};
    private static final double TWO_53 = 9007199254740992.0;

    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeFieldName(name);
            if (!writeShortDecimal(g, v)) {
                g.writeNumber(v);
            }
        } else {
            g.writeStringField(name, Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }

    /**
     * Writes a double that is a decimal with at most 9 fraction digits (prices, confidences such as 0.73)
     * without the general shortest-representation algorithm: finds the integer m and the k with
     * {@code m / 10^k == |v|} exactly in double arithmetic (m &lt; 2^53, so m and 10^k are exact doubles and
     * the quotient is the correctly rounded value of the decimal m&middot;10^-k), which is then also what
     * parsing the decimal gives back: bit-exact. Returns false for any other value.
     */
    private static boolean writeShortDecimal(JsonGenerator g, double v) throws IOException {
        double a = Math.abs(v);
        if (a == 0.0 || !(a < 1e9)) {
            return false;
        }
        for (int k = 0; k < POW10.length; k++) {
            double x = a * POW10[k];
            if (x >= TWO_53) {
                return false;
            }
            double m = Math.rint(x);
            if (m / POW10[k] == a) {
                long mm = (long) m;
                long whole = mm / LPOW10[k];
                long frac = mm - whole * LPOW10[k];
                char[] buf = new char[32];
                int pos = buf.length;
                if (k == 0) {
                    buf[--pos] = '0';
                } else {
                    for (int i = 0; i < k; i++) {
                        buf[--pos] = (char) ('0' + frac % 10);
                        frac /= 10;
                    }
                }
                buf[--pos] = '.';
                do {
                    buf[--pos] = (char) ('0' + whole % 10);
                    whole /= 10;
                } while (whole > 0);
                if (v < 0) {
                    buf[--pos] = '-';
                }
                g.writeNumber(buf, pos, buf.length - pos);
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Parses one line.
     *
     * @return the record
     * @throws IllegalArgumentException naming what is wrong, if the line is not a record of this format
     */
    static StoreRecord decode(byte[] bytes, int offset, int length) {
        JsonNode n;
        try {
            n = TREE_READER.readTree(bytes, offset, length);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode v = n.get("v");
        if (v == null || !v.isInt()) {
            throw new IllegalArgumentException("field 'v' (format version) missing or not an integer");
        }
        if (v.intValue() != FORMAT_VERSION) {
            throw new UnsupportedVersion(v.intValue());
        }
        String kindName = text(n, "kind");
        Kind<?> kind = KINDS_BY_NAME.get(kindName);
        if (kind == null) {
            throw new IllegalArgumentException("unknown kind '" + kindName + "'");
        }
        try {
            return (StoreRecord) kind.reader().read(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kindName + ": " + e.getMessage(), e);
        }
    }

    /** A line of a format version this code does not read. */
    static final class UnsupportedVersion extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final int version;

        UnsupportedVersion(int version) {
            super("format version " + version + " is not supported (this code reads version " + FORMAT_VERSION
                    + ")");
            this.version = version;
        }
    }

    /** The record kinds' names, in table order (for messages and documentation). */
    static List<String> kindNames() {
        return new ArrayList<>(KINDS_BY_NAME.keySet());
    }

    private static ModelKey key(JsonNode n) {
        return new ModelKey(text(n, "model"), text(n, "segment"));
    }

    private static Prediction prediction(JsonNode n) {
        return nested(n, PREDICTIONS, "prediction");
    }

    private static Outcome outcome(JsonNode n) {
        return nested(n, OUTCOMES, "outcome");
    }

    private static <T> T nested(JsonNode n, Map<Class<?>, Kind<?>> table, String what) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("field '" + what + "' must be an object, was " + n);
        }
        String name = text(n, "kind");
        for (Kind<?> k : table.values()) {
            if (k.name().equals(name)) {
                @SuppressWarnings("unchecked")
                T value = (T) k.reader().read(n);
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " kind '" + name + "'");
    }

    private static Baseline baseline(JsonNode n) {
        return new Baseline(dbl(n, "accuracy"), dbl(n, "precision"), dbl(n, "recall"), dbl(n, "f1"),
                (int) lng(n, "total_trades"), (int) lng(n, "backtest_days"));
    }

    private static DriftReport report(ModelKey key, JsonNode n) {
        JsonNode ws = field(n, "windows");
        if (!ws.isArray()) {
            throw new IllegalArgumentException("field 'windows' must be an array, was " + ws);
        }
        List<WindowAccuracy> windows = new ArrayList<>(ws.size());
        for (JsonNode w : ws) {
            windows.add(new WindowAccuracy((int) lng(w, "size"), (int) lng(w, "count"), (int) lng(w, "correct"),
                    dbl(w, "accuracy"), dbl(w, "drop"), dbl(w, "z_statistic"), dbl(w, "p_value"),
                    DriftLevel.valueOf(text(w, "level"))));
        }
        JsonNode t = field(n, "thresholds");
        DriftThresholds thresholds = new DriftThresholds(dbl(t, "warning_drop"), dbl(t, "critical_drop"),
                dbl(t, "random_baseline"), (int) lng(t, "min_predictions"), (int) lng(t, "short_window"),
                (int) lng(t, "medium_window"), (int) lng(t, "long_window"), dbl(t, "alpha"),
                duration(t, "check_interval"), bool(t, "require_significance"));
        return new DriftReport(key, DriftLevel.valueOf(text(n, "level")), dbl(n, "baseline_accuracy"), windows,
                (int) lng(n, "verdict_window"), dbl(n, "current_accuracy"), dbl(n, "drop"), dbl(n, "z_statistic"),
                dbl(n, "p_value"), bool(n, "significant"), thresholds, lng(n, "resolved_count"),
                lng(n, "timestamp"));
    }

    private static JsonNode field(JsonNode n, String name) {
        JsonNode f = n.get(name);
        if (f == null) {
            throw new IllegalArgumentException("field '" + name + "' is missing");
        }
        return f;
    }

    private static String text(JsonNode n, String name) {
        JsonNode f = field(n, name);
        if (!f.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' must be a string, was " + f);
        }
        return f.textValue();
    }

    private static long lng(JsonNode n, String name) {
        JsonNode f = field(n, name);
        if (!f.isIntegralNumber() || !f.canConvertToLong()) {
            throw new IllegalArgumentException("field '" + name + "' must be an integer, was " + f);
        }
        return f.longValue();
    }

    private static boolean bool(JsonNode n, String name) {
        JsonNode f = field(n, name);
        if (!f.isBoolean()) {
            throw new IllegalArgumentException("field '" + name + "' must be true or false, was " + f);
        }
        return f.booleanValue();
    }

    private static double dbl(JsonNode n, String name) {
        JsonNode f = field(n, name);
        if (f.isNumber()) {
            return f.doubleValue();
        }
        if (f.getNodeType() == JsonNodeType.STRING) {
            switch (f.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("field '" + name + "' must be a number, was " + f);
    }

    private static Duration duration(JsonNode n, String name) {
        String text = text(n, name);
        Duration cached = DURATIONS.get(text);
        if (cached != null) {
            return cached;
        }
        try {
            Duration d = Duration.parse(text);
            if (DURATIONS.size() < 1024) {
                DURATIONS.put(text, d);
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + name + "' must be an ISO-8601 duration, was "
                    + n.get(name), e);
        }
    }
}

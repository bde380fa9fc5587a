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
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationDay;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationStateSnapshot;
import dev.modelmonitor.api.CalibrationStats;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * ({@code "PT1H"}), days as ISO-8601 dates ({@code "2026-01-05"}); enums by name. Unknown fields are ignored
 * on reading; a missing or mistyped field is a corrupt line.
 *
 * <h2>Versions</h2>
 * Version 1 had the drift-era kinds. Version 2 added the kinds {@code forecast_day} and
 * {@code forecast_alert} and three optional fields: a forecast's {@code spend}, a direction call's
 * {@code ensemble} and a key snapshot's {@code forecast} state. Version 3 added the kinds
 * {@code calibration_day} and {@code calibration_alert}, the prediction kind {@code probability}, the
 * outcome kind {@code event} and a key snapshot's optional {@code calibration} state, and dropped the
 * snapshot's {@code verdicts.confidences} (the confidences live in the calibration state; older lines that
 * hold the array are read and the array ignored). Version 4 added the kind {@code retrain_request} (the
 * retrain history). An optional field is written only when its value is
 * present (a null reference, or NaN for the spend, leaves it out) and read as absent when missing, so every
 * older record is written in the current version with the same fields and bytes apart from {@code "v"} (and
 * a snapshot's confidences). This code writes version {@value #FORMAT_VERSION} and reads versions 1 to
 * {@value #FORMAT_VERSION}; a line of a kind (record, prediction or outcome) newer than its own {@code "v"}
 * is corrupt. Each version has a golden file in the tests.
 *
 * <p>Thread-safety: the tables are immutable; an {@link Encoder} belongs to one thread at a time.
 */
final class RecordCodec {

    /** The {@code "v"} written on every line; lines of versions 1 to this are read. */
    static final int FORMAT_VERSION = 4;

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

    /**
     * How one kind is written and read: {@code since} is the format version that introduced it,
     * {@code fields} lists the JSON fields always written (after "v" and "kind") and {@code optional} those
     * written only when present (see the class comment).
     */
    record Kind<T>(String name, Class<T> type, int since, List<String> fields, List<String> optional,
                   Writer<T> writer, Reader<T> reader) {

        Kind(String name, Class<T> type, List<String> fields, Writer<T> writer, Reader<T> reader) {
            this(name, type, 1, fields, List.of(), writer, reader);
        }
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
        put(p, new Kind<>("direction", Prediction.DirectionCall.class, 1,
                List.of("direction", "confidence", "entry_price", "horizon"), List.of("ensemble"),
                (g, c) -> {
                    g.writeStringField("direction", c.direction().name());
                    number(g, "confidence", c.confidence());
                    number(g, "entry_price", c.entryPrice());
                    g.writeStringField("horizon", horizonText(c.horizon()));
                    if (c.ensemble() != null) {
                        ensemble(g, c.ensemble());
                    }
                },
                n -> new Prediction.DirectionCall(Direction.valueOf(text(n, "direction")), dbl(n, "confidence"),
                        dbl(n, "entry_price"), duration(n, "horizon"), n.has("ensemble")
                        ? ensemble(field(n, "ensemble")) : null)));
        put(p, new Kind<>("class", Prediction.ClassCall.class, List.of("label", "confidence", "horizon"),
                (g, c) -> {
                    g.writeStringField("label", c.label());
                    number(g, "confidence", c.confidence());
                    g.writeStringField("horizon", horizonText(c.horizon()));
                },
                n -> new Prediction.ClassCall(text(n, "label"), dbl(n, "confidence"), duration(n, "horizon"))));
        put(p, new Kind<>("forecast", Prediction.Forecast.class, 1, List.of("value", "quantiles", "horizon"),
                List.of("spend"),
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
                    g.writeStringField("horizon", horizonText(c.horizon()));
                    if (c.hasSpend()) {
                        number(g, "spend", c.spend());
                    }
                },
                n -> {
                    JsonNode q = field(n, "quantiles");
                    return new Prediction.Forecast(dbl(n, "value"), q.isNull() ? null
                            : new Quantiles(dbl(q, "p10"), dbl(q, "p50"), dbl(q, "p90")), duration(n, "horizon"),
                            n.has("spend") ? spend(n) : Double.NaN);
                }));
        put(p, new Kind<>("probability", Prediction.ProbabilityForecast.class, 3, List.of("probability", "horizon"),
                List.of(),
                (g, c) -> {
                    number(g, "probability", c.probability());
                    g.writeStringField("horizon", horizonText(c.horizon()));
                },
                n -> new Prediction.ProbabilityForecast(dbl(n, "probability"), duration(n, "horizon"))));
        PREDICTIONS = Collections.unmodifiableMap(p);

        Map<Class<?>, Kind<?>> o = new LinkedHashMap<>();
        put(o, new Kind<>("exit_price", Outcome.ExitPrice.class, List.of("price"),
                (g, x) -> number(g, "price", x.price()), n -> new Outcome.ExitPrice(dbl(n, "price"))));
        put(o, new Kind<>("label", Outcome.ActualLabel.class, List.of("label"),
                (g, x) -> g.writeStringField("label", x.label()), n -> new Outcome.ActualLabel(text(n, "label"))));
        put(o, new Kind<>("value", Outcome.ActualValue.class, List.of("value"),
                (g, x) -> number(g, "value", x.value()), n -> new Outcome.ActualValue(dbl(n, "value"))));
        put(o, new Kind<>("event", Outcome.EventOutcome.class, 3, List.of("occurred"), List.of(),
                (g, x) -> g.writeBooleanField("occurred", x.occurred()),
                n -> new Outcome.EventOutcome(bool(n, "occurred"))));
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
        put(k, new Kind<>("key_snapshot", KeySnapshot.class, 1, List.of("model", "segment", "timestamp", "counts",
                "verdicts", "baseline"), List.of("forecast", "calibration"),
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
                    g.writeEndObject();
                    if (r.baseline() == null) {
                        g.writeNullField("baseline");
                    } else {
                        g.writeFieldName("baseline");
                        baseline(g, r.baseline());
                    }
                    if (r.forecast() != null) {
                        g.writeFieldName("forecast");
                        forecastState(g, r.forecast());
                    }
                    if (r.calibration() != null) {
                        g.writeFieldName("calibration");
                        calibrationState(g, r.calibration());
                    }
                },
                n -> {
                    JsonNode c = field(n, "counts");
                    JsonNode v = field(n, "verdicts");
                    // versions 1 and 2 also wrote verdicts.confidences: ignored (see the class comment)
                    JsonNode b = field(n, "baseline");
                    ModelKey key = key(n);
                    return new KeySnapshot(key, lng(n, "timestamp"),
                            new KeySnapshot.Counts(lng(c, "resolved"), lng(c, "expired"), lng(c, "last_resolved_at")),
                            new KeySnapshot.Verdicts(lng(v, "scored"), text(v, "hits")),
                            b.isNull() ? null : baseline(b),
                            n.has("forecast") ? forecastState(key, field(n, "forecast")) : null,
                            n.has("calibration") ? calibrationState(key, object(n, "calibration")) : null);
                }));
        put(k, new Kind<>("forecast_day", ForecastDay.class, 2, List.of("model", "segment", "day", "tally",
                "by_horizon"), List.of(),
                (g, r) -> {
                    key(g, r.key());
                    forecastDayFields(g, r);
                },
                n -> forecastDay(key(n), n)));
        put(k, new Kind<>("forecast_alert", ForecastAlert.class, 2, List.of("model", "segment", "performance",
                "previous_severity", "previous_flags"), List.of(),
                (g, r) -> {
                    key(g, r.key());
                    g.writeFieldName("performance");
                    performance(g, r.performance());
                    g.writeStringField("previous_severity", r.previousSeverity().name());
                    flags(g, "previous_flags", r.previousFlags());
                },
                n -> new ForecastAlert(performance(key(n), field(n, "performance")),
                        Severity.valueOf(text(n, "previous_severity")), flags(n, "previous_flags"))));
        put(k, new Kind<>("calibration_day", CalibrationDay.class, 3, List.of("model", "segment", "calibration_kind",
                "date", "timestamp", "count", "mean_confidence", "observed_rate", "brier", "ece", "mce", "stats"),
                List.of(),
                (g, r) -> {
                    key(g, r.key());
                    g.writeStringField("calibration_kind", r.kind().name());
                    g.writeStringField("date", r.date().toString());
                    g.writeNumberField("timestamp", r.timestampMillis());
                    g.writeNumberField("count", r.count());
                    number(g, "mean_confidence", r.meanConfidence());
                    number(g, "observed_rate", r.observedRate());
                    number(g, "brier", r.brier());
                    number(g, "ece", r.ece());
                    number(g, "mce", r.mce());
                    stats(g, "stats", r.stats());
                },
                n -> new CalibrationDay(key(n), CalibrationKind.valueOf(text(n, "calibration_kind")), date(n, "date"),
                        lng(n, "timestamp"), lng(n, "count"), dbl(n, "mean_confidence"), dbl(n, "observed_rate"),
                        dbl(n, "brier"), dbl(n, "ece"), dbl(n, "mce"), stats(object(n, "stats")))));
        put(k, new Kind<>("calibration_alert", CalibrationAlert.class, 3, List.of("model", "segment", "status",
                "calibration_kind", "date", "streak_from", "consecutive_days", "day_ece", "streak_ece",
                "mean_confidence", "observed_rate", "streak_count", "threshold", "timestamp"), List.of(),
                (g, r) -> {
                    key(g, r.key());
                    g.writeStringField("status", r.status().name());
                    g.writeStringField("calibration_kind", r.kind().name());
                    g.writeStringField("date", r.date().toString());
                    g.writeStringField("streak_from", r.streakFrom().toString());
                    g.writeNumberField("consecutive_days", r.consecutiveDays());
                    number(g, "day_ece", r.dayEce());
                    number(g, "streak_ece", r.streakEce());
                    number(g, "mean_confidence", r.meanConfidence());
                    number(g, "observed_rate", r.observedRate());
                    g.writeNumberField("streak_count", r.streakCount());
                    number(g, "threshold", r.threshold());
                    g.writeNumberField("timestamp", r.timestampMillis());
                },
                n -> new CalibrationAlert(key(n), CalibrationAlert.Status.valueOf(text(n, "status")),
                        CalibrationKind.valueOf(text(n, "calibration_kind")), date(n, "date"), date(n, "streak_from"),
                        (int) lng(n, "consecutive_days"), dbl(n, "day_ece"), dbl(n, "streak_ece"),
                        dbl(n, "mean_confidence"), dbl(n, "observed_rate"), lng(n, "streak_count"),
                        dbl(n, "threshold"), lng(n, "timestamp"))));
        put(k, new Kind<>("retrain_request", RetrainRequest.class, 4, List.of("model", "segment", "reasons",
                "timestamp"), List.of(),
                (g, r) -> {
                    key(g, r.key());
                    g.writeArrayFieldStart("reasons");
                    for (RetrainReason reason : r.reasons()) {
                        g.writeStartObject();
                        g.writeStringField("trigger", reason.trigger().name());
                        g.writeStringField("calibration_kind", reason.kind().name());
                        number(g, "value", reason.value());
                        number(g, "threshold", reason.threshold());
                        number(g, "p_value", reason.pValue());
                        g.writeStringField("detail", reason.detail());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeNumberField("timestamp", r.timestampMillis());
                },
                n -> new RetrainRequest(key(n), reasons(array(n, "reasons")), lng(n, "timestamp"))));
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
        driftThresholds(g, "thresholds", r.thresholds());
        g.writeNumberField("resolved_count", r.resolvedCount());
        g.writeNumberField("timestamp", r.timestampMillis());
        g.writeEndObject();
    }

    /** Drift thresholds as an object field (a report's {@code thresholds}, the settings' drift thresholds). */
    static void driftThresholds(JsonGenerator g, String name, DriftThresholds t) throws IOException {
        g.writeObjectFieldStart(name);
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
    }

    /** A forecast config as an object field (a performance's {@code config}, the settings' forecast config). */
    static void forecastConfig(JsonGenerator g, String name, ForecastConfig c) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("count_window", c.countWindow());
        g.writeNumberField("short_days", c.shortDays());
        g.writeNumberField("long_days", c.longDays());
        number(g, "lower_coverage", c.lowerCoverage());
        number(g, "upper_coverage", c.upperCoverage());
        g.writeNumberField("min_samples", c.minSamples());
        number(g, "degraded_ratio", c.degradedRatio());
        number(g, "critical_ratio", c.criticalRatio());
        number(g, "min_horizon_coverage", c.minHorizonCoverage());
        g.writeArrayFieldStart("horizon_edges");
        for (Duration d : c.horizonEdges()) {
            g.writeString(d.toString());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void ensemble(JsonGenerator g, Ensemble e) throws IOException {
        g.writeObjectFieldStart("ensemble");
        g.writeObjectFieldStart("calls");
        for (Map.Entry<String, Ensemble.ComponentCall> c : e.calls().entrySet()) {
            g.writeObjectFieldStart(c.getKey());
            g.writeStringField("direction", c.getValue().direction().name());
            number(g, "confidence", c.getValue().confidence());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("weights");
        for (Map.Entry<String, Double> w : e.weights().entrySet()) {
            number(g, w.getKey(), w.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void tally(JsonGenerator g, String name, ForecastTally t) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("count", t.count());
        g.writeNumberField("quantile_count", t.quantileCount());
        g.writeNumberField("at_or_below_p10", t.atOrBelowP10());
        g.writeNumberField("at_or_below_p50", t.atOrBelowP50());
        g.writeNumberField("at_or_below_p90", t.atOrBelowP90());
        g.writeNumberField("inside_interval", t.insideInterval());
        number(g, "abs_error_sum", t.absErrorSum());
        g.writeNumberField("pct_count", t.pctCount());
        number(g, "abs_pct_error_sum", t.absPctErrorSum());
        g.writeNumberField("spend_count", t.spendCount());
        number(g, "spend_sum", t.spendSum());
        number(g, "forecast_revenue_sum", t.forecastRevenueSum());
        number(g, "actual_revenue_sum", t.actualRevenueSum());
        g.writeEndObject();
    }

    private static void horizons(JsonGenerator g, List<HorizonCoverage> buckets) throws IOException {
        g.writeArrayFieldStart("by_horizon");
        for (HorizonCoverage h : buckets) {
            g.writeStartObject();
            if (h.upTo() != null) {
                g.writeStringField("up_to", h.upTo().toString());
            }
            g.writeNumberField("count", h.count());
            g.writeNumberField("inside", h.inside());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A day's fields after its key: day, tally, by_horizon (a forecast_day line, or a snapshot's day). */
    private static void forecastDayFields(JsonGenerator g, ForecastDay d) throws IOException {
        g.writeStringField("day", d.day().toString());
        tally(g, "tally", d.tally());
        horizons(g, d.byHorizon());
    }

    private static void window(JsonGenerator g, String name, ForecastWindow w) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("span", w.span().name());
        g.writeNumberField("length", w.length());
        tally(g, "tally", w.tally());
        horizons(g, w.byHorizon());
        g.writeEndObject();
    }

    private static void forecastBaseline(JsonGenerator g, ForecastBaseline b) throws IOException {
        g.writeObjectFieldStart("baseline");
        number(g, "mae", b.mae());
        number(g, "mape", b.mape());
        g.writeEndObject();
    }

    private static void flags(JsonGenerator g, String name, List<ForecastFlag> flags) throws IOException {
        g.writeArrayFieldStart(name);
        for (ForecastFlag f : flags) {
            g.writeString(f.name());
        }
        g.writeEndArray();
    }

    private static void performance(JsonGenerator g, ForecastPerformance p) throws IOException {
        g.writeStartObject();
        g.writeNumberField("computed_at", p.computedAtMillis());
        g.writeNumberField("total_resolved", p.totalResolved());
        window(g, "recent", p.recent());
        window(g, "short_days", p.shortDays());
        window(g, "long_days", p.longDays());
        if (p.baseline() != null) {
            forecastBaseline(g, p.baseline());
        }
        number(g, "mae_ratio", p.maeRatio());
        number(g, "mape_ratio", p.mapeRatio());
        flags(g, "flags", p.flags());
        g.writeStringField("severity", p.severity().name());
        g.writeArrayFieldStart("recommendations");
        for (String r : p.recommendations()) {
            g.writeString(r);
        }
        g.writeEndArray();
        forecastConfig(g, "config", p.config());
        g.writeEndObject();
    }

    /**
     * A key's forecast state: scalars, the count window as columns (one entry per resolved forecast, oldest
     * first: flags as strings of 0/1, numbers as arrays with null for an absent figure; the three spend
     * columns only when some entry has a spend), the window's tally, the open day, the day buckets and the
     * baseline.
     */
    private static void forecastState(JsonGenerator g, ForecastStateSnapshot s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("version", s.version());
        g.writeNumberField("count_window", s.countWindow());
        g.writeNumberField("horizon_buckets", s.horizonBuckets());
        g.writeNumberField("long_days", s.longDays());
        g.writeNumberField("pushes", s.pushes());
        g.writeNumberField("total_resolved", s.totalResolved());
        List<ForecastStateSnapshot.WindowEntry> w = s.window();
        int n = w.size();
        char[] q = new char[n];
        char[] le10 = new char[n];
        char[] le50 = new char[n];
        char[] le90 = new char[n];
        char[] in = new char[n];
        boolean spends = false;
        for (int i = 0; i < n; i++) {
            ForecastStateSnapshot.WindowEntry e = w.get(i);
            q[i] = e.hasQuantiles() ? '1' : '0';
            le10[i] = e.atOrBelowP10() ? '1' : '0';
            le50[i] = e.atOrBelowP50() ? '1' : '0';
            le90[i] = e.atOrBelowP90() ? '1' : '0';
            in[i] = e.inside() ? '1' : '0';
            spends |= !Double.isNaN(e.spend());
        }
        g.writeObjectFieldStart("window");
        g.writeStringField("has_quantiles", new String(q));
        g.writeStringField("at_or_below_p10", new String(le10));
        g.writeStringField("at_or_below_p50", new String(le50));
        g.writeStringField("at_or_below_p90", new String(le90));
        g.writeStringField("inside", new String(in));
        g.writeArrayFieldStart("bucket");
        for (ForecastStateSnapshot.WindowEntry e : w) {
            g.writeNumber(e.bucket());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("abs_error");
        for (ForecastStateSnapshot.WindowEntry e : w) {
            element(g, e.absError());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("abs_pct_error");
        for (ForecastStateSnapshot.WindowEntry e : w) {
            element(g, e.absPctError());
        }
        g.writeEndArray();
        if (spends) {
            g.writeArrayFieldStart("spend");
            for (ForecastStateSnapshot.WindowEntry e : w) {
                element(g, e.spend());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("forecast_value");
            for (ForecastStateSnapshot.WindowEntry e : w) {
                element(g, e.forecastValue());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("actual");
            for (ForecastStateSnapshot.WindowEntry e : w) {
                element(g, e.actual());
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        tally(g, "window_tally", s.windowTally());
        if (s.currentDay() != null) {
            g.writeStringField("current_day", s.currentDay().toString());
        }
        g.writeArrayFieldStart("days");
        for (ForecastDay d : s.days()) {
            g.writeStartObject();
            forecastDayFields(g, d);
            g.writeEndObject();
        }
        g.writeEndArray();
        if (s.baseline() != null) {
            forecastBaseline(g, s.baseline());
        }
        g.writeEndObject();
    }

    /**
     * Sufficient calibration statistics: per-bin arrays {@code counts}, {@code hits}, {@code sum_confidence},
     * then the four global sums.
     */
    private static void stats(JsonGenerator g, String name, CalibrationStats s) throws IOException {
        g.writeObjectFieldStart(name);
        longs(g, "counts", s.counts());
        longs(g, "hits", s.hits());
        doubles(g, "sum_confidence", s.sumConfidence());
        number(g, "sum_squares", s.sumSquares());
        number(g, "sum_products", s.sumProducts());
        number(g, "sum_cubes", s.sumCubes());
        number(g, "sum_fourth", s.sumFourth());
        g.writeEndObject();
    }

    private static void longs(JsonGenerator g, String name, long[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (long v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private static void ints(JsonGenerator g, String name, int[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (int v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private static void doubles(JsonGenerator g, String name, double[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (double v : values) {
            element(g, v);
        }
        g.writeEndArray();
    }

    /** An epoch day as an ISO-8601 date, left out when it is {@link CalibrationStateSnapshot#NO_DAY}. */
    private static void day(JsonGenerator g, String name, long epochDay) throws IOException {
        if (epochDay != CalibrationStateSnapshot.NO_DAY) {
            g.writeStringField(name, LocalDate.ofEpochDay(epochDay).toString());
        }
    }

    /**
     * A key's calibration state: the layout (version, bins, count windows, retained days), each kind's
     * accumulators and reference period, the last closed day, the breach and retrain bookkeeping and the
     * critical mark. Days are ISO-8601 dates, left out (or null inside arrays) when there is none.
     */
    private static void calibrationState(JsonGenerator g, CalibrationStateSnapshot s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("version", s.version());
        g.writeNumberField("bins", s.bins());
        g.writeArrayFieldStart("count_windows");
        for (int w : s.countWindows()) {
            g.writeNumber(w);
        }
        g.writeEndArray();
        g.writeNumberField("max_days", s.maxDays());
        if (s.confidence() != null) {
            kindState(g, "confidence", s.confidence());
        }
        if (s.probability() != null) {
            kindState(g, "probability", s.probability());
        }
        day(g, "last_closed_day", s.lastClosedDay());
        CalibrationStateSnapshot.BreachState b = s.breach();
        g.writeObjectFieldStart("breach");
        if (b.kind() != null) {
            g.writeStringField("calibration_kind", b.kind().name());
        }
        g.writeBooleanField("breached", b.breached());
        g.writeNumberField("streak", b.streak());
        day(g, "streak_from", b.streakFrom());
        stats(g, "streak_stats", b.streakStats());
        g.writeNumberField("good", b.good());
        day(g, "good_from", b.goodFrom());
        stats(g, "good_stats", b.goodStats());
        g.writeEndObject();
        if (s.lastRetrainAtMillis() != Long.MIN_VALUE) {
            g.writeNumberField("last_retrain_at", s.lastRetrainAtMillis());
        }
        if (s.critical()) {
            number(g, "critical_threshold", s.criticalThreshold());
        }
        g.writeEndObject();
    }

    private static void kindState(JsonGenerator g, String name, CalibrationStateSnapshot.KindState k)
            throws IOException {
        g.writeObjectFieldStart(name);
        CalibrationStateSnapshot.TrackerState t = k.tracker();
        g.writeObjectFieldStart("tracker");
        doubles(g, "ring", t.ring());
        longs(g, "ring_hits", t.ringHits());
        g.writeNumberField("pushes", t.pushes());
        ints(g, "win_counts", t.winCounts());
        ints(g, "win_hits", t.winHits());
        doubles(g, "win_sum_p", t.winSumP());
        doubles(g, "win_globals", t.winGlobals());
        g.writeArrayFieldStart("days");
        for (long d : t.days()) {
            if (d == CalibrationStateSnapshot.NO_DAY) {
                g.writeNull();
            } else {
                g.writeString(LocalDate.ofEpochDay(d).toString());
            }
        }
        g.writeEndArray();
        ints(g, "day_counts", t.dayCounts());
        ints(g, "day_hits", t.dayHits());
        doubles(g, "day_sum_p", t.daySumP());
        doubles(g, "day_globals", t.dayGlobals());
        day(g, "newest_day", t.newestDay());
        g.writeEndObject();
        day(g, "first_day", k.firstDay());
        day(g, "reference_from", k.referenceFrom());
        day(g, "reference_to", k.referenceTo());
        g.writeBooleanField("reference_explicit", k.referenceExplicit());
        stats(g, "reference", k.reference());
        g.writeEndObject();
    }

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    private static final long[] LPOW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L};
    private static final double TWO_53 = 9007199254740992.0;

    static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeFieldName(name);
            if (!writeShortDecimal(g, v)) {
                g.writeNumber(v);
            }
        } else {
            g.writeStringField(name, Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }

    /** An array element: a number, null for NaN (an absent figure), or the string for an infinity. */
    private static void element(JsonGenerator g, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNull();
        } else if (Double.isInfinite(v)) {
            g.writeString(v > 0 ? "Infinity" : "-Infinity");
        } else if (!writeShortDecimal(g, v)) {
            g.writeNumber(v);
        }
    }

    /**
     * Writes a double that is a decimal with at most 9 fraction digits (prices, confidences such as 0.73)
     * without the general shortest-representation algorithm: finds the integer m and the k with
     * {@code m / 10^k == |v|} exactly in double arithmetic (m &lt; 2^53, so m and 10^k are exact doubles and
     * the quotient is the correctly rounded value of the decimal m&middot;10^-k), which is then also what
     * parsing the decimal gives back: bit-exact. Returns false for any other value.
     */
    /** Scratch digits for {@link #writeShortDecimal}; the generator copies them out before returning. */
    private static final ThreadLocal<char[]> DIGITS = ThreadLocal.withInitial(() -> new char[32]);

    /** Texts of the horizons written so far: a host uses a handful (bounded, so odd ones cost only a miss). */
    private static final java.util.concurrent.ConcurrentHashMap<Duration, String> HORIZON_TEXTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code horizon.toString()}, without building the string again for a horizon seen before. */
    static String horizonText(Duration horizon) {
        String text = HORIZON_TEXTS.get(horizon);
        if (text == null) {
            text = horizon.toString();
            if (HORIZON_TEXTS.size() < 1024) {
                HORIZON_TEXTS.put(horizon, text);
            }
        }
        return text;
    }

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
                char[] buf = DIGITS.get();
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
        int version = v.intValue();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new UnsupportedVersion(version);
        }
        String kindName = text(n, "kind");
        Kind<?> kind = KINDS_BY_NAME.get(kindName);
        if (kind == null) {
            throw new IllegalArgumentException("unknown kind '" + kindName + "'");
        }
        if (kind.since() > version) {
            throw new IllegalArgumentException("kind '" + kindName + "' needs format version " + kind.since()
                    + " or later, was " + version);
        }
        StoreRecord record;
        try {
            record = (StoreRecord) kind.reader().read(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kindName + ": " + e.getMessage(), e);
        }
        Prediction p = record instanceof LoggedPrediction ? ((LoggedPrediction) record).prediction()
                : record instanceof ResolvedPrediction ? ((ResolvedPrediction) record).prediction() : null;
        if (p != null) {
            since(PREDICTIONS.get(p.getClass()), "prediction", kindName, version);
        }
        if (record instanceof ResolvedPrediction) {
            since(OUTCOMES.get(((ResolvedPrediction) record).outcome().getClass()), "outcome", kindName, version);
        }
        return record;
    }

    /** Rejects a nested kind newer than its line's version. */
    private static void since(Kind<?> nested, String what, String kindName, int version) {
        if (nested.since() > version) {
            throw new IllegalArgumentException(kindName + ": " + what + " kind '" + nested.name()
                    + "' needs format version " + nested.since() + " or later, was " + version);
        }
    }

    /** A line of a format version this code does not read. */
    static final class UnsupportedVersion extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final int version;

        UnsupportedVersion(int version) {
            super("format version " + version + " is not supported (this code reads versions 1 to "
                    + FORMAT_VERSION + ")");
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

    private static List<RetrainReason> reasons(JsonNode a) {
        List<RetrainReason> out = new ArrayList<>(a.size());
        for (JsonNode r : a) {
            if (!r.isObject()) {
                throw new IllegalArgumentException("field 'reasons' must hold objects, was " + r);
            }
            out.add(new RetrainReason(RetrainTrigger.valueOf(text(r, "trigger")),
                    CalibrationKind.valueOf(text(r, "calibration_kind")), dbl(r, "value"), dbl(r, "threshold"),
                    dbl(r, "p_value"), text(r, "detail")));
        }
        return out;
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
        DriftThresholds thresholds = driftThresholds(field(n, "thresholds"));
        return new DriftReport(key, DriftLevel.valueOf(text(n, "level")), dbl(n, "baseline_accuracy"), windows,
                (int) lng(n, "verdict_window"), dbl(n, "current_accuracy"), dbl(n, "drop"), dbl(n, "z_statistic"),
                dbl(n, "p_value"), bool(n, "significant"), thresholds, lng(n, "resolved_count"),
                lng(n, "timestamp"));
    }

    /** Reads what {@link #driftThresholds(JsonGenerator, String, DriftThresholds)} wrote. */
    static DriftThresholds driftThresholds(JsonNode t) {
        return new DriftThresholds(dbl(t, "warning_drop"), dbl(t, "critical_drop"),
                dbl(t, "random_baseline"), (int) lng(t, "min_predictions"), (int) lng(t, "short_window"),
                (int) lng(t, "medium_window"), (int) lng(t, "long_window"), dbl(t, "alpha"),
                duration(t, "check_interval"), bool(t, "require_significance"));
    }

    /** Reads what {@link #forecastConfig(JsonGenerator, String, ForecastConfig)} wrote. */
    static ForecastConfig forecastConfig(JsonNode c) {
        JsonNode edges = array(c, "horizon_edges");
        List<Duration> horizonEdges = new ArrayList<>(edges.size());
        for (JsonNode e : edges) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException("field 'horizon_edges' must hold ISO-8601 durations, was " + e);
            }
            horizonEdges.add(parseDuration(e.textValue(), "horizon_edges", e));
        }
        return new ForecastConfig((int) lng(c, "count_window"), (int) lng(c, "short_days"),
                (int) lng(c, "long_days"), dbl(c, "lower_coverage"), dbl(c, "upper_coverage"),
                (int) lng(c, "min_samples"), dbl(c, "degraded_ratio"), dbl(c, "critical_ratio"),
                dbl(c, "min_horizon_coverage"), horizonEdges);
    }

    private static Ensemble ensemble(JsonNode n) {
        JsonNode calls = object(n, "calls");
        JsonNode weights = object(n, "weights");
        Map<String, Ensemble.ComponentCall> c = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = calls.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode call = e.getValue();
            if (!call.isObject()) {
                throw new IllegalArgumentException("field 'calls." + e.getKey() + "' must be an object, was " + call);
            }
            c.put(e.getKey(), new Ensemble.ComponentCall(Direction.valueOf(text(call, "direction")),
                    dbl(call, "confidence")));
        }
        Map<String, Double> w = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = weights.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            w.put(name, dbl(weights, name));
        }
        return new Ensemble(c, w);
    }

    private static double spend(JsonNode n) {
        double v = dbl(n, "spend");
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("field 'spend' must be a number when present, was \"NaN\"");
        }
        return v;
    }

    private static ForecastTally tally(JsonNode n) {
        return new ForecastTally(lng(n, "count"), lng(n, "quantile_count"), lng(n, "at_or_below_p10"),
                lng(n, "at_or_below_p50"), lng(n, "at_or_below_p90"), lng(n, "inside_interval"),
                dbl(n, "abs_error_sum"), lng(n, "pct_count"), dbl(n, "abs_pct_error_sum"), lng(n, "spend_count"),
                dbl(n, "spend_sum"), dbl(n, "forecast_revenue_sum"), dbl(n, "actual_revenue_sum"));
    }

    private static List<HorizonCoverage> horizons(JsonNode n) {
        JsonNode a = array(n, "by_horizon");
        List<HorizonCoverage> out = new ArrayList<>(a.size());
        for (JsonNode h : a) {
            out.add(new HorizonCoverage(h.has("up_to") ? duration(h, "up_to") : null, lng(h, "count"),
                    lng(h, "inside")));
        }
        return out;
    }

    private static ForecastDay forecastDay(ModelKey key, JsonNode n) {
        return new ForecastDay(key, date(n, "day"), tally(object(n, "tally")), horizons(n));
    }

    private static ForecastWindow window(JsonNode n) {
        return new ForecastWindow(ForecastWindow.Span.valueOf(text(n, "span")), (int) lng(n, "length"),
                tally(object(n, "tally")), horizons(n));
    }

    private static ForecastBaseline forecastBaseline(JsonNode n) {
        JsonNode b = object(n, "baseline");
        return new ForecastBaseline(dbl(b, "mae"), dbl(b, "mape"));
    }

    private static List<ForecastFlag> flags(JsonNode n, String name) {
        JsonNode a = array(n, name);
        List<ForecastFlag> out = new ArrayList<>(a.size());
        for (JsonNode f : a) {
            if (!f.isTextual()) {
                throw new IllegalArgumentException("field '" + name + "' must hold strings, was " + f);
            }
            out.add(ForecastFlag.valueOf(f.textValue()));
        }
        return out;
    }

    private static ForecastPerformance performance(ModelKey key, JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("field 'performance' must be an object, was " + n);
        }
        JsonNode r = array(n, "recommendations");
        List<String> recommendations = new ArrayList<>(r.size());
        for (JsonNode e : r) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException("field 'recommendations' must hold strings, was " + e);
            }
            recommendations.add(e.textValue());
        }
        ForecastConfig config = forecastConfig(object(n, "config"));
        return new ForecastPerformance(key, lng(n, "computed_at"), lng(n, "total_resolved"),
                window(object(n, "recent")), window(object(n, "short_days")), window(object(n, "long_days")),
                n.has("baseline") ? forecastBaseline(n) : null, dbl(n, "mae_ratio"), dbl(n, "mape_ratio"),
                flags(n, "flags"), Severity.valueOf(text(n, "severity")), recommendations, config);
    }

    private static ForecastStateSnapshot forecastState(ModelKey key, JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("field 'forecast' must be an object, was " + n);
        }
        JsonNode w = object(n, "window");
        String q = text(w, "has_quantiles");
        int size = q.length();
        String le10 = bits(w, "at_or_below_p10", size);
        String le50 = bits(w, "at_or_below_p50", size);
        String le90 = bits(w, "at_or_below_p90", size);
        String in = bits(w, "inside", size);
        bits(w, "has_quantiles", size);
        JsonNode bucket = column(w, "bucket", size);
        JsonNode absError = column(w, "abs_error", size);
        JsonNode absPctError = column(w, "abs_pct_error", size);
        boolean spends = w.has("spend");
        JsonNode spend = spends ? column(w, "spend", size) : null;
        JsonNode value = spends ? column(w, "forecast_value", size) : null;
        JsonNode actual = spends ? column(w, "actual", size) : null;
        List<ForecastStateSnapshot.WindowEntry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            JsonNode b = bucket.get(i);
            if (!b.isIntegralNumber() || !b.canConvertToInt()) {
                throw new IllegalArgumentException("field 'bucket[" + i + "]' must be an integer, was " + b);
            }
            entries.add(new ForecastStateSnapshot.WindowEntry(q.charAt(i) == '1', le10.charAt(i) == '1',
                    le50.charAt(i) == '1', le90.charAt(i) == '1', in.charAt(i) == '1', b.intValue(),
                    element(absError, "abs_error", i), element(absPctError, "abs_pct_error", i),
                    spends ? element(spend, "spend", i) : Double.NaN,
                    spends ? element(value, "forecast_value", i) : Double.NaN,
                    spends ? element(actual, "actual", i) : Double.NaN));
        }
        JsonNode d = array(n, "days");
        List<ForecastDay> days = new ArrayList<>(d.size());
        for (JsonNode day : d) {
            if (!day.isObject()) {
                throw new IllegalArgumentException("field 'days' must hold objects, was " + day);
            }
            days.add(forecastDay(key, day));
        }
        return new ForecastStateSnapshot((int) lng(n, "version"), key, (int) lng(n, "count_window"),
                (int) lng(n, "horizon_buckets"), (int) lng(n, "long_days"), lng(n, "pushes"),
                lng(n, "total_resolved"), entries, tally(object(n, "window_tally")),
                n.has("current_day") ? date(n, "current_day") : null, days,
                n.has("baseline") ? forecastBaseline(n) : null);
    }

    private static CalibrationStats stats(JsonNode n) {
        return new CalibrationStats(longArray(n, "counts"), longArray(n, "hits"), doubleArray(n, "sum_confidence"),
                dbl(n, "sum_squares"), dbl(n, "sum_products"), dbl(n, "sum_cubes"), dbl(n, "sum_fourth"));
    }

    private static long[] longArray(JsonNode n, String name) {
        JsonNode a = array(n, name);
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = a.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToLong()) {
                throw new IllegalArgumentException("field '" + name + "[" + i + "]' must be an integer, was " + e);
            }
            out[i] = e.longValue();
        }
        return out;
    }

    private static int[] intArray(JsonNode n, String name) {
        JsonNode a = array(n, name);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = a.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                throw new IllegalArgumentException("field '" + name + "[" + i + "]' must be an integer, was " + e);
            }
            out[i] = e.intValue();
        }
        return out;
    }

    private static double[] doubleArray(JsonNode n, String name) {
        JsonNode a = array(n, name);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = element(a, name, i);
        }
        return out;
    }

    /** An optional ISO-8601 date field as an epoch day, {@link CalibrationStateSnapshot#NO_DAY} when absent. */
    private static long day(JsonNode n, String name) {
        return n.has(name) ? date(n, name).toEpochDay() : CalibrationStateSnapshot.NO_DAY;
    }

    private static CalibrationStateSnapshot calibrationState(ModelKey key, JsonNode n) {
        JsonNode w = array(n, "count_windows");
        List<Integer> windows = new ArrayList<>(w.size());
        for (JsonNode e : w) {
            if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                throw new IllegalArgumentException("field 'count_windows' must hold integers, was " + e);
            }
            windows.add(e.intValue());
        }
        JsonNode b = object(n, "breach");
        CalibrationStateSnapshot.BreachState breach = new CalibrationStateSnapshot.BreachState(
                b.has("calibration_kind") ? CalibrationKind.valueOf(text(b, "calibration_kind")) : null,
                bool(b, "breached"), (int) lng(b, "streak"), day(b, "streak_from"), stats(object(b, "streak_stats")),
                (int) lng(b, "good"), day(b, "good_from"), stats(object(b, "good_stats")));
        return new CalibrationStateSnapshot((int) lng(n, "version"), key, (int) lng(n, "bins"), windows,
                (int) lng(n, "max_days"), n.has("confidence") ? kindState(object(n, "confidence")) : null,
                n.has("probability") ? kindState(object(n, "probability")) : null, day(n, "last_closed_day"), breach,
                n.has("last_retrain_at") ? lng(n, "last_retrain_at") : Long.MIN_VALUE,
                n.has("critical_threshold") ? dbl(n, "critical_threshold") : Double.NaN);
    }

    private static CalibrationStateSnapshot.KindState kindState(JsonNode n) {
        JsonNode t = object(n, "tracker");
        JsonNode d = array(t, "days");
        long[] days = new long[d.size()];
        for (int i = 0; i < days.length; i++) {
            JsonNode e = d.get(i);
            if (e.isNull()) {
                days[i] = CalibrationStateSnapshot.NO_DAY;
            } else if (e.isTextual()) {
                try {
                    days[i] = LocalDate.parse(e.textValue()).toEpochDay();
                } catch (java.time.format.DateTimeParseException x) {
                    throw new IllegalArgumentException("field 'days[" + i + "]' must be an ISO-8601 date or null, was "
                            + e, x);
                }
            } else {
                throw new IllegalArgumentException("field 'days[" + i + "]' must be an ISO-8601 date or null, was "
                        + e);
            }
        }
        CalibrationStateSnapshot.TrackerState tracker = new CalibrationStateSnapshot.TrackerState(
                doubleArray(t, "ring"), longArray(t, "ring_hits"), lng(t, "pushes"), intArray(t, "win_counts"),
                intArray(t, "win_hits"), doubleArray(t, "win_sum_p"), doubleArray(t, "win_globals"), days,
                intArray(t, "day_counts"), intArray(t, "day_hits"), doubleArray(t, "day_sum_p"),
                doubleArray(t, "day_globals"), day(t, "newest_day"));
        return new CalibrationStateSnapshot.KindState(tracker, day(n, "first_day"), day(n, "reference_from"),
                day(n, "reference_to"), bool(n, "reference_explicit"), stats(object(n, "reference")));
    }

    /** A column string of '0'/'1' with one character per window entry. */
    private static String bits(JsonNode n, String name, int size) {
        String s = text(n, name);
        if (s.length() != size) {
            throw new IllegalArgumentException("field '" + name + "' must hold " + size + " flags, was " + s.length());
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '0' && s.charAt(i) != '1') {
                throw new IllegalArgumentException("field '" + name + "' must hold only '0' and '1', was '"
                        + s.charAt(i) + "' at " + i);
            }
        }
        return s;
    }

    /** A column array with one element per window entry. */
    private static JsonNode column(JsonNode n, String name, int size) {
        JsonNode a = array(n, name);
        if (a.size() != size) {
            throw new IllegalArgumentException("field '" + name + "' must hold " + size + " entries, was " + a.size());
        }
        return a;
    }

    /** An array element written by {@code element(JsonGenerator, double)}: null reads as NaN. */
    private static double element(JsonNode array, String name, int i) {
        JsonNode e = array.get(i);
        if (e.isNull()) {
            return Double.NaN;
        }
        if (e.isNumber()) {
            return e.doubleValue();
        }
        if (e.isTextual() && e.textValue().equals("Infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        if (e.isTextual() && e.textValue().equals("-Infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        throw new IllegalArgumentException("field '" + name + "[" + i + "]' must be a number or null, was " + e);
    }

    static JsonNode object(JsonNode n, String name) {
        JsonNode f = field(n, name);
        if (!f.isObject()) {
            throw new IllegalArgumentException("field '" + name + "' must be an object, was " + f);
        }
        return f;
    }

    static JsonNode array(JsonNode n, String name) {
        JsonNode f = field(n, name);
        if (!f.isArray()) {
            throw new IllegalArgumentException("field '" + name + "' must be an array, was " + f);
        }
        return f;
    }

    private static LocalDate date(JsonNode n, String name) {
        String text = text(n, name);
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + name + "' must be an ISO-8601 date, was " + n.get(name), e);
        }
    }

    private static JsonNode field(JsonNode n, String name) {
        JsonNode f = n.get(name);
        if (f == null) {
            throw new IllegalArgumentException("field '" + name + "' is missing");
        }
        return f;
    }

    static String text(JsonNode n, String name) {
        JsonNode f = field(n, name);
        if (!f.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' must be a string, was " + f);
        }
        return f.textValue();
    }

    static long lng(JsonNode n, String name) {
        JsonNode f = field(n, name);
        if (!f.isIntegralNumber() || !f.canConvertToLong()) {
            throw new IllegalArgumentException("field '" + name + "' must be an integer, was " + f);
        }
        return f.longValue();
    }

    static boolean bool(JsonNode n, String name) {
        JsonNode f = field(n, name);
        if (!f.isBoolean()) {
            throw new IllegalArgumentException("field '" + name + "' must be true or false, was " + f);
        }
        return f.booleanValue();
    }

    static double dbl(JsonNode n, String name) {
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

    static Duration duration(JsonNode n, String name) {
        return parseDuration(text(n, name), name, n.get(name));
    }

    private static Duration parseDuration(String text, String name, JsonNode node) {
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
            throw new IllegalArgumentException("field '" + name + "' must be an ISO-8601 duration, was " + node, e);
        }
    }
}

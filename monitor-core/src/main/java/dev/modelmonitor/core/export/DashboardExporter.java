package dev.modelmonitor.core.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.CalibrationDay;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationStats;
import dev.modelmonitor.api.CalibrationSummary;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.ModelStatus;
import dev.modelmonitor.api.WindowAccuracy;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.calibration.CalibrationEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a monitor's state as dashboard JSON, the seed's three kinds of file:
 * <ul>
 *   <li>{@code dashboard.json}: {@code schema_version}, {@code generated_at}, {@code summary} (total_models,
 *   healthy, warning, critical, unknown), {@code models} (one status object per key) and
 *   {@code thresholds};</li>
 *   <li>{@code accuracy_trends.json}: per key, the accuracy of each window at each recorded check (the
 *   last {@value #TREND_POINTS} checks);</li>
 *   <li>{@code calibration_trends.json} (since schema 2): per key and kind, one point per closed day of the
 *   last {@value #CALIBRATION_DAYS} days ({@code date}, {@code count} (the sample size), {@code ece},
 *   {@code mce}, {@code brier}, {@code mean_confidence}, {@code observed_rate}) in {@code per_key}; the same
 *   days pooled over every key of a kind ({@code date}, {@code kind}, {@code keys}, {@code count} and the
 *   {@code ece} of the merged statistics) in {@code across_keys}; and (since schema 3) quantile coverage by
 *   UTC day from the forecast history of the same days: {@code coverage_per_key} (per key with forecasts:
 *   {@code model}, {@code segment}, {@code points}), {@code coverage_by_day} (the days pooled over every key:
 *   the summed tallies' coverage, and {@code keys}), and each {@code per_key} series' own
 *   {@code coverage_by_day} (its key's points, empty without forecasts). A point is {@code date},
 *   {@code count} (forecasts resolved), {@code quantile_count} (those with quantiles), {@code inside_interval},
 *   {@code interval_coverage}, {@code coverage_p10}, {@code coverage_p50}, {@code coverage_p90} (shares at or
 *   below each quantile), null without quantile forecasts;</li>
 *   <li>{@code <model>_<segment>_status.json}: one key's status object, with characters other than
 *   letters, digits, '.', '-' and '_' replaced by '_' (a key whose file name would collide with another's
 *   gets its hash appended).</li>
 * </ul>
 * Field names are explicit snake_case and every file carries {@code schema_version} {@value #SCHEMA_VERSION};
 * NaN figures are written as null. Schema 3 filled the coverage fields of {@code calibration_trends.json}
 * (empty arrays in schema 2) and added {@code coverage_per_key}. Schema 2 added
 * {@code calibration_trends.json} and a {@code calibration} object in every status ({@code count}, {@code ece}, {@code brier}, {@code mean_confidence},
 * {@code accuracy} over the longest count window, {@code critical}, {@code threshold}, {@code breached}). Each file is written to a temporary file in the same directory and
 * atomically renamed, so a reader never sees half a file. Cost: O(keys x trend points). Thread-safe.
 */
public final class DashboardExporter {

    /** The version of the files' layout. */
    public static final int SCHEMA_VERSION = 3;
    /** How many days of calibration history go into the calibration trends file. */
    public static final int CALIBRATION_DAYS = 90;
    /** How many recorded checks per key go into the trends file. */
    public static final int TREND_POINTS = 500;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DashboardExporter() {
    }

    /**
     * Writes every file for the monitor's current state.
     *
     * @param monitor   the monitor
     * @param directory the directory, created if missing
     * @return the files written, dashboard first
     * @throws UncheckedIOException naming the file when a write fails
     */
    public static List<Path> write(ModelMonitor monitor, Path directory) {
        if (monitor == null) {
            throw new IllegalArgumentException("monitor must not be null");
        }
        if (directory == null) {
            throw new IllegalArgumentException("directory must not be null");
        }
        List<ModelKey> keys = new ArrayList<>(monitor.keys());
        keys.sort(Comparator.comparing(ModelKey::model).thenComparing(ModelKey::segment));
        String now = Instant.ofEpochMilli(monitor.clock().millis()).toString();
        List<ModelStatus> statuses = new ArrayList<>(keys.size());
        List<ObjectNode> calibrations = new ArrayList<>(keys.size());
        for (ModelKey k : keys) {
            statuses.add(monitor.status(k));
            calibrations.add(calibration(monitor, k));
        }
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            written.add(writeAtomically(directory.resolve("dashboard.json"),
                    dashboard(statuses, calibrations, monitor.thresholds(), now)));
            ObjectNode trends = header(now);
            ArrayNode series = trends.putArray("trends");
            for (ModelKey k : keys) {
                series.add(trend(k, monitor.history(k, TREND_POINTS)));
            }
            written.add(writeAtomically(directory.resolve("accuracy_trends.json"), trends));
            written.add(writeAtomically(directory.resolve("calibration_trends.json"),
                    calibrationTrends(monitor, keys, now)));
            Set<String> names = new HashSet<>();
            for (int i = 0; i < statuses.size(); i++) {
                ModelStatus s = statuses.get(i);
                String name = fileName(s.key());
                if (!names.add(name)) {
                    name = name.substring(0, name.length() - ".json".length()) + "_"
                            + Integer.toHexString(s.key().hashCode()) + ".json";
                    names.add(name);
                }
                ObjectNode file = header(now);
                file.set("status", status(s, calibrations.get(i)));
                written.add(writeAtomically(directory.resolve(name), file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dashboard into " + directory, e);
        }
        return List.copyOf(written);
    }

    /**
     * The status file name of a key: {@code <model>_<segment>_status.json}, sanitized.
     *
     * @param key the key
     * @return the file name
     */
    public static String fileName(ModelKey key) {
        return sanitize(key.model()) + "_" + sanitize(key.segment()) + "_status.json";
    }

    private static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '-' || c == '_';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }

    private static ObjectNode header(String now) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("generated_at", now);
        return root;
    }

    private static ObjectNode dashboard(List<ModelStatus> statuses, List<ObjectNode> calibrations, DriftThresholds t,
                                        String now) {
        ObjectNode root = header(now);
        ObjectNode summary = root.putObject("summary");
        int healthy = 0;
        int warning = 0;
        int critical = 0;
        int unknown = 0;
        for (ModelStatus s : statuses) {
            switch (s.health()) {
                case HEALTHY:
                    healthy++;
                    break;
                case WARNING:
                    warning++;
                    break;
                case CRITICAL:
                    critical++;
                    break;
                default:
                    unknown++;
                    break;
            }
        }
        summary.put("total_models", statuses.size());
        summary.put("healthy", healthy);
        summary.put("warning", warning);
        summary.put("critical", critical);
        summary.put("unknown", unknown);
        ArrayNode models = root.putArray("models");
        for (int i = 0; i < statuses.size(); i++) {
            models.add(status(statuses.get(i), calibrations.get(i)));
        }
        ObjectNode th = root.putObject("thresholds");
        th.put("warning_drop", t.warningDrop());
        th.put("critical_drop", t.criticalDrop());
        th.put("random_baseline", t.randomBaseline());
        th.put("min_predictions", t.minPredictions());
        th.put("window_short", t.shortWindow());
        th.put("window_medium", t.mediumWindow());
        th.put("window_long", t.longWindow());
        th.put("alpha", t.alpha());
        th.put("check_interval_minutes", t.checkInterval().toMinutes());
        th.put("require_significance", t.requireSignificance());
        return root;
    }

    private static ObjectNode status(ModelStatus s, ObjectNode calibration) {
        ObjectNode o = MAPPER.createObjectNode();
        DriftReport r = s.report();
        o.put("model", s.key().model());
        o.put("segment", s.key().segment());
        o.put("health", s.health().name().toLowerCase(java.util.Locale.ROOT));
        o.put("retrain_candidate", s.health().isRetrainCandidate());
        o.put("drift_level", r.level().name());
        number(o, "current_accuracy", r.currentAccuracy());
        number(o, "baseline_accuracy", r.baselineAccuracy());
        number(o, "drop", r.drop());
        number(o, "p_value", r.pValue());
        o.put("significant", r.significant());
        o.put("verdict_window", r.verdictWindow());
        o.put("recommendation", r.recommendation());
        ArrayNode windows = o.putArray("windows");
        for (WindowAccuracy w : r.windows()) {
            ObjectNode wn = windows.addObject();
            wn.put("size", w.size());
            wn.put("count", w.count());
            wn.put("correct", w.correct());
            number(wn, "accuracy", w.accuracy());
            number(wn, "p_value", w.pValue());
            wn.put("level", w.level().name());
        }
        Baseline b = s.baseline();
        if (b == null) {
            o.putNull("baseline");
        } else {
            ObjectNode bn = o.putObject("baseline");
            bn.put("accuracy", b.accuracy());
            number(bn, "precision", b.precision());
            number(bn, "recall", b.recall());
            number(bn, "f1_score", b.f1());
            bn.put("total_trades", b.totalTrades());
            bn.put("backtest_days", b.backtestDays());
        }
        o.put("logged", s.logged());
        o.put("resolved", s.resolved());
        o.put("pending", s.pending());
        o.put("expired", s.expired());
        if (s.lastResolvedAt() == null) {
            o.putNull("last_resolved_at");
        } else {
            o.put("last_resolved_at", s.lastResolvedAt().toString());
        }
        o.put("checked_at", r.checkedAt().toString());
        o.set("calibration", calibration.deepCopy());
        return o;
    }

    private static ObjectNode calibration(ModelMonitor monitor, ModelKey key) {
        ObjectNode o = MAPPER.createObjectNode();
        CalibrationSummary c = monitor.calibration(key);
        o.put("count", c.count());
        number(o, "ece", c.ece());
        number(o, "brier", c.brierScore());
        number(o, "mean_confidence", c.meanConfidence());
        number(o, "accuracy", c.accuracy());
        o.put("critical", monitor.criticalThreshold(key).isPresent());
        o.put("threshold", monitor.calibrationEngine().threshold(key));
        o.put("breached", monitor.calibrationBreached(key));
        return o;
    }

    private static ObjectNode calibrationTrends(ModelMonitor monitor, List<ModelKey> keys, String now) {
        ObjectNode root = header(now);
        CalibrationEngine engine = monitor.calibrationEngine();
        LocalDate today = LocalDate.ofEpochDay(engine.day(monitor.clock().millis()));
        LocalDate from = today.minusDays(CALIBRATION_DAYS);
        ArrayNode perKey = root.putArray("per_key");
        Map<CalibrationKind, TreeMap<LocalDate, Pooled>> pooled = new TreeMap<>();
        Map<ModelKey, List<ForecastDay>> forecastDays = new TreeMap<>(KEY_ORDER);
        for (ModelKey k : keys) {
            List<ForecastDay> f = monitor.forecastHistory(k, from, today.plusDays(1));
            if (!f.isEmpty()) {
                forecastDays.put(k, f);
            }
        }
        for (ModelKey k : keys) {
            List<CalibrationDay> days = monitor.calibrationHistory(k, from, today);
            for (CalibrationKind kind : CalibrationKind.values()) {
                ObjectNode series = null;
                for (CalibrationDay d : days) {
                    if (d.kind() != kind) {
                        continue;
                    }
                    if (series == null) {
                        series = perKey.addObject();
                        series.put("model", k.model());
                        series.put("segment", k.segment());
                        series.put("kind", kind.name());
                        series.putArray("points");
                        series.set("coverage_by_day", coverageByDay(forecastDays.getOrDefault(k, List.of())));
                    }
                    ObjectNode p = ((ArrayNode) series.get("points")).addObject();
                    p.put("date", d.date().toString());
                    p.put("count", d.count());
                    number(p, "ece", d.ece());
                    number(p, "mce", d.mce());
                    number(p, "brier", d.brier());
                    number(p, "mean_confidence", d.meanConfidence());
                    number(p, "observed_rate", d.observedRate());
                    pooled.computeIfAbsent(kind, x -> new TreeMap<>())
                            .computeIfAbsent(d.date(), x -> new Pooled()).add(d.stats());
                }
            }
        }
        ArrayNode across = root.putArray("across_keys");
        for (Map.Entry<CalibrationKind, TreeMap<LocalDate, Pooled>> e : pooled.entrySet()) {
            for (Map.Entry<LocalDate, Pooled> d : e.getValue().entrySet()) {
                ObjectNode p = across.addObject();
                p.put("date", d.getKey().toString());
                p.put("kind", e.getKey().name());
                p.put("keys", d.getValue().keys);
                p.put("count", d.getValue().stats.count());
                number(p, "ece", CalibrationEngine.ece(d.getValue().stats));
            }
        }
        ArrayNode coveragePerKey = root.putArray("coverage_per_key");
        TreeMap<LocalDate, ForecastTally> pooledCoverage = new TreeMap<>();
        TreeMap<LocalDate, Integer> pooledKeys = new TreeMap<>();
        for (Map.Entry<ModelKey, List<ForecastDay>> e : forecastDays.entrySet()) {
            ObjectNode series = coveragePerKey.addObject();
            series.put("model", e.getKey().model());
            series.put("segment", e.getKey().segment());
            series.set("points", coverageByDay(e.getValue()));
            for (ForecastDay d : e.getValue()) {
                pooledCoverage.merge(d.day(), d.tally(), ForecastTally::plus);
                pooledKeys.merge(d.day(), 1, Integer::sum);
            }
        }
        ArrayNode coverage = root.putArray("coverage_by_day");
        for (Map.Entry<LocalDate, ForecastTally> d : pooledCoverage.entrySet()) {
            ObjectNode p = coverage.addObject();
            coveragePoint(p, d.getKey(), d.getValue());
            p.put("keys", pooledKeys.get(d.getKey()));
        }
        return root;
    }

    private static final Comparator<ModelKey> KEY_ORDER =
            Comparator.comparing(ModelKey::model).thenComparing(ModelKey::segment);

    /** A key's quantile coverage by UTC day, one point per day of its forecast history, oldest first. */
    private static ArrayNode coverageByDay(List<ForecastDay> days) {
        ArrayNode points = MAPPER.createArrayNode();
        for (ForecastDay d : days) {
            coveragePoint(points.addObject(), d.day(), d.tally());
        }
        return points;
    }

    /**
     * One day's coverage: {@code date}, {@code count} (forecasts resolved), {@code quantile_count} (those with
     * quantiles, what the coverages are over), {@code inside_interval}, {@code interval_coverage} (share inside
     * p10-p90), {@code coverage_p10}, {@code coverage_p50}, {@code coverage_p90} (share at or below each);
     * null without quantile forecasts.
     */
    private static void coveragePoint(ObjectNode p, LocalDate date, ForecastTally t) {
        p.put("date", date.toString());
        p.put("count", t.count());
        p.put("quantile_count", t.quantileCount());
        p.put("inside_interval", t.insideInterval());
        number(p, "interval_coverage", t.intervalCoverage());
        number(p, "coverage_p10", t.coverageP10());
        number(p, "coverage_p50", t.coverageP50());
        number(p, "coverage_p90", t.coverageP90());
    }

    /** One day's statistics pooled over keys. */
    private static final class Pooled {
        CalibrationStats stats;
        int keys;

        void add(CalibrationStats s) {
            stats = stats == null ? s : stats.plus(s);
            keys++;
        }
    }

    private static ObjectNode trend(ModelKey key, List<DriftReport> reports) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("model", key.model());
        o.put("segment", key.segment());
        ArrayNode points = o.putArray("points");
        for (DriftReport r : reports) {
            ObjectNode p = points.addObject();
            p.put("timestamp", r.checkedAt().toString());
            p.put("level", r.level().name());
            number(p, "baseline_accuracy", r.baselineAccuracy());
            List<WindowAccuracy> w = r.windows();
            String[] names = {"accuracy_short", "accuracy_medium", "accuracy_long"};
            for (int i = 0; i < w.size() && i < names.length; i++) {
                number(p, names[i], w.get(i).accuracy());
            }
        }
        return o;
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }

    private static Path writeAtomically(Path target, ObjectNode content) throws IOException {
        return AtomicFiles.write(target, MAPPER.writeValueAsBytes(content));
    }
}

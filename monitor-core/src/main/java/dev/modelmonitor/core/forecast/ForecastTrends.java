package dev.modelmonitor.core.forecast;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.core.export.AtomicFiles;
import dev.modelmonitor.core.ModelMonitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes {@code forecast_trends.json}: per key with forecasts, one point per UTC day of the last
 * {@value #TREND_DAYS} days (from the key's {@link ForecastDay} history, closed days only).
 *
 * <pre>
 * {
 *   "schema_version": 1,
 *   "generated_at": "2026-01-12T09:00:00Z",
 *   "trend_days": 90,
 *   "trends": [
 *     { "model": "demand", "segment": "eu",
 *       "points": [ { "day": "2026-01-05", "count": 96, "quantile_count": 96,
 *                     "interval_coverage": 0.81, "coverage_p10": 0.09, "coverage_p50": 0.5,
 *                     "coverage_p90": 0.9, "mae": 3.2, "mape": 0.041,
 *                     "forecast_roas": null, "actual_roas": null } ] } ]
 * }
 * </pre>
 * Keys are sorted by model then segment; keys without history in the range are left out. Field names are
 * explicit snake_case and fixed for {@code schema_version} {@value #SCHEMA_VERSION}; NaN figures are
 * written as null. The file is written to a temporary file and atomically renamed. Cost: O(keys x days).
 * Thread-safe.
 */
public final class ForecastTrends {

    /** The version of the file's layout. */
    public static final int SCHEMA_VERSION = 1;
    /** How many days back the file reaches. */
    public static final int TREND_DAYS = 90;
    /** The file's name. */
    public static final String FILE_NAME = "forecast_trends.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ForecastTrends() {
    }

    /**
     * Writes the file for a monitor's current history.
     *
     * @param monitor   the monitor, not null
     * @param directory the directory, created if missing, not null
     * @return the file written
     * @throws UncheckedIOException naming the file when the write fails
     */
    public static Path write(ModelMonitor monitor, Path directory) {
        if (monitor == null) {
            throw new IllegalArgumentException("monitor must not be null");
        }
        if (directory == null) {
            throw new IllegalArgumentException("directory must not be null");
        }
        ObjectNode root = build(monitor);
        Path target = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
            AtomicFiles.write(target, MAPPER.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return target;
    }

    /**
     * The file's content as a JSON tree.
     *
     * @param monitor the monitor
     * @return the tree
     */
    public static ObjectNode build(ModelMonitor monitor) {
        long now = monitor.clock().millis();
        LocalDate today = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate from = today.minusDays(TREND_DAYS);
        List<ModelKey> keys = new ArrayList<>(monitor.keys());
        keys.sort(Comparator.comparing(ModelKey::model).thenComparing(ModelKey::segment));
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("generated_at", Instant.ofEpochMilli(now).toString());
        root.put("trend_days", TREND_DAYS);
        ArrayNode trends = root.putArray("trends");
        for (ModelKey k : keys) {
            List<ForecastDay> days = monitor.forecastHistory(k, from, today.plusDays(1));
            if (days.isEmpty()) {
                continue;
            }
            ObjectNode o = trends.addObject();
            o.put("model", k.model());
            o.put("segment", k.segment());
            ArrayNode points = o.putArray("points");
            for (ForecastDay d : days) {
                ForecastTally t = d.tally();
                ObjectNode p = points.addObject();
                p.put("day", d.day().toString());
                p.put("count", t.count());
                p.put("quantile_count", t.quantileCount());
                number(p, "interval_coverage", t.intervalCoverage());
                number(p, "coverage_p10", t.coverageP10());
                number(p, "coverage_p50", t.coverageP50());
                number(p, "coverage_p90", t.coverageP90());
                number(p, "mae", t.mae());
                number(p, "mape", t.mape());
                number(p, "forecast_roas", t.forecastRoas());
                number(p, "actual_roas", t.actualRoas());
            }
        }
        return root;
    }

    static void number(ObjectNode o, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }
}

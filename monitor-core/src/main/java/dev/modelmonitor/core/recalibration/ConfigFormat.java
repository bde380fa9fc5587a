package dev.modelmonitor.core.recalibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The on-disk format of a {@link CalibrationConfig} ({@code calibration.json} and its archive copies),
 * version {@value #SCHEMA_VERSION}:
 *
 * <pre>{@code
 * {
 *   "schema_version" : 1,
 *   "version" : "cal_20260210_143022",            // [A-Za-z0-9_.-]+, "none" for no calibration
 *   "created_at" : "2026-02-10T14:30:22Z",        // ISO-8601 instant, millisecond precision
 *   "confidence_calibration" : {
 *     "enabled" : true,                           // false: the identity, both arrays empty
 *     "method" : "isotonic",                      // piecewise-linear through the thresholds, clipped outside
 *     "thresholds_x" : [ 0.52, 0.61, 0.74 ],      // strictly increasing raw confidences
 *     "thresholds_y" : [ 0.48, 0.55, 0.71 ]       // non-decreasing calibrated confidences in [0, 1]
 *   },
 *   "ensemble_weights" : { "lgbm" : 0.326, "xgb" : 0.274 }   // sorted by model; {} leaves weights alone
 * }
 * }</pre>
 * Doubles are written in Java's shortest round-trip form, so reading a file and writing it back gives
 * identical bytes. Reading is strict: a missing or mistyped field, an unknown schema version or a value that
 * breaks a rule is rejected with an {@link IllegalArgumentException} naming the field. Thread-safe.
 */
final class ConfigFormat {

    static final int SCHEMA_VERSION = 1;
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigFormat() {
    }

    static byte[] write(CalibrationConfig config) {
        try {
            return (MAPPER.writeValueAsString(toJson(config)) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize calibration config " + config.version(), e);
        }
    }

    static ObjectNode toJson(CalibrationConfig config) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("version", config.version());
        root.put("created_at", Instant.ofEpochMilli(config.createdAtMillis()).toString());
        ObjectNode conf = root.putObject("confidence_calibration");
        ConfidenceMap map = config.confidence();
        conf.put("enabled", !map.isIdentity());
        conf.put("method", "isotonic");
        array(conf.putArray("thresholds_x"), map.thresholdsX());
        array(conf.putArray("thresholds_y"), map.thresholdsY());
        ObjectNode weights = root.putObject("ensemble_weights");
        for (Map.Entry<String, Double> e : config.weights().entrySet()) {
            weights.put(e.getKey(), e.getValue());
        }
        return root;
    }

    static void array(ArrayNode node, double[] values) {
        for (double v : values) {
            node.add(v);
        }
    }

    static CalibrationConfig read(byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("calibration config is not valid JSON: " + oneLine(e.getMessage()), e);
        }
        return fromJson(root);
    }

    static CalibrationConfig fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("calibration config must be a JSON object");
        }
        JsonNode sv = root.get("schema_version");
        if (sv == null || !sv.isInt() || sv.intValue() != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schema_version must be " + SCHEMA_VERSION + ", was " + sv);
        }
        String version = text(root, "version");
        long created;
        try {
            created = Instant.parse(text(root, "created_at")).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("created_at must be an ISO-8601 instant, was " + root.get("created_at"), e);
        }
        JsonNode conf = root.get("confidence_calibration");
        if (conf == null || !conf.isObject()) {
            throw new IllegalArgumentException("confidence_calibration must be an object, was " + conf);
        }
        JsonNode enabled = conf.get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw new IllegalArgumentException("confidence_calibration.enabled must be true or false, was " + enabled);
        }
        String method = text(conf, "method");
        if (!"isotonic".equals(method)) {
            throw new IllegalArgumentException("confidence_calibration.method must be isotonic, was '" + method + "'");
        }
        double[] xs = doubles(conf, "thresholds_x");
        double[] ys = doubles(conf, "thresholds_y");
        ConfidenceMap map;
        if (enabled.booleanValue()) {
            try {
                map = ConfidenceMap.of(xs, ys);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("confidence_calibration: " + e.getMessage(), e);
            }
        } else {
            if (xs.length != 0 || ys.length != 0) {
                throw new IllegalArgumentException("confidence_calibration thresholds must be empty when disabled, "
                        + "was " + xs.length + " and " + ys.length + " values");
            }
            map = ConfidenceMap.IDENTITY;
        }
        JsonNode w = root.get("ensemble_weights");
        if (w == null || !w.isObject()) {
            throw new IllegalArgumentException("ensemble_weights must be an object, was " + w);
        }
        Map<String, Double> weights = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : w.properties()) {
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException("ensemble_weights." + e.getKey() + " must be a number, was "
                        + e.getValue());
            }
            weights.put(e.getKey(), e.getValue().doubleValue());
        }
        return new CalibrationConfig(version, created, map, weights);
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, was " + v);
        }
        return v.textValue();
    }

    static double[] doubles(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(field + " must be an array of numbers, was " + v);
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new IllegalArgumentException(field + " must be an array of numbers, was " + v.get(i)
                        + " at index " + i);
            }
            out[i] = v.get(i).doubleValue();
        }
        return out;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

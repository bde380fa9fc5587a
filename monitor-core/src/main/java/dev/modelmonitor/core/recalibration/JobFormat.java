package dev.modelmonitor.core.recalibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.modelmonitor.core.recalibration.ConfigFormat.MAPPER;
import static dev.modelmonitor.core.recalibration.ConfigFormat.doubles;
import static dev.modelmonitor.core.recalibration.ConfigFormat.text;

/**
 * The JSON report of a job, which is also the job file ({@code jobs/<id>.json} in the config directory),
 * version {@value #SCHEMA_VERSION}. Top-level fields, all explicit snake_case:
 * {@code schema_version}, {@code job_id}, {@code created_at}, {@code status} (a {@link JobStatus} name),
 * {@code readiness} (status, trades, required, reason), {@code data_summary} (trades, wins, losses,
 * win_rate, mean_confidence, from, to, keys, trades_with_ensemble), {@code confidence_calibration} (method,
 * validation, train_trades, test_trades, mse_raw, mse_calibrated, improvement, enabled, thresholds_x,
 * thresholds_y, and {@code table}: predicted, calibrated, adjustment at 0.50, 0.55 .. 0.95),
 * {@code ensemble_weights} (problem and {@code changes}: model, before, after, delta, change_pct,
 * precision, calls, reason), {@code validation} (passed and {@code checks}: check, title, level, passed,
 * message), {@code risk} (score, band, critical_failures, error_failures, warning_failures, checks,
 * blocks), {@code proposed_config} (a {@link ConfigFormat} object), {@code reports} (markdown, json) and
 * {@code commands} (approve, rollback, rollback_version, api_approve, api_rollback). Figures that are NaN
 * are written as null. The table and the derived fields are for readers; reading uses the rest.
 */
final class JobFormat {

    static final int SCHEMA_VERSION = 1;
    /** The predicted confidences of the report's confidence table. */
    static final double[] TABLE = {0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95};

    private JobFormat() {
    }

    static byte[] write(CalibrationJob job, String tool) {
        try {
            return (MAPPER.writeValueAsString(toJson(job, tool)) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize job " + job.id(), e);
        }
    }

    static ObjectNode toJson(CalibrationJob job, String tool) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("job_id", job.id());
        root.put("created_at", job.createdAt().toString());
        root.put("status", job.status().name());

        Readiness r = job.readiness();
        ObjectNode rn = root.putObject("readiness");
        rn.put("status", r.status().name());
        rn.put("trades", r.trades());
        rn.put("required", r.required());
        rn.put("reason", r.reason());

        DataSummary s = job.summary();
        ObjectNode sn = root.putObject("data_summary");
        sn.put("trades", s.trades());
        sn.put("wins", s.wins());
        sn.put("losses", s.losses());
        num(sn, "win_rate", s.winRate());
        num(sn, "mean_confidence", s.meanConfidence());
        sn.put("from", Instant.ofEpochMilli(s.fromMillis()).toString());
        sn.put("to", Instant.ofEpochMilli(s.toMillis()).toString());
        sn.put("keys", s.keys());
        sn.put("trades_with_ensemble", s.tradesWithEnsemble());

        ConfidenceAnalysis c = job.confidence();
        ObjectNode cn = root.putObject("confidence_calibration");
        cn.put("method", "isotonic");
        cn.put("validation", "time-ordered holdout: fitted on the oldest trades, scored on the newest "
                + Math.round(SafetyPolicy.HOLDOUT_FRACTION * 100) + "%");
        cn.put("train_trades", c.trainTrades());
        cn.put("test_trades", c.testTrades());
        num(cn, "mse_raw", c.mseRaw());
        num(cn, "mse_calibrated", c.mseCalibrated());
        num(cn, "improvement", c.improvement());
        cn.put("enabled", c.enabled());
        ConfigFormat.array(cn.putArray("thresholds_x"), c.map().thresholdsX());
        ConfigFormat.array(cn.putArray("thresholds_y"), c.map().thresholdsY());
        ArrayNode table = cn.putArray("table");
        for (double p : TABLE) {
            double cal = c.map().apply(p);
            ObjectNode row = table.addObject();
            row.put("predicted", p);
            row.put("calibrated", cal);
            row.put("adjustment", cal - p);
        }

        WeightProposal w = job.weights();
        ObjectNode wn = root.putObject("ensemble_weights");
        wn.put("problem", w.problem());
        ArrayNode changes = wn.putArray("changes");
        for (WeightChange ch : w.changes()) {
            ObjectNode row = changes.addObject();
            row.put("model", ch.model());
            row.put("before", ch.before());
            row.put("after", ch.after());
            row.put("delta", ch.delta());
            num(row, "change_pct", ch.relativeChange() * 100);
            num(row, "precision", ch.precision());
            row.put("calls", ch.calls());
            row.put("reason", ch.reason());
        }

        ObjectNode vn = root.putObject("validation");
        vn.put("passed", job.validationPassed());
        ArrayNode checks = vn.putArray("checks");
        for (SafetyCheck ck : job.checks()) {
            ObjectNode row = checks.addObject();
            row.put("check", ck.kind().name());
            row.put("title", ck.kind().title());
            row.put("level", ck.level().name());
            row.put("passed", ck.passed());
            row.put("message", ck.message());
        }

        RiskAssessment risk = job.risk();
        ObjectNode kn = root.putObject("risk");
        kn.put("score", risk.score());
        kn.put("band", risk.band().name());
        kn.put("critical_failures", risk.criticalFailures());
        kn.put("error_failures", risk.errorFailures());
        kn.put("warning_failures", risk.warningFailures());
        kn.put("checks", risk.checks());
        kn.put("blocks", risk.blocks());

        root.set("proposed_config", ConfigFormat.toJson(job.proposed()));
        ObjectNode rep = root.putObject("reports");
        rep.put("markdown", job.markdownReport().toString());
        rep.put("json", job.jsonReport().toString());
        ObjectNode cmd = root.putObject("commands");
        cmd.put("approve", tool + " approve " + job.id());
        cmd.put("rollback", tool + " rollback");
        cmd.put("rollback_version", tool + " rollback <version>");
        cmd.put("api_approve", "recalibrator.approve(\"" + job.id() + "\")");
        cmd.put("api_rollback", "recalibrator.rollback()");
        return root;
    }

    private static void num(ObjectNode n, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    private static double num(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number or null, was " + v);
        }
        return v.doubleValue();
    }

    private static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isInt()) {
            throw new IllegalArgumentException(field + " must be an integer, was " + v);
        }
        return v.intValue();
    }

    private static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false, was " + v);
        }
        return v.booleanValue();
    }

    private static JsonNode object(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            throw new IllegalArgumentException(field + " must be an object, was " + v);
        }
        return v;
    }

    private static JsonNode array(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(field + " must be an array, was " + v);
        }
        return v;
    }

    private static long instant(JsonNode n, String field) {
        try {
            return Instant.parse(text(n, field)).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant, was " + n.get(field), e);
        }
    }

    static CalibrationJob read(byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("job file is not valid JSON: " + ConfigFormat.oneLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("job file must be a JSON object");
        }
        if (integer(root, "schema_version") != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schema_version must be " + SCHEMA_VERSION + ", was "
                    + root.get("schema_version"));
        }
        String id = text(root, "job_id");
        long created = instant(root, "created_at");
        JobStatus status = JobStatus.valueOf(text(root, "status"));

        JsonNode rn = object(root, "readiness");
        Readiness readiness = new Readiness(ReadinessStatus.valueOf(text(rn, "status")), integer(rn, "trades"),
                integer(rn, "required"), text(rn, "reason"));

        JsonNode sn = object(root, "data_summary");
        DataSummary summary = new DataSummary(integer(sn, "trades"), integer(sn, "wins"), num(sn, "mean_confidence"),
                instant(sn, "from"), instant(sn, "to"), integer(sn, "keys"), integer(sn, "trades_with_ensemble"));

        JsonNode cn = object(root, "confidence_calibration");
        double[] xs = doubles(cn, "thresholds_x");
        ConfidenceMap map = xs.length == 0 ? ConfidenceMap.IDENTITY : ConfidenceMap.of(xs, doubles(cn, "thresholds_y"));
        ConfidenceAnalysis confidence = new ConfidenceAnalysis(integer(cn, "train_trades"), integer(cn, "test_trades"),
                num(cn, "mse_raw"), num(cn, "mse_calibrated"), num(cn, "improvement"), bool(cn, "enabled"), map);

        JsonNode wn = object(root, "ensemble_weights");
        List<WeightChange> changes = new ArrayList<>();
        Map<String, Double> current = new TreeMap<>();
        Map<String, Double> proposed = new TreeMap<>();
        for (JsonNode row : array(wn, "changes")) {
            WeightChange ch = new WeightChange(text(row, "model"), num(row, "before"), num(row, "after"),
                    num(row, "precision"), integer(row, "calls"), text(row, "reason"));
            changes.add(ch);
            current.put(ch.model(), ch.before());
            proposed.put(ch.model(), ch.after());
        }
        WeightProposal weights = new WeightProposal(current, proposed, changes, text(wn, "problem"));

        List<SafetyCheck> checks = new ArrayList<>();
        for (JsonNode row : array(object(root, "validation"), "checks")) {
            checks.add(new SafetyCheck(SafetyCheck.Kind.valueOf(text(row, "check")), bool(row, "passed"),
                    text(row, "message")));
        }
        RiskAssessment risk = RiskAssessment.of(checks);
        CalibrationConfig config = ConfigFormat.fromJson(object(root, "proposed_config"));
        JsonNode rep = object(root, "reports");
        return new CalibrationJob(id, created, status, readiness, summary, confidence, weights, checks, risk, config,
                Path.of(text(rep, "markdown")), Path.of(text(rep, "json")));
    }
}

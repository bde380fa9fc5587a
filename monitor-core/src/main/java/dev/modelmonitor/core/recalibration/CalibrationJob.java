package dev.modelmonitor.core.recalibration;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One analysis and its proposal, waiting for approval (or blocked, a dry run, or deployed).
 *
 * <p>A job is BLOCKED when any safety check of level ERROR or CRITICAL failed or the risk band is HIGH; a
 * failed WARNING (confidence calibration disabled for want of improvement) does not block. A job forced
 * past a NOT_READY gate is a DRY_RUN. Only a PENDING_APPROVAL job can be approved.
 *
 * <p>The job is kept as a JSON file in the config directory's {@code jobs/} folder (which is also the JSON
 * report), so another process can approve it; the Markdown report sits next to it.
 *
 * @param id             the job id, also the version name of what it deploys, e.g. {@code cal_20260210_143022}
 * @param createdAtMillis when the analysis ran, epoch ms
 * @param status          where it stands
 * @param readiness       the readiness gate's verdict when it ran
 * @param summary         the data it ran on
 * @param confidence      the confidence analysis
 * @param weights         the weight proposal
 * @param checks          the five safety checks, in {@link SafetyCheck.Kind} order
 * @param risk            the risk assessment of the checks
 * @param proposed        what approval deploys
 * @param markdownReport  the Markdown report file
 * @param jsonReport      the JSON report file (the job file)
 */
public record CalibrationJob(String id, long createdAtMillis, JobStatus status, Readiness readiness,
                             DataSummary summary, ConfidenceAnalysis confidence, WeightProposal weights,
                             List<SafetyCheck> checks, RiskAssessment risk, CalibrationConfig proposed,
                             Path markdownReport, Path jsonReport) {

    /**
     * Validates and copies the fields.
     *
     * @throws IllegalArgumentException if a reference is null
     */
    public CalibrationJob {
        if (id == null || status == null || readiness == null || summary == null || confidence == null
                || weights == null || checks == null || risk == null || proposed == null || markdownReport == null
                || jsonReport == null) {
            throw new IllegalArgumentException("every field of a CalibrationJob must be non-null (job " + id + ")");
        }
        checks = List.copyOf(checks);
    }

    /** @return true when every check of level ERROR or CRITICAL passed */
    public boolean validationPassed() {
        for (SafetyCheck c : checks) {
            if (!c.passed() && c.level().blocks()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why this job cannot be approved, in one line; empty for a PENDING_APPROVAL job.
     *
     * @return the reason, or an empty string
     */
    public String refusal() {
        switch (status) {
            case BLOCKED:
                StringBuilder sb = new StringBuilder("job " + id + " is blocked (risk " + percent(risk.score()) + ", "
                        + risk.band() + ")");
                for (SafetyCheck c : checks) {
                    if (!c.passed() && c.level().blocks()) {
                        sb.append("; ").append(c.level()).append(' ').append(c.kind().title()).append(": ")
                                .append(c.message());
                    }
                }
                return sb.toString();
            case DRY_RUN:
                return "job " + id + " is a dry run (forced past the readiness gate: " + readiness.reason()
                        + ") and cannot be approved";
            case DEPLOYED:
                return "job " + id + " is already deployed; use rollback " + id + " to return to it";
            default:
                return "";
        }
    }

    /** @return when the analysis ran */
    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAtMillis);
    }

    /**
     * This job with another status.
     *
     * @param newStatus the status
     * @return a copy
     */
    CalibrationJob withStatus(JobStatus newStatus) {
        return new CalibrationJob(id, createdAtMillis, newStatus, readiness, summary, confidence, weights, checks,
                risk, proposed, markdownReport, jsonReport);
    }

    static String percent(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", fraction * 100);
    }
}

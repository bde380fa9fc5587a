package dev.modelmonitor.core.recalibration;

import java.time.Instant;
import java.util.Locale;

/**
 * The Markdown report of a job: status line, data summary, confidence table (predicted, calibrated,
 * adjustment at 0.50 .. 0.95), weight table with reasons, validation results with the risk score, and the
 * commands and calls to approve and roll back. Plain text; pure and thread-safe.
 */
final class ReportWriter {

    private ReportWriter() {
    }

    static String markdown(CalibrationJob job, String tool) {
        StringBuilder md = new StringBuilder(4096);
        md.append("# Calibration report ").append(job.id()).append("\n\n");
        md.append("- Status: **").append(job.status()).append("**\n");
        md.append("- Created: ").append(job.createdAt()).append('\n');
        md.append("- Readiness: ").append(job.readiness().status()).append(" (").append(job.readiness().reason())
                .append(")\n");
        md.append("- Validation: ").append(job.validationPassed() ? "PASSED" : "FAILED").append('\n');
        md.append("- Risk: ").append(CalibrationJob.percent(job.risk().score())).append(" (")
                .append(job.risk().band()).append(")\n\n");

        DataSummary s = job.summary();
        md.append("## Data summary\n\n");
        md.append("| Trades | Wins | Losses | Win rate | Mean confidence | From | To | Keys | With ensemble data |\n");
        md.append("|---:|---:|---:|---:|---:|---|---|---:|---:|\n");
        md.append("| ").append(s.trades()).append(" | ").append(s.wins()).append(" | ").append(s.losses()).append(" | ")
                .append(pct(s.winRate())).append(" | ").append(f3(s.meanConfidence())).append(" | ")
                .append(s.trades() == 0 ? "-" : Instant.ofEpochMilli(s.fromMillis()).toString()).append(" | ")
                .append(s.trades() == 0 ? "-" : Instant.ofEpochMilli(s.toMillis()).toString()).append(" | ")
                .append(s.keys()).append(" | ").append(s.tradesWithEnsemble()).append(" |\n\n");

        ConfidenceAnalysis c = job.confidence();
        md.append("## Confidence calibration\n\n");
        md.append("Isotonic regression from predicted confidence to observed win rate. Measured out of sample on a "
                + "time-ordered holdout: fitted on the oldest ").append(c.trainTrades())
                .append(" trades, scored on the newest ").append(c.testTrades()).append(".\n\n");
        md.append("- MSE raw: ").append(f4(c.mseRaw())).append(", calibrated: ").append(f4(c.mseCalibrated()))
                .append(", improvement: ").append(pct(c.improvement())).append(" (at least ")
                .append(pct(SafetyPolicy.MIN_CONFIDENCE_IMPROVEMENT)).append(" required)\n");
        md.append("- Confidence calibration: **").append(c.enabled() ? "enabled" : "disabled").append("**")
                .append(c.enabled() ? "" : " (the table shows the fitted map, which will not be deployed)")
                .append("\n\n");
        md.append("| Predicted confidence | Calibrated | Adjustment |\n|---:|---:|---:|\n");
        for (double p : JobFormat.TABLE) {
            double cal = c.map().apply(p);
            double adj = cal - p;
            md.append("| ").append(f2(p)).append(" | ").append(f3(cal)).append(" | ")
                    .append(String.format(Locale.ROOT, "%+.3f", adj)).append(arrow(adj)).append(" |\n");
        }
        md.append('\n');

        WeightProposal w = job.weights();
        md.append("## Ensemble weights\n\n");
        if (!w.hasWeights()) {
            md.append("No ensemble weights were attached to the trades: weights are left alone.\n\n");
        } else {
            if (!w.feasible()) {
                md.append("**No valid adjustment exists:** ").append(w.problem()).append(".\n\n");
            }
            md.append("| Model | Before | After | Delta | Change % | Precision | UP/DOWN calls | Reason |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
            for (WeightChange ch : w.changes()) {
                md.append("| ").append(ch.model()).append(" | ").append(f3(ch.before())).append(" | ")
                        .append(f3(ch.after())).append(" | ")
                        .append(String.format(Locale.ROOT, "%+.3f", ch.delta())).append(arrow(ch.delta()))
                        .append(" | ").append(String.format(Locale.ROOT, "%+.1f%%", ch.relativeChange() * 100))
                        .append(" | ").append(f2(ch.precision())).append(" | ").append(ch.calls()).append(" | ")
                        .append(ch.reason()).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Validation\n\n| Check | Level | Result | Detail |\n|---|---|---|---|\n");
        for (SafetyCheck ck : job.checks()) {
            md.append("| ").append(ck.kind().title()).append(" | ").append(ck.level()).append(" | ")
                    .append(ck.passed() ? "PASS" : "FAIL").append(" | ").append(ck.message()).append(" |\n");
        }
        RiskAssessment r = job.risk();
        md.append("\nRisk score: (").append(r.criticalFailures()).append(" critical x 0.5 + ").append(r.errorFailures())
                .append(" error x 0.3 + ").append(r.warningFailures()).append(" warning x 0.1) / ").append(r.checks())
                .append(" checks = ").append(String.format(Locale.ROOT, "%.3f", r.score())).append(" -> ")
                .append(r.band()).append(r.blocks() ? " (blocks deployment)" : "").append("\n\n");

        md.append("## Deployment\n\n");
        if (job.status() == JobStatus.PENDING_APPROVAL) {
            md.append("- Approve: `").append(tool).append(" approve ").append(job.id()).append("` (in process: `recalibrator.approve(\"")
                    .append(job.id()).append("\")`)\n");
        } else {
            md.append("- Not approvable: ").append(job.refusal()).append('\n');
        }
        md.append("- Roll back to the previous config: `").append(tool).append(" rollback` (in process: `recalibrator.rollback()`)\n");
        md.append("- Roll back to a named version: `").append(tool).append(" rollback <version>` (in process: `recalibrator.rollback(\"<version>\")`)\n");
        md.append("- After deploying, watch win rate, confidence alignment and drawdown for 24-48 hours.\n");
        return md.toString();
    }

    private static String arrow(double d) {
        if (d >= 0.0005) {
            return " ↑";
        }
        if (d <= -0.0005) {
            return " ↓";
        }
        return "";
    }

    private static String pct(double f) {
        return Double.isNaN(f) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", f * 100);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String f4(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}

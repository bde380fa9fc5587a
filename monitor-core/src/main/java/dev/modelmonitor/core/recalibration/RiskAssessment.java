package dev.modelmonitor.core.recalibration;

import java.util.List;

/**
 * The risk score of a job's safety checks: {@code (critical * 0.5 + error * 0.3 + warning * 0.1) / checks},
 * counting failed checks by level, and its band: LOW up to {@link SafetyPolicy#LOW_RISK_MAX} (0.20), MEDIUM
 * up to {@link SafetyPolicy#MEDIUM_RISK_MAX} (0.40), HIGH above, which blocks deployment.
 *
 * <p>The band is decided in exact integer arithmetic (the score times ten times the number of checks), so
 * a score of exactly 0.20 or 0.40 falls in the lower band whatever the rounding of the double score. With
 * five checks the score reaches HIGH only when at least four fail; that is why a failed ERROR or CRITICAL
 * check blocks a job by itself (see {@link CalibrationJob}).
 *
 * @param score           the risk score, in [0, 0.5]
 * @param band            its band
 * @param criticalFailures failed checks of level CRITICAL
 * @param errorFailures    failed checks of level ERROR
 * @param warningFailures  failed checks of level WARNING
 * @param checks           the number of checks, &gt;= 1
 */
public record RiskAssessment(double score, RiskBand band, int criticalFailures, int errorFailures,
                             int warningFailures, int checks) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a count is negative, failures exceed checks, or band is null
     */
    public RiskAssessment {
        if (band == null) {
            throw new IllegalArgumentException("band must not be null");
        }
        if (checks < 1) {
            throw new IllegalArgumentException("checks must be >= 1, was " + checks);
        }
        if (criticalFailures < 0 || errorFailures < 0 || warningFailures < 0
                || criticalFailures + errorFailures + warningFailures > checks) {
            throw new IllegalArgumentException("failures must be >= 0 and at most checks (" + checks + "), was "
                    + criticalFailures + " critical, " + errorFailures + " error, " + warningFailures + " warning");
        }
    }

    /**
     * Scores failure counts.
     *
     * @param critical failed CRITICAL checks
     * @param error    failed ERROR checks
     * @param warning  failed WARNING checks
     * @param checks   all checks, &gt;= the failures' sum, &gt;= 1
     * @return the assessment
     * @throws IllegalArgumentException if the counts are inconsistent
     */
    public static RiskAssessment of(int critical, int error, int warning, int checks) {
        if (checks < 1) {
            throw new IllegalArgumentException("checks must be >= 1, was " + checks);
        }
        long tenths = 5L * critical + 3L * error + warning;
        RiskBand band;
        if (tenths <= Math.round(SafetyPolicy.LOW_RISK_MAX * 10) * (long) checks) {
            band = RiskBand.LOW;
        } else if (tenths <= Math.round(SafetyPolicy.MEDIUM_RISK_MAX * 10) * (long) checks) {
            band = RiskBand.MEDIUM;
        } else {
            band = RiskBand.HIGH;
        }
        return new RiskAssessment(tenths / (10.0 * checks), band, critical, error, warning, checks);
    }

    /**
     * Scores a list of checks.
     *
     * @param results the checks, not empty
     * @return the assessment
     */
    public static RiskAssessment of(List<SafetyCheck> results) {
        if (results == null || results.isEmpty()) {
            throw new IllegalArgumentException("results must not be empty, was " + results);
        }
        int c = 0;
        int e = 0;
        int w = 0;
        for (SafetyCheck r : results) {
            if (r.passed()) {
                continue;
            }
            switch (r.level()) {
                case CRITICAL:
                    c++;
                    break;
                case ERROR:
                    e++;
                    break;
                default:
                    w++;
                    break;
            }
        }
        return of(c, e, w, results.size());
    }

    /** @return true when the band is HIGH */
    public boolean blocks() {
        return band == RiskBand.HIGH;
    }
}

package dev.modelmonitor.core.recalibration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetyChecksTest {

    private static ConfidenceAnalysis confidence(double raw, double calibrated) {
        return new ConfidenceAnalysis(70, 30, raw, calibrated, (raw - calibrated) / raw,
                ConfidenceCalibrator.improves(raw, calibrated), ConfidenceMap.IDENTITY);
    }

    @Test
    void confidenceImprovementPassesAtFivePercentAndWarnsBelow() {
        SafetyCheck at = SafetyValidator.confidenceImprovement(confidence(0.2, 0.19));
        assertTrue(at.passed());
        assertEquals(CheckLevel.WARNING, at.level());
        assertEquals("out-of-sample MSE 0.2000 -> 0.1900 (-5.0%), at least 5.0% better: confidence calibration "
                + "enabled", at.message());

        SafetyCheck below = SafetyValidator.confidenceImprovement(confidence(0.2, 0.1901));
        assertFalse(below.passed());
        assertEquals("out-of-sample MSE 0.2000 -> 0.1901 (-5.0%), less than 5.0% better: confidence calibration "
                + "disabled", below.message());
        assertFalse(ConfidenceCalibrator.improves(0.2, 0.21), "worse is not better");
        assertFalse(ConfidenceCalibrator.improves(0.0, 0.0), "nothing to improve on");
    }

    @Test
    void confidenceImprovementWithoutHoldoutFails() {
        ConfidenceAnalysis none = new ConfidenceAnalysis(1, 0, Double.NaN, Double.NaN, 0, false, ConfidenceMap.IDENTITY);
        SafetyCheck c = SafetyValidator.confidenceImprovement(none);
        assertFalse(c.passed());
        assertEquals("no holdout trades to measure the MSE on: confidence calibration disabled", c.message());
    }

    @ParameterizedTest
    @CsvSource({"0.401, true", "0.399, true", "0.4011, false", "0.3989, false"})
    void weightSumWithinOneThousandth(double first, boolean passes) {
        SafetyCheck c = SafetyValidator.weightSum(Map.of("a", first, "b", 0.3, "c", 0.3));
        assertEquals(passes, c.passed(), c.message());
        assertEquals(CheckLevel.CRITICAL, c.level());
    }

    @Test
    void weightSumMessage() {
        assertEquals("weights sum to 0.900000, not 1 within 0.001",
                SafetyValidator.weightSum(Map.of("a", 0.3, "b", 0.3, "c", 0.3)).message());
        assertEquals("no ensemble weights to adjust", SafetyValidator.weightSum(Map.of()).message());
        assertTrue(SafetyValidator.weightSum(Map.of()).passed());
    }

    @ParameterizedTest
    @CsvSource({"0.15, true", "0.40, true", "0.1499, false", "0.4001, false"})
    void weightBoundsInclusive(double w, boolean passes) {
        SafetyCheck c = SafetyValidator.weightBounds(Map.of("a", w, "b", 0.3));
        assertEquals(passes, c.passed(), c.message());
        assertEquals(CheckLevel.ERROR, c.level());
    }

    @Test
    void weightBoundsMessageNamesTheModels() {
        assertEquals("outside [0.15, 0.40]: a 0.1000, c 0.5000",
                SafetyValidator.weightBounds(Map.of("a", 0.1, "b", 0.4, "c", 0.5)).message());
        assertEquals("every weight in [0.15, 0.40]", SafetyValidator.weightBounds(Map.of("a", 0.2)).message());
    }

    @ParameterizedTest
    @CsvSource({"0.22, true", "0.18, true", "0.2201, false", "0.1799, false"})
    void maxChangeIsTenPercentOfTheCurrentWeight(double after, boolean passes) {
        SafetyCheck c = SafetyValidator.maxChange(Map.of("a", 0.2), Map.of("a", after));
        assertEquals(passes, c.passed(), c.message());
        assertEquals(CheckLevel.ERROR, c.level());
    }

    @Test
    void maxChangeMessages() {
        assertEquals("more than 10.0% of the current weight: a 0.2000 -> 0.2500, b has no current weight",
                SafetyValidator.maxChange(Map.of("a", 0.2), Map.of("a", 0.25, "b", 0.3)).message());
        assertEquals("largest change 5.0% of the current weight, at most 10.0%",
                SafetyValidator.maxChange(Map.of("a", 0.2), Map.of("a", 0.21)).message());
    }

    @ParameterizedTest
    @CsvSource({"15, true", "85, true", "14, false", "86, false", "0, false", "100, false"})
    void outcomeDiversityNeedsFifteenPercentOfEach(int wins, boolean passes) {
        SafetyCheck c = SafetyValidator.outcomeDiversity(wins, 100);
        assertEquals(passes, c.passed(), c.message());
        assertEquals(CheckLevel.ERROR, c.level());
    }

    @Test
    void outcomeDiversityMessages() {
        assertEquals("wins 14.0%, losses 86.0%; each must be at least 15.0%",
                SafetyValidator.outcomeDiversity(14, 100).message());
        assertEquals("wins 15.0%, losses 85.0%, each at least 15.0%", SafetyValidator.outcomeDiversity(15, 100).message());
        assertEquals("no trades: at least 15.0% wins and 15.0% losses required",
                SafetyValidator.outcomeDiversity(0, 0).message());
    }

    @Test
    void riskBandsAtTheirBoundaries() {
        // five checks: 2 critical = 1.0 / 5 = 0.20 exactly: LOW; one more warning: 0.22 MEDIUM
        assertEquals(RiskBand.LOW, RiskAssessment.of(2, 0, 0, 5).band());
        assertEquals(0.2, RiskAssessment.of(2, 0, 0, 5).score(), 1e-15);
        assertEquals(RiskBand.MEDIUM, RiskAssessment.of(2, 0, 1, 5).band());
        // 4 critical = 0.40: MEDIUM; 4 critical + 1 warning = 0.42: HIGH
        assertEquals(RiskBand.MEDIUM, RiskAssessment.of(4, 0, 0, 5).band());
        assertEquals(RiskBand.HIGH, RiskAssessment.of(4, 0, 1, 5).band());
        assertTrue(RiskAssessment.of(4, 0, 1, 5).blocks());
        assertFalse(RiskAssessment.of(4, 0, 0, 5).blocks());
        assertEquals(RiskBand.LOW, RiskAssessment.of(0, 0, 0, 5).band());
        assertEquals(0.0, RiskAssessment.of(0, 0, 0, 5).score());
        assertEquals(RiskBand.LOW, RiskAssessment.of(0, 6, 2, 10).band(), "20 tenths over 10 checks = 0.20");
        assertEquals(RiskBand.MEDIUM, RiskAssessment.of(0, 6, 3, 10).band());
        assertEquals(RiskBand.MEDIUM, RiskAssessment.of(8, 0, 0, 10).band(), "0.40");
        assertEquals(RiskBand.HIGH, RiskAssessment.of(8, 0, 1, 10).band());
        assertEquals(0.5, RiskAssessment.of(5, 0, 0, 5).score(), 1e-15);
    }

    @Test
    void riskOfChecksCountsFailuresByLevel() {
        List<SafetyCheck> checks = List.of(
                new SafetyCheck(SafetyCheck.Kind.CONFIDENCE_IMPROVEMENT, false, "w"),
                new SafetyCheck(SafetyCheck.Kind.WEIGHT_SUM, false, "c"),
                new SafetyCheck(SafetyCheck.Kind.WEIGHT_BOUNDS, false, "e"),
                new SafetyCheck(SafetyCheck.Kind.MAX_WEIGHT_CHANGE, true, "ok"),
                new SafetyCheck(SafetyCheck.Kind.OUTCOME_DIVERSITY, true, "ok"));
        RiskAssessment r = RiskAssessment.of(checks);
        assertEquals(1, r.criticalFailures());
        assertEquals(1, r.errorFailures());
        assertEquals(1, r.warningFailures());
        assertEquals((0.5 + 0.3 + 0.1) / 5, r.score(), 1e-15);
        assertEquals(RiskBand.LOW, r.band());
    }

    @Test
    void riskRejectsInconsistentCounts() {
        assertEquals("checks must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> RiskAssessment.of(0, 0, 0, 0)).getMessage());
        assertEquals("failures must be >= 0 and at most checks (5), was 3 critical, 2 error, 1 warning",
                assertThrows(IllegalArgumentException.class, () -> RiskAssessment.of(3, 2, 1, 5)).getMessage());
        assertEquals("results must not be empty, was []",
                assertThrows(IllegalArgumentException.class, () -> RiskAssessment.of(List.of())).getMessage());
    }

    @Test
    void levelsOfTheFiveChecks() {
        assertEquals(CheckLevel.WARNING, SafetyCheck.Kind.CONFIDENCE_IMPROVEMENT.level());
        assertEquals(CheckLevel.CRITICAL, SafetyCheck.Kind.WEIGHT_SUM.level());
        assertEquals(CheckLevel.ERROR, SafetyCheck.Kind.WEIGHT_BOUNDS.level());
        assertEquals(CheckLevel.ERROR, SafetyCheck.Kind.MAX_WEIGHT_CHANGE.level());
        assertEquals(CheckLevel.ERROR, SafetyCheck.Kind.OUTCOME_DIVERSITY.level());
        assertEquals(0.5, CheckLevel.CRITICAL.riskWeight());
        assertEquals(0.3, CheckLevel.ERROR.riskWeight());
        assertEquals(0.1, CheckLevel.WARNING.riskWeight());
    }

    @Test
    void readinessGateAtFifty() {
        Readiness at = Readiness.of(50);
        assertTrue(at.ready());
        assertEquals("Trade count sufficient (50/50)", at.reason());
        Readiness below = Readiness.of(49);
        assertEquals(ReadinessStatus.NOT_READY, below.status());
        assertEquals("Trade count insufficient (49/50): 1 more resolved trade needed", below.reason());
        assertEquals("Trade count insufficient (0/50): 50 more resolved trades needed", Readiness.of(0).reason());
        assertEquals("trades must be >= 0, was -1",
                assertThrows(IllegalArgumentException.class, () -> Readiness.of(-1)).getMessage());
        assertEquals(50, SafetyPolicy.MIN_TRADES);
    }
}

package dev.modelmonitor.core.recalibration;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfidenceImprovementTest {

    /**
     * Confidence c uniform in [0.5, 0.95] with a true win rate g(c) = 0.5 + 0.3 (c - 0.5). The best any map
     * can do is g itself, which cuts the Brier score of confidence by E[(c - g(c))^2] = 0.49 E[v^2] with
     * v uniform in [0, 0.45]: 0.49 * 0.45^2 / 3 = 0.033075. The map fitted on 20,000 trades must realise that
     * cut on 200,000 fresh trades within 5% (its estimation error is a few thousandths of the Brier score;
     * the sampling error of the cut on 200,000 trades is about 0.0002).
     */
    @Test
    void theDeployedMapCutsTheBrierScoreByWhatTheKnownMiscalibrationImplies() {
        double implied = 0.49 * 0.45 * 0.45 / 3;
        ConfidenceAnalysis analysis = ConfidenceCalibrator.analyze(Sim.trades(20_000, 1, Sim.OVERCONFIDENT, false));
        assertTrue(analysis.enabled());
        ConfidenceMap map = analysis.deployedMap();
        SplittableRandom rnd = new SplittableRandom(99);
        int n = 200_000;
        double raw = 0;
        double calibrated = 0;
        for (int i = 0; i < n; i++) {
            double c = 0.5 + 0.45 * rnd.nextDouble();
            double y = rnd.nextDouble() < Sim.OVERCONFIDENT.applyAsDouble(c) ? 1 : 0;
            raw += (c - y) * (c - y);
            calibrated += (map.apply(c) - y) * (map.apply(c) - y);
        }
        double cut = (raw - calibrated) / n;
        assertEquals(implied, cut, 0.05 * implied, "cut " + cut + " vs implied " + implied);
        // the holdout measured the same thing on its own 6,000 newest trades
        assertEquals(implied, analysis.mseRaw() - analysis.mseCalibrated(), 0.2 * implied);
        assertEquals(14_000, analysis.trainTrades());
        assertEquals(6_000, analysis.testTrades());
    }

    @Test
    void aWellCalibratedModelGainsNothingOutOfSampleAndStaysDisabled() {
        ConfidenceAnalysis analysis = ConfidenceCalibrator.analyze(Sim.trades(2_000, 3, c -> c, false));
        assertFalse(analysis.enabled(), "improvement " + analysis.improvement());
        assertTrue(analysis.deployedMap().isIdentity());
        assertFalse(analysis.map().isIdentity(), "the fitted map is still reported");
    }

    @Test
    void holdoutIsTheNewestThirtyPercent() {
        ConfidenceAnalysis a = ConfidenceCalibrator.analyze(Sim.trades(50, 5, Sim.OVERCONFIDENT, false));
        assertEquals(35, a.trainTrades());
        assertEquals(15, a.testTrades());
        ConfidenceAnalysis one = ConfidenceCalibrator.analyze(Sim.fixed(1, 1));
        assertEquals(0, one.testTrades());
        assertFalse(one.enabled());
        ConfidenceAnalysis none = ConfidenceCalibrator.analyze(List.of());
        assertTrue(none.map().isIdentity());
        assertTrue(Double.isNaN(none.mseRaw()));
    }
}

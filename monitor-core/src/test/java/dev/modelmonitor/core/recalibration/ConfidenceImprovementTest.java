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
    void theEndStepsArePooledUntilEachHoldsTenTrades() {
        // 40 trades at confidences 0.50, 0.51, ...: the lowest one lost and the highest won, the rest win
        // every third trade; plain isotonic regression pins both ends (0 at the bottom, 1 at the top)
        int n = 40;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.50 + 0.01 * i;
            y[i] = i == n - 1 ? 1 : (i > 0 && i % 3 == 0 ? 1 : 0);
        }
        dev.modelmonitor.stats.IsotonicMap plain = dev.modelmonitor.stats.IsotonicRegression.fit(x, y);
        assertEquals(0.0, plain.apply(0.50));
        assertEquals(1.0, plain.apply(0.89));
        ConfidenceMap pooled = ConfidenceCalibrator.fit(x, y, n);
        int low = 0;
        int high = 0;
        for (int i = 0; i < n; i++) {
            low += pooled.apply(x[i]) == pooled.apply(x[0]) ? 1 : 0;
            high += pooled.apply(x[i]) == pooled.apply(x[n - 1]) ? 1 : 0;
        }
        assertTrue(low >= SafetyPolicy.MIN_TRADES_PER_END_STEP, "lowest step holds " + low);
        assertTrue(high >= SafetyPolicy.MIN_TRADES_PER_END_STEP, "highest step holds " + high);
        double lowMean = 0;
        for (int i = 0; i < low; i++) {
            lowMean += y[i];
        }
        assertEquals(lowMean / low, pooled.apply(0.50), 1e-15, "the pooled step is its trades' win rate");
        assertTrue(pooled.apply(0.50) > 0 && pooled.apply(0.89) < 1);
        double previous = 0;
        for (double c = 0.5; c <= 0.9; c += 0.001) {
            assertTrue(pooled.apply(c) >= previous, "non-decreasing at " + c);
            previous = pooled.apply(c);
        }
        ConfidenceMap few = ConfidenceCalibrator.fit(new double[] {0.6, 0.7, 0.8}, new double[] {0, 1, 1}, 3);
        assertEquals(2.0 / 3, few.apply(0.65), 1e-15, "fewer trades than the minimum: one step");
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

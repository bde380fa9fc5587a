package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Guards the published detector figures (DETECTORS.md, 2000 replicates) with the first 300 replicates of
 * the same seeded simulation: each figure must stay inside a band wide enough for the smaller sample
 * (about 4 standard errors) and narrow enough to catch a change of behaviour.
 */
class DetectorSimulationTest {

    @Test
    void figuresStayWithinTheirBands() {
        DetectorSimulation.Figures[] f = DetectorSimulation.simulateAll(300);
        DetectorSimulation.Figures cusum = f[0];
        DetectorSimulation.Figures ph = f[1];
        DetectorSimulation.Figures adwin = f[2];
        DetectorSimulation.Figures z = f[3];

        check(cusum.meanRunLength(), 800, 1250, cusum.name() + " in-control ARL");
        check(cusum.alarmedFraction(), 0.99, 1.0, cusum.name() + " alarmed");
        check(cusum.meanDelay(), 70, 120, cusum.name() + " delay");

        check(ph.alarmedFraction(), 0.25, 0.48, ph.name() + " alarmed");
        check(ph.meanDelay(), 520, 690, ph.name() + " delay");
        check(ph.detectedFraction(), 0.99, 1.0, ph.name() + " detected");

        check(adwin.alarmedFraction(), 0.0, 0.03, adwin.name() + " alarmed");
        check(adwin.medianDelay(), 800, 1500, adwin.name() + " median delay");
        check(adwin.detectedFraction(), 0.85, 1.0, adwin.name() + " detected");

        check(z.meanRunLength(), 220, 360, z.name() + " in-control run length");
        check(z.meanDelay(), 40, 70, z.name() + " delay");
    }

    private static void check(double value, double lo, double hi, String what) {
        assertTrue(value >= lo && value <= hi, what + " = " + value + ", expected in [" + lo + ", " + hi + "]");
    }
}

package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of {@link Calibration}: the exact Brier identity and the ranges of its terms. */
class CalibrationPropertiesTest {

    private static double[] probabilities(SplittableRandom r, int n, int grain) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            // a coarse grain puts many forecasts on bin edges and in ties
            p[i] = grain == 0 ? r.nextDouble() : r.nextInt(grain + 1) / (double) grain;
        }
        return p;
    }

    private static int[] outcomes(SplittableRandom r, double[] p) {
        int[] y = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            y[i] = r.nextDouble() < p[i] ? 1 : 0;
        }
        return y;
    }

    @Property
    void brierIdentityHoldsExactly(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 20) int bins, @ForAll @IntRange(min = 0, max = 30) int grain) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = probabilities(r, n, grain);
        int[] y = outcomes(r, p);
        BrierDecomposition d = Calibration.brierDecomposition(y, p, bins);
        assertEquals(Calibration.brier(y, p), d.brier(), 1e-15);
        assertEquals(d.brier(), d.reconstructedBrier(), 1e-14,
                () -> "REL - RES + UNC + WBV - 2 WBC must equal the Brier score: " + d);
        assertTrue(d.reliability() >= 0 && d.resolution() >= 0 && d.withinBinVariance() >= 0);
        assertTrue(d.uncertainty() >= 0 && d.uncertainty() <= 0.25);
        assertTrue(d.resolution() <= d.uncertainty() + 1e-15, "RES <= UNC");
    }

    @Property
    void eceIsBetweenZeroAndMce(@ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int n,
            @ForAll @IntRange(min = 1, max = 20) int bins) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = probabilities(r, n, r.nextInt(3) * 10);
        int[] y = outcomes(r, p);
        double ece = Calibration.expectedCalibrationError(y, p, bins);
        double mce = Calibration.maximumCalibrationError(y, p, bins);
        assertTrue(ece >= 0 && ece <= mce + 1e-15 && mce <= 1, () -> "ece " + ece + " mce " + mce);
    }

    @Property(tries = 300)
    void curveCountsCoverEveryForecast(@ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int n,
            @ForAll @IntRange(min = 1, max = 15) int bins) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = probabilities(r, n, r.nextInt(3) * 10);
        int[] y = outcomes(r, p);
        for (BinningStrategy s : BinningStrategy.values()) {
            ReliabilityCurve c = Calibration.reliabilityCurve(y, p, bins, s);
            long total = 0;
            for (long k : c.counts()) {
                total += k;
            }
            assertEquals(n, total);
            assertTrue(c.size() <= bins);
        }
    }

    @Property(tries = 300)
    void quantileEdgesEqualThoseOfAFullSort(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int n,
            @ForAll @IntRange(min = 1, max = 25) int bins) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = probabilities(r, n, r.nextInt(3) * 7);
        double[] sorted = p.clone();
        java.util.Arrays.sort(sorted);
        double[] expected = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            double v = (n - 1) * ((Calibration.uniformEdges(bins)[i] * 100.0) / 100.0);
            if (v >= n - 1) {
                expected[i] = sorted[n - 1];
            } else {
                int lo = (int) Math.floor(v);
                double g = v - lo;
                double d = sorted[lo + 1] - sorted[lo];
                expected[i] = g >= 0.5 ? sorted[lo + 1] - d * (1 - g) : sorted[lo] + d * g;
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, Calibration.quantileEdges(p, bins));
    }
}

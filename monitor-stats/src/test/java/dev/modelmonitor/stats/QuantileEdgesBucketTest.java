package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The bucketed order statistics behind the quantile edges agree with a full sort, whatever the spread. */
class QuantileEdgesBucketTest {

    private static double[] sortedEdges(double[] p, int bins) {
        int n = p.length;
        double[] sorted = p.clone();
        Arrays.sort(sorted);
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
        return expected;
    }

    /**
     * Large inputs of several shapes: spread, squeezed into one bucket, ties on bucket bounds, a few values
     * far from the rest, and signed zeros.
     */
    @Property(tries = 200)
    void largeInputsMatchAFullSort(@ForAll long seed, @ForAll @IntRange(min = 2048, max = 40000) int n,
            @ForAll @IntRange(min = 1, max = 30) int bins, @ForAll @IntRange(min = 0, max = 4) int shape) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            switch (shape) {
                case 0 -> p[i] = r.nextDouble();
                case 1 -> p[i] = 0.5 + r.nextDouble() * 1e-6;
                case 2 -> p[i] = r.nextInt(9) / 8.0;
                case 3 -> p[i] = r.nextInt(100) == 0 ? r.nextDouble() : 0.25 + r.nextDouble() * 1e-3;
                default -> p[i] = r.nextBoolean() ? -0.0 : r.nextInt(3) == 0 ? 1.0 : 0.0;
            }
        }
        // -0.0 and 0.0 compare equal, so which of the two an edge is depends on the selection order
        assertArrayEquals(positiveZero(sortedEdges(p, bins)), positiveZero(Calibration.quantileEdges(p, bins)));
    }

    private static double[] positiveZero(double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] += 0.0;
        }
        return a;
    }
}

package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of isotonic fitting: the map is monotone and bounded, and on small inputs no monotone fit has a
 * smaller weighted squared error (checked against every partition of the distinct x values into
 * consecutive blocks, which contains the optimum).
 */
class IsotonicPropertiesTest {

    @Property
    void mapIsMonotoneAndInsideTheUnitInterval(@ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextBoolean() ? r.nextInt(10) / 10.0 : r.nextDouble() * 4 - 2;
            y[i] = r.nextInt(3) == 0 ? r.nextDouble() * 3 - 1 : r.nextInt(2);
        }
        IsotonicMap m = IsotonicRegression.fit(x, y);
        double prev = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= 200; i++) {
            double v = m.apply(-2.5 + i * 0.025);
            assertTrue(v >= prev && v >= 0 && v <= 1, () -> "not monotone in [0, 1]: " + m);
            prev = v;
        }
    }

    /**
     * The bucket index finds the same interval as a binary search over every threshold, bit for bit: at the
     * thresholds themselves, next to them (one ulp either side), at bucket edges and anywhere in between,
     * for thresholds spread evenly, clustered, or spanning many orders of magnitude.
     */
    @Property(tries = 400)
    void bucketIndexAgreesWithAFullBinarySearch(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int n,
            @ForAll @IntRange(min = 0, max = 2) int shape) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        double v = shape == 2 ? 1e-9 : r.nextDouble();
        double level = 0;
        for (int i = 0; i < n; i++) {
            v += shape == 0 ? 0.001 + r.nextDouble() : shape == 1
                    ? (r.nextInt(20) == 0 ? 10 : 1e-6 * (1 + r.nextDouble())) : v * (0.1 + r.nextDouble());
            x[i] = v;
            level += r.nextInt(3) == 0 ? r.nextDouble() : 0;
            y[i] = level;
        }
        IsotonicMap m = new IsotonicMap(x, y);
        for (int i = 0; i < n; i++) {
            for (double q : new double[] {x[i], Math.nextUp(x[i]), Math.nextDown(x[i])}) {
                assertTrue(Double.compare(m.apply(q), m.applyBySearch(q)) == 0, () -> "differs at " + q);
            }
        }
        double lo = x[0] - 1;
        double hi = x[n - 1] + 1;
        for (int i = 0; i < 2000; i++) {
            double q = i % 2 == 0 ? lo + (hi - lo) * r.nextDouble() : x[0] + (x[n - 1] - x[0]) * i / 2000.0;
            assertTrue(Double.compare(m.apply(q), m.applyBySearch(q)) == 0, () -> "differs at " + q);
        }
    }

    @Property(tries = 500)
    void minimisesSquaredErrorAmongMonotoneFits(@ForAll long seed, @ForAll @IntRange(min = 1, max = 7) int n,
            @ForAll boolean weighted) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(5); // ties on purpose
            y[i] = r.nextInt(4) == 0 ? r.nextInt(2) : r.nextDouble();
            w[i] = weighted ? 0.25 + r.nextInt(8) * 0.5 : 1.0;
        }
        IsotonicMap m = IsotonicRegression.fit(x, y, w);
        double fitted = 0;
        for (int i = 0; i < n; i++) {
            double d = y[i] - m.apply(x[i]);
            fitted += w[i] * d * d;
        }
        double best = bruteForce(x, y, w);
        double fittedSse = fitted;
        assertTrue(fittedSse <= best + 1e-12, () -> "PAV error " + fittedSse + " above the optimum " + best);
    }

    /** The least weighted squared error over all monotone functions of x, by enumerating block partitions. */
    private static double bruteForce(double[] x, double[] y, double[] w) {
        double[] ux = Arrays.stream(x).distinct().sorted().toArray();
        int m = ux.length;
        double[] gw = new double[m];
        double[] gwy = new double[m];
        for (int i = 0; i < x.length; i++) {
            int g = Arrays.binarySearch(ux, x[i]);
            gw[g] += w[i];
            gwy[g] += w[i] * y[i];
        }
        double best = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < 1 << Math.max(0, m - 1); mask++) {
            double[] f = new double[m];
            double prevMean = Double.NEGATIVE_INFINITY;
            boolean monotone = true;
            int start = 0;
            for (int g = 0; g < m; g++) {
                boolean cut = g == m - 1 || (mask >> g & 1) == 1;
                if (cut) {
                    double sw = 0;
                    double swy = 0;
                    for (int j = start; j <= g; j++) {
                        sw += gw[j];
                        swy += gwy[j];
                    }
                    double mean = swy / sw;
                    if (mean < prevMean) {
                        monotone = false;
                    }
                    prevMean = mean;
                    for (int j = start; j <= g; j++) {
                        f[j] = mean;
                    }
                    start = g + 1;
                }
            }
            if (!monotone) {
                continue;
            }
            double sse = 0;
            for (int i = 0; i < x.length; i++) {
                double d = y[i] - f[Arrays.binarySearch(ux, x[i])];
                sse += w[i] * d * d;
            }
            best = Math.min(best, sse);
        }
        return best;
    }
}

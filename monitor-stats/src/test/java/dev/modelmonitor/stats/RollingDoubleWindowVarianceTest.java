package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The lazily maintained variance agrees with a brute-force one however often (or rarely) it is read. */
class RollingDoubleWindowVarianceTest {

    private static double bruteVariance(List<Double> xs, int capacity) {
        int from = Math.max(0, xs.size() - capacity);
        int n = xs.size() - from;
        double sum = 0;
        for (int i = from; i < xs.size(); i++) {
            sum += xs.get(i);
        }
        double mean = sum / n;
        double ss = 0;
        for (int i = from; i < xs.size(); i++) {
            ss += (xs.get(i) - mean) * (xs.get(i) - mean);
        }
        return ss / n;
    }

    private static double scale(List<Double> xs, int capacity) {
        double big = 0;
        for (int i = Math.max(0, xs.size() - 2 * capacity); i < xs.size(); i++) {
            big = Math.max(big, Math.abs(xs.get(i)));
        }
        return big;
    }

    @Property(tries = 300)
    void sparseAndDenseReadsMatchBruteForce(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int capacity,
            @ForAll @IntRange(min = 1, max = 200) int readEvery, @ForAll @IntRange(min = 0, max = 2) int level) {
        SplittableRandom r = new SplittableRandom(seed);
        RollingDoubleWindow w = new RollingDoubleWindow(capacity);
        RollingDoubleWindow copy = null;
        List<Double> xs = new ArrayList<>();
        double offset = level == 0 ? 0.0 : level == 1 ? 1e6 : -3e3;
        for (int t = 0; t < 1000; t++) {
            double x = offset + r.nextGaussian() * (t % 300 < 150 ? 1.0 : 40.0);
            w.add(x);
            xs.add(x);
            if (t % readEvery == 0 || r.nextInt(50) == 0) {
                double big = scale(xs, capacity);
                double tol = 1e-12 * capacity * big * big + 1e-300;
                assertEquals(bruteVariance(xs, capacity), w.populationVariance(), tol, "t=" + t);
                if (w.size() >= 2) {
                    assertEquals(bruteVariance(xs, capacity) * w.size() / (w.size() - 1), w.variance(),
                            tol * 2, "t=" + t);
                }
            }
            if (t == 500) {
                copy = w.copy();
            }
        }
        // the copy taken at t = 500 continues independently, with its own variance state
        List<Double> ys = new ArrayList<>(xs.subList(0, 501));
        for (int t = 0; t < 300; t++) {
            double x = offset + r.nextGaussian();
            copy.add(x);
            ys.add(x);
        }
        double big = scale(ys, capacity);
        assertEquals(bruteVariance(ys, capacity), copy.populationVariance(),
                1e-12 * capacity * big * big + 1e-300);
        w.reset();
        w.add(2.0);
        w.add(4.0);
        assertEquals(capacity == 1 ? 0.0 : 1.0, w.populationVariance());
        assertEquals(capacity == 1 ? 4.0 : 3.0, w.mean());
    }
}

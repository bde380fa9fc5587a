package dev.modelmonitor.stats;

import static dev.modelmonitor.stats.ClassicReference.assertAllClose;
import static dev.modelmonitor.stats.ClassicReference.doubles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link IsotonicRegression} and {@link IsotonicMap} against scikit-learn 1.2
 * {@code IsotonicRegression(out_of_bounds='clip', y_min=0, y_max=1)}: thresholds and predictions to 1e-12
 * relative.
 */
class IsotonicRegressionTest {

    private static final double TOL = 1e-12;

    static Stream<JsonNode> cases() {
        List<JsonNode> list = new ArrayList<>();
        ClassicReference.section("isotonic").forEach(list::add);
        return list.stream();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void agreesWithScikitLearn(JsonNode c) {
        String name = c.get("name").asText();
        double[] x = doubles(c.get("x"));
        double[] y = doubles(c.get("y"));
        IsotonicMap map = c.has("weights") ? IsotonicRegression.fit(x, y, doubles(c.get("weights")))
                : IsotonicRegression.fit(x, y);
        assertAllClose(doubles(c.get("thresholdsX")), map.thresholdsX(), TOL, name + " X_thresholds_");
        assertAllClose(doubles(c.get("thresholdsY")), map.thresholdsY(), TOL, name + " y_thresholds_");
        double[] grid = doubles(c.get("grid"));
        double[] out = new double[grid.length];
        map.applyAll(grid, out);
        assertAllClose(doubles(c.get("predicted")), out, TOL, name + " predict");
    }

    @Test
    void singlePointAndAllEqualXGiveAConstantMap() {
        IsotonicMap one = IsotonicRegression.fit(new double[] {0.4}, new double[] {1.0});
        assertEquals(1, one.size());
        assertEquals(1.0, one.apply(-5));
        assertEquals(1.0, one.apply(5));
        IsotonicMap same = IsotonicRegression.fit(new double[] {0.2, 0.2, 0.2}, new double[] {1, 0, 0});
        assertEquals(1, same.size());
        assertEquals(1.0 / 3, same.apply(0.9), 1e-15);
    }

    @Test
    void clipsToTheUnitIntervalAndCanBeUnbounded() {
        double[] x = {1, 2, 3};
        double[] y = {-1, 0.5, 3};
        assertArrayEquals(new double[] {0, 0.5, 1}, IsotonicRegression.fit(x, y).thresholdsY());
        assertArrayEquals(y, IsotonicRegression.fit(x, y, null, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY).thresholdsY());
    }

    @Test
    void poolsViolatorsWithWeights() {
        // (0, 1) weight 3 and (1, 0) weight 1 pool to 0.75
        IsotonicMap m = IsotonicRegression.fit(new double[] {0, 1}, new double[] {1, 0}, new double[] {3, 1});
        assertEquals(0.75, m.apply(0.5));
        assertArrayEquals(new double[] {0, 1}, m.thresholdsX());
    }

    @Test
    void zeroWeightPointsAreIgnored() {
        IsotonicMap m = IsotonicRegression.fit(new double[] {0, 1, 2}, new double[] {0, 0, 1},
                new double[] {1, 0, 1});
        assertArrayEquals(new double[] {0, 2}, m.thresholdsX());
    }

    @Test
    void interpolatesAndClipsOutside() {
        IsotonicMap m = new IsotonicMap(new double[] {0.2, 0.4, 0.8}, new double[] {0.1, 0.5, 0.9});
        assertEquals(0.1, m.apply(0.0));
        assertEquals(0.1, m.apply(0.2));
        assertEquals(0.3, m.apply(0.3), 1e-15);
        assertEquals(0.5, m.apply(0.4));
        assertEquals(0.7, m.apply(0.6), 1e-15);
        assertEquals(0.9, m.apply(0.8));
        assertEquals(0.9, m.apply(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(m.apply(Double.NaN)));
        assertEquals(3, m.size());
    }

    @Test
    void accessorsReturnCopies() {
        IsotonicMap m = new IsotonicMap(new double[] {0.2, 0.4}, new double[] {0.1, 0.5});
        m.thresholdsX()[0] = 9;
        m.thresholdsY()[0] = 9;
        assertEquals(0.1, m.apply(0.2));
        assertEquals(m, new IsotonicMap(new double[] {0.2, 0.4}, new double[] {0.1, 0.5}));
    }

    @Test
    void applyDoesNotAllocate() {
        double[] x = new double[10_000];
        double[] y = new double[10_000];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble();
            y[i] = r.nextDouble() < x[i] ? 1 : 0;
        }
        IsotonicMap m = IsotonicRegression.fit(x, y);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        double sink = 0;
        for (int i = 0; i < x.length; i++) {
            sink += m.apply(x[i]); // warm up
        }
        long before = bean.getThreadAllocatedBytes(id);
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < x.length; i++) {
                sink += m.apply(x[i]);
            }
        }
        long allocated = bean.getThreadAllocatedBytes(id) - before;
        assertTrue(sink > 0);
        // one object per call would be >= 16 bytes per call, 1.6 MB here; the JIT itself may allocate a little
        assertTrue(allocated < 100_000, "100,000 apply calls allocated " + allocated + " bytes");
    }

    @Test
    void radixAndInsertionSortGiveTheSameStableOrder() {
        SplittableRandom r = new SplittableRandom(11);
        // crowded buckets (radix path), continuous values (insertion path), and a mix
        for (int n : new int[] {64, 100, 1000, 5000, -64, -1000, -5000, 3000}) {
            boolean continuous = n < 0;
            boolean mixed = n == 3000;
            n = Math.abs(n);
            double[] a = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = continuous || (mixed && i % 2 == 0) ? r.nextDouble() * 6 - 3
                        : (r.nextInt(40) - 20) / 8.0; // ties and negatives; some -0.0 below
                b[i] = r.nextInt(3) == 0 ? r.nextDouble() - 0.5 : r.nextInt(2);
                if (i % 97 == 0) {
                    a[i] = -0.0;
                }
            }
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, Comparator.<Integer>comparingDouble(i -> a[i] + 0.0).thenComparingDouble(i -> b[i] + 0.0));
            int[] expected = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, IsotonicRegression.sortIndices(a, b, n), "n=" + n);
            Integer[] again = new Integer[n];
            for (int i = 0; i < n; i++) {
                again[i] = i;
            }
            Arrays.sort(again, Comparator.comparingDouble(i -> a[i] + 0.0));
            assertArrayEquals(Arrays.stream(again).mapToInt(Integer::intValue).toArray(),
                    IsotonicRegression.sortIndices(a, null, n), "n=" + n + " primary only");
        }
    }

    @Test
    void rejectsBadInputNamingTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IsotonicRegression.fit(new double[0], new double[0]));
        assertEquals("x must not be empty, was length 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> IsotonicRegression.fit(new double[] {1, 2, 3, 4}, new double[] {0, 1, 0, Double.NaN}));
        assertEquals("y must not contain NaN, was NaN at index 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> IsotonicRegression.fit(new double[] {1, Double.POSITIVE_INFINITY}, new double[] {0, 1}));
        assertEquals("x must be finite, was Infinity at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> IsotonicRegression.fit(new double[] {1, 2}, new double[] {0, 1}, new double[] {1, -1}));
        assertEquals("weights must be >= 0, was -1.0 at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> IsotonicRegression.fit(new double[] {1, 2}, new double[] {0, 1}, new double[] {0, 0}));
        assertEquals("weights must contain a positive value, were all 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> IsotonicRegression.fit(new double[] {1, 2}, new double[] {0}));
        assertEquals("x and y must have the same length, were 2 and 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new IsotonicMap(new double[] {0.2, 0.2}, new double[] {0.1, 0.5}));
        assertEquals("thresholdsX must be strictly increasing, was 0.2 after 0.2 at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new IsotonicMap(new double[] {0.2, 0.3}, new double[] {0.5, 0.1}));
        assertEquals("thresholdsY must be non-decreasing, was 0.1 after 0.5 at index 1", e.getMessage());
    }
}

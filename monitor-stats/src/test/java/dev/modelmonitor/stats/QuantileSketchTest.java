package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The sketch is checked against its documented bound, not to 1e-9: an estimate v of the element x_q of
 * rank floor(q (n - 1)) must satisfy |v - x_q| &lt;= a x_q (a = relative accuracy), with 1e-12 relative
 * slack for the rounding of the logarithm at bucket boundaries.
 */
class QuantileSketchTest {

    private static final double[] QS = {0.0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0};

    private static void assertWithinBound(double exact, double estimate, double a, String what) {
        double tol = a * exact * (1 + 1e-12) + 1e-300;
        assertTrue(Math.abs(estimate - exact) <= tol, what + ": exact " + exact + ", estimate " + estimate);
    }

    @Test
    void boundHoldsAgainstNumpyQuantiles() {
        for (JsonNode c : StreamingReference.root().get("quantiles")) {
            double[] xs = StreamingReference.doubles(c.get("values"));
            QuantileSketch s = new QuantileSketch();
            for (double x : xs) {
                s.add(x);
            }
            double[] qs = StreamingReference.doubles(c.get("q"));
            double[] lower = StreamingReference.doubles(c.get("lower"));
            for (int i = 0; i < qs.length; i++) {
                assertWithinBound(lower[i], s.quantile(qs[i]), 0.01, c.get("name").asText() + " q=" + qs[i]);
            }
            assertEquals(xs.length, s.count());
            assertEquals(Arrays.stream(xs).min().getAsDouble(), s.min());
            assertEquals(Arrays.stream(xs).max().getAsDouble(), s.max());
            StreamingReference.assertRel(Arrays.stream(xs).sum() / xs.length, s.mean(), 1e-12, "mean");
            assertFalse(s.hasCollapsed());
        }
    }

    @Test
    void emptySketch() {
        QuantileSketch s = new QuantileSketch();
        assertEquals(0, s.count());
        assertTrue(Double.isNaN(s.quantile(0.5)));
        assertTrue(Double.isNaN(s.min()));
        assertTrue(Double.isNaN(s.max()));
        assertTrue(Double.isNaN(s.mean()));
        assertEquals(0.0, s.sum());
        s.merge(new QuantileSketch());
        assertEquals(0, s.count());
    }

    @Test
    void oneValueAndAllEqualValuesAreExact() {
        QuantileSketch s = new QuantileSketch();
        s.add(1234L);
        for (double q : QS) {
            assertEquals(1234.0, s.quantile(q));
        }
        QuantileSketch t = new QuantileSketch();
        for (int i = 0; i < 1000; i++) {
            t.add(0.37);
        }
        assertEquals(0.37, t.quantile(0.5));
        assertEquals(0.37, t.quantile(0.99));
        QuantileSketch z = new QuantileSketch();
        z.add(0.0);
        z.add(0L);
        assertEquals(0.0, z.quantile(0.5));
        assertEquals(0.0, z.mean());
    }

    @Test
    void collapsingKeepsHighQuantilesAndIsReported() {
        QuantileSketch s = new QuantileSketch(0.01, 64);
        double[] xs = new double[10_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = 1.0 + i * 100.0;
            s.add(xs[i]);
        }
        assertTrue(s.hasCollapsed());
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        for (double q : new double[] {0.9, 0.95, 0.99, 0.999}) {
            assertWithinBound(sorted[(int) Math.floor(q * (xs.length - 1))], s.quantile(q), 0.01, "q=" + q);
        }
        // a low quantile in the collapsed range is overestimated, never underestimated
        assertTrue(s.quantile(0.01) >= sorted[(int) Math.floor(0.01 * (xs.length - 1))]);
        assertEquals(1.0, s.min());
    }

    @Test
    void copyIsIndependent() {
        QuantileSketch s = new QuantileSketch();
        s.add(5.0);
        QuantileSketch c = s.copy();
        s.add(500.0);
        assertEquals(1, c.count());
        assertEquals(5.0, c.max());
        s.reset();
        assertEquals(0, s.count());
        assertFalse(s.hasCollapsed());
    }

    @Test
    void rejectsBadArguments() {
        QuantileSketch s = new QuantileSketch();
        assertEquals("value must be >= 0 and finite, was NaN",
                assertThrows(IllegalArgumentException.class, () -> s.add(Double.NaN)).getMessage());
        assertEquals("value must be >= 0 and finite, was -1.0",
                assertThrows(IllegalArgumentException.class, () -> s.add(-1.0)).getMessage());
        assertEquals("value must be >= 0 and finite, was Infinity",
                assertThrows(IllegalArgumentException.class, () -> s.add(Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("value must be >= 0, was -5",
                assertThrows(IllegalArgumentException.class, () -> s.add(-5L)).getMessage());
        assertEquals(0, s.count());
        assertEquals("q must be in [0, 1], was 1.5",
                assertThrows(IllegalArgumentException.class, () -> s.quantile(1.5)).getMessage());
        assertEquals("relativeAccuracy must be in (0, 1), was 0.0",
                assertThrows(IllegalArgumentException.class, () -> new QuantileSketch(0.0, 10)).getMessage());
        assertEquals("maxBuckets must be >= 2, was 1",
                assertThrows(IllegalArgumentException.class, () -> new QuantileSketch(0.01, 1)).getMessage());
        assertEquals("other must have relativeAccuracy=0.01 and maxBuckets=2048, was 0.02 and 2048",
                assertThrows(IllegalArgumentException.class, () -> s.merge(new QuantileSketch(0.02, 2048)))
                        .getMessage());
        assertEquals("other must not be this sketch (merge a copy instead)",
                assertThrows(IllegalArgumentException.class, () -> s.merge(s)).getMessage());
    }

    @Provide
    Arbitrary<List<Double>> values() {
        Arbitrary<Double> magnitude = Arbitraries.doubles().between(-6, 9).map(e -> Math.pow(10, e));
        Arbitrary<Double> any = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, magnitude),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(1.0, 2.0, 1e3)));
        return any.list().ofMaxSize(400);
    }

    @Property(tries = 300)
    void relativeErrorBoundHolds(@ForAll("values") List<Double> xs) {
        QuantileSketch s = new QuantileSketch(0.02, 2048);
        double[] sorted = new double[xs.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = xs.get(i);
            s.add(sorted[i]);
        }
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            assertTrue(Double.isNaN(s.quantile(0.5)));
            return;
        }
        for (double q : QS) {
            assertWithinBound(sorted[(int) Math.floor(q * (sorted.length - 1))], s.quantile(q), 0.02, "q=" + q);
        }
    }

    private static QuantileSketch feed(List<Double> xs, int buckets) {
        QuantileSketch s = new QuantileSketch(0.01, buckets);
        for (double x : xs) {
            s.add(x);
        }
        return s;
    }

    private static void assertSameSummary(QuantileSketch expected, QuantileSketch actual) {
        assertEquals(expected.count(), actual.count());
        assertEquals(expected.hasCollapsed(), actual.hasCollapsed());
        if (expected.count() == 0) {
            return;
        }
        assertEquals(expected.min(), actual.min());
        assertEquals(expected.max(), actual.max());
        for (double q : QS) {
            assertEquals(expected.quantile(q), actual.quantile(q), "q=" + q);
        }
        assertEquals(expected.mean(), actual.mean(), 1e-12 * Math.abs(expected.mean()));
    }

    /** Merging is exact, associative and commutative, also when small sketches collapse. */
    @Property(tries = 300)
    void mergeIsAssociativeAndCommutative(@ForAll("values") List<Double> a, @ForAll("values") List<Double> b,
                                          @ForAll("values") List<Double> c) {
        for (int buckets : new int[] {2048, 16}) {
            QuantileSketch all = feed(a, buckets);
            b.forEach(all::add);
            c.forEach(all::add);

            QuantileSketch bc = feed(b, buckets);
            bc.merge(feed(c, buckets));
            QuantileSketch left = feed(a, buckets);
            left.merge(bc);

            QuantileSketch ab = feed(a, buckets);
            ab.merge(feed(b, buckets));
            ab.merge(feed(c, buckets));

            QuantileSketch ba = feed(b, buckets);
            ba.merge(feed(a, buckets));
            ba.merge(feed(c, buckets));

            assertSameSummary(all, left);
            assertSameSummary(all, ab);
            assertSameSummary(all, ba);
        }
    }
}

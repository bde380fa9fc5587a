package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Benjamini-Hochberg against statsmodels {@code multipletests(method='fdr_bh')}
 * ({@code reference/drift.json}): reject flags identical, adjusted p-values to 1e-15 relative.
 */
class MultipleTestingTest {

    private static final JsonNode REF = DriftReference.load("drift.json");

    @Test
    void matchesStatsmodels() {
        for (JsonNode c : REF.get("bh")) {
            double[] p = DriftReference.doubles(c.get("p"));
            double alpha = c.get("alpha").asDouble();
            FdrResult r = MultipleTesting.benjaminiHochberg(p, alpha);
            double[] expected = DriftReference.doubles(c.get("adjusted"));
            assertEquals(expected.length, r.size());
            for (int i = 0; i < expected.length; i++) {
                assertTrue(DriftReference.relDiff(expected[i], r.adjusted(i)) <= 1e-15,
                        "adjusted[" + i + "]: expected " + expected[i] + " but was " + r.adjusted(i));
                assertEquals(c.get("reject").get(i).asBoolean(), r.isRejected(i),
                        "reject[" + i + "] of " + Arrays.toString(p));
            }
        }
    }

    @Test
    void resultIsImmutable() {
        FdrResult r = MultipleTesting.benjaminiHochberg(new double[] {0.01, 0.5}, 0.05);
        boolean[] rej = r.reject();
        rej[0] = false;
        assertTrue(r.isRejected(0));
        assertNotSame(r.adjusted(), r.adjusted());
        assertEquals(1, r.rejectedCount());
        assertEquals(r, MultipleTesting.benjaminiHochberg(new double[] {0.01, 0.5}, 0.05));
        assertArrayEquals(new double[] {0.02, 0.5}, r.adjusted());
    }

    @Test
    void emptyAndSingle() {
        assertEquals(0, MultipleTesting.benjaminiHochberg(new double[0], 0.05).size());
        FdrResult one = MultipleTesting.benjaminiHochberg(new double[] {0.05}, 0.05);
        assertTrue(one.isRejected(0));
        assertEquals(0.05, one.adjusted(0));
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultipleTesting.benjaminiHochberg(new double[] {0.1, Double.NaN}, 0.05));
        assertEquals("pValues must be in [0, 1], was NaN at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MultipleTesting.benjaminiHochberg(new double[] {1.5}, 0.05));
        assertEquals("pValues must be in [0, 1], was 1.5 at index 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MultipleTesting.benjaminiHochberg(new double[] {0.5}, 0.0));
        assertEquals("alpha must be in (0, 1), was 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MultipleTesting.benjaminiHochberg(null, 0.05));
        assertEquals("pValues must not be null", e.getMessage());
    }

    @Property(tries = 500)
    void adjustedAreMonotoneInSortedOrderAndAtLeastRaw(
            @ForAll @Size(min = 1, max = 60) double[] raw, @ForAll @DoubleRange(min = 0.01, max = 0.5) double alpha) {
        double[] p = new double[raw.length];
        for (int i = 0; i < p.length; i++) {
            double v = Math.abs(raw[i]);
            p[i] = Double.isNaN(v) || Double.isInfinite(v) ? 0.5 : v % 1.0;
            if (i % 3 == 0 && i > 0) {
                p[i] = p[i - 1]; // ties
            }
        }
        FdrResult r = MultipleTesting.benjaminiHochberg(p, alpha);
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            assertTrue(r.adjusted(i) >= p[i]);
            assertTrue(r.adjusted(i) <= 1.0);
            if (k > 0) {
                assertTrue(r.adjusted(i) >= r.adjusted(order[k - 1]));
                if (r.isRejected(i)) {
                    assertTrue(r.isRejected(order[k - 1]));
                }
            }
            // statsmodels decides rejection by p_(j) <= j alpha / m, which equals adjusted <= alpha up to rounding
            if (r.adjusted(i) < alpha * (1 - 1e-12)) {
                assertTrue(r.isRejected(i), "adjusted below alpha but not rejected");
            } else if (r.adjusted(i) > alpha * (1 + 1e-12)) {
                assertTrue(!r.isRejected(i), "adjusted above alpha but rejected");
            }
        }
    }
}

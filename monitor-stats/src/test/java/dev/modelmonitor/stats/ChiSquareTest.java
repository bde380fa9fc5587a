package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Chi-square test and survival function against scipy {@code chi2_contingency(correction=False)} and
 * {@code chi2.sf} ({@code reference/drift.json}): statistics to 1e-12 relative, p-values to 1e-9 relative
 * (above 1e-300).
 */
class ChiSquareTest {

    private static final JsonNode REF = DriftReference.load("drift.json");

    private static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    private static void assertClose(double expected, double actual, double tol, String what) {
        if (expected < 1e-300 && actual < 1e-300) {
            return;
        }
        assertTrue(DriftReference.relDiff(expected, actual) <= tol,
                what + ": expected " + expected + " but was " + actual);
    }

    @Test
    void contingencyMatchesScipy() {
        int tested = 0;
        for (JsonNode c : REF.get("chi2")) {
            long[] r0 = longs(c.get("row0"));
            long[] r1 = longs(c.get("row1"));
            boolean zeroColumn = false;
            for (int j = 0; j < r0.length; j++) {
                zeroColumn |= r0[j] + r1[j] == 0;
            }
            if (zeroColumn) {
                continue;
            }
            ChiSquareResult r = ChiSquare.test(r0, r1);
            assertClose(c.get("statistic").asDouble(), r.statistic(), 1e-12, "statistic");
            assertClose(c.get("pvalue").asDouble(), r.pValue(), 1e-9, "pvalue");
            assertEquals(c.get("dof").asInt(), r.degreesOfFreedom());
            tested++;
        }
        assertTrue(tested >= 10);
    }

    @Test
    void survivalFunctionMatchesScipy() {
        for (JsonNode c : REF.get("chi2sf")) {
            double x = c.get("x").asDouble();
            double dof = c.get("dof").asDouble();
            assertClose(c.get("sf").asDouble(), ChiSquare.sf(x, dof), 1e-9, "sf(" + x + ", " + dof + ")");
        }
    }

    @Test
    void edgeCases() {
        ChiSquareResult one = ChiSquare.test(new long[] {50}, new long[] {60});
        assertEquals(new ChiSquareResult(0.0, 1.0, 0), one);
        assertEquals(1.0, ChiSquare.sf(0.0, 3));
        assertEquals(1.0, ChiSquare.sf(-2.0, 3));
        assertEquals(0.0, ChiSquare.sf(Double.POSITIVE_INFINITY, 3));
        ChiSquareResult same = ChiSquare.test(new long[] {10, 20, 30}, new long[] {10, 20, 30});
        assertEquals(0.0, same.statistic());
        assertEquals(1.0, same.pValue());
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChiSquare.test(new long[] {5, 0, 7}, new long[] {3, 0, 1}));
        assertEquals("column 1 must have a positive total, was 0 (drop categories seen in neither row)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChiSquare.test(new long[0], new long[0]));
        assertEquals("row0 must not be empty, was length 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChiSquare.test(new long[] {1, -2}, new long[] {1, 2}));
        assertEquals("row0 must not contain negative counts, was -2 at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChiSquare.test(new long[] {1}, new long[] {1, 2}));
        assertEquals("row1 must have the length of row0 (1), was 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChiSquare.sf(Double.NaN, 2));
        assertEquals("x must not be NaN, was NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChiSquare.sf(1.0, 0));
        assertEquals("dof must be positive and finite, was 0.0", e.getMessage());
    }

    @Test
    void zeroRowTotalIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChiSquare.test(new long[] {0, 0}, new long[] {3, 1}));
        assertEquals("row0 must have a positive total, was 0", e.getMessage());
    }

    @Property(tries = 500)
    void sfIsADecreasingProbability(@ForAll @DoubleRange(min = 0, max = 400) double x,
                                    @ForAll @IntRange(min = 1, max = 300) int dof) {
        double p = ChiSquare.sf(x, dof);
        assertTrue(p >= 0.0 && p <= 1.0);
        assertTrue(ChiSquare.sf(x + 0.5, dof) <= p);
    }
}

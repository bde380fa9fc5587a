package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * PSI, KL and Jensen-Shannon against numpy/scipy ({@code reference/drift.json}): quantile edges exactly,
 * measures to 1e-12 relative.
 */
class PopulationStabilityTest {

    private static final JsonNode REF = DriftReference.load("drift.json");
    private static final double TOL = 1e-12;

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(DriftReference.relDiff(expected, actual) <= TOL || Math.abs(expected - actual) < 1e-15,
                what + ": expected " + expected + " but was " + actual);
    }

    @Test
    void quantileEdgesMatchNumpyExactly() {
        for (JsonNode c : REF.get("quantiles")) {
            double[] x = DriftReference.doubles(c.get("x"));
            int bins = c.get("bins").asInt();
            assertArrayEquals(DriftReference.doubles(c.get("edges")), PopulationStability.quantileEdges(x, bins),
                    "n=" + x.length + ", bins=" + bins);
        }
    }

    @Test
    void psiKlAndJensenShannonMatchScipy() {
        for (JsonNode c : REF.get("psi")) {
            String name = c.get("name").asText();
            double[] base = DriftReference.doubles(c.get("baseline"));
            double[] cur = DriftReference.doubles(c.get("current"));
            double[] edges = DriftReference.doubles(c.get("edges"));
            PsiReference ref;
            if (c.get("deciles").asBoolean()) {
                assertArrayEquals(edges, PopulationStability.decileEdges(base), name + " edges");
                ref = PsiReference.ofDeciles(base);
                assertClose(c.get("psi").asDouble(), PopulationStability.psi(base, cur), name + " psi (static)");
                assertClose(c.get("kl").asDouble(), PopulationStability.decileKlDivergence(base, cur),
                        name + " kl (static)");
                assertClose(c.get("js").asDouble(), PopulationStability.decileJensenShannon(base, cur),
                        name + " js (static)");
            } else {
                ref = PsiReference.ofEdges(edges, base);
            }
            assertClose(c.get("psi").asDouble(), ref.psi(cur), name + " psi");
            assertClose(c.get("psi").asDouble(), ref.psi(cur, new int[ref.binCount() + 3]), name + " psi scratch");
            assertClose(c.get("kl").asDouble(), ref.klDivergence(cur), name + " kl");
            assertClose(c.get("js").asDouble(), ref.jensenShannon(cur), name + " js");
            PsiReference restored = PsiReference.ofFractions(ref.innerEdges(), ref.referenceFractions(), ref.floor());
            assertEquals(ref.psi(cur), restored.psi(cur), name + " restored");
        }
    }

    @Test
    void vectorDivergencesMatchScipy() {
        for (JsonNode c : REF.get("vectors")) {
            double[] p = DriftReference.doubles(c.get("p"));
            double[] q = DriftReference.doubles(c.get("q"));
            double kl = PopulationStability.klDivergence(p, q);
            if (c.get("kl").isTextual()) {
                assertEquals(Double.POSITIVE_INFINITY, kl);
            } else {
                assertClose(c.get("kl").asDouble(), kl, "kl");
            }
            assertClose(c.get("js").asDouble(), PopulationStability.jensenShannonDistance(p, q), "js");
        }
        for (JsonNode c : REF.get("psiProportions")) {
            assertClose(c.get("psi").asDouble(), PopulationStability.psiOfProportions(
                    DriftReference.doubles(c.get("expected")), DriftReference.doubles(c.get("actual")), 1e-4), "psi");
        }
    }

    @Test
    void edgeValuesGoToTheRightBin() {
        PsiReference ref = PsiReference.ofEdges(new double[] {1.0, 2.0, 3.0}, new double[] {0, 1, 2, 3});
        assertEquals(0, ref.binOf(0.999));
        assertEquals(1, ref.binOf(1.0));
        assertEquals(3, ref.binOf(3.0));
        assertEquals(3, ref.binOf(Double.POSITIVE_INFINITY));
        assertEquals(0, ref.binOf(Double.NEGATIVE_INFINITY));
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, ref.referenceFractions());
        assertArrayEquals(new double[] {0.0, 0.4, 0.2, 0.4}, ref.binFractions(new double[] {1, 1, 2, 3, 3}));
    }

    @Test
    void singleValueAndAllEqualBaselines() {
        double[] one = {5.0};
        assertArrayEquals(new double[] {5, 5, 5, 5, 5, 5, 5, 5, 5}, PopulationStability.decileEdges(one));
        assertEquals(0.0, PopulationStability.psi(one, new double[] {5.0, 6.0}));
        double psi = PopulationStability.psi(new double[] {2, 2, 2}, new double[] {1, 1});
        // baseline all in the top bin, current all in the bottom: 2 (1 - 1e-4) ln(1e4)
        assertEquals(2 * (1 - 1e-4) * Math.log(1e4), psi, 1e-12);
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PopulationStability.psi(new double[0], new double[] {1}));
        assertEquals("baseline must not be empty, was length 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationStability.psi(new double[] {1, 2}, new double[] {1, Double.NaN}));
        assertEquals("current must not contain NaN, was NaN at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PsiReference.ofEdges(new double[] {2, 1}, new double[] {1}));
        assertEquals("innerEdges must be sorted ascending, was 2.0 before 1.0 at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PsiReference.ofFractions(new double[] {1}, new double[] {0.5, 0.6}, 1e-4));
        assertEquals("fractions must sum to 1 within 1e-9, was 1.1", e.getMessage());
        PsiReference ref = PsiReference.ofDeciles(new double[] {1, 2, 3});
        e = assertThrows(IllegalArgumentException.class, () -> ref.psi(new double[] {1}, new int[3]));
        assertEquals("scratch must have at least 10 entries, was 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ref.binOf(Double.NaN));
        assertEquals("value must not be NaN, was NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationStability.klDivergence(new double[] {1, -1}, new double[] {1, 1}));
        assertEquals("p must be finite and >= 0, was -1.0 at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationStability.jensenShannonDistance(new double[] {0, 0}, new double[] {1, 1}));
        assertEquals("p must have a positive sum, was 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationStability.psiOfProportions(new double[] {0.5, 0.5}, new double[] {1.0}, 1e-4));
        assertEquals("actual must have the length of expected (2), was 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationStability.quantileEdges(new double[] {1}, 1));
        assertEquals("bins must be in [2, 1000], was 1", e.getMessage());
    }

    @Property(tries = 300)
    void psiAndKlAreNonNegativeAndZeroOnIdenticalSamples(
            @ForAll @Size(min = 1, max = 200) double[] base, @ForAll @Size(min = 1, max = 200) double[] cur) {
        if (hasNaN(base) || hasNaN(cur)) {
            return;
        }
        PsiReference ref = PsiReference.ofDeciles(base);
        assertTrue(ref.psi(cur) >= 0.0);
        assertTrue(ref.klDivergence(cur) >= -1e-15);
        double js = ref.jensenShannon(cur);
        assertTrue(js >= 0.0 && js <= Math.sqrt(Math.log(2)) + 1e-12);
        assertEquals(0.0, ref.psi(base));
        assertEquals(0.0, ref.klDivergence(base), 1e-15);
        assertEquals(0.0, ref.jensenShannon(base), 1e-7);
    }

    @Property(tries = 300)
    void quantileSelectionAgreesWithAFullSort(
            @ForAll @Size(min = 1, max = 300) double[] x, @ForAll @DoubleRange(min = 0, max = 1) double unused) {
        if (hasNaN(x)) {
            return;
        }
        double[] sorted = x.clone();
        java.util.Arrays.sort(sorted);
        double[] edges = PopulationStability.decileEdges(x);
        for (int k = 1; k < 10; k++) {
            double v = (x.length - 1) * (k / 10.0);
            int prev = (int) Math.floor(v);
            double expected;
            if (v >= x.length - 1) {
                expected = sorted[x.length - 1];
            } else {
                double g = v - prev;
                double d = sorted[prev + 1] - sorted[prev];
                expected = g >= 0.5 ? sorted[prev + 1] - d * (1 - g) : sorted[prev] + d * g;
            }
            assertEquals(expected, edges[k - 1], 0.0);
        }
    }

    @Property(tries = 500)
    void binOfCountsTheEdgesAtOrBelowTheValue(
            @ForAll @Size(min = 1, max = 40) double[] rawEdges, @ForAll @Size(min = 1, max = 50) double[] values) {
        double[] edges = new double[rawEdges.length];
        for (int i = 0; i < edges.length; i++) {
            // small integers so that ties between edges and values are common
            edges[i] = Double.isNaN(rawEdges[i]) ? 0.0 : Math.rint(Math.max(-5, Math.min(5, rawEdges[i])));
        }
        java.util.Arrays.sort(edges);
        PsiReference ref = PsiReference.ofEdges(edges, new double[] {0.0});
        for (double raw : values) {
            double v = Double.isNaN(raw) ? 0.0 : Math.rint(Math.max(-6, Math.min(6, raw)));
            int expected = 0;
            for (double e : edges) {
                expected += e <= v ? 1 : 0;
            }
            assertEquals(expected, ref.binOf(v), "value " + v + " edges " + java.util.Arrays.toString(edges));
        }
    }

    private static boolean hasNaN(double[] a) {
        for (double v : a) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }
}

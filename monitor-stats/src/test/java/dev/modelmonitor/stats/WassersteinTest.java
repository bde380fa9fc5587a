package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Wasserstein-1 against scipy {@code wasserstein_distance} ({@code reference/drift.json}), 1e-12 relative. */
class WassersteinTest {

    private static final JsonNode REF = DriftReference.load("drift.json");

    @Test
    void matchesScipy() {
        for (JsonNode c : REF.get("wasserstein")) {
            double[] u = DriftReference.doubles(c.get("u"));
            double[] v = DriftReference.doubles(c.get("v"));
            double expected = c.get("distance").asDouble();
            double actual = Wasserstein.distance(u, v);
            assertTrue(DriftReference.relDiff(expected, actual) <= 1e-12,
                    "n=" + u.length + "/" + v.length + ": expected " + expected + " but was " + actual);
            double[] su = u.clone();
            Arrays.sort(su);
            assertEquals(actual, Wasserstein.distanceToSorted(su, v));
        }
    }

    @Test
    void pointMassesAndEqualSamples() {
        assertEquals(2.5, Wasserstein.distance(new double[] {0.0}, new double[] {2.5}));
        assertEquals(0.0, Wasserstein.distance(new double[] {3, 3}, new double[] {3}));
        assertEquals(1.0, Wasserstein.distance(new double[] {0, 1}, new double[] {1, 2}));
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Wasserstein.distance(new double[] {1}, new double[0]));
        assertEquals("v must not be empty, was length 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Wasserstein.distance(new double[] {Double.NaN}, new double[] {1}));
        assertEquals("u must not contain NaN, was NaN at index 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Wasserstein.distance(new double[] {1}, new double[] {1, Double.POSITIVE_INFINITY}));
        assertEquals("v must be finite, was Infinity at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Wasserstein.distanceToSorted(new double[] {3, 1}, new double[] {1}));
        assertEquals("sortedReference must be sorted ascending, was 3.0 before 1.0 at index 1", e.getMessage());
    }

    @Property(tries = 500)
    void symmetricNonNegativeAndShiftEquivariant(
            @ForAll @Size(min = 1, max = 50) double[] u, @ForAll @Size(min = 1, max = 50) double[] v,
            @ForAll @DoubleRange(min = -10, max = 10) double shift) {
        for (int i = 0; i < u.length; i++) {
            u[i] = bounded(u[i]);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = bounded(v[i]);
        }
        double d = Wasserstein.distance(u, v);
        assertTrue(d >= 0.0);
        assertEquals(d, Wasserstein.distance(v, u), 1e-9 * Math.max(1.0, d));
        assertEquals(0.0, Wasserstein.distance(u, u.clone()));
        double[] shifted = u.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += shift;
        }
        assertEquals(Math.abs(shift), Wasserstein.distance(u, shifted), 1e-6);
    }

    private static double bounded(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return 0.0;
        }
        return Math.max(-1e3, Math.min(1e3, x));
    }
}

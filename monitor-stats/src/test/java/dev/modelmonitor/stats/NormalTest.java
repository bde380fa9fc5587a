package dev.modelmonitor.stats;

import static dev.modelmonitor.stats.ClassicReference.CLOSED_FORM;
import static dev.modelmonitor.stats.ClassicReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Normal} against scipy.special.erfc/erf and scipy.stats.norm (reference/classic.json).
 *
 * <p>Tolerance 1e-9 relative wherever scipy's value is a normal double. Below {@link Double#MIN_NORMAL}
 * (about 2.2e-308: norm.sf(z) for z &gt; 37.5, erfc(x) for x &gt; 26.5) scipy returns subnormals with fewer than
 * 53 significant bits while {@code Normal.erfc} returns 0 beyond x = 26.543 (Cody's XBIG); there only the
 * absolute difference, below 1e-307, is checked. {@code Normal.erf(x)} keeps full relative precision for
 * tiny x (erf(1e-20) = 1.128e-20), checked to 1e-9 relative like the rest.
 */
class NormalTest {

    private static void assertTail(double expected, double actual, String what) {
        if (Math.abs(expected) < Double.MIN_NORMAL) {
            assertTrue(Math.abs(actual - expected) < 1e-307, () -> what + ": expected " + expected + " was " + actual);
        } else {
            assertClose(expected, actual, CLOSED_FORM, what);
        }
    }

    @Test
    void erfKeepsRelativePrecisionForTinyArguments() {
        // scipy.special.erf at 1e-8, 1e-10 and 1e-20
        assertClose(1.1283791670955125e-08, Normal.erf(1e-8), CLOSED_FORM, "erf(1e-8)");
        assertClose(1.1283791670955126e-10, Normal.erf(1e-10), CLOSED_FORM, "erf(1e-10)");
        assertClose(1.1283791670955126e-20, Normal.erf(1e-20), CLOSED_FORM, "erf(1e-20)");
        assertClose(-1.1283791670955126e-20, Normal.erf(-1e-20), CLOSED_FORM, "erf(-1e-20)");
    }

    @Test
    void erfcAndErfAgreeWithScipy() {
        for (JsonNode c : ClassicReference.section("normal").get("erfc")) {
            double x = c.get("x").asDouble();
            assertTail(c.get("erfc").asDouble(), Normal.erfc(x), "erfc(" + x + ")");
            double erf = c.get("erf").asDouble();
            assertClose(erf, Normal.erf(x), CLOSED_FORM, "erf(" + x + ")");
        }
    }

    @Test
    void cdfAndSfAgreeWithScipyIntoTheTails() {
        int checked = 0;
        for (JsonNode c : ClassicReference.section("normal").get("cdf")) {
            double z = c.get("z").asDouble();
            assertTail(c.get("cdf").asDouble(), Normal.cdf(z), "cdf(" + z + ")");
            assertTail(c.get("sf").asDouble(), Normal.sf(z), "sf(" + z + ")");
            assertTail(c.get("twoSided").asDouble(), Normal.twoSidedP(z), "twoSidedP(" + z + ")");
            checked++;
        }
        assertTrue(checked > 300);
    }

    @Test
    void quantileAgreesWithNormPpf() {
        for (JsonNode c : ClassicReference.section("normal").get("quantile")) {
            double p = c.get("p").asDouble();
            double expected = c.get("ppf").asDouble();
            if (expected == 0.0) {
                assertEquals(0.0, Normal.quantile(p), 1e-300, "quantile(0.5)");
            } else {
                assertClose(expected, Normal.quantile(p), CLOSED_FORM, "quantile(" + p + ")");
            }
        }
    }

    @Test
    void edgeValues() {
        assertEquals(Double.NEGATIVE_INFINITY, Normal.quantile(0.0));
        assertEquals(Double.POSITIVE_INFINITY, Normal.quantile(1.0));
        assertTrue(Double.isNaN(Normal.cdf(Double.NaN)));
        assertEquals(0.0, Normal.cdf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, Normal.cdf(Double.POSITIVE_INFINITY));
        assertEquals(1.0, Normal.twoSidedP(0.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Normal.quantile(Double.NaN));
        assertEquals("p must be in [0, 1], was NaN", e.getMessage());
    }

    @Property
    void cdfPlusSfIsOneAndQuantileInvertsCdf(@ForAll @DoubleRange(min = -8, max = 8) double z) {
        assertEquals(1.0, Normal.cdf(z) + Normal.sf(z), 1e-15);
        // invert in the tail where cdf keeps full relative precision (z <= 0), mirrored for z > 0
        double t = -Math.abs(z);
        assertEquals(t, Normal.quantile(Normal.cdf(t)), 1e-9 * Math.max(1, Math.abs(t)));
    }
}

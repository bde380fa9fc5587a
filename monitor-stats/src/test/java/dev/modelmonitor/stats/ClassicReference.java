package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Loads {@code reference/classic.json} (written by {@code reference/gen_classic.py} with scipy 1.10,
 * scikit-learn 1.2 and statsmodels 0.13) once, and compares doubles to a relative tolerance.
 */
final class ClassicReference {

    /** The tolerance for closed-form results. */
    static final double CLOSED_FORM = 1e-9;

    private static final JsonNode ROOT = load();

    private ClassicReference() {
    }

    static JsonNode root() {
        return ROOT;
    }

    static JsonNode section(String name) {
        JsonNode node = ROOT.get(name);
        if (node == null) {
            fail("classic.json has no section " + name);
        }
        return node;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** |actual - expected| &lt;= tol max(|expected|, tiny), with equal NaN/infinities accepted. */
    static void assertClose(double expected, double actual, double relTol, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        double scale = Math.max(Math.abs(expected), Double.MIN_NORMAL);
        assertTrue(Math.abs(actual - expected) <= relTol * scale,
                () -> what + ": expected " + expected + " but was " + actual + " (relative error "
                        + Math.abs(actual - expected) / scale + ", tolerance " + relTol + ")");
    }

    static void assertAllClose(double[] expected, double[] actual, double relTol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], relTol, what + "[" + i + "]");
        }
    }

    private static JsonNode load() {
        try (InputStream in = ClassicReference.class.getResourceAsStream("/reference/classic.json")) {
            if (in == null) {
                throw new IllegalStateException("reference/classic.json is not on the test class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

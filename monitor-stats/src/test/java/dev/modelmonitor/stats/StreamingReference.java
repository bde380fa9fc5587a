package dev.modelmonitor.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads {@code reference/streaming_reference.json}, made by {@code streaming_reference.py} next to it. */
final class StreamingReference {

    private static JsonNode root;

    private StreamingReference() {
    }

    static synchronized JsonNode root() {
        if (root == null) {
            try (InputStream in = StreamingReference.class.getResourceAsStream("/reference/streaming_reference.json")) {
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static void assertRel(double expected, double actual, double rel, String what) {
        double tol = rel * Math.max(Math.abs(expected), 1e-300);
        if (!(Math.abs(expected - actual) <= tol)) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual
                    + " (relative tolerance " + rel + ")");
        }
    }
}

package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AdwinTest {

    /** Agrees with an independent list-based Python implementation of the same rules (reference JSON). */
    @Test
    void matchesIndependentImplementation() {
        for (com.fasterxml.jackson.databind.JsonNode c : StreamingReference.root().get("adwin")) {
            double[] xs = StreamingReference.doubles(c.get("values"));
            Adwin a = new Adwin(c.get("delta").asDouble());
            java.util.List<Integer> alarms = new java.util.ArrayList<>();
            for (int i = 0; i < xs.length; i++) {
                if (a.update(xs[i])) {
                    alarms.add(i);
                }
            }
            java.util.List<Integer> expected = new java.util.ArrayList<>();
            c.get("alarms").forEach(n -> expected.add(n.asInt()));
            String name = c.get("name").asText();
            assertEquals(expected, alarms, name);
            assertEquals(c.get("width").asLong(), a.width(), name);
            StreamingReference.assertRel(c.get("total").asDouble(), a.total(), 1e-9, name + " total");
            StreamingReference.assertRel(c.get("variance").asDouble(), a.variance(), 1e-9, name + " variance");
            int[] rows = new int[c.get("row_sizes").size()];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = c.get("row_sizes").get(r).asInt();
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(rows, a.snapshot().rowSizes(), name);
        }
    }

    @Test
    void emptyDetector() {
        Adwin a = new Adwin();
        assertEquals(0, a.width());
        assertTrue(Double.isNaN(a.mean()));
        assertTrue(Double.isNaN(a.variance()));
        assertEquals(0.002, a.delta());
        assertEquals(0, a.bucketCount());
    }

    @Test
    void constantStreamKeepsGrowingWithoutSignal() {
        Adwin a = new Adwin();
        for (int i = 0; i < 100_000; i++) {
            assertFalse(a.update(0.62));
        }
        assertEquals(100_000, a.width());
        assertEquals(0.62, a.mean(), 1e-9); // plain running total, as in the paper
        assertEquals(0.0, a.variance(), 1e-12);
        // O(log W) buckets: at most M per row, rows = floor(log2(W)) + 1
        assertTrue(a.bucketCount() <= Adwin.MAX_BUCKETS_PER_ROW * (64 - Long.numberOfLeadingZeros(a.width())));
    }

    @Test
    void abruptChangeIsDetectedAndTheWindowShrinks() {
        Adwin a = new Adwin();
        for (int i = 0; i < 2000; i++) {
            a.update(0.0);
        }
        int detectedAt = -1;
        for (int i = 0; i < 200; i++) {
            if (a.update(1.0) && detectedAt < 0) {
                detectedAt = i;
            }
        }
        assertTrue(detectedAt >= 0 && detectedAt < 64, "detected at " + detectedAt);
        assertTrue(a.width() < 2200, "width " + a.width());
        assertTrue(a.detections() >= 1);
    }

    @Test
    void bernoulliDropIsDetected() {
        Adwin a = new Adwin();
        DetectorSimulation.StreamRandom rnd = new DetectorSimulation.StreamRandom(11);
        for (int i = 0; i < 1000; i++) {
            a.update(rnd.nextDouble() < 0.8);
        }
        int delay = 0;
        while (!a.update(rnd.nextDouble() < 0.4)) {
            delay++;
            assertTrue(delay < 2000);
        }
        assertTrue(a.mean() < 0.7);
    }

    @Test
    void snapshotRestoresExactly() {
        Adwin a = new Adwin(0.01);
        DetectorSimulation.StreamRandom rnd = new DetectorSimulation.StreamRandom(1);
        for (int i = 0; i < 3333; i++) {
            a.update(rnd.nextDouble());
        }
        Adwin.Snapshot s = a.snapshot();
        Adwin b = Adwin.fromSnapshot(s);
        assertEquals(s, b.snapshot());
        assertEquals(s.hashCode(), b.snapshot().hashCode());
        for (int i = 0; i < 10_000; i++) {
            double x = rnd.nextDouble() * (i < 5000 ? 1.0 : 0.5);
            assertEquals(a.update(x), b.update(x));
        }
        assertEquals(a.snapshot(), b.snapshot());
        assertTrue(a.detections() > 0);
        assertEquals("snapshot delta must be 0.002, was 0.01",
                assertThrows(IllegalArgumentException.class, () -> new Adwin().restore(s)).getMessage());
        a.reset();
        assertEquals(0, a.width());
        assertEquals(0, a.detections());
    }

    @Test
    void snapshotIsValidated() {
        assertEquals("width must equal the bucket sizes' sum 3, was 4", assertThrows(IllegalArgumentException.class,
                () -> new Adwin.Snapshot(0.002, 4, 1, 0, 4, 0, new int[] {1, 1}, new double[] {0, 1},
                        new double[] {0, 0})).getMessage());
        assertEquals("rowSizes[0] must be in [0, 5], was 6", assertThrows(IllegalArgumentException.class,
                () -> new Adwin.Snapshot(0.002, 6, 1, 0, 6, 0, new int[] {6}, new double[6], new double[6]))
                .getMessage());
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("delta must be in (0, 1), was 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Adwin(0.0)).getMessage());
        Adwin a = new Adwin();
        assertEquals("x must be finite, was NaN",
                assertThrows(IllegalArgumentException.class, () -> a.update(Double.NaN)).getMessage());
        assertEquals(0, a.width());
    }

    /** Whatever was cut, the window is a suffix of the stream: its sum and variance match a recount. */
    @Property(tries = 200)
    void windowStatisticsEqualARecountOfTheSuffix(
            @ForAll @Size(min = 1, max = 3000) List<@DoubleRange(min = 0, max = 1) Double> xs,
            @ForAll @IntRange(min = 0, max = 2000) int shiftAt) {
        Adwin a = new Adwin(0.1);
        double[] v = new double[xs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < shiftAt ? xs.get(i) * 0.2 : xs.get(i);
            a.update(v[i]);
        }
        int w = (int) a.width();
        assertTrue(w >= 1 && w <= v.length);
        double sum = 0;
        for (int i = v.length - w; i < v.length; i++) {
            sum += v[i];
        }
        assertEquals(sum, a.total(), 1e-9 * w);
        double mean = sum / w;
        double ss = 0;
        for (int i = v.length - w; i < v.length; i++) {
            ss += (v[i] - mean) * (v[i] - mean);
        }
        assertEquals(ss / w, a.variance(), 1e-9);
    }
}

package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RollingWindowTest {

    @Test
    void doubleWindowMatchesNumpyReference() {
        for (JsonNode c : StreamingReference.root().get("windows").get("double")) {
            double[] xs = StreamingReference.doubles(c.get("values"));
            RollingDoubleWindow w = new RollingDoubleWindow(c.get("capacity").asInt());
            int t = 0;
            for (JsonNode cp : c.get("checkpoints")) {
                int upTo = cp.get("updates").asInt();
                while (t < upTo) {
                    w.add(xs[t++]);
                }
                String what = "capacity " + w.capacity() + " after " + t;
                StreamingReference.assertRel(cp.get("sum").asDouble(), w.sum(), 1e-9, what + " sum");
                StreamingReference.assertRel(cp.get("mean").asDouble(), w.mean(), 1e-9, what + " mean");
                StreamingReference.assertRel(cp.get("var_pop").asDouble(), w.populationVariance(), 1e-9,
                        what + " var_pop");
                if (cp.get("var_sample").isNull()) {
                    assertTrue(Double.isNaN(w.variance()));
                } else {
                    StreamingReference.assertRel(cp.get("var_sample").asDouble(), w.variance(), 1e-9,
                            what + " var_sample");
                }
            }
        }
    }

    @Test
    void booleanWindowMatchesNumpyReference() {
        for (JsonNode c : StreamingReference.root().get("windows").get("boolean")) {
            JsonNode values = c.get("values");
            RollingBooleanWindow w = new RollingBooleanWindow(c.get("capacity").asInt());
            int t = 0;
            for (JsonNode cp : c.get("checkpoints")) {
                int upTo = cp.get("updates").asInt();
                while (t < upTo) {
                    w.add(values.get(t++).asBoolean());
                }
                assertEquals(cp.get("count").asInt(), w.count());
                assertEquals(cp.get("mean").asDouble(), w.mean(), 1e-15);
            }
        }
    }

    @Test
    void emptyWindowsHaveDefinedResults() {
        RollingDoubleWindow d = new RollingDoubleWindow(3);
        assertEquals(0, d.size());
        assertEquals(0.0, d.sum());
        assertTrue(Double.isNaN(d.mean()));
        assertTrue(Double.isNaN(d.variance()));
        assertTrue(Double.isNaN(d.populationVariance()));
        assertFalse(d.isFull());
        assertEquals(0, d.toArray().length);
        RollingBooleanWindow b = new RollingBooleanWindow(3);
        assertEquals(0, b.count());
        assertTrue(Double.isNaN(b.mean()));
        assertFalse(b.isFull());
    }

    @Test
    void oneValueAndAllEqualValues() {
        RollingDoubleWindow d = new RollingDoubleWindow(1);
        d.add(4.25);
        assertEquals(4.25, d.sum());
        assertEquals(4.25, d.mean());
        assertEquals(0.0, d.populationVariance());
        assertTrue(Double.isNaN(d.variance()));
        d.add(-1.0);
        assertEquals(-1.0, d.sum());
        assertTrue(d.isFull());

        RollingDoubleWindow e = new RollingDoubleWindow(10);
        for (int i = 0; i < 1000; i++) {
            e.add(0.1);
        }
        assertEquals(1.0, e.sum(), 1e-15);
        assertEquals(0.0, e.variance());
    }

    @Test
    void getIsByAgeAndToArrayOldestFirst() {
        RollingDoubleWindow d = new RollingDoubleWindow(3);
        for (int i = 1; i <= 5; i++) {
            d.add(i);
        }
        assertEquals(5.0, d.get(0));
        assertEquals(3.0, d.get(2));
        assertArrayEquals(new double[] {3, 4, 5}, d.toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> d.get(3));
        RollingBooleanWindow b = new RollingBooleanWindow(70);
        for (int i = 0; i < 100; i++) {
            b.add(i % 3 == 0);
        }
        assertTrue(b.get(0)); // i = 99
        assertFalse(b.get(1));
        assertTrue(b.get(69) == (30 % 3 == 0));
        IndexOutOfBoundsException ex = assertThrows(IndexOutOfBoundsException.class, () -> b.get(-1));
        assertEquals("age must be in [0, size=70), was -1", ex.getMessage());
    }

    @Test
    void resetAndCopyAreIndependent() {
        RollingDoubleWindow d = new RollingDoubleWindow(4);
        RollingBooleanWindow b = new RollingBooleanWindow(4);
        for (int i = 0; i < 6; i++) {
            d.add(i);
            b.add(true);
        }
        RollingDoubleWindow dc = d.copy();
        RollingBooleanWindow bc = b.copy();
        d.reset();
        b.reset();
        assertEquals(0, d.size());
        assertEquals(0, b.count());
        assertEquals(14.0, dc.sum());
        assertEquals(4, bc.count());
        d.add(2.0);
        assertEquals(2.0, d.sum());
        assertEquals(14.0, dc.sum());
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RollingDoubleWindow(0));
        assertEquals("capacity must be >= 1, was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RollingBooleanWindow(-2));
        assertEquals("capacity must be >= 1, was -2", e.getMessage());
        RollingDoubleWindow d = new RollingDoubleWindow(2);
        e = assertThrows(IllegalArgumentException.class, () -> d.add(Double.NaN));
        assertEquals("value must be finite, was NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.add(Double.NEGATIVE_INFINITY));
        assertEquals("value must be finite, was -Infinity", e.getMessage());
        assertEquals(0, d.size());
    }

    /** 10^8 updates: the running sum stays within 1e-9 relative of a fresh summation of the ring. */
    @Test
    void hundredMillionUpdatesDoNotDrift() {
        RollingDoubleWindow w = new RollingDoubleWindow(1000);
        long state = 42L;
        for (int i = 0; i < 100_000_000; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            // values of mixed magnitude around 1e3, the regime where naive subtract-on-evict loses digits
            w.add(1000.0 + ((z >>> 11) * 0x1.0p-53 - 0.5) * 1e6 * ((i & 7) == 0 ? 1.0 : 1e-6));
        }
        double[] xs = w.toArray();
        java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
        for (double x : xs) {
            exact = exact.add(new java.math.BigDecimal(x));
        }
        double fresh = exact.doubleValue();
        StreamingReference.assertRel(fresh, w.sum(), 1e-9, "sum after 1e8 updates");
        double mean = fresh / xs.length;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        StreamingReference.assertRel(ss / (xs.length - 1), w.variance(), 1e-9, "variance after 1e8 updates");
    }

    @Property
    void doubleSumsEqualBruteForce(@ForAll @Size(max = 300) List<@DoubleRange(min = -1e6, max = 1e6) Double> xs,
                                   @ForAll @IntRange(min = 1, max = 40) int capacity) {
        RollingDoubleWindow w = new RollingDoubleWindow(capacity);
        for (int t = 0; t < xs.size(); t++) {
            w.add(xs.get(t));
            int from = Math.max(0, t + 1 - capacity);
            double sum = 0;
            double abs = 0;
            for (int i = from; i <= t; i++) {
                sum += xs.get(i);
                abs += Math.abs(xs.get(i));
            }
            int n = t + 1 - from;
            assertEquals(n, w.size());
            assertEquals(sum, w.sum(), 1e-12 * abs + 1e-300);
            double mean = sum / n;
            double ss = 0;
            for (int i = from; i <= t; i++) {
                ss += (xs.get(i) - mean) * (xs.get(i) - mean);
            }
            // the error scales with the squared distance to the shift, a mean of the window as it was
            // up to capacity updates ago: bound it by the largest square of the last 2 capacity values
            double big = 0;
            for (int i = Math.max(0, t + 1 - 2 * capacity); i <= t; i++) {
                big = Math.max(big, xs.get(i) * xs.get(i));
            }
            assertEquals(ss / n, w.populationVariance(), 1e-12 * capacity * big + 1e-300);
        }
    }

    @Property
    void booleanCountEqualsBruteForce(@ForAll @Size(max = 500) List<Boolean> xs,
                                      @ForAll @IntRange(min = 1, max = 200) int capacity) {
        RollingBooleanWindow w = new RollingBooleanWindow(capacity);
        for (int t = 0; t < xs.size(); t++) {
            w.add(xs.get(t));
            int from = Math.max(0, t + 1 - capacity);
            int count = 0;
            for (int i = from; i <= t; i++) {
                count += xs.get(i) ? 1 : 0;
            }
            assertEquals(count, w.count());
            assertEquals(t + 1 - from, w.size());
            assertEquals(xs.get(from), w.get(w.size() - 1));
        }
    }
}

package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PageHinkleyTest {

    @Test
    void matchesRiverUpdateRule() {
        JsonNode ref = StreamingReference.root().get("page_hinkley");
        double[] xs = StreamingReference.doubles(ref.get("values"));
        for (JsonNode c : ref.get("cases")) {
            PageHinkley ph = new PageHinkley(c.get("min_instances").asInt(), c.get("delta").asDouble(),
                    c.get("threshold").asDouble(), c.get("alpha").asDouble(),
                    PageHinkley.Direction.valueOf(c.get("mode").asText().toUpperCase(Locale.ROOT)));
            List<Integer> alarms = new ArrayList<>();
            for (int i = 0; i < xs.length; i++) {
                if (ph.update(xs[i])) {
                    alarms.add(i);
                }
            }
            List<Integer> expected = new ArrayList<>();
            c.get("alarms").forEach(n -> expected.add(n.asInt()));
            assertEquals(expected, alarms, c.get("mode").asText());
            StreamingReference.assertRel(c.get("final_increase").asDouble(), ph.increaseStatistic(), 1e-9, "up");
            StreamingReference.assertRel(c.get("final_decrease").asDouble(), ph.decreaseStatistic(), 1e-9, "down");
            assertEquals(expected.size(), ph.alarms());
        }
    }

    @Test
    void defaultsAreRivers() {
        PageHinkley ph = new PageHinkley(PageHinkley.Direction.INCREASE);
        PageHinkley.Snapshot s = ph.snapshot();
        assertEquals(30, s.minInstances());
        assertEquals(0.005, s.delta());
        assertEquals(50.0, s.threshold());
        assertEquals(1 - 0.0001, s.alpha());
        assertEquals(0, ph.count());
        assertEquals(0.0, ph.mean());
    }

    @Test
    void noSignalBeforeMinInstances() {
        PageHinkley ph = new PageHinkley(10, 0.0, 0.5, 1.0, PageHinkley.Direction.BOTH);
        ph.update(0.0);
        for (int i = 0; i < 7; i++) {
            assertFalse(ph.update(100.0), "update " + i);
        }
        assertTrue(ph.update(100.0)); // River's count reaches min_instances on the 9th value
        assertEquals(0, ph.count());
    }

    @Test
    void constantStreamNeverSignals() {
        PageHinkley ph = new PageHinkley(PageHinkley.Direction.BOTH);
        for (int i = 0; i < 100_000; i++) {
            assertFalse(ph.update(0.62));
        }
        assertEquals(0.0, ph.increaseStatistic());
        assertEquals(0.0, ph.decreaseStatistic());
    }

    @Test
    void snapshotRestoresExactly() {
        PageHinkley a = new PageHinkley(PageHinkley.Direction.DECREASE);
        DetectorSimulation.StreamRandom rnd = new DetectorSimulation.StreamRandom(3);
        for (int i = 0; i < 1234; i++) {
            a.update(rnd.nextDouble() < 0.6);
        }
        PageHinkley b = PageHinkley.fromSnapshot(a.snapshot());
        for (int i = 0; i < 20_000; i++) {
            boolean x = rnd.nextDouble() < (i < 2000 ? 0.6 : 0.4);
            assertEquals(a.update(x), b.update(x));
        }
        assertEquals(a.snapshot(), b.snapshot());
        assertTrue(a.alarms() > 0);
        a.reset();
        assertEquals(0, a.alarms());
        assertEquals(0, a.count());
    }

    @Test
    void rejectsBadArguments() {
        PageHinkley ph = new PageHinkley(PageHinkley.Direction.BOTH);
        assertEquals("x must be finite, was NaN",
                assertThrows(IllegalArgumentException.class, () -> ph.update(Double.NaN)).getMessage());
        assertEquals(0, ph.count());
        assertEquals("minInstances must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> new PageHinkley(0, 0.005, 50, 0.9999, PageHinkley.Direction.BOTH)).getMessage());
        assertEquals("alpha must be in (0, 1], was 1.5", assertThrows(IllegalArgumentException.class,
                () -> new PageHinkley(30, 0.005, 50, 1.5, PageHinkley.Direction.BOTH)).getMessage());
        assertEquals("threshold must be positive and finite, was 0.0", assertThrows(IllegalArgumentException.class,
                () -> new PageHinkley(30, 0.005, 0, 0.9, PageHinkley.Direction.BOTH)).getMessage());
        assertEquals("direction must not be null", assertThrows(IllegalArgumentException.class,
                () -> new PageHinkley(null)).getMessage());
    }
}

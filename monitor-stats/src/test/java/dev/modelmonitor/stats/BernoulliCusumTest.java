package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class BernoulliCusumTest {

    @Test
    void latticeArlMatchesDenseNumpySolve() {
        for (JsonNode c : StreamingReference.root().get("cusum_arl")) {
            double arl = BernoulliCusum.latticeArl(c.get("p").asDouble(), c.get("k").asInt(), c.get("j").asInt(),
                    c.get("h").asLong());
            StreamingReference.assertRel(c.get("arl").asDouble(), arl, 1e-9, "ARL " + c);
        }
    }

    @Test
    void forArl0PicksTheSmallestThresholdMeetingTheTarget() {
        BernoulliCusum c = BernoulliCusum.forArl0(0.62, 0.52, 1000);
        BernoulliCusum.Snapshot s = c.snapshot();
        assertEquals(4, s.failureStep());
        assertEquals(3, s.successStep());
        double arl = c.averageRunLength(0.62);
        assertTrue(arl >= 1000, "ARL0 " + arl);
        assertTrue(BernoulliCusum.latticeArl(0.62, 4, 3, s.thresholdSteps() - 1) < 1000);
        assertTrue(c.averageRunLength(0.52) < 0.2 * arl);
        assertEquals(Math.log(0.48 / 0.38) / 4 * s.thresholdSteps(), c.threshold(), 1e-12);
        // larger targets need larger thresholds
        assertTrue(BernoulliCusum.forArl0(0.62, 0.52, 5000).threshold() > c.threshold());
        // a target below the shortest possible run length gives the smallest threshold
        assertEquals(1, BernoulliCusum.forArl0(0.62, 0.52, 1).snapshot().thresholdSteps());
    }

    /** The computed ARL agrees with a seeded simulation within 4 standard errors. */
    @Test
    void computedArlAgreesWithSimulation() {
        BernoulliCusum c = BernoulliCusum.forArl0(0.7, 0.6, 200);
        for (double p : new double[] {0.7, 0.6}) {
            double expected = c.averageRunLength(p);
            DetectorSimulation.StreamRandom rnd = new DetectorSimulation.StreamRandom(99);
            int reps = 4000;
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < reps; i++) {
                c.reset();
                long t = 0;
                do {
                    t++;
                } while (!c.update(rnd.nextDouble() < p));
                sum += t;
                sumSq += (double) t * t;
            }
            double mean = sum / reps;
            double se = Math.sqrt((sumSq / reps - mean * mean) / reps);
            assertTrue(Math.abs(mean - expected) < 4 * se, "p=" + p + ": simulated " + mean + " +/- " + se
                    + ", computed " + expected);
        }
    }

    @Test
    void statisticFollowsTheLogLikelihoodRatio() {
        BernoulliCusum c = BernoulliCusum.withThreshold(0.5, 0.25, 10.0);
        // a = ln(0.75/0.5), b = ln(2): ratio 1.7095 -> J = 109 on K = 64
        c.update(false);
        assertEquals(Math.log(1.5), c.statistic(), 1e-12);
        c.update(true);
        assertEquals(0.0, c.statistic());
        c.update(false);
        c.update(false);
        assertEquals(2 * Math.log(1.5), c.statistic(), 1e-12);
        assertEquals(4, c.updates());
        assertEquals(0, c.alarms());
    }

    @Test
    void signalsAndRestarts() {
        BernoulliCusum c = BernoulliCusum.withThreshold(0.9, 0.5, 3.0); // a = ln(5) = 1.609: two failures
        assertFalse(c.update(false));
        assertTrue(c.update(false));
        assertEquals(0.0, c.statistic());
        assertEquals(1, c.alarms());
        assertFalse(c.update(true));
        c.reset();
        assertEquals(0, c.updates());
        assertEquals(0, c.alarms());
    }

    @Test
    void snapshotRestoresExactly() {
        BernoulliCusum a = BernoulliCusum.forArl0(0.62, 0.52, 500);
        DetectorSimulation.StreamRandom rnd = new DetectorSimulation.StreamRandom(5);
        for (int i = 0; i < 777; i++) {
            a.update(rnd.nextDouble() < 0.55);
        }
        BernoulliCusum.Snapshot s = a.snapshot();
        BernoulliCusum b = BernoulliCusum.fromSnapshot(s);
        assertEquals(s, b.snapshot());
        for (int i = 0; i < 5000; i++) {
            boolean x = rnd.nextDouble() < 0.55;
            assertEquals(a.update(x), b.update(x));
        }
        assertEquals(a.snapshot(), b.snapshot());
        BernoulliCusum other = BernoulliCusum.forArl0(0.62, 0.52, 2000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restore(s));
        assertTrue(e.getMessage().startsWith("snapshot parameters must match this chart's"), e.getMessage());
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("p0 must be in (0, 1), was 1.0",
                assertThrows(IllegalArgumentException.class, () -> BernoulliCusum.forArl0(1.0, 0.5, 100)).getMessage());
        assertEquals("p1 must be in (0, p0=0.6), was 0.7",
                assertThrows(IllegalArgumentException.class, () -> BernoulliCusum.forArl0(0.6, 0.7, 100)).getMessage());
        assertEquals("p0 must be in (0, 1), was NaN",
                assertThrows(IllegalArgumentException.class, () -> BernoulliCusum.forArl0(Double.NaN, 0.5, 100))
                        .getMessage());
        assertEquals("arl0 must be >= 1 and finite, was 0.5",
                assertThrows(IllegalArgumentException.class, () -> BernoulliCusum.forArl0(0.6, 0.5, 0.5)).getMessage());
        assertEquals("h must be positive and finite, was -1.0",
                assertThrows(IllegalArgumentException.class, () -> BernoulliCusum.withThreshold(0.6, 0.5, -1))
                        .getMessage());
        assertEquals("statistic must be in [0, 10), was 10",
                assertThrows(IllegalArgumentException.class,
                        () -> new BernoulliCusum.Snapshot(0.6, 0.5, 4, 3, 10, 10, 0, 0)).getMessage());
        BernoulliCusum c = BernoulliCusum.forArl0(0.6, 0.5, 100);
        assertEquals("p must be in [0, 1), was NaN",
                assertThrows(IllegalArgumentException.class, () -> c.averageRunLength(Double.NaN)).getMessage());
    }
}

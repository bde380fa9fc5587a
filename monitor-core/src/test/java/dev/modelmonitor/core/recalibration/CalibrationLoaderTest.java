package dev.modelmonitor.core.recalibration;

import dev.modelmonitor.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationLoaderTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-02-10T14:30:22Z"));

    private Recalibrator recalibrator(DeploymentListener... listeners) {
        Recalibrator.Builder b = Recalibrator.builder(dir, TradeSource.of(Sim.trades(600, 11, Sim.OVERCONFIDENT, true)))
                .clock(clock);
        for (DeploymentListener l : listeners) {
            b.addListener(l);
        }
        return b.build();
    }

    private CalibrationLoader loader() {
        return CalibrationLoader.builder(dir).clock(clock).pollInterval(Duration.ofSeconds(5)).build();
    }

    @Test
    void withNothingDeployedItServesRawConfidences() {
        CalibrationLoader loader = loader();
        assertTrue(loader.config().isNone());
        assertEquals(0.7, loader.calibrate(0.7));
        assertTrue(Double.isNaN(loader.calibrate(Double.NaN)));
        assertEquals(Map.of(), loader.weights());
        assertEquals(0.25, loader.weight("xgb", 0.25));
        assertEquals(0, loader.failures());
        assertFalse(loader.poll());
        assertEquals(0, loader.failures(), "a file that was never there is not a failure");
    }

    @Test
    void anInProcessDeploymentSwitchesAtOnce() {
        CalibrationLoader loader = loader();
        Recalibrator r = recalibrator(loader);
        CalibrationJob job = r.analyze();
        r.approve(job.id());
        assertSame(job.proposed().getClass(), loader.config().getClass());
        assertEquals(job.proposed(), loader.config());
        assertEquals(job.proposed().confidence().apply(0.9), loader.calibrate(0.9));
        assertEquals(0.33, loader.weight("lgbm", 0.0), 1e-12);
        assertEquals(job.proposed().weights(), loader.weights());
        assertFalse(loader.poll(), "the file it was told about is not reloaded");
        r.rollback();
        assertTrue(loader.config().isNone());
        assertEquals(0.9, loader.calibrate(0.9));
    }

    @Test
    void anotherProcessesDeploymentIsPickedUpByTheFileCheck() {
        CalibrationLoader loader = loader();
        Recalibrator other = recalibrator();   // no listener: as if in another process
        CalibrationJob first = other.analyze();
        other.approve(first.id());
        assertTrue(loader.config().isNone(), "not before a check");
        assertFalse(loader.pollIfDue(), "the build checked the file: the next check is due in 5 s");
        clock.advance(Duration.ofSeconds(5));
        assertTrue(loader.pollIfDue());
        assertEquals(first.id(), loader.config().version());

        clock.advance(Duration.ofSeconds(2));
        CalibrationJob second = other.analyze();
        other.approve(second.id());
        clock.advance(Duration.ofSeconds(2));
        assertFalse(loader.pollIfDue(), "4 s after the last check: not due");
        assertEquals(first.id(), loader.config().version());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(loader.pollIfDue());
        assertEquals(second.id(), loader.config().version());
        assertFalse(loader.poll(), "unchanged file");
        assertEquals(3, loader.reloads() + 1, "two loads after the initial empty state");
    }

    @Test
    void aMalformedFileKeepsTheLastGoodConfigAndIsCountedOnce() throws IOException {
        Recalibrator r = recalibrator();
        CalibrationJob job = r.analyze();
        r.approve(job.id());
        CalibrationLoader loader = loader();
        assertEquals(job.id(), loader.config().version());
        double good = loader.calibrate(0.8);

        Files.writeString(r.activeFile(), "{\"schema_version\" : 1, \"version\" : ");   // corrupt in place
        assertFalse(loader.poll());
        assertEquals(job.id(), loader.config().version());
        assertEquals(good, loader.calibrate(0.8));
        assertEquals(1, loader.failures());
        assertTrue(loader.lastError().startsWith("calibration config is not valid JSON"), loader.lastError());
        assertFalse(loader.poll());
        assertEquals(1, loader.failures(), "the same bad file is reported once");

        Files.writeString(r.activeFile(), Files.readString(r.activeFile()).replace("{", "[").repeat(2));
        loader.poll();
        assertEquals(2, loader.failures(), "a different bad file counts again");

        Files.delete(r.activeFile());
        assertFalse(loader.poll());
        assertEquals(job.id(), loader.config().version(), "a vanished file keeps the last good config");
        assertEquals(3, loader.failures());

        clock.advance(Duration.ofMinutes(1));
        r.rollback(job.id());
        assertTrue(loader.poll(), "a good file is loaded again");
        assertEquals("", loader.lastError());
    }

    @Test
    void aMalformedFileAtStartServesNoCalibration() throws IOException {
        Files.writeString(dir.resolve("calibration.json"), "garbage");
        CalibrationLoader loader = loader();
        assertTrue(loader.config().isNone());
        assertEquals(0.61, loader.calibrate(0.61));
        assertEquals(1, loader.failures());
    }

    @Test
    void builderRejectsBadInput() {
        assertEquals("configDirectory must not be null",
                assertThrows(IllegalArgumentException.class, () -> CalibrationLoader.builder(null)).getMessage());
        assertEquals("pollInterval must not be negative, was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> CalibrationLoader.builder(dir).pollInterval(Duration.ofSeconds(-1))).getMessage());
        assertEquals("clock must not be null", assertThrows(IllegalArgumentException.class,
                () -> CalibrationLoader.builder(dir).clock(null)).getMessage());
        assertEquals(dir.resolve("calibration.json"), loader().file());
    }
}

package dev.modelmonitor.examples;

import dev.modelmonitor.core.recalibration.CalibrationConfig;
import dev.modelmonitor.core.recalibration.CalibrationLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recalibration demo's full cycle, as docs/recalibration.md shows it. */
class RecalibrationDemoTest {

    @Test
    void theFullCycleSucceedsAndEndsRolledBack(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Integer> codes = RecalibrationDemo.fullCycle(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(List.of(0, 0, 0, 0, 0, 0), codes, out);
        assertTrue(out.contains("Status:     PENDING_APPROVAL"), out);
        assertTrue(out.contains("DEPLOYED cal_20260210_160100 (replaced none)"), out);
        assertTrue(out.contains("ROLLED BACK to none (was cal_20260210_160100)"), out);
        assertTrue(Files.exists(dir.resolve("config/calibration_archive/cal_20260210_160100_deployed.json")));
        assertTrue(Files.exists(dir.resolve("config/reports/calibration_cal_20260210_160100.md")));
        CalibrationLoader loader = CalibrationLoader.builder(dir.resolve("config")).build();
        assertEquals(CalibrationConfig.none(), loader.config());
    }

    @Test
    void theSimulatedTradesCarryEnsembleDataIntoTheFileStore(@TempDir Path dir) {
        Path store = RecalibrationDemo.simulatedStore(dir.resolve("store"));
        try (dev.modelmonitor.core.store.FileStore reader = dev.modelmonitor.core.store.FileStore.builder(store)
                .openMode(dev.modelmonitor.core.store.FileStore.OpenMode.READ_ONLY).build()) {
            List<dev.modelmonitor.api.ResolvedPrediction> all = new java.util.ArrayList<>();
            reader.scan(dev.modelmonitor.api.ResolvedPrediction.class, RecalibrationDemo.KEY, Long.MIN_VALUE,
                    Long.MAX_VALUE, all::add);
            assertEquals(480, all.size());
            assertTrue(all.get(479).prediction().ensemble().calls().containsKey("lgbm"));
        }
    }
}

package dev.modelmonitor.examples;

import dev.modelmonitor.api.Direction;
import dev.modelmonitor.api.Ensemble;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.recalibration.CalibrationJob;
import dev.modelmonitor.core.recalibration.CalibrationLoader;
import dev.modelmonitor.core.recalibration.Recalibrator;
import dev.modelmonitor.core.recalibration.TradeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** docs/recalibration.md's code example, as printed there (with a temporary directory for "config"). */
class RecalibrationDocExampleTest {

    @Test
    void inCodeExample(@TempDir Path config) {
        try (ModelMonitor monitor = ModelMonitor.builder().build()) {
            ModelKey key = ModelKey.of("ensemble_v2", "BTC/USDT");
            double rawConfidence = 0.66;

            CalibrationLoader loader = CalibrationLoader.builder(config).build();

            // the host, when it logs: optional ensemble data rides inside the direction call
            Ensemble ensemble = Ensemble.builder()
                    .call("xgb", Direction.UP, 0.71).call("lgbm", Direction.DOWN, 0.58)
                    .weight("xgb", loader.weight("xgb", 0.30)).weight("lgbm", loader.weight("lgbm", 0.30))
                    .build();
            long id = monitor.log(key, Prediction.up(0.66, 42_000.0, Duration.ofHours(1)).withEnsemble(ensemble));

            // the learning side, in process
            Recalibrator recalibrator = Recalibrator.builder(config, TradeSource.fromMonitor(monitor, null))
                    .addListener(loader).build();
            if (recalibrator.readiness().ready()) {
                CalibrationJob job = recalibrator.analyze();          // read job.markdownReport() first
                recalibrator.approve(job.id());                       // the explicit approval
            }

            // the inference path
            double confidence = loader.calibrate(rawConfidence);

            monitor.resolve(id, Outcome.exitPrice(42_100.0));
            assertFalse(recalibrator.readiness().ready(), "one trade: not ready");
            assertEquals(rawConfidence, confidence, "nothing deployed: raw confidence");
        }
    }
}

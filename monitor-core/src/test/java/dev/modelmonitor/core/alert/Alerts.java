package dev.modelmonitor.core.alert;

import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.WindowAccuracy;

import java.util.List;

/** Drift alerts at each severity, for the sink tests. */
final class Alerts {

    static final ModelKey KEY = ModelKey.of("lstm_btc", "BTC/USDT");
    static final long T0 = 1_709_294_400_000L; // 2024-03-01T12:00:00Z

    private Alerts() {
    }

    static DriftAlert at(DriftLevel level, DriftLevel previous, double current, long timeMillis) {
        WindowAccuracy w = new WindowAccuracy(50, 50, (int) Math.round(current * 50), current, 0.65 - current,
                -1.99, 0.0234, level);
        DriftReport report = new DriftReport(KEY, level, 0.65, List.of(w), 50, current, 0.65 - current, -1.99,
                0.0234, true, DriftThresholds.defaults(), 400, timeMillis);
        return new DriftAlert(report, previous);
    }

    static DriftAlert critical() {
        return at(DriftLevel.CRITICAL, DriftLevel.HEALTHY, 0.52, T0);
    }

    static DriftAlert warning() {
        return at(DriftLevel.WARNING, DriftLevel.HEALTHY, 0.59, T0);
    }

    static DriftAlert recovery() {
        return at(DriftLevel.HEALTHY, DriftLevel.CRITICAL, 0.64, T0 + 60_000);
    }

    /** An alert without a baseline or test: NaN figures. */
    static DriftAlert withoutBaseline() {
        WindowAccuracy w = new WindowAccuracy(50, 50, 20, 0.4, Double.NaN, Double.NaN, Double.NaN,
                DriftLevel.RETRAIN);
        DriftReport report = new DriftReport(KEY, DriftLevel.RETRAIN, Double.NaN, List.of(w), 50, 0.4, Double.NaN,
                Double.NaN, Double.NaN, false, DriftThresholds.defaults(), 50, T0);
        return new DriftAlert(report, DriftLevel.HEALTHY);
    }
}

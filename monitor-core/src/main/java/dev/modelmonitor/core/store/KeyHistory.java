package dev.modelmonitor.core.store;

import dev.modelmonitor.api.BaselineRecord;
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationDay;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.RetrainRequest;

/**
 * Everything an {@link InMemoryStore} retains for one key: one bounded ring per record type. Callers hold
 * the monitor of this object while they touch any ring.
 */
final class KeyHistory {

    final ModelKey key;
    final ResolvedColumns resolved;
    final RecordRing<BaselineRecord> baselines;
    final RecordRing<DriftReport> reports;
    final RecordRing<DriftAlert> alerts;
    final RecordRing<ForecastDay> forecastDays;
    final RecordRing<ForecastAlert> forecastAlerts;
    final RecordRing<CalibrationDay> calibrationDays;
    final RecordRing<CalibrationAlert> calibrationAlerts;
    final RecordRing<RetrainRequest> retrains;

    KeyHistory(ModelKey key, int maxResolved, int maxBaselines, int maxReports, int maxAlerts, int maxForecastDays,
               int maxCalibrationDays, int maxRetrains) {
        this.key = key;
        this.resolved = new ResolvedColumns(key, maxResolved);
        this.baselines = new RecordRing<>(maxBaselines);
        this.reports = new RecordRing<>(maxReports);
        this.alerts = new RecordRing<>(maxAlerts);
        this.forecastDays = new RecordRing<>(maxForecastDays);
        this.forecastAlerts = new RecordRing<>(maxAlerts);
        this.calibrationDays = new RecordRing<>(maxCalibrationDays);
        this.calibrationAlerts = new RecordRing<>(maxAlerts);
        this.retrains = new RecordRing<>(maxRetrains);
    }
}

package dev.modelmonitor.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MonitorSettingsTest {

    static MonitorSettings defaults() {
        return new MonitorSettings(DriftThresholds.defaults(), CalibrationThresholds.defaults(),
                ForecastConfig.defaults(), 0.002, Duration.ofHours(1), Duration.ofHours(4));
    }

    @Test
    void equalSettingsHaveNoChanges() {
        assertEquals(List.of(), defaults().changesFrom(defaults()));
    }

    @Test
    void eachChangedSettingIsNamedByItsPathWithBothValuesInComponentOrder() {
        MonitorSettings stored = defaults();
        MonitorSettings now = new MonitorSettings(DriftThresholds.builder().alpha(0.01).build(),
                CalibrationThresholds.builder().zone(ZoneOffset.ofHours(2)).retrainCooldown(Duration.ofDays(3))
                        .build(),
                ForecastConfig.builder().horizonEdges(List.of(Duration.ofHours(2))).build(), 0.002,
                Duration.ZERO, Duration.ofHours(4));
        assertEquals(List.of(
                new SettingChange("driftThresholds.alpha", "0.05", "0.01"),
                new SettingChange("calibrationThresholds.retrainCooldown", "PT168H", "PT72H"),
                new SettingChange("calibrationThresholds.zone", "Z", "+02:00"),
                new SettingChange("forecastConfig.horizonEdges",
                        ForecastConfig.defaults().horizonEdges().toString(), "[PT2H]"),
                new SettingChange("expiryGrace", "PT1H", "PT0S")), now.changesFrom(stored));
        assertEquals(new SettingChange("driftThresholds.alpha", "0.01", "0.05"), stored.changesFrom(now).get(0),
                "stored first, current second");
    }

    @Test
    void badValuesAreRejectedNamingTheField() {
        assertEquals("stored must not be null", assertThrows(IllegalArgumentException.class,
                () -> defaults().changesFrom(null)).getMessage());
        assertEquals("driftThresholds must not be null", assertThrows(IllegalArgumentException.class,
                () -> new MonitorSettings(null, CalibrationThresholds.defaults(), ForecastConfig.defaults(), 0.0,
                        Duration.ZERO, Duration.ofHours(1))).getMessage());
        assertEquals("holdBand must be in [0, 1), was 1.0", assertThrows(IllegalArgumentException.class,
                () -> new MonitorSettings(DriftThresholds.defaults(), CalibrationThresholds.defaults(),
                        ForecastConfig.defaults(), 1.0, Duration.ZERO, Duration.ofHours(1))).getMessage());
        assertEquals("holdBand must be in [0, 1), was NaN", assertThrows(IllegalArgumentException.class,
                () -> new MonitorSettings(DriftThresholds.defaults(), CalibrationThresholds.defaults(),
                        ForecastConfig.defaults(), Double.NaN, Duration.ZERO, Duration.ofHours(1))).getMessage());
        assertEquals("expiryGrace must not be negative, was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> new MonitorSettings(DriftThresholds.defaults(), CalibrationThresholds.defaults(),
                        ForecastConfig.defaults(), 0.0, Duration.ofSeconds(-1), Duration.ofHours(1))).getMessage());
        assertEquals("alertRepeatInterval must be positive, was PT0S", assertThrows(IllegalArgumentException.class,
                () -> new MonitorSettings(DriftThresholds.defaults(), CalibrationThresholds.defaults(),
                        ForecastConfig.defaults(), 0.0, Duration.ZERO, Duration.ZERO)).getMessage());
        assertEquals("setting must not be null", assertThrows(IllegalArgumentException.class,
                () -> new SettingChange(null, "a", "b")).getMessage());
    }
}

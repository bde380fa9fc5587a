package dev.modelmonitor.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings a monitor applies: its drift thresholds, calibration thresholds, forecast config, hold band,
 * expiry grace and alert repeat interval. A monitor built on a store that outlives its process records them
 * in the store ({@link Store#recordSettings}); the next monitor on the same data compares the stored settings
 * with its own ({@link #changesFrom}), logs every difference and applies its own.
 *
 * <p>Immutable and thread-safe. Null references are rejected; the values inside were validated by their own
 * types when built.
 *
 * @param driftThresholds       the accuracy drift rules
 * @param calibrationThresholds how calibration is measured and when it alerts
 * @param forecastConfig        the windows and rules for numeric forecasts
 * @param holdBand              relative move inside which a HOLD call is correct, in [0, 1)
 * @param expiryGrace           how long after its horizon a pending prediction expires, not negative
 * @param alertRepeatInterval   after how long an unchanged alerting level is published again, positive
 */
public record MonitorSettings(DriftThresholds driftThresholds, CalibrationThresholds calibrationThresholds,
                              ForecastConfig forecastConfig, double holdBand, Duration expiryGrace,
                              Duration alertRepeatInterval) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the field, the rule and the value
     */
    public MonitorSettings {
        Checks.notNull(driftThresholds, "driftThresholds");
        Checks.notNull(calibrationThresholds, "calibrationThresholds");
        Checks.notNull(forecastConfig, "forecastConfig");
        if (!(holdBand >= 0.0 && holdBand < 1.0)) {
            throw new IllegalArgumentException("holdBand must be in [0, 1), was " + holdBand);
        }
        Checks.notNull(expiryGrace, "expiryGrace");
        if (expiryGrace.isNegative()) {
            throw new IllegalArgumentException("expiryGrace must not be negative, was " + expiryGrace);
        }
        Checks.notNull(alertRepeatInterval, "alertRepeatInterval");
        if (alertRepeatInterval.isNegative() || alertRepeatInterval.isZero()) {
            throw new IllegalArgumentException("alertRepeatInterval must be positive, was " + alertRepeatInterval);
        }
    }

    /**
     * Every setting whose value differs between {@code stored} and these settings, in the order of the
     * components (drift thresholds, calibration thresholds, forecast config, hold band, expiry grace, alert
     * repeat interval) and, inside each, of its own components. A setting is named by its path of component
     * names, as the builders call it ({@code "driftThresholds.shortWindow"}, {@code "holdBand"}); values are
     * their {@code String.valueOf} ({@code "0.05"}, {@code "PT1H"}, {@code "[100, 200]"}). Doubles are equal
     * when {@link Double#equals} says so. O(settings); allocates only for the differences.
     *
     * @param stored the settings stored by an earlier monitor, not null
     * @return the differences, each naming the setting, the stored value and this one; empty when equal
     * @throws IllegalArgumentException if stored is null
     */
    public List<SettingChange> changesFrom(MonitorSettings stored) {
        Checks.notNull(stored, "stored");
        List<SettingChange> out = new ArrayList<>();
        diff("", stored, this, out);
        return List.copyOf(out);
    }

    private static void diff(String path, Object stored, Object current, List<SettingChange> out) {
        if (Objects.equals(stored, current)) {
            return;
        }
        if (current instanceof Record && stored != null && stored.getClass() == current.getClass()) {
            for (RecordComponent c : current.getClass().getRecordComponents()) {
                String name = path.isEmpty() ? c.getName() : path + "." + c.getName();
                diff(name, component(c, stored), component(c, current), out);
            }
            return;
        }
        out.add(new SettingChange(path, String.valueOf(stored), String.valueOf(current)));
    }

    private static Object component(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass().getName(), e);
        }
    }
}

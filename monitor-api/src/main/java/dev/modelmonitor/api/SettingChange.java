package dev.modelmonitor.api;

/**
 * One setting that differs between the settings an earlier monitor stored and the ones a new monitor applies
 * (see {@link MonitorSettings#changesFrom}). The new monitor's value applies.
 *
 * @param setting the setting's path of component names, for example {@code "driftThresholds.shortWindow"}
 * @param stored  the value the earlier monitor stored, as text
 * @param current the value this monitor applies, as text
 */
public record SettingChange(String setting, String stored, String current) {

    /**
     * Validates the references.
     *
     * @throws IllegalArgumentException if a reference is null
     */
    public SettingChange {
        Checks.notNull(setting, "setting");
        Checks.notNull(stored, "stored");
        Checks.notNull(current, "current");
    }
}

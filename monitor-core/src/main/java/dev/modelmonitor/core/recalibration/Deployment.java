package dev.modelmonitor.core.recalibration;

import java.nio.file.Path;

/**
 * The outcome of an approval or a rollback: which config is now active and what it replaced.
 *
 * @param action          DEPLOYED or ROLLED_BACK
 * @param active          the config now active
 * @param replacedVersion the version it replaced ({@value CalibrationConfig#NONE_VERSION} for none)
 * @param activeFile      the active config file
 * @param archivedFile    the archive copy of the active config
 */
public record Deployment(HistoryAction action, CalibrationConfig active, String replacedVersion, Path activeFile,
                         Path archivedFile) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a reference is null
     */
    public Deployment {
        if (action == null || active == null || replacedVersion == null || activeFile == null
                || archivedFile == null) {
            throw new IllegalArgumentException("every field of a Deployment must be non-null");
        }
    }
}

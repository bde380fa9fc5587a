package dev.modelmonitor.core.recalibration;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a deployment puts into effect: the confidence map and the ensemble weights, under a version name.
 * The host's inference path reads it through {@link CalibrationLoader}; on disk it is
 * {@code calibration.json} in the config directory (format: {@link ConfigFormat}).
 *
 * <p>Immutable and thread-safe; the weights map is unmodifiable and sorted by model name. An empty weights
 * map means "leave the ensemble's weights alone"; the identity map means "leave confidence alone".
 *
 * @param version         the version name, {@code [A-Za-z0-9_.-]+} (it names archive files); the job id
 *                        that produced it, or {@value #NONE_VERSION} for no calibration
 * @param createdAtMillis when it was produced, epoch ms
 * @param confidence      the confidence map, not null; {@link ConfidenceMap#IDENTITY} when disabled
 * @param weights         ensemble weights by model, each finite and in [0, 1]; empty for none
 */
public record CalibrationConfig(String version, long createdAtMillis, ConfidenceMap confidence,
                                Map<String, Double> weights) {

    /** The version name of "no calibration": the state before the first deployment. */
    public static final String NONE_VERSION = "none";

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final CalibrationConfig NONE = new CalibrationConfig(NONE_VERSION, 0L, ConfidenceMap.IDENTITY,
            Map.of());

    /**
     * Validates and copies the fields.
     *
     * @throws IllegalArgumentException naming the field and value that break a rule
     */
    public CalibrationConfig {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("version must match [A-Za-z0-9_.-]+, was "
                    + (version == null ? "null" : "'" + version + "'"));
        }
        if (confidence == null) {
            throw new IllegalArgumentException("confidence must not be null");
        }
        if (weights == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
        TreeMap<String, Double> w = new TreeMap<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("weights model name must not be blank, was "
                        + (name == null ? "null" : "'" + name + "'"));
            }
            Double v = e.getValue();
            if (v == null || !(v >= 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException("weights." + name + " must be in [0, 1], was " + v);
            }
            w.put(name, v);
        }
        weights = Collections.unmodifiableMap(w);
    }

    /**
     * No calibration: version {@value #NONE_VERSION}, the identity map, no weights.
     *
     * @return the shared instance
     */
    public static CalibrationConfig none() {
        return NONE;
    }

    /** @return true for the {@value #NONE_VERSION} version */
    public boolean isNone() {
        return NONE_VERSION.equals(version);
    }

    /** @return when it was produced */
    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAtMillis);
    }
}

package dev.modelmonitor.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares rolling accuracy with a baseline and raises drift alerts. Thread-safe. Every check costs
 * O(number of windows) per key, never O(history).
 */
public interface DriftMonitor {

    /**
     * Sets (or replaces) the baseline of a key.
     *
     * @param key      the key, not null
     * @param baseline the baseline, not null
     */
    void setBaseline(ModelKey key, Baseline baseline);

    /**
     * The baseline of a key.
     *
     * @param key the key
     * @return the baseline, or empty when none is set
     */
    Optional<Baseline> baseline(ModelKey key);

    /**
     * Checks one key now. Sees every resolution that returned before the call began. Does not publish
     * alerts: {@link #checkAll()} does.
     *
     * @param key the key, not null; an unknown key gives INSUFFICIENT_DATA
     * @return the report
     */
    DriftReport detectDrift(ModelKey key);

    /**
     * Checks every key, publishes the alerts due to the sinks, and returns the drift alerts that hold now
     * (every key at WARNING, CRITICAL or RETRAIN, plus recoveries since the last check).
     *
     * @return the alerts, in key order
     */
    List<DriftAlert> checkAll();

    /**
     * The status of one key, with a fresh drift check.
     *
     * @param key the key, not null; an unknown key gives UNKNOWN health with zero counts
     * @return the status
     */
    ModelStatus status(ModelKey key);

    /**
     * Every key the monitor has seen (logged, or given a baseline).
     *
     * @return an immutable snapshot of the keys
     */
    Set<ModelKey> keys();
}

package dev.modelmonitor.api;

/**
 * Tracks how far a key's stated confidence can be trusted: confidence against observed hit rate.
 *
 * <p>The monitor implements it; see its Javadoc for the window the figures cover.
 */
public interface CalibrationAnalyzer {

    /**
     * The calibration of a key's confidence over its long rolling window.
     *
     * @param key the key, not null; an unknown key gives an empty summary
     * @return the summary
     */
    CalibrationSummary calibration(ModelKey key);
}

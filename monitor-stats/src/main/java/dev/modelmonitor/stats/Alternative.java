package dev.modelmonitor.stats;

/**
 * The alternative hypothesis of a test, named as scipy and statsmodels name it.
 */
public enum Alternative {
    /** H1: the parameter differs from the null value in either direction. */
    TWO_SIDED,
    /** H1: the parameter is smaller than the null value (statsmodels {@code 'smaller'}, scipy {@code 'less'}). */
    LESS,
    /** H1: the parameter is larger than the null value (statsmodels {@code 'larger'}, scipy {@code 'greater'}). */
    GREATER
}

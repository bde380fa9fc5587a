package dev.modelmonitor.stats;

/**
 * How the two-sample Kolmogorov-Smirnov p-value is computed, named as scipy's {@code ks_2samp(method=...)}.
 */
public enum KsMethod {
    /**
     * {@link #EXACT} when the larger sample has at most 10,000 values, otherwise {@link #ASYMPTOTIC}
     * (scipy {@code method='auto'}).
     */
    AUTO,
    /**
     * The exact null distribution of D for the two sample sizes, by lattice-path counting (Hodges 1958;
     * Viehmann 2021 for the stable inside-the-band recursion). Falls back to {@link #ASYMPTOTIC} when
     * lcm(n1, n2) does not fit the 32-bit range that scipy accepts (scipy {@code method='exact'}).
     */
    EXACT,
    /**
     * The one-sample Kolmogorov distribution of D with {@code n = round(n1 n2 / (n1 + n2))}, scipy's
     * {@code kstwo.sf(D, n)} (scipy {@code method='asymp'}).
     */
    ASYMPTOTIC
}

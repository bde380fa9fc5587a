package dev.modelmonitor.benchmarks;

/**
 * Seeded test data for the drift benchmarks, reproducible bit for bit in Python
 * ({@code benchmarks/python/bench_drift.py}) so both sides time identical inputs.
 *
 * <p>SplitMix64 (Steele, Lea and Flood 2014): {@code state += 0x9E3779B97F4A7C15}, then the 64-bit mix
 * {@code z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >>> 27)) * 0x94D049BB133111EB; z ^ (z >>>
 * 31)}. A uniform double in [0, 1) is {@code (next() >>> 11) * 0x1.0p-53}; a standard normal is
 * Box-Muller from two uniforms, {@code sqrt(-2 ln(1 - u1)) cos(2 pi u2)} (one variate per pair).
 *
 * <p>Not thread-safe; one instance per data set.
 */
public final class DriftData {

    private long state;

    /**
     * A generator with the given seed.
     *
     * @param seed the initial state
     */
    public DriftData(long seed) {
        this.state = seed;
    }

    /**
     * The next 64 random bits.
     *
     * @return the next SplitMix64 output
     */
    public long next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A uniform double in [0, 1).
     *
     * @return {@code (next() >>> 11) * 2^-53}
     */
    public double uniform() {
        return (next() >>> 11) * 0x1.0p-53;
    }

    /**
     * A standard normal variate by Box-Muller.
     *
     * @return {@code sqrt(-2 ln(1 - u1)) cos(2 pi u2)}
     */
    public double normal() {
        double u1 = uniform();
        double u2 = uniform();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /**
     * n normal variates with the given mean and standard deviation, from a fresh generator.
     *
     * @param seed  the seed
     * @param n     how many
     * @param mean  the mean
     * @param sigma the standard deviation
     * @return the sample
     */
    public static double[] normals(long seed, int n, double mean, double sigma) {
        DriftData g = new DriftData(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean + sigma * g.normal();
        }
        return out;
    }
}

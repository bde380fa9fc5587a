package dev.modelmonitor.benchmarks;

/**
 * SplitMix64 (Steele, Lea and Flood 2014) with the mappings the Python timing scripts in
 * {@code benchmarks/python/} use, so the Java benchmarks and the Python timings run on identical inputs.
 *
 * <ul>
 *   <li>{@code nextLong}: state += 0x9E3779B97F4A7C15; z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9;
 *       z = (z ^ (z >>> 27)) * 0x94D049BB133111EB; return z ^ (z >>> 31).</li>
 *   <li>{@code nextDouble}: {@code (nextLong() >>> 11) * 0x1.0p-53}, in [0, 1).</li>
 *   <li>{@code nextGaussian}: Box-Muller from two such uniforms u1, u2:
 *       {@code sqrt(-2 ln(1 - u1)) cos(2 pi u2)} (one variate per pair; 1 - u1 is in (0, 1]), with
 *       StrictMath so every JVM gives the same bits.</li>
 * </ul>
 *
 * <p>Not thread-safe; one instance per benchmark state.
 */
public final class SplitMix64 {

    private long state;

    /**
     * Creates a generator.
     *
     * @param seed the initial state
     */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** @return the next 64 random bits */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return a uniform double in [0, 1) from the top 53 bits */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** @return a standard normal variate by Box-Muller (consumes two uniforms) */
    public double nextGaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }
}

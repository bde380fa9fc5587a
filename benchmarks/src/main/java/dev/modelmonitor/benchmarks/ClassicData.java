package dev.modelmonitor.benchmarks;

/**
 * SplitMix64 (Steele, Lea and Flood 2014) with the exact double mapping that {@code
 * benchmarks/python/bench_classic.py} uses, so the Java benchmarks and the Python timings run on identical
 * inputs.
 *
 * <ul>
 *   <li>{@code nextLong}: state += 0x9E3779B97F4A7C15; z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9;
 *       z = (z ^ (z >>> 27)) * 0x94D049BB133111EB; return z ^ (z >>> 31).</li>
 *   <li>{@code nextDouble}: {@code (nextLong() >>> 11) * 0x1.0p-53}, in [0, 1).</li>
 *   <li>{@code nextGaussian}: Box-Muller from two such uniforms u1, u2:
 *       {@code sqrt(-2 ln(1 - u1)) cos(2 pi u2)} (one variate per pair; 1 - u1 is in (0, 1]).</li>
 * </ul>
 *
 * <p>Not thread-safe; one instance per benchmark state.
 */
public final class ClassicData {

    /** The seed every classic benchmark uses. */
    public static final long SEED = 20240601L;

    private long state;

    /**
     * Creates a generator.
     *
     * @param seed the initial state
     */
    public ClassicData(long seed) {
        this.state = seed;
    }

    /**
     * The next 64 random bits.
     *
     * @return a long
     */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A uniform double in [0, 1) with 53 random bits.
     *
     * @return a double
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * A standard normal variate by Box-Muller (two uniforms per variate).
     *
     * @return a double
     */
    public double nextGaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /**
     * Calibrated binary forecasts: for each i, p_i = nextDouble(), then y_i = 1 when nextDouble() &lt; p_i.
     *
     * @param seed the seed
     * @param n    the number of forecasts
     * @param p    receives the probabilities, length n
     * @param y    receives the 0/1 outcomes, length n
     */
    public static void forecasts(long seed, int n, double[] p, int[] y) {
        ClassicData r = new ClassicData(seed);
        for (int i = 0; i < n; i++) {
            p[i] = r.nextDouble();
            y[i] = r.nextDouble() < p[i] ? 1 : 0;
        }
    }
}

package dev.modelmonitor.benchmarks;

/**
 * SplitMix64 (Steele, Lea &amp; Flood, 2014) and the two mappings the streaming benchmarks share with
 * {@code benchmarks/python/bench_streaming.py}, so that the Java and Python sides time identical inputs:
 * a uniform double is {@code (next() >>> 11) * 2^-53}, and a standard normal is Box-Muller from two such
 * uniforms, {@code sqrt(-2 ln(1 - u1)) cos(2 pi u2)} (one normal per pair; {@code 1 - u1} avoids ln 0).
 *
 * <p>Not thread-safe; each benchmark state owns one.
 */
public final class StreamData {

    private long state;

    /**
     * A generator.
     *
     * @param seed the initial state
     */
    public StreamData(long seed) {
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

    /**
     * @param seed the seed
     * @param n    how many
     * @return n uniforms
     */
    public static double[] uniforms(long seed, int n) {
        StreamData d = new StreamData(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = d.nextDouble();
        }
        return out;
    }

    /**
     * @param seed the seed
     * @param n    how many
     * @return n standard normals
     */
    public static double[] normals(long seed, int n) {
        StreamData d = new StreamData(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = d.nextGaussian();
        }
        return out;
    }

    /**
     * @param seed the seed
     * @param n    how many
     * @param p    the success probability
     * @return n Bernoulli outcomes {@code u < p}
     */
    public static boolean[] bernoullis(long seed, int n, double p) {
        StreamData d = new StreamData(seed);
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = d.nextDouble() < p;
        }
        return out;
    }

    /**
     * Latency-like values in nanoseconds: {@code round(exp(13 + z))} for standard normals z (median about
     * 0.44 ms).
     *
     * @param seed the seed
     * @param n    how many
     * @return n positive values
     */
    public static double[] latenciesNanos(long seed, int n) {
        double[] z = normals(seed, n);
        for (int i = 0; i < n; i++) {
            z[i] = Math.rint(StrictMath.exp(13.0 + z[i]));
        }
        return z;
    }
}

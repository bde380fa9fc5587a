package dev.modelmonitor.benchmarks;

/**
 * Seeded input data for the streaming benchmarks, from {@link SplitMix64}, shared with
 * {@code benchmarks/python/bench_streaming.py} so the Java and Python sides time identical inputs.
 */
public final class StreamData {

    private StreamData() {
    }

    /**
     * @param seed the seed
     * @param n    how many
     * @return n uniforms
     */
    public static double[] uniforms(long seed, int n) {
        SplitMix64 d = new SplitMix64(seed);
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
        SplitMix64 d = new SplitMix64(seed);
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
        SplitMix64 d = new SplitMix64(seed);
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

package dev.modelmonitor.benchmarks;

/**
 * Seeded input data for the drift benchmarks, from {@link SplitMix64}, reproducible bit for bit in Python
 * ({@code benchmarks/python/bench_drift.py}) so both sides time identical inputs.
 */
public final class DriftData {

    private DriftData() {
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
        SplitMix64 g = new SplitMix64(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean + sigma * g.nextGaussian();
        }
        return out;
    }
}

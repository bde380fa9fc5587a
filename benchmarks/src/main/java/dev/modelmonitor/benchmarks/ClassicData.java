package dev.modelmonitor.benchmarks;

/** The classic kernels' input data, from {@link SplitMix64}; mirrored by {@code benchmarks/python/bench_classic.py}. */
public final class ClassicData {

    /** The seed every classic benchmark uses. */
    public static final long SEED = 20240601L;

    private ClassicData() {
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
        SplitMix64 r = new SplitMix64(seed);
        for (int i = 0; i < n; i++) {
            p[i] = r.nextDouble();
            y[i] = r.nextDouble() < p[i] ? 1 : 0;
        }
    }
}

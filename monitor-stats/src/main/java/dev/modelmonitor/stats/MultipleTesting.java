package dev.modelmonitor.stats;

/**
 * Corrections for testing many hypotheses at once, so that a model with 50 monitored features does not
 * alert by chance.
 *
 * <p>{@link #benjaminiHochberg} is statsmodels 0.13 {@code multipletests(pvals, alpha,
 * method='fdr_bh')}: with the p-values sorted ascending, {@code p_(1) <= ... <= p_(m)}, the raw adjusted
 * values are {@code p_(i) m / i}, made monotone by a running minimum from the largest down and capped at
 * 1; test (i) is rejected when some {@code j >= i} has {@code p_(j) <= j alpha / m}. Ties get equal
 * adjusted values whatever their order. It controls the false discovery rate at alpha for independent or
 * positively dependent tests. Agreement with statsmodels: adjusted values to 1e-15 relative, reject flags
 * identical (reference vectors in the tests).
 *
 * <p>Pure and thread-safe. Cost O(m log m) time, O(m) space. NaN and values outside [0, 1] are rejected
 * with an {@link IllegalArgumentException} naming the index; an empty array gives an empty result.
 */
public final class MultipleTesting {

    private MultipleTesting() {
    }

    /**
     * Benjamini-Hochberg FDR control (statsmodels {@code multipletests(pvals, alpha, method='fdr_bh')}).
     *
     * @param pValues the p-values, each in [0, 1]; not modified; may be empty
     * @param alpha   the FDR level, in (0, 1), for example 0.05
     * @return reject flags and adjusted p-values in the input order
     * @throws IllegalArgumentException on null input, NaN or out-of-range p-values, or alpha outside (0, 1)
     */
    public static FdrResult benjaminiHochberg(double[] pValues, double alpha) {
        if (pValues == null) {
            throw new IllegalArgumentException("pValues must not be null");
        }
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        int m = pValues.length;
        for (int i = 0; i < m; i++) {
            double p = pValues[i];
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException("pValues must be in [0, 1], was " + p + " at index " + i);
            }
        }
        double[] sorted = new double[m];
        int[] order = new int[m];
        sortIndices(pValues, order);
        for (int i = 0; i < m; i++) {
            sorted[i] = pValues[order[i]];
        }
        int rejectMax = -1;
        for (int i = 0; i < m; i++) {
            double ecdf = (i + 1) / (double) m;
            if (sorted[i] <= ecdf * alpha) {
                rejectMax = i;
            }
        }
        double[] adj = new double[m];
        double running = Double.POSITIVE_INFINITY;
        for (int i = m - 1; i >= 0; i--) {
            double ecdf = (i + 1) / (double) m;
            double raw = sorted[i] / ecdf;
            running = Math.min(running, raw);
            adj[i] = running;
        }
        boolean[] reject = new boolean[m];
        double[] adjusted = new double[m];
        for (int i = 0; i < m; i++) {
            reject[order[i]] = i <= rejectMax;
            adjusted[order[i]] = Math.min(1.0, adj[i]);
        }
        return new FdrResult(reject, adjusted, alpha);
    }

    private static void sortIndices(double[] p, int[] order) {
        int m = p.length;
        long[] keys = new long[m];
        for (int i = 0; i < m; i++) {
            // p in [0, 1]: its IEEE bits are non-negative and ordered like p; -0.0 is normalised to 0.0.
            double v = p[i] == 0.0 ? 0.0 : p[i];
            keys[i] = Double.doubleToLongBits(v);
        }
        // stable merge sort of the keys, carrying the indices along (no boxing)
        int[] tmpIdx = new int[m];
        long[] tmpKey = new long[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        mergeSort(keys, order, tmpKey, tmpIdx, 0, m);
    }

    private static void mergeSort(long[] k, int[] ix, long[] tk, int[] ti, int lo, int hi) {
        if (hi - lo < 2) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(k, ix, tk, ti, lo, mid);
        mergeSort(k, ix, tk, ti, mid, hi);
        int i = lo;
        int j = mid;
        int o = lo;
        while (i < mid || j < hi) {
            if (j >= hi || (i < mid && k[i] <= k[j])) {
                tk[o] = k[i];
                ti[o++] = ix[i++];
            } else {
                tk[o] = k[j];
                ti[o++] = ix[j++];
            }
        }
        System.arraycopy(tk, lo, k, lo, hi - lo);
        System.arraycopy(ti, lo, ix, lo, hi - lo);
    }
}

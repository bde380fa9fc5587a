package dev.modelmonitor.stats;

/**
 * Binned distribution-shift measures: the population stability index (PSI), Kullback-Leibler divergence
 * and Jensen-Shannon distance, on samples binned at the baseline's quantiles or on given probability
 * vectors.
 *
 * <p><b>Decile bins.</b> The inner edges are the baseline's 10%, 20%, ..., 90% quantiles with numpy's
 * default linear interpolation, numpy {@code quantile(baseline, np.arange(1, 10) / 10)} (virtual index
 * {@code (n - 1) q}, numpy's two-sided lerp), reproduced to the last bit. The outer edges are -infinity and
 * +infinity and a value equal to an edge goes to the bin on its right, numpy
 * {@code searchsorted(edges, v, side='right')}. The quantiles come from a multi-quickselect on a copy of
 * the baseline (expected O(n), worst case O(n log n) by falling back to a sort), not a full sort.
 *
 * <p><b>PSI.</b> With bin proportions floored at 1e-4 ({@code max(count / n, 1e-4)}, not renormalised),
 * {@code PSI = sum (a_i - e_i) ln(a_i / e_i)} where e is the baseline and a the current proportion. It is
 * &gt;= 0, and 0 when the binned proportions agree. Common reading: &lt; 0.1 stable, 0.1-0.25 moderate
 * shift, &gt; 0.25 significant shift. For repeated checks against one baseline, build a
 * {@link PsiReference} once; it bins only the current window.
 *
 * <p><b>Divergences on vectors.</b> {@link #klDivergence(double[], double[])} is scipy
 * {@code entropy(p, q)} and {@link #jensenShannonDistance(double[], double[])} is scipy
 * {@code jensenshannon(p, q)}: both normalise their inputs to sum 1 and use the natural log.
 *
 * <p>All methods are pure and thread-safe; tolerance against numpy/scipy in the reference vectors: 1e-12
 * relative (edges exactly). NaN is rejected with an {@link IllegalArgumentException} that names the
 * argument and the index; empty input is rejected.
 */
public final class PopulationStability {

    private PopulationStability() {
    }

    /**
     * The nine inner decile edges of a baseline sample, numpy {@code quantile(baseline, np.arange(1, 10) /
     * 10)}. Expected O(n) time, O(n) space for a copy.
     *
     * @param baseline the baseline sample, non-empty, no NaN; not modified
     * @return the nine edges, ascending
     * @throws IllegalArgumentException on null, empty or NaN-containing input
     */
    public static double[] decileEdges(double[] baseline) {
        return quantileEdges(baseline, 10);
    }

    /**
     * The {@code bins - 1} inner edges at the baseline's quantiles {@code k / bins}, k = 1..bins-1, with
     * numpy's default linear interpolation ({@code np.quantile(baseline, np.arange(1, bins) / bins)}).
     *
     * @param baseline the baseline sample, non-empty, no NaN; not modified
     * @param bins     the number of bins, in [2, 1000]
     * @return the {@code bins - 1} edges, ascending
     * @throws IllegalArgumentException on invalid input
     */
    public static double[] quantileEdges(double[] baseline, int bins) {
        DriftArgs.requireSample(baseline, "baseline");
        if (bins < 2 || bins > 1000) {
            throw new IllegalArgumentException("bins must be in [2, 1000], was " + bins);
        }
        int n = baseline.length;
        double[] a = baseline.clone();
        int[] ks = new int[2 * (bins - 1)];
        int nk = 0;
        double[] vi = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            double q = (double) k / bins;
            double v = (n - 1) * q;
            vi[k - 1] = v;
            int prev = (int) Math.floor(v);
            if (v >= n - 1) {
                prev = n - 1;
            }
            ks[nk++] = prev;
            ks[nk++] = Math.min(prev + 1, n - 1);
        }
        java.util.Arrays.sort(ks, 0, nk);
        Select.multiSelect(a, ks, nk);
        double[] edges = new double[bins - 1];
        for (int k = 0; k < bins - 1; k++) {
            double v = vi[k];
            if (v >= n - 1) {
                edges[k] = a[n - 1];
                continue;
            }
            int prev = (int) Math.floor(v);
            double gamma = v - prev;
            double lo = a[prev];
            double hi = a[prev + 1];
            double diff = hi - lo;
            edges[k] = gamma >= 0.5 ? hi - diff * (1 - gamma) : lo + diff * gamma;
        }
        return edges;
    }

    /**
     * The PSI of {@code current} against {@code baseline} on the baseline's decile bins, floor 1e-4. Cost:
     * expected O(n_baseline) for the edges plus O((n_baseline + n_current) log 10) binning.
     *
     * @param baseline the baseline (expected) sample, non-empty, no NaN; not modified
     * @param current  the current (actual) sample, non-empty, no NaN; not modified
     * @return PSI &gt;= 0
     * @throws IllegalArgumentException on null, empty or NaN-containing input
     */
    public static double psi(double[] baseline, double[] current) {
        DriftArgs.requireSample(current, "current");
        return PsiReference.ofDeciles(baseline).psi(current);
    }

    /**
     * The KL divergence {@code KL(baseline || current)} on the baseline's decile bins with floored
     * proportions (see {@link PsiReference#klDivergence(double[])}).
     *
     * @param baseline the baseline sample, non-empty, no NaN
     * @param current  the current sample, non-empty, no NaN
     * @return KL &gt;= 0
     */
    public static double decileKlDivergence(double[] baseline, double[] current) {
        DriftArgs.requireSample(current, "current");
        return PsiReference.ofDeciles(baseline).klDivergence(current);
    }

    /**
     * The Jensen-Shannon distance on the baseline's decile bins with floored proportions (see
     * {@link PsiReference#jensenShannon(double[])}).
     *
     * @param baseline the baseline sample, non-empty, no NaN
     * @param current  the current sample, non-empty, no NaN
     * @return the distance in [0, sqrt(ln 2)]
     */
    public static double decileJensenShannon(double[] baseline, double[] current) {
        DriftArgs.requireSample(current, "current");
        return PsiReference.ofDeciles(baseline).jensenShannon(current);
    }

    /**
     * The PSI of two vectors of bin proportions, each floored at {@code floor} first: {@code sum (a_i -
     * e_i) ln(a_i / e_i)}. No allocation.
     *
     * @param expected the reference proportions, non-empty, each in [0, 1]
     * @param actual   the current proportions, same length, each in [0, 1]
     * @param floor    the floor, in (0, 1); {@link PsiReference#DEFAULT_FLOOR} is 1e-4
     * @return PSI &gt;= 0
     * @throws IllegalArgumentException on mismatched lengths or values outside [0, 1]
     */
    public static double psiOfProportions(double[] expected, double[] actual, double floor) {
        checkPair(expected, actual, "expected", "actual");
        if (!(floor > 0.0 && floor < 1.0)) {
            throw new IllegalArgumentException("floor must be in (0, 1), was " + floor);
        }
        double sum = 0.0;
        for (int i = 0; i < expected.length; i++) {
            checkProportion(expected[i], "expected", i);
            checkProportion(actual[i], "actual", i);
            double e = Math.max(expected[i], floor);
            double a = Math.max(actual[i], floor);
            sum += (a - e) * Math.log(a / e);
        }
        return sum;
    }

    /**
     * The relative entropy {@code KL(p || q) = sum p_i ln(p_i / q_i)} after normalising p and q to sum 1,
     * scipy {@code entropy(p, q)}: terms with p_i = 0 are 0, and p_i &gt; 0 with q_i = 0 gives +infinity.
     * No allocation.
     *
     * @param p non-negative weights, non-empty, positive sum
     * @param q non-negative weights, same length, positive sum
     * @return KL &gt;= 0, possibly +infinity
     * @throws IllegalArgumentException on mismatched lengths, negative or NaN weights, or a zero sum
     */
    public static double klDivergence(double[] p, double[] q) {
        checkPair(p, q, "p", "q");
        double sp = weightSum(p, "p");
        double sq = weightSum(q, "q");
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            sum += relEntr(p[i] / sp, q[i] / sq);
        }
        return sum;
    }

    /**
     * The Jensen-Shannon distance {@code sqrt((KL(p || m) + KL(q || m)) / 2)}, m = (p + q) / 2, natural
     * log, after normalising p and q, scipy {@code jensenshannon(p, q)}; a rounding-negative divergence is
     * clamped to 0 (scipy would return NaN). No allocation.
     *
     * @param p non-negative weights, non-empty, positive sum
     * @param q non-negative weights, same length, positive sum
     * @return the distance in [0, sqrt(ln 2)]
     * @throws IllegalArgumentException on mismatched lengths, negative or NaN weights, or a zero sum
     */
    public static double jensenShannonDistance(double[] p, double[] q) {
        checkPair(p, q, "p", "q");
        double sp = weightSum(p, "p");
        double sq = weightSum(q, "q");
        double left = 0.0;
        double right = 0.0;
        for (int i = 0; i < p.length; i++) {
            double pi = p[i] / sp;
            double qi = q[i] / sq;
            double m = (pi + qi) / 2.0;
            left += relEntr(pi, m);
            right += relEntr(qi, m);
        }
        double js = left + right;
        return Math.sqrt(Math.max(0.0, js / 2.0));
    }

    private static double relEntr(double x, double y) {
        if (x > 0 && y > 0) {
            return x * Math.log(x / y);
        }
        if (x == 0 && y >= 0) {
            return 0.0;
        }
        return Double.POSITIVE_INFINITY;
    }

    private static double weightSum(double[] w, String name) {
        double s = 0.0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0.0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException(name + " must be finite and >= 0, was " + w[i] + " at index " + i);
            }
            s += w[i];
        }
        if (!(s > 0.0)) {
            throw new IllegalArgumentException(name + " must have a positive sum, was " + s);
        }
        return s;
    }

    private static void checkProportion(double v, String name, int i) {
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + v + " at index " + i);
        }
    }

    private static void checkPair(double[] a, double[] b, String an, String bn) {
        if (a == null) {
            throw new IllegalArgumentException(an + " must not be null");
        }
        if (b == null) {
            throw new IllegalArgumentException(bn + " must not be null");
        }
        if (a.length == 0) {
            throw new IllegalArgumentException(an + " must not be empty, was length 0");
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException(bn + " must have the length of " + an + " (" + a.length + "), was "
                    + b.length);
        }
    }

    /** Multi-quickselect: places the order statistics at the requested sorted positions. */
    static final class Select {

        private static final int INSERTION = 24;

        private Select() {
        }

        /** After the call, a[k] holds the k-th smallest value for every k in ks[0..nk) (ks sorted). */
        static void multiSelect(double[] a, int[] ks, int nk) {
            int depth = 2 * (32 - Integer.numberOfLeadingZeros(a.length)) + 8;
            select(a, 0, a.length - 1, ks, 0, nk - 1, depth);
        }

        private static void select(double[] a, int lo, int hi, int[] ks, int kLo, int kHi, int depth) {
            while (kLo <= kHi && lo < hi) {
                if (hi - lo < INSERTION || depth-- <= 0) {
                    java.util.Arrays.sort(a, lo, hi + 1);
                    return;
                }
                int mid = (lo + hi) >>> 1;
                double pivot = median3(a[lo], a[mid], a[hi]);
                // three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot
                int lt = lo;
                int gt = hi;
                int i = lo;
                while (i <= gt) {
                    double v = a[i];
                    if (v < pivot) {
                        a[i++] = a[lt];
                        a[lt++] = v;
                    } else if (v > pivot) {
                        a[i] = a[gt];
                        a[gt--] = v;
                    } else {
                        i++;
                    }
                }
                // split the requested ranks among the three parts
                int leftEnd = kLo;
                while (leftEnd <= kHi && ks[leftEnd] < lt) {
                    leftEnd++;
                }
                int rightStart = leftEnd;
                while (rightStart <= kHi && ks[rightStart] <= gt) {
                    rightStart++;
                }
                if (leftEnd - kLo < kHi - rightStart + 1) {
                    select(a, lo, lt - 1, ks, kLo, leftEnd - 1, depth);
                    lo = gt + 1;
                    kLo = rightStart;
                } else {
                    select(a, gt + 1, hi, ks, rightStart, kHi, depth);
                    hi = lt - 1;
                    kHi = leftEnd - 1;
                }
            }
        }

        private static double median3(double x, double y, double z) {
            return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
        }
    }
}

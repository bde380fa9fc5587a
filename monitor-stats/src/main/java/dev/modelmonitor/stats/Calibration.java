package dev.modelmonitor.stats;

import java.util.Arrays;
import org.apache.commons.math3.special.Gamma;

/**
 * Calibration of binary probability forecasts: Brier score and its Murphy decomposition, reliability curve,
 * expected and maximum calibration error, Spiegelhalter's z-test and the Hosmer-Lemeshow test.
 *
 * <p>Every method takes outcomes {@code y} as an int array of 0/1 labels and forecasts {@code p} as a double
 * array of probabilities of label 1, of the same length. A label other than 0 or 1, NaN in p or p outside
 * [0, 1] is rejected with an {@link IllegalArgumentException} naming the argument, the index and the value.
 *
 * <p><b>Two binnings.</b> The decomposition, ECE and MCE use B equal-width bins with bin index
 * {@code min(floor(p B), B - 1)} (so p = 0.1 with B = 10 is in bin 1, and p = 1 in bin B - 1). The
 * reliability curve instead reproduces scikit-learn's {@code calibration_curve}, whose uniform strategy puts a
 * probability equal to an interior edge into the bin on its left ({@code searchsorted(side='left')}); the two
 * differ only for probabilities exactly on an edge.
 *
 * <p><b>References and agreement.</b> Brier score: scikit-learn 1.2 {@code brier_score_loss}; reliability curve:
 * {@code calibration_curve(y, p, n_bins, strategy)}, bit-for-bit on the committed vectors; the decomposition,
 * ECE, MCE, Spiegelhalter and Hosmer-Lemeshow: numpy implementations of the formulas documented on each
 * method (there is no library function), agreeing to 1e-12 relative, p-values to 1e-9 relative.
 *
 * <p><b>Cost.</b> Brier, decomposition, ECE, MCE, Spiegelhalter and the uniform reliability curve are O(n)
 * time with O(B) space. The quantile curve selects its edges without sorting or copying p: a counting pass
 * into up to 4096 equal-width buckets, a pass gathering the values of the (at most 2 (B + 1)) buckets that hold
 * an edge's order statistics, a quickselect among those, then the binning pass; O(n) time and O(B + 4096)
 * space when the forecasts are spread out, degrading to an O(n log B) expected-time selection on an O(n) copy
 * when they all fall into a few buckets of width 1/4096 (and for n &lt; 2048). Hosmer-Lemeshow sorts (a radix
 * sort, O(n) time and space). All methods are pure and thread-safe.
 */
public final class Calibration {

    /** The number of groups of the classic Hosmer-Lemeshow test. */
    public static final int HOSMER_LEMESHOW_GROUPS = 10;

    private Calibration() {
    }

    /**
     * The Brier score {@code mean (p - y)^2} ({@code brier_score_loss}).
     *
     * @param y 0/1 outcomes
     * @param p forecast probabilities of 1, same length
     * @return the Brier score in [0, 1]; NaN for empty input
     */
    public static double brier(int[] y, double[] p) {
        check(y, p);
        int n = y.length;
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double d = y[i] - p[i];
            sum += d * d;
        }
        return sum / n;
    }

    /**
     * The Murphy decomposition of the Brier score over B equal-width bins (bin index
     * {@code min(floor(p B), B - 1)}), with the within-bin terms that make it exact.
     *
     * <p><b>Derivation.</b> Let bin k hold n_k forecasts with mean forecast pbar_k and observed frequency
     * obar_k, and let obar be the overall frequency. For i in bin k write
     * {@code p_i - y_i = (p_i - pbar_k) + (pbar_k - obar_k) - (y_i - obar_k)}. Squaring and summing over the
     * bin, the cross terms with the constant {@code (pbar_k - obar_k)} vanish because
     * {@code sum (p_i - pbar_k) = sum (y_i - obar_k) = 0}, leaving
     * <pre>
     *   sum_i (p_i - y_i)^2 = n_k (pbar_k - obar_k)^2 + sum_i (p_i - pbar_k)^2 + sum_i (y_i - obar_k)^2
     *                         - 2 sum_i (p_i - pbar_k)(y_i - obar_k).
     * </pre>
     * Because y is 0/1, {@code sum_i (y_i - obar_k)^2 = n_k obar_k (1 - obar_k)}, and the law of total
     * variance gives {@code sum_k n_k obar_k (1 - obar_k) = N obar (1 - obar) - sum_k n_k (obar_k - obar)^2}.
     * Dividing by N:
     * <pre>
     *   BS = REL - RES + UNC + WBV - 2 WBC
     *   REL = (1/N) sum_k n_k (pbar_k - obar_k)^2      RES = (1/N) sum_k n_k (obar_k - obar)^2
     *   UNC = obar (1 - obar)                          WBV = (1/N) sum_k sum_i (p_i - pbar_k)^2
     *   WBC = (1/N) sum_k sum_i (p_i - pbar_k)(y_i - obar_k)
     * </pre>
     * The classic three-term form {@code REL - RES + UNC} is exact only when every forecast in a bin is the
     * same; WBV - 2 WBC is the correction (Stephenson, Coelho and Jolliffe, "Two extra components in the Brier
     * score decomposition", Weather and Forecasting 23, 2008). The identity holds to rounding (a few ulps of
     * 1); the means are formed first and the deviations summed in a second pass so no term cancels
     * catastrophically.
     *
     * @param y    0/1 outcomes
     * @param p    forecast probabilities of 1, same length
     * @param bins the number of equal-width bins B, &gt;= 1
     * @return the decomposition; for empty input n = 0 and every term NaN
     */
    public static BrierDecomposition brierDecomposition(int[] y, double[] p, int bins) {
        check(y, p);
        checkBins(bins);
        int n = y.length;
        if (n == 0) {
            double nan = Double.NaN;
            return new BrierDecomposition(0, bins, nan, nan, nan, nan, nan, nan);
        }
        long[] count = new long[bins];
        double[] sumP = new double[bins];
        long[] sumY = new long[bins];
        long totalY = 0;
        double brierSum = 0.0;
        for (int i = 0; i < n; i++) {
            int k = floorBin(p[i], bins);
            count[k]++;
            sumP[k] += p[i];
            sumY[k] += y[i];
            totalY += y[i];
            double d = y[i] - p[i];
            brierSum += d * d;
        }
        double[] pbar = new double[bins];
        double[] obar = new double[bins];
        for (int k = 0; k < bins; k++) {
            if (count[k] > 0) {
                pbar[k] = sumP[k] / count[k];
                obar[k] = (double) sumY[k] / count[k];
            }
        }
        double wbv = 0.0;
        double wbc = 0.0;
        for (int i = 0; i < n; i++) {
            int k = floorBin(p[i], bins);
            double dp = p[i] - pbar[k];
            wbv += dp * dp;
            wbc += dp * (y[i] - obar[k]);
        }
        double o = (double) totalY / n;
        double rel = 0.0;
        double res = 0.0;
        for (int k = 0; k < bins; k++) {
            if (count[k] > 0) {
                double a = pbar[k] - obar[k];
                double b = obar[k] - o;
                rel += count[k] * a * a;
                res += count[k] * b * b;
            }
        }
        return new BrierDecomposition(n, bins, brierSum / n, rel / n, res / n, o * (1.0 - o), wbv / n, wbc / n);
    }

    /**
     * The reliability curve, as scikit-learn 1.2 {@code calibration_curve(y, p, n_bins=bins, strategy=...)},
     * plus the count per returned bin. Empty bins are dropped, so the curve may have fewer than B points.
     *
     * @param y        0/1 outcomes
     * @param p        forecast probabilities of 1, same length
     * @param bins     the number of bins B, &gt;= 1
     * @param strategy how the edges are placed
     * @return the curve; empty arrays for empty input
     */
    public static ReliabilityCurve reliabilityCurve(int[] y, double[] p, int bins, BinningStrategy strategy) {
        check(y, p);
        checkBins(bins);
        if (strategy == null) {
            throw new IllegalArgumentException("strategy must not be null");
        }
        int n = y.length;
        if (n == 0) {
            return new ReliabilityCurve(new double[0], new double[0], new long[0]);
        }
        double[] edges = strategy == BinningStrategy.UNIFORM ? uniformEdges(bins) : quantileEdges(p, bins);
        long[] count = new long[bins];
        double[] sumP = new double[bins];
        long[] sumY = new long[bins];
        if (strategy == BinningStrategy.UNIFORM) {
            for (int i = 0; i < n; i++) {
                int k = uniformLeftBin(edges, p[i], bins);
                count[k]++;
                sumP[k] += p[i];
                sumY[k] += y[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                int k = searchLeft(edges, p[i], bins);
                count[k]++;
                sumP[k] += p[i];
                sumY[k] += y[i];
            }
        }
        int nonEmpty = 0;
        for (int k = 0; k < bins; k++) {
            if (count[k] > 0) {
                nonEmpty++;
            }
        }
        double[] probTrue = new double[nonEmpty];
        double[] probPred = new double[nonEmpty];
        long[] counts = new long[nonEmpty];
        int j = 0;
        for (int k = 0; k < bins; k++) {
            if (count[k] > 0) {
                probTrue[j] = (double) sumY[k] / count[k];
                probPred[j] = sumP[k] / count[k];
                counts[j++] = count[k];
            }
        }
        return new ReliabilityCurve(probTrue, probPred, counts);
    }

    /**
     * The expected calibration error over B equal-width bins (bin index {@code min(floor(p B), B - 1)}):
     * {@code ECE = sum_k (n_k / N) |obar_k - pbar_k|} over non-empty bins.
     *
     * @param y    0/1 outcomes
     * @param p    forecast probabilities of 1, same length
     * @param bins the number of bins B, &gt;= 1
     * @return the ECE in [0, 1]; NaN for empty input
     */
    public static double expectedCalibrationError(int[] y, double[] p, int bins) {
        return calibrationError(y, p, bins, false);
    }

    /**
     * The maximum calibration error over non-empty equal-width bins (bin index {@code min(floor(p B), B - 1)}):
     * {@code MCE = max_k |obar_k - pbar_k|}.
     *
     * @param y    0/1 outcomes
     * @param p    forecast probabilities of 1, same length
     * @param bins the number of bins B, &gt;= 1
     * @return the MCE in [0, 1]; NaN for empty input
     */
    public static double maximumCalibrationError(int[] y, double[] p, int bins) {
        return calibrationError(y, p, bins, true);
    }

    /**
     * Spiegelhalter's z-test of H0: the forecasts are calibrated (Spiegelhalter 1986, "Probabilistic prediction
     * in patient management and clinical trials", Statistics in Medicine 5):
     * <pre>
     *   z = sum (y_i - p_i)(1 - 2 p_i) / sqrt(sum (1 - 2 p_i)^2 p_i (1 - p_i))
     * </pre>
     * with the two-sided standard normal p-value {@code 2 (1 - Phi(|z|))} from {@link Normal}.
     *
     * @param y 0/1 outcomes
     * @param p forecast probabilities of 1, same length
     * @return z and its two-sided p-value; both NaN for empty input or when the denominator is 0 (every p in
     *         {0, 1/2, 1})
     */
    public static TestResult spiegelhalter(int[] y, double[] p) {
        check(y, p);
        int n = y.length;
        double num = 0.0;
        double var = 0.0;
        for (int i = 0; i < n; i++) {
            double a = 1.0 - 2.0 * p[i];
            num += (y[i] - p[i]) * a;
            var += a * a * p[i] * (1.0 - p[i]);
        }
        if (!(var > 0.0)) {
            return new TestResult(Double.NaN, Double.NaN);
        }
        double z = num / Math.sqrt(var);
        return new TestResult(z, Normal.twoSidedP(z));
    }

    /**
     * The Hosmer-Lemeshow goodness-of-fit test with the classic 10 groups and 8 degrees of freedom; see
     * {@link #hosmerLemeshow(int[], double[], int)}.
     *
     * @param y 0/1 outcomes
     * @param p forecast probabilities of 1, same length
     * @return the statistic and its chi-square(8) upper-tail p-value; NaN for fewer than 10 forecasts
     */
    public static TestResult hosmerLemeshow(int[] y, double[] p) {
        return hosmerLemeshow(y, p, HOSMER_LEMESHOW_GROUPS);
    }

    /**
     * The Hosmer-Lemeshow test with G groups of sorted forecasts and G - 2 degrees of freedom.
     *
     * <p>The forecasts are ordered by a stable sort on p ({@code numpy.argsort(p, kind='stable')}) and cut into
     * G consecutive groups as {@code numpy.array_split} does: the first {@code N mod G} groups hold
     * {@code floor(N/G) + 1} forecasts, the rest {@code floor(N/G)}. With O_g the observed positives, E_g the
     * sum of forecasts and n_g the size of group g, and {@code pibar_g = E_g / n_g}:
     * <pre>
     *   HL = sum_g (O_g - E_g)^2 / (n_g pibar_g (1 - pibar_g)),   p-value = Q((G - 2)/2, HL/2)
     * </pre>
     * (Q the regularized upper incomplete gamma function, the chi-square survival function). A group with
     * {@code pibar_g (1 - pibar_g) = 0} contributes 0 when O_g = E_g and makes HL infinite (p-value 0)
     * otherwise.
     *
     * @param y      0/1 outcomes
     * @param p      forecast probabilities of 1, same length
     * @param groups G, &gt;= 3
     * @return HL and its p-value; both NaN when there are fewer forecasts than groups
     */
    public static TestResult hosmerLemeshow(int[] y, double[] p, int groups) {
        check(y, p);
        if (groups < 3) {
            throw new IllegalArgumentException("groups must be >= 3, was " + groups);
        }
        int n = y.length;
        if (n < groups) {
            return new TestResult(Double.NaN, Double.NaN);
        }
        int[] order = IsotonicRegression.sortIndices(p, null, n);
        int base = n / groups;
        int extra = n % groups;
        double hl = 0.0;
        int pos = 0;
        for (int g = 0; g < groups; g++) {
            int size = base + (g < extra ? 1 : 0);
            double observed = 0.0;
            double expected = 0.0;
            for (int j = pos; j < pos + size; j++) {
                observed += y[order[j]];
                expected += p[order[j]];
            }
            pos += size;
            double pibar = expected / size;
            double var = size * pibar * (1.0 - pibar);
            double diff = observed - expected;
            if (var > 0.0) {
                hl += diff * diff / var;
            } else if (diff != 0.0) {
                hl = Double.POSITIVE_INFINITY;
            }
        }
        double pValue = Double.isInfinite(hl) ? 0.0 : Gamma.regularizedGammaQ((groups - 2) / 2.0, hl / 2.0);
        return new TestResult(hl, pValue);
    }

    private static double calibrationError(int[] y, double[] p, int bins, boolean max) {
        check(y, p);
        checkBins(bins);
        int n = y.length;
        if (n == 0) {
            return Double.NaN;
        }
        long[] count = new long[bins];
        double[] sumP = new double[bins];
        long[] sumY = new long[bins];
        for (int i = 0; i < n; i++) {
            int k = floorBin(p[i], bins);
            count[k]++;
            sumP[k] += p[i];
            sumY[k] += y[i];
        }
        double result = 0.0;
        for (int k = 0; k < bins; k++) {
            if (count[k] > 0) {
                double gap = Math.abs((double) sumY[k] / count[k] - sumP[k] / count[k]);
                result = max ? Math.max(result, gap) : result + (double) count[k] / n * gap;
            }
        }
        return result;
    }

    /** {@code min(floor(p B), B - 1)} for p in [0, 1]. */
    static int floorBin(double p, int bins) {
        return Math.min((int) (p * bins), bins - 1);
    }

    /** {@code numpy.linspace(0, 1, bins + 1)}: i * (1 / bins), the last edge exactly 1. */
    static double[] uniformEdges(int bins) {
        double[] edges = new double[bins + 1];
        double step = 1.0 / bins;
        for (int i = 0; i < bins; i++) {
            edges[i] = i * step;
        }
        edges[bins] = 1.0;
        return edges;
    }

    /**
     * {@code numpy.percentile(p, linspace(0, 1, bins + 1) * 100)} with numpy 1.24's linear method, for p in
     * [0, 1]. Like numpy it does not sort: it needs only the order statistics the edges interpolate between
     * (at most 2 (bins + 1)), found by {@link #orderStatistics}; the edges are those of a full sort, bit for
     * bit (a zero edge may be -0.0 or 0.0 when p holds both; they compare equal).
     */
    static double[] quantileEdges(double[] p, int bins) {
        int n = p.length;
        double[] q = uniformEdges(bins);
        double[] virtual = new double[bins + 1];
        int[] wanted = new int[2 * (bins + 1)];
        int w = 0;
        for (int i = 0; i <= bins; i++) {
            double quantile = (q[i] * 100.0) / 100.0;
            virtual[i] = (n - 1) * quantile;
            if (virtual[i] >= n - 1) {
                wanted[w++] = n - 1;
            } else {
                int lo = (int) Math.floor(virtual[i]);
                wanted[w++] = lo;
                wanted[w++] = lo + 1;
            }
        }
        Arrays.sort(wanted, 0, w);
        int distinct = 0;
        for (int i = 0; i < w; i++) {
            if (distinct == 0 || wanted[i] != wanted[distinct - 1]) {
                wanted[distinct++] = wanted[i];
            }
        }
        double[] stat = orderStatistics(p, wanted, distinct);
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            if (virtual[i] >= n - 1) {
                edges[i] = stat[distinct - 1];
                continue;
            }
            double prev = Math.floor(virtual[i]);
            int lo = (int) prev;
            int at = Arrays.binarySearch(wanted, 0, distinct, lo);
            double gamma = virtual[i] - prev;
            double lower = stat[at];
            double upper = stat[at + 1];
            double diff = upper - lower;
            edges[i] = gamma >= 0.5 ? upper - diff * (1.0 - gamma) : lower + diff * gamma;
        }
        return edges;
    }

    /** Below this many values the order statistics are selected on a copy instead of bucketed first. */
    private static final int BUCKET_MIN = 2048;

    /**
     * The order statistics of p (values in [0, 1]) of the given ranks (ascending, distinct, in [0, n)), in
     * rank order. For n &lt; {@value #BUCKET_MIN} a multi-target quickselect on a copy of p. Otherwise
     * without copying p: one pass counts p into B equal-width buckets ({@code floor(v B)}, monotone in v,
     * B up to 4096), which tells for each wanted rank its bucket and its rank inside that bucket; a second
     * pass gathers only the values of those (at most 2 (bins + 1)) buckets, and the quickselect runs on them.
     * O(n) time plus the selection on the gathered values, n / B of them per bucket for evenly spread values
     * (all n when every value falls into one bucket); space O(B) plus the gathered values.
     */
    private static double[] orderStatistics(double[] p, int[] ranks, int count) {
        int n = p.length;
        double[] stat = new double[count];
        if (n < BUCKET_MIN) {
            double[] a = p.clone();
            select(a, 0, n - 1, ranks, 0, count);
            for (int i = 0; i < count; i++) {
                stat[i] = a[ranks[i]];
            }
            return stat;
        }
        int buckets = Math.min(4096, Integer.highestOneBit(n) >>> 2);
        double scale = buckets;
        int[] slot = new int[buckets + 1];
        for (int i = 0; i < n; i++) {
            slot[(int) (p[i] * scale)]++;
        }
        // Walk the buckets in value order; for each bucket holding a wanted rank, give its values a range of
        // the gather buffer and translate the ranks into positions of that buffer. Every other bucket gets -1.
        int[] local = new int[count];
        int start = 0;
        int gathered = 0;
        int r = 0;
        for (int b = 0; b <= buckets; b++) {
            int c = slot[b];
            int end = start + c;
            if (r < count && ranks[r] < end) {
                while (r < count && ranks[r] < end) {
                    local[r] = gathered + ranks[r] - start;
                    r++;
                }
                slot[b] = gathered;
                gathered += c;
            } else {
                slot[b] = -1;
            }
            start = end;
        }
        double[] buf = new double[gathered];
        for (int i = 0; i < n; i++) {
            double v = p[i];
            int b = (int) (v * scale);
            int at = slot[b];
            if (at >= 0) {
                buf[at] = v;
                slot[b] = at + 1;
            }
        }
        // The marked buckets lie in buf in value order, so a value's rank in buf is its local position.
        select(buf, 0, gathered - 1, local, 0, count);
        for (int i = 0; i < count; i++) {
            stat[i] = buf[local[i]];
        }
        return stat;
    }

    /**
     * Rearranges a[lo..hi] so that a[k] holds the value it would hold in sorted order for every k in
     * ks[kLo..kHi) (ascending, distinct, inside [lo, hi]).
     */
    private static void select(double[] a, int lo, int hi, int[] ks, int kLo, int kHi) {
        while (kLo < kHi) {
            if (hi - lo < 24) {
                for (int i = lo + 1; i <= hi; i++) {
                    double v = a[i];
                    int j = i - 1;
                    while (j >= lo && a[j] > v) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = v;
                }
                return;
            }
            int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            // a[lo..j] <= pivot, a[j+1..i-1] == pivot, a[i..hi] >= pivot
            int leftEnd = kLo;
            while (leftEnd < kHi && ks[leftEnd] <= j) {
                leftEnd++;
            }
            int rightStart = leftEnd;
            while (rightStart < kHi && ks[rightStart] < i) {
                rightStart++;
            }
            if (j - lo < hi - i) {
                select(a, lo, j, ks, kLo, leftEnd);
                lo = i;
                kLo = rightStart;
            } else {
                select(a, i, hi, ks, rightStart, kHi);
                hi = j;
                kHi = leftEnd;
            }
        }
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /**
     * The number of interior edges edges[1..bins-1] strictly below v ({@code searchsorted(side='left')}), by a
     * branch-free binary search (the comparisons select, they do not jump, so random probabilities cost no
     * mispredicted branches).
     */
    private static int searchLeft(double[] edges, double v, int bins) {
        int len = bins - 1;
        if (len == 0) {
            return 0;
        }
        int base = 1;
        while (len > 1) {
            int half = len >>> 1;
            base = edges[base + half - 1] < v ? base + half : base;
            len -= half;
        }
        return base - 1 + (edges[base] < v ? 1 : 0);
    }

    /** {@link #searchLeft} for uniform edges, starting from the guess floor(v B) and correcting by one step. */
    private static int uniformLeftBin(double[] edges, double v, int bins) {
        int k = Math.min((int) (v * bins), bins - 1);
        while (k > 0 && !(edges[k] < v)) {
            k--;
        }
        while (k < bins - 1 && edges[k + 1] < v) {
            k++;
        }
        return k;
    }

    private static void checkBins(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, was " + bins);
        }
    }

    private static void check(int[] y, double[] p) {
        Classification.checkLengths("y", y == null ? -1 : y.length, "p", p == null ? -1 : p.length);
        for (int i = 0; i < y.length; i++) {
            Classification.checkBinaryLabel("y", y, i);
            Classification.checkProbability("p", p, i);
        }
    }
}

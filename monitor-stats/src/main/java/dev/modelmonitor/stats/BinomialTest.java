package dev.modelmonitor.stats;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The exact binomial test of H0: success probability = p, matching scipy 1.10
 * {@code scipy.stats.binomtest(k, n, p, alternative).pvalue}.
 *
 * <p><b>Convention.</b> For {@link Alternative#LESS} the p-value is P(X &lt;= k), for
 * {@link Alternative#GREATER} P(X &gt;= k), X ~ Binomial(n, p). For {@link Alternative#TWO_SIDED} it is
 * scipy's rule: the total probability of all outcomes x with {@code pmf(x) <= pmf(k) (1 + 1e-7)}, found by a
 * binary search on the far side of the mode (the relative slack makes outcomes whose pmf equals pmf(k) up to
 * rounding count as "as extreme"); it is 1 when k = np exactly, and capped at 1. The statistic reported is
 * the estimate k/n.
 *
 * <p><b>Accuracy.</b> The pmf comes from commons-math3's saddle-point expansion (Loader 2000) and the tails
 * from the regularized incomplete beta function, {@code P(X <= x) = I_{1-p}(n - x, x + 1)} and
 * {@code P(X > x) = I_p(x + 1, n - x)}, each evaluated directly (never as 1 minus the other) so small
 * p-values keep their relative precision. Agreement with scipy 1.10 is 1e-9 relative on the committed
 * reference vectors for p-values above 1e-300.
 *
 * <p><b>Cost.</b> O(log n) pmf evaluations plus two incomplete-beta continued fractions, O(1) space; allocates
 * a few small objects per call (it is not meant for the per-resolve hot path). Pure and thread-safe.
 */
public final class BinomialTest {

    private static final double RELATIVE_SLACK = 1 + 1e-7;
    private static final double BETA_EPSILON = 1e-15;

    private BinomialTest() {
    }

    /**
     * The exact binomial test.
     *
     * @param k           successes, 0 &lt;= k &lt;= n
     * @param n           trials, &gt;= 1
     * @param p           the null success probability, in [0, 1]
     * @param alternative the alternative hypothesis
     * @return statistic k/n and the exact p-value in [0, 1]
     * @throws IllegalArgumentException on counts out of range, p outside [0, 1] or NaN, or a null alternative
     */
    public static TestResult test(int k, int n, double p, Alternative alternative) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("k must be in [0, n=" + n + "], was " + k);
        }
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("p must be in [0, 1], was " + p);
        }
        if (alternative == null) {
            throw new IllegalArgumentException("alternative must not be null");
        }
        return new TestResult((double) k / n, pValue(k, n, p, alternative));
    }

    /**
     * The p-value of the exact binomial test; see {@link #test}. Arguments are not re-validated here beyond
     * what {@link #test} checks, so call {@link #test} for untrusted input.
     */
    private static double pValue(int k, int n, double p, Alternative alternative) {
        Pmf pmf = new Pmf(n, p);
        switch (alternative) {
            case LESS:
                return cdf(k, n, p);
            case GREATER:
                return sf(k - 1, n, p);
            default:
                break;
        }
        double d = pmf.at(k);
        double np = p * n;
        double pval;
        if (k == np) {
            pval = 1.0;
        } else if (k < np) {
            // first x on [ceil(np), n] with pmf(x) <= d * slack, searching the decreasing side
            int ix = searchDescending(pmf, d * RELATIVE_SLACK, (int) Math.ceil(np), n);
            int y = n - ix + (d * RELATIVE_SLACK == pmf.at(ix) ? 1 : 0);
            pval = cdf(k, n, p) + sf(n - y, n, p);
        } else {
            int ix = searchAscending(pmf, d * RELATIVE_SLACK, 0, (int) Math.floor(np));
            int y = ix + 1;
            pval = cdf(y - 1, n, p) + sf(k - 1, n, p);
        }
        return Math.min(1.0, pval);
    }

    /** scipy's {@code _binary_search_for_binom_tst} on a(x) = pmf(x), ascending on [lo, hi]. */
    private static int searchAscending(Pmf pmf, double d, int lo, int hi) {
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            double midval = pmf.at(mid);
            if (midval < d) {
                lo = mid + 1;
            } else if (midval > d) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return pmf.at(lo) <= d ? lo : lo - 1;
    }

    /** scipy's {@code _binary_search_for_binom_tst} on a(x) = -pmf(x) against -d, on [lo, hi]. */
    private static int searchDescending(Pmf pmf, double d, int lo, int hi) {
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            double midval = -pmf.at(mid);
            if (midval < -d) {
                lo = mid + 1;
            } else if (midval > -d) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -pmf.at(lo) <= -d ? lo : lo - 1;
    }

    /** P(X &lt;= x). */
    static double cdf(int x, int n, double p) {
        if (x < 0) {
            return 0.0;
        }
        if (x >= n) {
            return 1.0;
        }
        if (p == 0.0) {
            return 1.0;
        }
        if (p == 1.0) {
            return 0.0;
        }
        return Beta.regularizedBeta(1.0 - p, n - x, x + 1.0, BETA_EPSILON);
    }

    /** P(X &gt; x). */
    static double sf(int x, int n, double p) {
        if (x < 0) {
            return 1.0;
        }
        if (x >= n) {
            return 0.0;
        }
        if (p == 0.0) {
            return 0.0;
        }
        if (p == 1.0) {
            return 1.0;
        }
        return Beta.regularizedBeta(p, x + 1.0, (double) n - x, BETA_EPSILON);
    }

    /** The binomial pmf, with the degenerate p = 0 and p = 1 handled exactly. */
    private static final class Pmf {
        private final int n;
        private final double p;
        private final BinomialDistribution dist;

        Pmf(int n, double p) {
            this.n = n;
            this.p = p;
            this.dist = p > 0.0 && p < 1.0 ? new BinomialDistribution(null, n, p) : null;
        }

        double at(int x) {
            if (x < 0 || x > n) {
                return 0.0;
            }
            if (dist == null) {
                int certain = p == 0.0 ? 0 : n;
                return x == certain ? 1.0 : 0.0;
            }
            return dist.probability(x);
        }
    }
}

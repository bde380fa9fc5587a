package dev.modelmonitor.stats;

import org.apache.commons.math3.special.Gamma;

/**
 * The chi-square test of independence on a 2 x K contingency table and the chi-square survival function.
 *
 * <p><b>Test.</b> scipy {@code chi2_contingency(table, correction=False)}: expected counts
 * {@code E_ij = row_i col_j / total}, Pearson's {@code X^2 = sum (O_ij - E_ij)^2 / E_ij}, K - 1 degrees of
 * freedom, p-value {@link #sf(double, double)}. No Yates correction, so it also equals the two-proportion
 * z-test squared when K = 2. For a categorical feature the two rows are the baseline and current counts
 * per category. A category (column) with zero total makes an expected count zero; scipy raises an error
 * there, and this class rejects it with an {@link IllegalArgumentException} naming the column: drop
 * categories seen in neither sample before testing. A row with zero total is rejected likewise. With one
 * column (K = 1) the result is statistic 0, p-value 1, 0 degrees of freedom, as scipy.
 *
 * <p><b>Survival function.</b> {@code sf(x, k) = Q(k/2, x/2)}, the regularised upper incomplete gamma
 * function, by the power series of P for x &lt; a + 1 and by Lentz's continued fraction for Q otherwise
 * (Numerical Recipes 6.2), with commons-math3's {@code Gamma.logGamma} at arguments of 8 and above.
 * Largest relative error against scipy's {@code chi2.sf} (cephes {@code igamc}) in the reference vectors
 * about 3e-13 (checked to 1e-9). Allocation-free: commons-math3's {@code regularizedGammaQ} allocates a
 * continued-fraction object per call and its {@code logGamma} allocates below 8, so neither is called
 * there. About 200 ns per call on a 2.1 GHz core.
 *
 * <p>Pure and thread-safe. Cost of the test: O(K) time, no allocation beyond the result.
 */
public final class ChiSquare {

    private static final double EPS = 1e-16;
    private static final double FPMIN = Double.MIN_NORMAL / EPS;
    private static final int MAX_ITER = 100_000;

    private ChiSquare() {
    }

    /**
     * The chi-square test of independence of a 2 x K table given as its two rows (scipy
     * {@code chi2_contingency([row0, row1], correction=False)}).
     *
     * @param row0 counts of the first row (for example the baseline), K &gt;= 1 entries, each &gt;= 0
     * @param row1 counts of the second row, the same K entries, each &gt;= 0
     * @return the statistic, p-value and K - 1 degrees of freedom
     * @throws IllegalArgumentException on null or empty rows, different lengths, negative counts, or a row
     *                                  or column with zero total
     */
    public static ChiSquareResult test(long[] row0, long[] row1) {
        if (row0 == null) {
            throw new IllegalArgumentException("row0 must not be null");
        }
        if (row1 == null) {
            throw new IllegalArgumentException("row1 must not be null");
        }
        if (row0.length == 0) {
            throw new IllegalArgumentException("row0 must not be empty, was length 0");
        }
        if (row1.length != row0.length) {
            throw new IllegalArgumentException("row1 must have the length of row0 (" + row0.length + "), was "
                    + row1.length);
        }
        int k = row0.length;
        long r0 = 0;
        long r1 = 0;
        for (int j = 0; j < k; j++) {
            if (row0[j] < 0) {
                throw new IllegalArgumentException("row0 must not contain negative counts, was " + row0[j]
                        + " at index " + j);
            }
            if (row1[j] < 0) {
                throw new IllegalArgumentException("row1 must not contain negative counts, was " + row1[j]
                        + " at index " + j);
            }
            if (row0[j] + row1[j] == 0) {
                throw new IllegalArgumentException("column " + j + " must have a positive total, was 0"
                        + " (drop categories seen in neither row)");
            }
            r0 += row0[j];
            r1 += row1[j];
        }
        if (r0 == 0) {
            throw new IllegalArgumentException("row0 must have a positive total, was 0");
        }
        if (r1 == 0) {
            throw new IllegalArgumentException("row1 must have a positive total, was 0");
        }
        int dof = k - 1;
        if (dof == 0) {
            return new ChiSquareResult(0.0, 1.0, 0);
        }
        double total = (double) r0 + r1;
        double stat = 0.0;
        for (int j = 0; j < k; j++) {
            double col = (double) row0[j] + row1[j];
            double e0 = r0 * col / total;
            double e1 = r1 * col / total;
            double d0 = row0[j] - e0;
            double d1 = row1[j] - e1;
            stat += d0 * d0 / e0 + d1 * d1 / e1;
        }
        return new ChiSquareResult(stat, sf(stat, dof), dof);
    }

    /**
     * The chi-square survival function {@code P(X > x)} for X ~ chi-square(dof), scipy
     * {@code chi2.sf(x, dof)}. Allocation-free.
     *
     * @param x   the value; x &lt;= 0 gives 1, +infinity gives 0
     * @param dof the degrees of freedom, &gt; 0 (need not be an integer)
     * @return the upper-tail probability in [0, 1]
     * @throws IllegalArgumentException if x is NaN or dof is not positive and finite
     */
    public static double sf(double x, double dof) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("x must not be NaN, was NaN");
        }
        if (!(dof > 0.0) || Double.isInfinite(dof)) {
            throw new IllegalArgumentException("dof must be positive and finite, was " + dof);
        }
        if (x <= 0.0) {
            return 1.0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        return regularizedGammaQ(dof / 2.0, x / 2.0);
    }

    /**
     * ln Gamma(a) for a &gt; 0 without allocation: commons-math3's {@code Gamma.logGamma} allocates below 8,
     * so small arguments are shifted up by the recurrence Gamma(a + k) = a (a + 1) ... (a + k - 1) Gamma(a).
     */
    static double logGamma(double a) {
        if (a >= 8.0) {
            return Gamma.logGamma(a);
        }
        double shifted = a;
        double prod = 1.0;
        while (shifted < 8.0) {
            prod *= shifted;
            shifted += 1.0;
        }
        return Gamma.logGamma(shifted) - Math.log(prod);
    }

    /** Q(a, x) = Gamma(a, x) / Gamma(a) for a &gt; 0, x &gt; 0. */
    static double regularizedGammaQ(double a, double x) {
        double logPrefix = -x + a * Math.log(x) - logGamma(a);
        if (x < a + 1.0) {
            double ap = a;
            double del = 1.0 / a;
            double sum = del;
            for (int n = 0; n < MAX_ITER; n++) {
                ap += 1.0;
                del *= x / ap;
                sum += del;
                if (Math.abs(del) < Math.abs(sum) * EPS) {
                    break;
                }
            }
            double p = sum * Math.exp(logPrefix);
            return Math.max(0.0, Math.min(1.0, 1.0 - p));
        }
        double b = x + 1.0 - a;
        double c = 1.0 / FPMIN;
        double d = 1.0 / b;
        double h = d;
        for (int i = 1; i < MAX_ITER; i++) {
            double an = -i * (i - a);
            b += 2.0;
            d = an * d + b;
            if (Math.abs(d) < FPMIN) {
                d = FPMIN;
            }
            c = b + an / c;
            if (Math.abs(c) < FPMIN) {
                c = FPMIN;
            }
            d = 1.0 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1.0) < EPS) {
                break;
            }
        }
        return Math.max(0.0, Math.min(1.0, Math.exp(logPrefix) * h));
    }
}

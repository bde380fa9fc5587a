package dev.modelmonitor.stats;

/**
 * Argument checks shared by the drift classes, so their messages read alike.
 */
final class DriftArgs {

    private DriftArgs() {
    }

    /** Rejects null, empty and NaN-containing samples, naming the argument, the index and the value. */
    static void requireSample(double[] a, String name) {
        if (a == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (a.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty, was length 0");
        }
        requireNoNaN(a, name);
    }

    /** Rejects NaN values, naming the argument, the value and its index. */
    static void requireNoNaN(double[] a, String name) {
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i])) {
                throw new IllegalArgumentException(name + " must not contain NaN, was NaN at index " + i);
            }
        }
    }

    /** Rejects an array that is not sorted ascending. */
    static void requireSorted(double[] a, String name) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] < a[i - 1]) {
                throw new IllegalArgumentException(name + " must be sorted ascending, was " + a[i - 1]
                        + " before " + a[i] + " at index " + i);
            }
        }
    }

    /** Below this length a comparison sort is cheaper than the radix passes. */
    private static final int RADIX_MIN = 256;
    /** From this length on, 11-bit digits (6 passes) beat 8-bit digits (8 passes). */
    private static final int WIDE_DIGITS_MIN = 8192;

    /**
     * Returns a sorted copy of a NaN-free array, in {@link java.util.Arrays#sort(double[])} order (-0.0
     * before 0.0). From 256 values on it uses an LSD radix sort on the order-preserving bit image of the
     * doubles (8-bit digits below 8192 values, 11-bit digits above; a pass whose digit is the same for
     * every value is skipped), several times faster than a comparison sort; it allocates two long arrays
     * of the input's length and the digit counts (8 KB or 48 KB).
     */
    static double[] sortedCopy(double[] a) {
        int n = a.length;
        if (n < RADIX_MIN) {
            double[] c = a.clone();
            java.util.Arrays.sort(c);
            return c;
        }
        int digitBits = n < WIDE_DIGITS_MIN ? 8 : 11;
        int buckets = 1 << digitBits;
        int mask = buckets - 1;
        int passes = (64 + digitBits - 1) / digitBits;
        long[] keys = new long[n];
        long[] tmp = new long[n];
        int[] counts = new int[passes * buckets];
        for (int i = 0; i < n; i++) {
            long b = Double.doubleToRawLongBits(a[i]);
            b ^= (b >> 63) | Long.MIN_VALUE;
            keys[i] = b;
            for (int p = 0; p < passes; p++) {
                counts[p * buckets + (int) ((b >>> (p * digitBits)) & mask)]++;
            }
        }
        for (int p = 0; p < passes; p++) {
            int shift = p * digitBits;
            int base = p * buckets;
            if (counts[base + (int) ((keys[0] >>> shift) & mask)] == n) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < buckets; d++) {
                int c = counts[base + d];
                counts[base + d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long k = keys[i];
                tmp[counts[base + (int) ((k >>> shift) & mask)]++] = k;
            }
            long[] t = keys;
            keys = tmp;
            tmp = t;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            long b = keys[i];
            b = b < 0 ? b ^ Long.MIN_VALUE : ~b;
            out[i] = Double.longBitsToDouble(b);
        }
        return out;
    }
}

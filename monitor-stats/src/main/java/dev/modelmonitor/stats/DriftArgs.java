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

    /** Returns a sorted copy. */
    static double[] sortedCopy(double[] a) {
        double[] c = a.clone();
        java.util.Arrays.sort(c);
        return c;
    }
}

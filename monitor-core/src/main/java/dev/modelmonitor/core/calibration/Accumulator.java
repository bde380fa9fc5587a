package dev.modelmonitor.core.calibration;

import dev.modelmonitor.api.CalibrationStats;

import java.util.Arrays;

/**
 * A mutable set of calibration sufficient statistics (see {@link CalibrationStats}) that windows, days and
 * periods are added into before the figures are computed. Not thread-safe; O(bins) per add.
 */
final class Accumulator {

    final int bins;
    final long[] counts;
    final long[] hits;
    final double[] sumP;
    final double[] globals = new double[Tracker.G];

    Accumulator(int bins) {
        this.bins = bins;
        this.counts = new long[bins];
        this.hits = new long[bins];
        this.sumP = new double[bins];
    }

    void reset() {
        Arrays.fill(counts, 0);
        Arrays.fill(hits, 0);
        Arrays.fill(sumP, 0.0);
        Arrays.fill(globals, 0.0);
    }

    void add(int[] c, int[] h, double[] s, int offset, double[] g, int gOffset) {
        for (int k = 0; k < bins; k++) {
            counts[k] += c[offset + k];
            hits[k] += h[offset + k];
            sumP[k] += s[offset + k];
        }
        for (int i = 0; i < Tracker.G; i++) {
            globals[i] += g[gOffset + i];
        }
    }

    void add(CalibrationStats stats) {
        for (int k = 0; k < bins; k++) {
            counts[k] += stats.count(k);
            hits[k] += stats.hits(k);
            sumP[k] += stats.sumConfidence(k);
        }
        globals[0] += stats.sumSquares();
        globals[1] += stats.sumProducts();
        globals[2] += stats.sumCubes();
        globals[3] += stats.sumFourth();
    }

    long count() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** The statistics as a record; sums that rounding left a hair below 0 are written as 0. */
    CalibrationStats toStats() {
        double[] s = sumP.clone();
        for (int k = 0; k < bins; k++) {
            if (s[k] < 0.0) {
                s[k] = 0.0;
            }
        }
        return new CalibrationStats(counts.clone(), hits.clone(), s, Math.max(0.0, globals[0]),
                Math.max(0.0, globals[1]), Math.max(0.0, globals[2]), Math.max(0.0, globals[3]));
    }
}

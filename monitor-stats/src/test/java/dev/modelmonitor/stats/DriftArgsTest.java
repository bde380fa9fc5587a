package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The radix-sorted copy orders exactly like {@link Arrays#sort(double[])}. */
class DriftArgsTest {

    @Property(tries = 200)
    void sortedCopyEqualsArraysSort(@ForAll @Size(min = 200, max = 10000) double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i])) {
                a[i] = i % 2 == 0 ? -0.0 : 0.0;
            }
        }
        double[] expected = a.clone();
        Arrays.sort(expected);
        assertArrayEquals(expected, DriftArgs.sortedCopy(a));
    }

    @Test
    void sortsSpecialValuesAndTies() {
        Random r = new Random(7);
        double[] a = new double[20000];
        double[] specials = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE,
            -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0};
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 3 == 0 ? specials[r.nextInt(specials.length)] : r.nextGaussian();
        }
        double[] expected = a.clone();
        Arrays.sort(expected);
        assertArrayEquals(expected, DriftArgs.sortedCopy(a));
        double[] same = new double[1000];
        Arrays.fill(same, 2.5);
        assertArrayEquals(same, DriftArgs.sortedCopy(same));
    }
}

package dev.modelmonitor.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The p-value functions on the check path allocate nothing once warm: after three warm-up rounds, 10,000
 * more calls must allocate less than one byte per call on the calling thread (HotSpot's per-thread
 * allocation counter; skipped where it is unavailable). The warm-up absorbs the per-thread scratch and
 * the JVM's own allocations while the code is still interpreted.
 */
class DriftAllocationTest {

    private static final int CALLS = 10_000;

    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemorySupported()) {
            return hotspot.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    private static void assertNoAllocation(Runnable body, String what) {
        for (int i = 0; i < 3; i++) {
            body.run(); // first use: per-thread scratch, class loading, compilation
        }
        Assumptions.assumeTrue(allocatedBytes() >= 0, "per-thread allocation counter not available");
        long before = allocatedBytes();
        body.run();
        long after = allocatedBytes();
        assertTrue(after - before < CALLS, what + " allocated " + (after - before) + " bytes in " + CALLS + " calls");
    }

    private static double sink;

    @Test
    void kolmogorovSfAllocatesNothing() {
        assertNoAllocation(() -> {
            double s = 0;
            for (int i = 0; i < CALLS; i++) {
                s += KolmogorovSmirnov.kolmogorovSf(0.006 + i * 1e-9, 50_000); // Pelz-Good
                s += KolmogorovSmirnov.kolmogorovSf(0.08 + i * 1e-9, 1_000);   // Smirnov sum
                s += KolmogorovSmirnov.kolmogorovSf(0.1 + i * 1e-9, 100);      // Pomeranz
                s += KolmogorovSmirnov.kolmogorovSf(0.05 + i * 1e-9, 100);     // Durbin matrix
            }
            sink = s;
        }, "kolmogorovSf");
    }

    @Test
    void chiSquareSfAllocatesNothing() {
        assertNoAllocation(() -> {
            double s = 0;
            for (int i = 0; i < CALLS; i++) {
                s += ChiSquare.sf(12.5 + i * 1e-6, 9);
                s += ChiSquare.sf(0.5 + i * 1e-6, 1);
                s += ChiSquare.sf(300 + i * 1e-6, 250);
            }
            sink = s;
        }, "ChiSquare.sf");
    }

    @Test
    void exactEqualSizePValueAndFixedEdgePsiAllocateNothing() {
        PsiReference ref = PsiReference.ofDeciles(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        double[] window = {0.5, 3.5, 7.25, 11.5, 2, 2, 9};
        int[] scratch = new int[ref.binCount()];
        assertNoAllocation(() -> {
            double s = 0;
            for (int i = 0; i < CALLS; i++) {
                s += KolmogorovSmirnov.exactPValue(0.05, 1000, 1000);
                s += ref.psi(window, scratch);
                s += ref.klDivergence(window, scratch);
            }
            sink = s;
        }, "exactPValue / psi with scratch");
    }
}

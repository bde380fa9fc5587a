package dev.modelmonitor.core.calibration;

import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationMetrics;
import dev.modelmonitor.api.CalibrationWindow;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: confidences c uniform on [0.5, 0.95], each call correct with probability f(c) for a known f.
 * The true ECE over 10 bins is E|f(c) - c| when f(c) - c keeps one sign: 0 for f(c) = c, and
 * {@code 0.4 E[c - 0.5] = 0.4 x 0.225 = 0.09} for the over-confident f(c) = 0.5 + 0.6 (c - 0.5). With 20,000
 * outcomes the measured ECE must lie within 0.01 of the truth (its sampling bias and spread at that size are
 * about 0.005 and 0.002; seeded, so the test is deterministic).
 */
class KnownCalibrationTest {

    private static final ModelKey KEY = ModelKey.of("clf", "ETH/USDT");
    private static final int N = 20_000;

    private static CalibrationMetrics run(DoubleUnaryOperator f, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (ModelMonitor m = ModelMonitor.builder().clock(MutableClock.of(Days.START)).build()) {
            for (int i = 0; i < N; i++) {
                double c = 0.5 + 0.45 * random.nextDouble();
                Feed.call(m, KEY, c, random.nextDouble() < f.applyAsDouble(c));
            }
            return m.calibration(KEY, CalibrationKind.CONFIDENCE, CalibrationWindow.ofDays(1));
        }
    }

    @Test
    void aCalibratedStreamHasAnEceNearZero() {
        CalibrationMetrics m = run(c -> c, 11);
        assertEquals(N, m.count());
        assertEquals(0.0, m.ece(), 0.01);
        assertTrue(m.spiegelhalterP() > 0.01, "calibrated: Spiegelhalter does not reject, p = " + m.spiegelhalterP());
    }

    @Test
    void anOverconfidentStreamHasItsTrueEce() {
        CalibrationMetrics m = run(c -> 0.5 + 0.6 * (c - 0.5), 12);
        assertEquals(0.09, m.ece(), 0.01);
        assertTrue(m.gap() < 0, "over-confident");
        assertTrue(m.spiegelhalterP() < 1e-6, "Spiegelhalter rejects, p = " + m.spiegelhalterP());
    }
}

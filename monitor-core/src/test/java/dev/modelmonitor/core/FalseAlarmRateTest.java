package dev.modelmonitor.core;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.DriftThresholds;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.modelmonitor.core.Fixtures.BTC;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How often a healthy model, performing exactly at its baseline accuracy, raises WARNING or CRITICAL per
 * check, with and without the significance gate. The figures are published in the README.
 *
 * <p>Set-up: baseline 0.62, every resolution Bernoulli(0.62), default windows 50/100/200; after a warm-up of
 * 200 resolutions a check every 25 resolutions (a 30-minute check on a model that predicts every ~70 s);
 * 200,000 resolutions, seed 20261124.
 */
class FalseAlarmRateTest {

    static final class Rates {
        final double warningOrWorse;
        final double criticalOrWorse;

        Rates(double warningOrWorse, double criticalOrWorse) {
            this.warningOrWorse = warningOrWorse;
            this.criticalOrWorse = criticalOrWorse;
        }
    }

    static Rates simulate(boolean requireSignificance, long seed) {
        DriftThresholds t = DriftThresholds.builder().requireSignificance(requireSignificance).build();
        SplittableRandom rnd = new SplittableRandom(seed);
        int checks = 0;
        int warning = 0;
        int critical = 0;
        try (ModelMonitor m = ModelMonitor.builder().thresholds(t).recordTrends(false).build()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.62));
            for (int i = 1; i <= 200_000; i++) {
                Fixtures.call(m, BTC, rnd.nextDouble() < 0.62);
                if (i >= 200 && i % 25 == 0) {
                    DriftLevel level = m.detectDrift(BTC).level();
                    checks++;
                    if (level.compareTo(DriftLevel.WARNING) >= 0) {
                        warning++;
                    }
                    if (level.compareTo(DriftLevel.CRITICAL) >= 0) {
                        critical++;
                    }
                }
            }
        }
        return new Rates((double) warning / checks, (double) critical / checks);
    }

    @Test
    void healthyModelFalseAlarmRatesPerCheck() {
        Rates plain = simulate(false, 20261124L);
        Rates gated = simulate(true, 20261124L);
        System.out.printf(java.util.Locale.ROOT, "false alarms per check: plain WARNING+ %.4f CRITICAL+ %.4f;"
                + " significance-gated WARNING+ %.4f CRITICAL+ %.4f%n", plain.warningOrWorse, plain.criticalOrWorse,
                gated.warningOrWorse, gated.criticalOrWorse);
        // bands around the published figures (README): the gate must cut alarms, and both stay in range
        assertTrue(plain.warningOrWorse > 0.25 && plain.warningOrWorse < 0.36, "plain warning " + plain.warningOrWorse);
        assertTrue(plain.criticalOrWorse > 0.07 && plain.criticalOrWorse < 0.14, "plain critical " + plain.criticalOrWorse);
        assertTrue(gated.warningOrWorse < plain.warningOrWorse / 2, "gated warning " + gated.warningOrWorse);
        assertTrue(gated.criticalOrWorse <= plain.criticalOrWorse, "gated critical " + gated.criticalOrWorse);
    }
}

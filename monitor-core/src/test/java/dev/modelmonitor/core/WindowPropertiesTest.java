package dev.modelmonitor.core;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.DriftLevel;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.DriftThresholds;
import dev.modelmonitor.api.WindowAccuracy;
import dev.modelmonitor.core.drift.DriftEvaluator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static dev.modelmonitor.core.Fixtures.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowPropertiesTest {

    @Property(tries = 200)
    void windowAccuracyEqualsBruteForceRecount(@ForAll @Size(max = 700) List<Boolean> outcomes,
                                               @ForAll @IntRange(min = 1, max = 40) int shortWindow) {
        DriftThresholds t = DriftThresholds.builder().windows(shortWindow, shortWindow * 2 + 1, shortWindow * 5 + 3)
                .minPredictions(1).build();
        try (ModelMonitor m = ModelMonitor.builder().thresholds(t).build()) {
            m.setBaseline(BTC, Baseline.ofAccuracy(0.6));
            for (boolean b : outcomes) {
                Fixtures.call(m, BTC, b);
            }
            DriftReport r = m.detectDrift(BTC);
            for (WindowAccuracy w : r.windows()) {
                int n = Math.min(w.size(), outcomes.size());
                int hits = 0;
                for (int i = outcomes.size() - n; i < outcomes.size(); i++) {
                    hits += outcomes.get(i) ? 1 : 0;
                }
                assertEquals(n, w.count());
                assertEquals(hits, w.correct());
            }
        }
    }

    @Property
    void levelIsMonotoneInAccuracy(@ForAll @DoubleRange(min = 0, max = 1) double a,
                                   @ForAll @DoubleRange(min = 0, max = 1) double b,
                                   @ForAll @DoubleRange(min = 0.01, max = 0.99) double baseline,
                                   @ForAll boolean requireSignificance) {
        DriftThresholds t = DriftThresholds.builder().requireSignificance(requireSignificance).build();
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        int n = 100;
        DriftLevel levelLo = level(t, baseline, lo, n);
        DriftLevel levelHi = level(t, baseline, hi, n);
        assertTrue(levelLo.compareTo(levelHi) >= 0, "accuracy " + lo + " gave " + levelLo + " but " + hi
                + " gave " + levelHi);
    }

    private static DriftLevel level(DriftThresholds t, double baseline, double acc, int n) {
        double z = (acc - baseline) / Math.sqrt(baseline * (1 - baseline) / n);
        return DriftEvaluator.levelOf(t, true, acc, baseline - acc, dev.modelmonitor.stats.Normal.cdf(z));
    }
}

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
    void levelIsMonotoneInAccuracy(@ForAll @IntRange(min = 0, max = 200) int a,
                                   @ForAll @IntRange(min = 0, max = 200) int b,
                                   @ForAll @IntRange(min = 200, max = 400) int n,
                                   @ForAll @DoubleRange(min = 0.01, max = 0.99) double baseline,
                                   @ForAll boolean requireSignificance, @ForAll boolean withBaseline) {
        DriftThresholds t = DriftThresholds.builder().requireSignificance(requireSignificance).build();
        double base = withBaseline ? baseline : Double.NaN;
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        DriftLevel levelLo = DriftEvaluator.levelOf(t, base, lo, n);
        DriftLevel levelHi = DriftEvaluator.levelOf(t, base, hi, n);
        assertTrue(levelLo.compareTo(levelHi) >= 0, lo + "/" + n + " gave " + levelLo + " but " + hi + "/" + n
                + " gave " + levelHi);
    }
}

package dev.modelmonitor.core.recalibration;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightProjectorTest {

    /** Valid current weights: 3 to 6 models, each in [0.15, 0.40], summing to 1. */
    @Provide
    Arbitrary<double[]> validWeights() {
        Arbitrary<Integer> n = Arbitraries.integers().between(3, 6);
        Arbitrary<List<Double>> moves = Arbitraries.doubles().between(0, 1).list().ofSize(40);
        return Combinators.combine(n, moves).as((count, u) -> {
            double[] w = new double[count];
            java.util.Arrays.fill(w, 1.0 / count);
            // random transfers that keep every weight inside the bounds
            for (int k = 0; k + 2 < u.size(); k += 3) {
                int i = (int) (u.get(k) * count) % count;
                int j = (int) (u.get(k + 1) * count) % count;
                if (i == j) {
                    continue;
                }
                double room = Math.min(w[i] - SafetyPolicy.MIN_WEIGHT, SafetyPolicy.MAX_WEIGHT - w[j]);
                double t = Math.max(0, room) * u.get(k + 2);
                w[i] -= t;
                w[j] += t;
            }
            return w;
        });
    }

    @Property(tries = 2000)
    void proposalsFromValidWeightsSatisfyEveryRule(@ForAll("validWeights") double[] w,
            @ForAll @Size(6) List<@DoubleRange(min = 0, max = 1) Double> precisions,
            @ForAll @Size(6) List<@IntRange(min = 0, max = 200) Integer> calls,
            @ForAll boolean someNaN) {
        int n = w.length;
        String[] models = new String[n];
        double[] p = new double[n];
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            models[i] = "m" + i;
            p[i] = someNaN && i == 0 ? Double.NaN : precisions.get(i);
            c[i] = someNaN && i == 0 ? 0 : calls.get(i);
        }
        WeightProposal proposal = WeightProjector.propose(models, w, p, c);
        assertTrue(proposal.feasible(), proposal.problem());
        assertSatisfiesRules(proposal);
    }

    @Property(tries = 2000)
    void anyCurrentWeightsGiveAValidProposalOrAReasonAndNoChange(
            @ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = 0, max = 0.6) Double> weights,
            @ForAll @DoubleRange(min = 0, max = 1) double precision) {
        int n = weights.size();
        String[] models = new String[n];
        double[] w = new double[n];
        double[] p = new double[n];
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            models[i] = "m" + i;
            w[i] = weights.get(i);
            p[i] = (precision + 0.13 * i) % 1.0;
            c[i] = 100;
        }
        WeightProposal proposal = WeightProjector.propose(models, w, p, c);
        if (proposal.feasible()) {
            assertSatisfiesRules(proposal);
        } else {
            assertEquals(proposal.current(), proposal.proposed(), "an impossible proposal changes nothing");
            assertTrue(proposal.problem().contains("never to 1") || proposal.problem().contains("cannot reach"),
                    proposal.problem());
        }
    }

    private static void assertSatisfiesRules(WeightProposal proposal) {
        double sum = 0;
        for (Map.Entry<String, Double> e : proposal.proposed().entrySet()) {
            double after = e.getValue();
            double before = proposal.current().get(e.getKey());
            sum += after;
            assertTrue(after >= SafetyPolicy.MIN_WEIGHT && after <= SafetyPolicy.MAX_WEIGHT, e.toString());
            assertTrue(Math.abs(after - before) <= SafetyPolicy.MAX_WEIGHT_CHANGE * before + 1e-12,
                    e.getKey() + " " + before + " -> " + after);
        }
        assertEquals(1.0, sum, 1e-12);
        for (SafetyCheck check : List.of(SafetyValidator.weightSum(proposal.proposed()),
                SafetyValidator.weightBounds(proposal.proposed()),
                SafetyValidator.maxChange(proposal.current(), proposal.proposed()))) {
            assertTrue(check.passed(), check.message());
        }
    }

    @Test
    void theSeedsExampleMovesTheWeakAndStrongModelsAndKeepsTheStableOnes() {
        String[] models = {"lgbm", "nhits", "patchtst", "xgb"};
        double[] w = {0.30, 0.20, 0.20, 0.30};
        double[] p = {0.62, 0.55, 0.55, 0.48};
        int[] calls = {100, 100, 100, 100};
        WeightProposal proposal = WeightProjector.propose(models, w, p, calls);
        // ensemble precision (0.3*0.62 + 0.2*0.55*2 + 0.3*0.48) / 1 = 0.55; lgbm's target 0.3*0.62/0.55 = 0.338
        // is capped at +10% (0.33), xgb's 0.262 at -10% (0.27); the stable models keep their weights
        assertEquals(0.33, proposal.proposed().get("lgbm"), 1e-12);
        assertEquals(0.27, proposal.proposed().get("xgb"), 1e-12);
        assertEquals(0.20, proposal.proposed().get("nhits"), 1e-12);
        assertEquals(0.20, proposal.proposed().get("patchtst"), 1e-12);
        assertEquals("Precision 0.62, above the ensemble's 0.55", proposal.changes().get(0).reason());
        assertEquals("Stable performance: precision 0.55 vs ensemble 0.55", proposal.changes().get(1).reason());
        assertEquals("Precision 0.48, below the ensemble's 0.55", proposal.changes().get(3).reason());
        assertEquals(0.1, proposal.changes().get(0).relativeChange(), 1e-12);
    }

    @Test
    void modelsWithTooFewCallsKeepTheirWeight() {
        WeightProposal proposal = WeightProjector.propose(new String[] {"a", "b", "c", "d"},
                new double[] {0.25, 0.25, 0.25, 0.25}, new double[] {0.9, 0.5, 0.5, 0.5}, new int[] {19, 100, 100, 100});
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25},
                proposal.proposed().values().stream().mapToDouble(Double::doubleValue).toArray(), 1e-12);
        assertEquals("Insufficient data: 19 UP/DOWN calls (20 needed)", proposal.changes().get(0).reason());
    }

    @Test
    void impossibleCurrentWeightsAreReported() {
        WeightProposal two = WeightProjector.propose(new String[] {"a", "b"}, new double[] {0.5, 0.5},
                new double[] {0.6, 0.5}, new int[] {100, 100});
        assertEquals("the weight of a (0.5000) cannot reach [0.15, 0.40] by a change of at most 10%", two.problem());
        WeightProposal low = WeightProjector.propose(new String[] {"a", "b", "c"}, new double[] {0.3, 0.3, 0.3},
                new double[] {0.6, 0.5, 0.5}, new int[] {100, 100, 100});
        assertEquals("3 weights each within 10% of its current value and inside [0.15, 0.40] sum to between "
                + "0.8100 and 0.9900, never to 1", low.problem());
        assertEquals(low.current(), low.proposed());
        assertTrue(low.changes().get(0).reason().startsWith("Unchanged: 3 weights"));
    }

    @Test
    void tradesGiveTheComponentsPrecisionAndTheLatestWeights() {
        WeightProposal proposal = WeightProjector.propose(Sim.trades(2_000, 7, Sim.OVERCONFIDENT, true));
        assertEquals(Map.of("lgbm", 0.3, "nhits", 0.2, "patchtst", 0.2, "xgb", 0.3), proposal.current());
        WeightChange xgb = proposal.changes().get(3);
        assertEquals("xgb", xgb.model());
        assertEquals(2_000, xgb.calls());
        assertEquals(0.48, xgb.precision(), 0.03);
        assertTrue(xgb.after() < xgb.before());
        assertTrue(proposal.proposed().get("lgbm") > 0.3);
        assertSatisfiesRules(proposal);
        assertEquals(WeightProposal.none(), WeightProjector.propose(Sim.fixed(60, 30)));
    }
}

package dev.modelmonitor.core.recalibration;

import dev.modelmonitor.api.Direction;
import dev.modelmonitor.api.Ensemble;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.Verdict;
import dev.modelmonitor.core.store.InMemoryStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/** Seeded trade streams for the recalibration tests. */
final class Sim {

    static final ModelKey KEY = ModelKey.of("ensemble_v2", "BTC/USDT");
    static final long T0 = Instant.parse("2026-02-10T08:00:00Z").toEpochMilli();
    /** Overconfident: the true win rate is 0.5 + 0.3 (c - 0.5). */
    static final DoubleUnaryOperator OVERCONFIDENT = c -> 0.5 + 0.3 * (c - 0.5);
    /** The seed's four components: precision and current weight. */
    static final Map<String, double[]> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("xgb", new double[] {0.48, 0.30});
        COMPONENTS.put("lgbm", new double[] {0.62, 0.30});
        COMPONENTS.put("nhits", new double[] {0.55, 0.20});
        COMPONENTS.put("patchtst", new double[] {0.55, 0.20});
    }

    private Sim() {
    }

    /**
     * n resolved direction calls, one a minute from T0, confidence uniform in [0.5, 0.95], won with
     * probability trueWinRate(confidence); with ensemble data when asked.
     */
    static List<ResolvedPrediction> resolved(int n, long seed, DoubleUnaryOperator trueWinRate, boolean ensemble) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<ResolvedPrediction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double c = 0.5 + 0.45 * rnd.nextDouble();
            boolean win = rnd.nextDouble() < trueWinRate.applyAsDouble(c);
            double exit = win ? 101.0 : 99.0;
            Prediction.DirectionCall call = Prediction.up(c, 100.0, Duration.ofMinutes(60));
            if (ensemble) {
                Ensemble.Builder e = Ensemble.builder();
                for (Map.Entry<String, double[]> m : COMPONENTS.entrySet()) {
                    boolean right = rnd.nextDouble() < m.getValue()[0];
                    Direction moved = exit > 100.0 ? Direction.UP : Direction.DOWN;
                    Direction d = right ? moved : (moved == Direction.UP ? Direction.DOWN : Direction.UP);
                    e.call(m.getKey(), d, 0.6).weight(m.getKey(), m.getValue()[1]);
                }
                call = call.withEnsemble(e.build());
            }
            long t = T0 + i * 60_000L;
            out.add(new ResolvedPrediction(i + 1, KEY, call, Outcome.exitPrice(exit),
                    win ? Verdict.CORRECT : Verdict.WRONG, t - 3_600_000L, t));
        }
        return out;
    }

    static InMemoryStore store(int n, long seed, DoubleUnaryOperator trueWinRate, boolean ensemble) {
        InMemoryStore store = InMemoryStore.builder().maxResolvedPerKey(100_000).build();
        for (ResolvedPrediction r : resolved(n, seed, trueWinRate, ensemble)) {
            store.append(r);
        }
        return store;
    }

    static List<Trade> trades(int n, long seed, DoubleUnaryOperator trueWinRate, boolean ensemble) {
        return TradeSource.fromStore(store(n, seed, trueWinRate, ensemble)).trades();
    }

    /** n trades without ensemble data, the first {@code wins} of them won, confidence 0.7. */
    static List<Trade> fixed(int n, int wins) {
        List<Trade> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Trade.of(i + 1, KEY, 0.7, i < wins, T0 + i * 60_000L));
        }
        return out;
    }
}

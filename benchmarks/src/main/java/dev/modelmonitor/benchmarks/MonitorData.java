package dev.modelmonitor.benchmarks;

import dev.modelmonitor.api.Direction;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import java.time.Duration;

/**
 * The caller's own objects for the monitor benchmarks, built once in set-up so that {@code -prof gc}
 * counts only what the monitor allocates: direction calls with their exit prices, and a hit pattern with
 * an exact accuracy in every window.
 */
final class MonitorData {

    /** How many distinct predictions a benchmark cycles through (a power of two). */
    static final int SIZE = 1 << 10;
    static final int MASK = SIZE - 1;

    private MonitorData() {
    }

    /**
     * @param model the model name
     * @param i     the key's index
     * @return key {@code model/SEG-i}
     */
    static ModelKey key(String model, int i) {
        return ModelKey.of(model, "SEG-" + i);
    }

    /**
     * Whether the i-th resolution is a hit: exactly 31 of any 50 consecutive ones (31 is coprime to 50),
     * so every window of 50, 100 or 200 holds accuracy 0.62.
     *
     * @param i the index
     * @return true for a hit
     */
    static boolean hit(long i) {
        return (i * 31) % 50 < 31;
    }

    /**
     * Alternating UP and DOWN calls with confidences in [0.5, 1) and entry prices around 100, horizon 1 h.
     *
     * @param n how many
     * @return the predictions
     */
    static Prediction[] predictions(int n) {
        Prediction[] p = new Prediction[n];
        for (int i = 0; i < n; i++) {
            double confidence = 0.5 + (i % 50) / 100.0;
            double entry = 100.0 + (i % 17);
            p[i] = (i & 1) == 0 ? Prediction.up(confidence, entry, Duration.ofHours(1))
                    : Prediction.down(confidence, entry, Duration.ofHours(1));
        }
        return p;
    }

    /**
     * Exit prices for {@link #predictions(int)}, correct exactly when {@link #hit(long)} is true.
     *
     * @param predictions the predictions
     * @return one outcome per prediction
     */
    static Outcome[] outcomes(Prediction[] predictions) {
        Outcome[] o = new Outcome[predictions.length];
        for (int i = 0; i < predictions.length; i++) {
            Prediction.DirectionCall call = (Prediction.DirectionCall) predictions[i];
            boolean up = call.direction() == Direction.UP;
            boolean rise = hit(i) == up;
            o[i] = Outcome.exitPrice(rise ? call.entryPrice() * 1.01 : call.entryPrice() * 0.99);
        }
        return o;
    }
}

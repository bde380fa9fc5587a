package dev.modelmonitor.core.calibration;

import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.core.ModelMonitor;

import java.time.Duration;

/** Feeds resolved predictions into a monitor for the calibration tests. */
final class Feed {

    static final Duration HORIZON = Duration.ofMinutes(60);

    private Feed() {
    }

    /** A probability forecast p resolved by whether its event happened (y == 1). */
    static void probability(ModelMonitor m, ModelKey key, double p, int y) {
        long id = m.log(key, Prediction.probability(p, HORIZON));
        if (!m.resolve(id, Outcome.event(y == 1))) {
            throw new AssertionError("resolve failed");
        }
    }

    /** A class call with confidence c, correct or not. */
    static void call(ModelMonitor m, ModelKey key, double c, boolean correct) {
        long id = m.log(key, new Prediction.ClassCall("up", c, HORIZON));
        if (!m.resolve(id, Outcome.label(correct ? "up" : "down"))) {
            throw new AssertionError("resolve failed");
        }
    }

    /**
     * {@code n} class calls at confidence c of which exactly {@code round(n * rate)} are correct, spread
     * evenly: a day whose ECE is exactly |rate - c| (one bin).
     */
    static void day(ModelMonitor m, ModelKey key, int n, double c, double rate) {
        int hits = (int) Math.round(n * rate);
        int done = 0;
        for (int i = 0; i < n; i++) {
            boolean correct = (long) (i + 1) * hits / n > done;
            if (correct) {
                done++;
            }
            call(m, key, c, correct);
        }
    }
}

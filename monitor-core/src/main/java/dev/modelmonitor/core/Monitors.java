package dev.modelmonitor.core;

import dev.modelmonitor.api.Baseline;
import dev.modelmonitor.api.Direction;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;

import java.time.Duration;
import java.util.List;

/**
 * One-line helpers in the seed's style ({@code set_model_baseline}, {@code log_model_prediction}, ...),
 * each a thin wrapper over a monitor the host built and passes in. There is no global monitor.
 *
 * <pre>{@code
 * Monitors.setModelBaseline(monitor, "my_model", "ETH/USDT", 0.65);
 * long id = Monitors.logModelPrediction(monitor, "my_model", "ETH/USDT", 1, 0.7, 3000.0);
 * Monitors.resolveModelPrediction(monitor, id, 3100.0);
 * List<DriftAlert> alerts = Monitors.checkModelDrift(monitor);
 * }</pre>
 */
public final class Monitors {

    /** The horizon used when none is given: 60 minutes, as in the seed. */
    public static final Duration DEFAULT_HORIZON = Duration.ofMinutes(60);

    private Monitors() {
    }

    /**
     * Sets an accuracy-only baseline.
     *
     * @param monitor  the monitor
     * @param model    the model name
     * @param segment  the segment (symbol)
     * @param accuracy the baseline accuracy, in (0, 1)
     */
    public static void setModelBaseline(ModelMonitor monitor, String model, String segment, double accuracy) {
        requireMonitor(monitor).setBaseline(ModelKey.of(model, segment), Baseline.ofAccuracy(accuracy));
    }

    /**
     * Logs a direction call with the seed's integer signal and a 60-minute horizon.
     *
     * @param monitor    the monitor
     * @param model      the model name
     * @param segment    the segment (symbol)
     * @param signal     1 up, -1 down, 0 hold
     * @param confidence in [0, 1]
     * @param entryPrice positive
     * @return the prediction id
     */
    public static long logModelPrediction(ModelMonitor monitor, String model, String segment, int signal,
                                          double confidence, double entryPrice) {
        return logModelPrediction(monitor, model, segment, signal, confidence, entryPrice, DEFAULT_HORIZON);
    }

    /**
     * Logs a direction call with the seed's integer signal.
     *
     * @param monitor    the monitor
     * @param model      the model name
     * @param segment    the segment (symbol)
     * @param signal     1 up, -1 down, 0 hold
     * @param confidence in [0, 1]
     * @param entryPrice positive
     * @param horizon    not negative
     * @return the prediction id
     */
    public static long logModelPrediction(ModelMonitor monitor, String model, String segment, int signal,
                                          double confidence, double entryPrice, Duration horizon) {
        return requireMonitor(monitor).log(ModelKey.of(model, segment),
                new Prediction.DirectionCall(Direction.ofSignal(signal), confidence, entryPrice, horizon));
    }

    /**
     * Resolves a direction call with its exit price.
     *
     * @param monitor   the monitor
     * @param id        the prediction id
     * @param exitPrice positive
     * @return true when this call resolved it
     */
    public static boolean resolveModelPrediction(ModelMonitor monitor, long id, double exitPrice) {
        return requireMonitor(monitor).resolve(id, Outcome.exitPrice(exitPrice));
    }

    /**
     * Checks every key and publishes due alerts.
     *
     * @param monitor the monitor
     * @return the drift alerts that hold now
     */
    public static List<DriftAlert> checkModelDrift(ModelMonitor monitor) {
        return requireMonitor(monitor).checkAll();
    }

    private static ModelMonitor requireMonitor(ModelMonitor monitor) {
        if (monitor == null) {
            throw new IllegalArgumentException("monitor must not be null");
        }
        return monitor;
    }
}

package dev.modelmonitor.api;

/**
 * {@value #NAME}: the monitor asked the host's {@link RetrainHandler} to retrain a key's model. Published
 * whether or not a handler is set.
 *
 * @param request the request
 */
public record RetrainRequestedEvent(RetrainRequest request) implements MonitoringEvent {

    /** The metric name. */
    public static final String NAME = "model.retrain.requested";

    /**
     * Validates the request.
     *
     * @throws IllegalArgumentException if request is null
     */
    public RetrainRequestedEvent {
        Checks.notNull(request, "request");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ModelKey key() {
        return request.key();
    }

    @Override
    public long timestampMillis() {
        return request.timestampMillis();
    }
}

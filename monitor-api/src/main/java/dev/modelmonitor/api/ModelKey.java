package dev.modelmonitor.api;

/**
 * The identity of a monitored stream: a model and a segment (the symbol, market, channel or tenant the
 * model serves). Every figure the monitor keeps is kept per key.
 *
 * @param model   the model's name, not blank, for example {@code "lstm_btc"}
 * @param segment the segment, not blank, for example {@code "BTC/USDT"}
 */
public record ModelKey(String model, String segment) {

    /**
     * Validates both names.
     *
     * @throws IllegalArgumentException if either is null or blank
     */
    public ModelKey {
        Checks.notBlank(model, "model");
        Checks.notBlank(segment, "segment");
    }

    /**
     * Shorthand for {@code new ModelKey(model, segment)}.
     *
     * @param model   the model's name
     * @param segment the segment
     * @return the key
     */
    public static ModelKey of(String model, String segment) {
        return new ModelKey(model, segment);
    }

    @Override
    public String toString() {
        return model + "/" + segment;
    }
}

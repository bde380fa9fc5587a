package dev.modelmonitor.core.recalibration;

import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.Store;
import dev.modelmonitor.core.ModelMonitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where calibration-only learning reads its trades: the seam between the workflow and the monitor's data.
 * Three sources are provided: a {@link Store} (any implementation of the SPI: an in-memory store, or a file
 * store directory, which the command-line tool opens read-only beside a running host), a live
 * {@link ModelMonitor} in the same process, and a fixed list (tests, replays).
 *
 * <p>Implementations return trades oldest first (by resolution time, then id) and may be called once per
 * analysis; cost is one pass over the retained resolved predictions. The list must be safe to keep.
 */
@FunctionalInterface
public interface TradeSource {

    /**
     * The trades to learn from.
     *
     * @return the trades, oldest first; empty when there are none
     */
    List<Trade> trades();

    /**
     * Every trade a store holds, over every key and all time, with the default hold band.
     *
     * @param store the store, not null
     * @return the source
     */
    static TradeSource fromStore(Store store) {
        return fromStore(store, null, Long.MIN_VALUE, Long.MAX_VALUE, ModelMonitor.Builder.DEFAULT_HOLD_BAND);
    }

    /**
     * The trades a store holds for one key (or every key) resolved in [fromMillis, toMillis).
     *
     * @param store      the store, not null
     * @param key        the key, or null for every key
     * @param fromMillis inclusive lower bound on the resolution time, epoch ms
     * @param toMillis   exclusive upper bound, &gt;= fromMillis
     * @param holdBand   the hold band component HOLD calls are scored with, in [0, 1)
     * @return the source; it reads the store each time it is asked
     */
    static TradeSource fromStore(Store store, ModelKey key, long fromMillis, long toMillis, double holdBand) {
        if (store == null) {
            throw new IllegalArgumentException("store must not be null");
        }
        if (toMillis < fromMillis) {
            throw new IllegalArgumentException("toMillis must be >= fromMillis (" + fromMillis + "), was " + toMillis);
        }
        checkHoldBand(holdBand);
        return () -> {
            List<Trade> out = new ArrayList<>();
            store.scan(ResolvedPrediction.class, key, fromMillis, toMillis,
                    r -> Trade.from(r, holdBand).ifPresent(out::add));
            return sorted(out);
        };
    }

    /**
     * The trades a running monitor retains for one key, or every key it knows, with the default hold band.
     *
     * @param monitor the monitor, not null
     * @param key     the key, or null for every key
     * @return the source; it reads the monitor each time it is asked
     */
    static TradeSource fromMonitor(ModelMonitor monitor, ModelKey key) {
        if (monitor == null) {
            throw new IllegalArgumentException("monitor must not be null");
        }
        return () -> {
            List<Trade> out = new ArrayList<>();
            for (ModelKey k : key != null ? List.of(key) : new ArrayList<>(monitor.keys())) {
                for (ResolvedPrediction r : monitor.resolved(k, Integer.MAX_VALUE)) {
                    Trade.from(r, ModelMonitor.Builder.DEFAULT_HOLD_BAND).ifPresent(out::add);
                }
            }
            return sorted(out);
        };
    }

    /**
     * A fixed list of trades.
     *
     * @param trades the trades, not null, no null element; sorted oldest first on return
     * @return the source
     */
    static TradeSource of(List<Trade> trades) {
        if (trades == null) {
            throw new IllegalArgumentException("trades must not be null");
        }
        List<Trade> copy = sorted(new ArrayList<>(trades));
        return () -> copy;
    }

    private static List<Trade> sorted(List<Trade> trades) {
        trades.sort(Comparator.comparingLong(Trade::resolvedAtMillis).thenComparingLong(Trade::id));
        return List.copyOf(trades);
    }

    private static void checkHoldBand(double holdBand) {
        if (!(holdBand >= 0.0 && holdBand < 1.0)) {
            throw new IllegalArgumentException("holdBand must be in [0, 1), was " + holdBand);
        }
    }
}

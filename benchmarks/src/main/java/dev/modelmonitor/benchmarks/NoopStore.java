package dev.modelmonitor.benchmarks;

import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.ResolvedBatch;
import dev.modelmonitor.api.Store;
import dev.modelmonitor.api.StoreRecord;
import dev.modelmonitor.api.Verdict;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link Store} that keeps nothing, so a benchmark or a heap count sees only what the monitor itself
 * allocates and retains. Appends (including both {@code appendResolved}, whose defaults would build records
 * or read the batch) do nothing, {@link #latest} is always empty and {@link #scan} visits nothing.
 * Thread-safe (stateless).
 */
final class NoopStore implements Store {

    @Override
    public void append(StoreRecord record) {
    }

    @Override
    public void appendResolved(long id, ModelKey key, Prediction prediction, Outcome outcome, Verdict verdict,
                               long loggedAtMillis, long resolvedAtMillis) {
    }

    @Override
    public void appendResolved(ResolvedBatch batch) {
    }

    @Override
    public <T extends StoreRecord> List<T> latest(Class<T> type, ModelKey key, int limit) {
        return List.of();
    }

    @Override
    public <T extends StoreRecord> void scan(Class<T> type, ModelKey key, long fromMillis, long toMillis,
                                             Consumer<? super T> action) {
    }
}

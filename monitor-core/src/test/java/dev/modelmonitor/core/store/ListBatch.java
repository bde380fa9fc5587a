package dev.modelmonitor.core.store;

import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.ResolvedBatch;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.Verdict;

import java.util.List;

/** A batch over records, for store tests; one entry's resolution time can be broken on purpose. */
final class ListBatch implements ResolvedBatch {

    private final List<ResolvedPrediction> records;
    private final int broken;

    private ListBatch(List<ResolvedPrediction> records, int broken) {
        this.records = records;
        this.broken = broken;
    }

    static ListBatch of(List<ResolvedPrediction> records) {
        return new ListBatch(records, -1);
    }

    /** The records, but entry {@code broken} says it was resolved before it was logged. */
    static ListBatch withBrokenEntry(List<ResolvedPrediction> records, int broken) {
        return new ListBatch(records, broken);
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public long id(int i) {
        return records.get(i).id();
    }

    @Override
    public ModelKey key(int i) {
        return records.get(i).key();
    }

    @Override
    public Prediction prediction(int i) {
        return records.get(i).prediction();
    }

    @Override
    public Outcome outcome(int i) {
        return records.get(i).outcome();
    }

    @Override
    public Verdict verdict(int i) {
        return records.get(i).verdict();
    }

    @Override
    public long loggedAtMillis(int i) {
        return records.get(i).loggedAtMillis();
    }

    @Override
    public long resolvedAtMillis(int i) {
        return i == broken ? records.get(i).loggedAtMillis() - 1 : records.get(i).resolvedAtMillis();
    }
}

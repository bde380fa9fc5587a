package dev.modelmonitor.core;

import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.api.ResolvedBatch;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.Store;
import dev.modelmonitor.api.StoreRecord;
import dev.modelmonitor.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.modelmonitor.core.Fixtures.HOUR;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the monitor hands resolutions to its store: failures contained per record, and in what order. */
class StoreHandOverTest {

    private static final ModelKey KEY = ModelKey.of("m", "s");

    /** Keeps what it is given, through the SPI's defaults only; its append throws for one id. */
    private static final class MinimalStore extends BareStore {
        final List<StoreRecord> appended = new ArrayList<>();
        final long failOn;

        MinimalStore(long failOn) {
            this.failOn = failOn;
        }

        @Override
        public synchronized void append(StoreRecord record) {
            if (record instanceof ResolvedPrediction && ((ResolvedPrediction) record).id() == failOn) {
                throw new IllegalStateException("cannot write " + failOn);
            }
            appended.add(record);
        }

        synchronized List<Long> resolvedIds() {
            List<Long> ids = new ArrayList<>();
            for (StoreRecord r : appended) {
                if (r instanceof ResolvedPrediction) {
                    ids.add(((ResolvedPrediction) r).id());
                }
            }
            return ids;
        }
    }

    /** Takes batches itself, and fails every one of them. */
    private static final class FailingBatchStore extends BareStore {
        int batchCalls;

        @Override
        public void appendResolved(ResolvedBatch batch) {
            batchCalls++;
            throw new IllegalStateException("cannot write a batch of " + batch.size());
        }
    }

    /** A store with nothing but the required methods, to extend. */
    private abstract static class BareStore implements Store {
        @Override
        public void append(StoreRecord record) {
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

    private static void logAndResolve(ModelMonitor m, int n) {
        for (int i = 0; i < n; i++) {
            m.resolve(m.log(KEY, Prediction.up(0.7, 100.0, HOUR)), Outcome.exitPrice(101.0));
        }
    }

    @Test
    void aStoreKeepingTheDefaultLosesOnlyTheRecordThatFailed() {
        MinimalStore store = new MinimalStore(2);
        try (ModelMonitor m = ModelMonitor.builder().store(store).build()) {
            logAndResolve(m, 5);
            m.checkAll();
            assertEquals(List.of(1L, 3L, 4L, 5L), store.resolvedIds());
            assertEquals(1, m.counters().storeFailures());
            assertEquals(5, m.status(KEY).resolved(), "monitoring goes on in memory");
        }
    }

    @Test
    void aBatchThatFailsIsCountedOnceAndMonitoringGoesOn() {
        FailingBatchStore store = new FailingBatchStore();
        try (ModelMonitor m = ModelMonitor.builder().store(store).build()) {
            logAndResolve(m, 5);
            m.checkAll();
            assertEquals(1, store.batchCalls);
            assertEquals(1, m.counters().storeFailures());
            assertEquals(5, m.status(KEY).resolved());
        }
    }

    @Test
    void aClosedForecastDayReachesTheStoreAfterTheResolutionsItSummarises() {
        MutableClock clock = MutableClock.of(Instant.parse("2026-03-02T10:00:00Z"));
        MinimalStore store = new MinimalStore(-1);
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).store(store).build()) {
            Prediction.Forecast f = new Prediction.Forecast(100.0, new Quantiles(90.0, 100.0, 110.0),
                    Duration.ofHours(1));
            long first = m.log(KEY, f);
            long second = m.log(KEY, f);
            m.resolve(first, Outcome.value(104.0));
            clock.advance(Duration.ofDays(1));
            m.resolve(second, Outcome.value(97.0)); // the first of a new day: closes the day before
            m.checkAll();
            List<String> order = new ArrayList<>();
            synchronized (store) {
                for (StoreRecord r : store.appended) {
                    if (r instanceof ResolvedPrediction) {
                        order.add("resolved " + ((ResolvedPrediction) r).id());
                    } else if (r instanceof ForecastDay) {
                        order.add("day");
                    }
                }
            }
            assertEquals(List.of("resolved " + first, "resolved " + second, "day"), order.subList(0, 3));
        }
    }
}

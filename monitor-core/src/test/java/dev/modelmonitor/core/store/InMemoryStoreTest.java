package dev.modelmonitor.core.store;

import dev.modelmonitor.api.BaselineRecord;
import dev.modelmonitor.api.CalibrationAlert;
import dev.modelmonitor.api.CalibrationDay;
import dev.modelmonitor.api.DriftAlert;
import dev.modelmonitor.api.DriftReport;
import dev.modelmonitor.api.ForecastAlert;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.RetrainRequest;
import dev.modelmonitor.api.Store;
import dev.modelmonitor.api.StoreRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryStoreTest extends StoreContractTest {

    @Override
    protected Store newStore() {
        return InMemoryStore.withDefaults();
    }

    private static InMemoryStore small() {
        return InMemoryStore.builder().maxResolvedPerKey(3).maxReportsPerKey(4).maxAlertsPerKey(2)
                .maxBaselinesPerKey(1).maxCalibrationDaysPerKey(5).maxRetrainsPerKey(6).build();
    }

    @Test
    void defaultsAreTheDocumentedBounds() {
        InMemoryStore s = InMemoryStore.withDefaults();
        assertEquals(1_000, s.maxResolvedPerKey());
        assertEquals(2_000, s.maxReportsPerKey());
        assertEquals(500, s.maxAlertsPerKey());
        assertEquals(100, s.maxBaselinesPerKey());
        assertEquals(1_000, s.maxCalibrationDaysPerKey());
        assertEquals(500, s.maxRetrainsPerKey());
    }

    @Test
    void forecastRecordsHaveTheirOwnBounds() {
        assertEquals(550, InMemoryStore.withDefaults().maxForecastDaysPerKey());
        InMemoryStore s = InMemoryStore.builder().maxForecastDaysPerKey(3).maxAlertsPerKey(2).build();
        List<StoreRecord> days = new ArrayList<>();
        List<StoreRecord> alerts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            StoreRecord d = forecastDay(BTC, i, 20_000 + i);
            StoreRecord a = forecastAlert(BTC, i, T0 + i);
            s.append(d);
            s.append(a);
            s.append(alert(BTC, i, T0 + i));
            days.add(d);
            alerts.add(a);
        }
        assertEquals(days.subList(7, 10), s.latest(ForecastDay.class, BTC, 100));
        assertEquals(alerts.subList(8, 10), s.latest(ForecastAlert.class, BTC, 100));
        assertEquals(2, s.size(DriftAlert.class, BTC));
        assertEquals(3, s.size(ForecastDay.class));
        assertEquals(10, s.appendedCount(ForecastAlert.class));
        assertEquals("maxForecastDaysPerKey must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> InMemoryStore.builder().maxForecastDaysPerKey(0)).getMessage());
    }

    @Test
    void eachTypeEvictsItsOldestBeyondItsBound() {
        InMemoryStore s = small();
        Map<Class<? extends StoreRecord>, Integer> bounds = Map.of(ResolvedPrediction.class, 3,
                DriftReport.class, 4, DriftAlert.class, 2, BaselineRecord.class, 1, CalibrationDay.class, 5,
                CalibrationAlert.class, 2, RetrainRequest.class, 6);
        for (Class<? extends StoreRecord> type : TYPES) {
            List<StoreRecord> appended = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                StoreRecord r = record(type, BTC, i, T0 + i);
                s.append(r);
                appended.add(r);
            }
            int bound = bounds.get(type);
            assertEquals(appended.subList(10 - bound, 10), s.latest(type, BTC, 100), type.getSimpleName());
            List<StoreRecord> scanned = new ArrayList<>();
            s.scan(type, BTC, Long.MIN_VALUE, Long.MAX_VALUE, scanned::add);
            assertEquals(appended.subList(10 - bound, 10), scanned, type.getSimpleName());
            assertEquals(bound, s.size(type, BTC));
            assertEquals(bound, s.size(type));
            assertEquals(10, s.appendedCount(type));
        }
    }

    @Test
    void retentionIsPerKey() {
        InMemoryStore s = small();
        for (int i = 0; i < 5; i++) {
            s.append(resolved(BTC, i, T0 + i));
        }
        s.append(resolved(ETH, 99, T0));

        assertEquals(3, s.size(ResolvedPrediction.class, BTC));
        assertEquals(1, s.size(ResolvedPrediction.class, ETH));
        assertEquals(4, s.size(ResolvedPrediction.class));
        assertEquals(0, s.size(DriftReport.class, ETH));
        assertEquals(List.of(BTC, ETH), s.keys());
    }

    @Test
    void ringsGrowPastTheirInitialSizeAndKeepOrderAcrossWraps() {
        InMemoryStore s = InMemoryStore.builder().maxResolvedPerKey(100).maxReportsPerKey(100).build();
        List<StoreRecord> resolved = new ArrayList<>();
        List<StoreRecord> reports = new ArrayList<>();
        for (int i = 0; i < 537; i++) {
            StoreRecord r = resolved(BTC, i, T0 + i);
            StoreRecord d = report(BTC, i, T0 + i);
            s.append(r);
            s.append(d);
            resolved.add(r);
            reports.add(d);
        }
        assertEquals(resolved.subList(437, 537), s.latest(ResolvedPrediction.class, BTC, 1_000));
        assertEquals(reports.subList(437, 537), s.latest(DriftReport.class, BTC, 1_000));
        assertEquals(reports.subList(500, 537), s.latest(DriftReport.class, BTC, 37));
    }

    @Test
    void emptyStoreHasNoKeysAndZeroCounts() {
        InMemoryStore s = InMemoryStore.withDefaults();
        assertEquals(List.of(), s.keys());
        assertEquals(0, s.size(DriftAlert.class));
        assertEquals(0, s.size(DriftAlert.class, BTC));
        assertEquals(0, s.appendedCount(ResolvedPrediction.class));
    }

    @Test
    void latestIsAnUnmodifiableSnapshot() {
        store.append(report(BTC, 1, T0));
        List<DriftReport> before = store.latest(DriftReport.class, BTC, 10);
        store.append(report(BTC, 2, T0 + 1));

        assertEquals(1, before.size());
        assertThrows(UnsupportedOperationException.class, () -> before.add(report(BTC, 3, T0)));
    }

    @Test
    void recordsStayReadableAfterClose() {
        store.append(report(BTC, 1, T0));
        store.close();
        assertEquals(1, store.latest(DriftReport.class, BTC, 10).size());
    }

    @Test
    void builderRejectsOutOfRangeBounds() {
        Map<String, Function<Integer, InMemoryStore.Builder>> setters = Map.of(
                "maxResolvedPerKey", v -> InMemoryStore.builder().maxResolvedPerKey(v),
                "maxReportsPerKey", v -> InMemoryStore.builder().maxReportsPerKey(v),
                "maxAlertsPerKey", v -> InMemoryStore.builder().maxAlertsPerKey(v),
                "maxBaselinesPerKey", v -> InMemoryStore.builder().maxBaselinesPerKey(v),
                "maxRetrainsPerKey", v -> InMemoryStore.builder().maxRetrainsPerKey(v));
        setters.forEach((name, setter) -> {
            assertEquals(name + " must be >= 1, was 0",
                    assertThrows(IllegalArgumentException.class, () -> setter.apply(0)).getMessage());
            assertEquals(name + " must be >= 1, was -5",
                    assertThrows(IllegalArgumentException.class, () -> setter.apply(-5)).getMessage());
            assertEquals(name + " must be <= 16777216, was 16777217",
                    assertThrows(IllegalArgumentException.class, () -> setter.apply((1 << 24) + 1)).getMessage());
            setter.apply(1).build();
            setter.apply(1 << 24).build();
        });
    }

    @Test
    void exactMessagesForBadArguments() {
        assertEquals("limit must be >= 0, was -1", assertThrows(IllegalArgumentException.class,
                () -> store.latest(DriftReport.class, BTC, -1)).getMessage());
        assertEquals("type must be one of ResolvedPrediction, BaselineRecord, DriftReport, DriftAlert, "
                        + "ForecastDay, ForecastAlert, CalibrationDay, CalibrationAlert or RetrainRequest, was "
                        + "dev.modelmonitor.api.StoreRecord",
                assertThrows(IllegalArgumentException.class, () -> store.latest(StoreRecord.class, BTC, 1))
                        .getMessage());
        assertEquals("toMillis must be >= fromMillis (10), was 9", assertThrows(IllegalArgumentException.class,
                () -> store.scan(DriftReport.class, BTC, 10, 9, r -> { })).getMessage());
        assertEquals("type must not be null", assertThrows(IllegalArgumentException.class,
                () -> ((InMemoryStore) store).size(null)).getMessage());
    }

    @Test
    void appendResolvedAllocatesNothingOnceTheRingIsFull() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean)) {
            return;
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            return;
        }
        InMemoryStore s = InMemoryStore.builder().maxResolvedPerKey(64).build();
        ResolvedPrediction r = resolved(BTC, 1, T0);
        for (int i = 0; i < 20_000; i++) {
            s.appendResolved(i, BTC, r.prediction(), r.outcome(), r.verdict(), T0, T0 + i);
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            s.appendResolved(i, BTC, r.prediction(), r.outcome(), r.verdict(), T0, T0 + i);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;

        assertTrue(allocated < 4_096, "100,000 appends allocated " + allocated + " bytes");
        assertEquals(64, s.size(ResolvedPrediction.class, BTC));
    }

    // ----- property: latest equals the tail of what was appended -----------------------------------------

    /** One append: which key, which type. */
    record Op(int key, int type) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, TYPES.size() - 1))
                .as(Op::new).list().ofMaxSize(300);
    }

    @Property(tries = 200)
    void latestIsTheTailOfWhatWasAppended(@ForAll("ops") List<Op> ops,
                                          @ForAll @IntRange(min = 0, max = 40) int limit,
                                          @ForAll @Size(6) List<@IntRange(min = 1, max = 20) Integer> bounds) {
        InMemoryStore s = InMemoryStore.builder().maxResolvedPerKey(bounds.get(0))
                .maxBaselinesPerKey(bounds.get(1)).maxReportsPerKey(bounds.get(2)).maxAlertsPerKey(bounds.get(3))
                .maxCalibrationDaysPerKey(bounds.get(4)).maxRetrainsPerKey(bounds.get(5)).build();
        int[] boundOfType = {0, 1, 2, 3, 4, 3, 5}; // calibration alerts share the alert bound
        ModelKey[] keys = {BTC, ETH, ModelKey.of("gbm", "SOL/USDT")};
        Map<ModelKey, Map<Class<? extends StoreRecord>, List<StoreRecord>>> model = new HashMap<>();
        long seq = 0;
        for (Op op : ops) {
            Class<? extends StoreRecord> type = TYPES.get(op.type());
            StoreRecord r = record(type, keys[op.key()], seq, T0 + seq);
            seq++;
            if (r instanceof ResolvedPrediction && seq % 2 == 0) {
                ResolvedPrediction p = (ResolvedPrediction) r;
                s.appendResolved(p.id(), p.key(), p.prediction(), p.outcome(), p.verdict(), p.loggedAtMillis(),
                        p.resolvedAtMillis());
            } else {
                s.append(r);
            }
            model.computeIfAbsent(r.key(), k -> new HashMap<>()).computeIfAbsent(type, t -> new ArrayList<>())
                    .add(r);
        }
        for (ModelKey key : keys) {
            for (int t = 0; t < TYPES.size(); t++) {
                Class<? extends StoreRecord> type = TYPES.get(t);
                List<StoreRecord> all = model.getOrDefault(key, Map.of()).getOrDefault(type, List.of());
                int n = Math.min(limit, Math.min(all.size(), bounds.get(boundOfType[t])));
                assertEquals(all.subList(all.size() - n, all.size()), s.latest(type, key, limit));
            }
        }
    }
}

package dev.modelmonitor.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a store that implements only the required methods does with a batch of resolutions. */
class StoreDefaultsTest {

    private static final ModelKey KEY = ModelKey.of("m", "s");
    private static final Prediction UP = Prediction.up(0.7, 100.0, Duration.ofHours(1));

    /** Keeps what it is given; throws on the id it is told to. */
    private static final class Recording implements Store {
        final List<StoreRecord> appended = new ArrayList<>();
        final long failOn;

        Recording(long failOn) {
            this.failOn = failOn;
        }

        @Override
        public void append(StoreRecord record) {
            if (record instanceof ResolvedPrediction && ((ResolvedPrediction) record).id() == failOn) {
                throw new IllegalStateException("disk full at " + failOn);
            }
            appended.add(record);
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

    /** Entries 1..n of one key, resolved a second after they were logged. */
    private static final class Batch implements ResolvedBatch {
        final int n;

        Batch(int n) {
            this.n = n;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public long id(int i) {
            return i + 1;
        }

        @Override
        public ModelKey key(int i) {
            return KEY;
        }

        @Override
        public Prediction prediction(int i) {
            return UP;
        }

        @Override
        public Outcome outcome(int i) {
            return Outcome.exitPrice(101.0);
        }

        @Override
        public Verdict verdict(int i) {
            return Verdict.CORRECT;
        }

        @Override
        public long loggedAtMillis(int i) {
            return 1_000L * i;
        }

        @Override
        public long resolvedAtMillis(int i) {
            return 1_000L * i + 1_000L;
        }
    }

    @Test
    void theDefaultAppendsEachEntryInOrderAsItsRecord() {
        Recording store = new Recording(-1);
        Batch batch = new Batch(3);
        store.appendResolved(batch);
        List<StoreRecord> expected = List.of(
                new ResolvedPrediction(1, KEY, UP, Outcome.exitPrice(101.0), Verdict.CORRECT, 0L, 1_000L),
                new ResolvedPrediction(2, KEY, UP, Outcome.exitPrice(101.0), Verdict.CORRECT, 1_000L, 2_000L),
                new ResolvedPrediction(3, KEY, UP, Outcome.exitPrice(101.0), Verdict.CORRECT, 2_000L, 3_000L));
        assertEquals(expected, store.appended);
        assertEquals(expected.get(1), batch.toRecord(1));
    }

    @Test
    void whenAnEntryFailsTheOnesBeforeItAreAppendedAndTheRestAreNot() {
        Recording store = new Recording(3);
        assertEquals("disk full at 3",
                assertThrows(IllegalStateException.class, () -> store.appendResolved(new Batch(5))).getMessage());
        assertEquals(List.of(1L, 2L), store.appended.stream().map(r -> ((ResolvedPrediction) r).id())
                .collect(java.util.stream.Collectors.toList()));
    }
}

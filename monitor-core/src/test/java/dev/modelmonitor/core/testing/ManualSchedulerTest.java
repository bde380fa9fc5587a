package dev.modelmonitor.core.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.concurrent.TimeUnit.MICROSECONDS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManualSchedulerTest {

    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    private final MutableClock clock = MutableClock.of(T0);
    private final ManualScheduler scheduler = ManualScheduler.drivenBy(clock);
    private final List<String> log = new ArrayList<>();

    private Runnable note(String name) {
        return () -> log.add(name + "@" + (clock.millis() - T0.toEpochMilli()));
    }

    @Test
    void aDelayedTaskRunsWhenItsTimeComes() throws Exception {
        ScheduledFuture<?> f = scheduler.schedule(note("a"), 5, SECONDS);
        assertEquals(1, scheduler.pendingTasks());
        assertEquals(5, f.getDelay(SECONDS));
        assertEquals(Optional.of(T0.plusSeconds(5)), scheduler.nextDueTime());

        assertEquals(0, scheduler.advance(Duration.ofMillis(4_999)));
        assertFalse(f.isDone());
        assertEquals(1, f.getDelay(MILLISECONDS));

        assertEquals(1, scheduler.advance(Duration.ofMillis(1)));
        assertEquals(List.of("a@5000"), log);
        assertTrue(f.isDone());
        assertNull(f.get());
        assertEquals(0, scheduler.pendingTasks());
        assertEquals(Optional.empty(), scheduler.nextDueTime());
    }

    @Test
    void advanceStopsAtEachDueTimeInOrderAndEndsAtTheTarget() throws Exception {
        scheduler.schedule(note("c"), 30, SECONDS);
        ScheduledFuture<String> b = scheduler.schedule(() -> "b@" + clock.instant(), 20, SECONDS);
        scheduler.schedule(note("a"), 10, SECONDS);
        scheduler.schedule(note("a2"), 10, SECONDS);

        assertEquals(3, scheduler.advance(Duration.ofSeconds(25)));
        assertEquals(List.of("a@10000", "a2@10000"), log);
        assertEquals("b@" + T0.plusSeconds(20), b.get());
        assertEquals(T0.plusSeconds(25), clock.instant());
        assertEquals(1, scheduler.pendingTasks());
    }

    @Test
    void workScheduledDuringAdvanceRunsIfDueBeforeTheTarget() {
        scheduler.schedule(() -> {
            note("outer").run();
            scheduler.schedule(note("inner"), 3, SECONDS);
            scheduler.schedule(note("late"), 30, SECONDS);
        }, 1, SECONDS);

        assertEquals(2, scheduler.advance(Duration.ofSeconds(10)));
        assertEquals(List.of("outer@1000", "inner@4000"), log);
        assertEquals(1, scheduler.pendingTasks());
    }

    @Test
    void fixedRateRunsOncePerPeriodAndCatchesUpAfterAJump() {
        ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(note("r"), 5, 10, SECONDS);
        assertEquals(4, scheduler.advance(Duration.ofSeconds(35)));
        assertEquals(List.of("r@5000", "r@15000", "r@25000", "r@35000"), log);
        assertTrue(((java.util.concurrent.RunnableScheduledFuture<?>) f).isPeriodic());

        log.clear();
        clock.advance(Duration.ofSeconds(30));
        assertEquals(3, scheduler.runDue());
        assertEquals(List.of("r@65000", "r@65000", "r@65000"), log);
        assertEquals(10, f.getDelay(SECONDS));
        assertFalse(f.isDone());
    }

    @Test
    void fixedDelayCountsFromTheEndOfEachRun() {
        scheduler.scheduleWithFixedDelay(() -> {
            note("d").run();
            clock.advance(Duration.ofSeconds(2)); // the task takes two seconds
        }, 0, 10, SECONDS);

        assertEquals(3, scheduler.advance(Duration.ofSeconds(30)));
        assertEquals(List.of("d@0", "d@12000", "d@24000"), log);
        assertEquals(T0.plusSeconds(30), clock.instant());
    }

    @Test
    void aPeriodicTaskThatThrowsIsNotRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("boom");
        ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(() -> {
            if (runs.incrementAndGet() == 2) {
                throw boom;
            }
        }, 1, 1, SECONDS);

        assertEquals(2, scheduler.advance(Duration.ofSeconds(10)));
        assertEquals(2, runs.get());
        assertTrue(f.isDone());
        assertFalse(f.isCancelled());
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertSame(boom, e.getCause());
        assertEquals(0, scheduler.pendingTasks());
    }

    @Test
    void aOneShotTaskThatThrowsReportsItThroughItsFuture() {
        ScheduledFuture<Object> f = scheduler.schedule((Callable<Object>) () -> {
            throw new java.io.IOException("disk");
        }, 1, SECONDS);
        scheduler.advance(Duration.ofSeconds(1));
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertEquals("disk", e.getCause().getMessage());
    }

    @Test
    void cancelRemovesTheTask() {
        ScheduledFuture<?> f = scheduler.schedule(note("x"), 1, SECONDS);
        ScheduledFuture<?> p = scheduler.scheduleAtFixedRate(note("p"), 1, 1, SECONDS);
        assertTrue(f.cancel(false));
        assertTrue(p.cancel(true));
        assertFalse(f.cancel(false));

        assertEquals(0, scheduler.pendingTasks());
        assertEquals(0, scheduler.advance(Duration.ofSeconds(5)));
        assertEquals(List.of(), log);
        assertTrue(f.isCancelled());
        assertTrue(f.isDone());
        assertThrows(CancellationException.class, f::get);
    }

    @Test
    void aPeriodicTaskMayCancelItself() {
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        AtomicInteger runs = new AtomicInteger();
        self.set(scheduler.scheduleWithFixedDelay(() -> {
            if (runs.incrementAndGet() == 3) {
                self.get().cancel(false);
            }
        }, 1, 1, SECONDS));

        assertEquals(3, scheduler.advance(Duration.ofSeconds(10)));
        assertTrue(self.get().isCancelled());
        assertEquals(0, scheduler.pendingTasks());
    }

    @Test
    void delaysRoundUpToWholeMillisecondsAndNegativeMeansNow() {
        scheduler.schedule(note("micro"), 1_500, MICROSECONDS);
        scheduler.schedule(note("past"), -5, SECONDS);
        assertEquals(1, scheduler.runDue());
        assertEquals(List.of("past@0"), log);
        assertEquals(0, scheduler.advance(Duration.ofMillis(1)));
        assertEquals(1, scheduler.advance(Duration.ofMillis(1)));
        assertEquals(List.of("past@0", "micro@2"), log);

        ScheduledFuture<?> far = scheduler.schedule(note("far"), Long.MAX_VALUE, TimeUnit.DAYS);
        assertEquals(Long.MAX_VALUE - clock.millis(), far.getDelay(MILLISECONDS));
    }

    @Test
    void futuresCompareByDueTimeThenSchedulingOrder() {
        ScheduledFuture<?> late = scheduler.schedule(note("late"), 2, SECONDS);
        ScheduledFuture<?> early = scheduler.schedule(note("early"), 1, SECONDS);
        ScheduledFuture<?> early2 = scheduler.schedule(note("early2"), 1, SECONDS);

        assertTrue(early.compareTo(late) < 0);
        assertTrue(late.compareTo(early) > 0);
        assertTrue(early.compareTo(early2) < 0);
        assertEquals(0, early.compareTo(early));
        ScheduledFuture<?> foreign = ManualScheduler.drivenBy(clock).schedule(() -> { }, 1_500, MILLISECONDS);
        assertTrue(early.compareTo(foreign) < 0);
        assertTrue(late.compareTo(foreign) > 0);
    }

    @Test
    void executeSubmitAndInvokeRunOnTheCaller() throws Exception {
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        scheduler.execute(() -> ranOn.set(Thread.currentThread()));
        assertSame(caller, ranOn.get());

        Future<Integer> f = scheduler.submit(() -> 42);
        assertTrue(f.isDone());
        assertEquals(42, f.get());

        List<Future<String>> all = scheduler.invokeAll(List.of(() -> "x", () -> "y"));
        assertEquals("x", all.get(0).get());
        assertEquals("y", all.get(1).get());
        assertEquals("z", scheduler.invokeAny(List.of(() -> "z")));
        assertEquals(T0, clock.instant());
    }

    @Test
    void shutdownRejectsNewWorkCancelsPeriodicAndKeepsDelayedOneShots() throws Exception {
        ScheduledFuture<?> periodic = scheduler.scheduleAtFixedRate(note("p"), 1, 1, SECONDS);
        ScheduledFuture<?> oneShot = scheduler.schedule(note("o"), 5, SECONDS);
        scheduler.shutdown();

        assertTrue(scheduler.isShutdown());
        assertTrue(periodic.isCancelled());
        assertFalse(scheduler.isTerminated());
        assertFalse(scheduler.awaitTermination(1, TimeUnit.HOURS));
        assertThrows(RejectedExecutionException.class, () -> scheduler.schedule(note("n"), 1, SECONDS));
        assertThrows(RejectedExecutionException.class, () -> scheduler.execute(note("n")));
        assertThrows(RejectedExecutionException.class, () -> scheduler.submit(() -> 1));

        assertEquals(1, scheduler.advance(Duration.ofSeconds(10)));
        assertEquals(List.of("o@5000"), log);
        assertTrue(oneShot.isDone());
        assertTrue(scheduler.isTerminated());
        assertTrue(scheduler.awaitTermination(0, SECONDS));
    }

    @Test
    void shutdownNowReturnsTheQueuedTasks() {
        scheduler.schedule(note("a"), 1, SECONDS);
        scheduler.scheduleAtFixedRate(note("b"), 2, 1, SECONDS);

        List<Runnable> drained = scheduler.shutdownNow();
        assertEquals(2, drained.size());
        assertTrue(scheduler.isTerminated());
        assertEquals(0, scheduler.advance(Duration.ofSeconds(10)));
        drained.forEach(Runnable::run);
        assertEquals(List.of("a@10000", "b@10000"), log);
    }

    @Test
    void anotherThreadMayWaitOnAFutureWhileThisOneAdvances() throws Exception {
        ScheduledFuture<String> f = scheduler.schedule(() -> "done", 1, SECONDS);
        CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return f.get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        });
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals("done", waiter.get(30, SECONDS));
    }

    @Test
    void badArgumentsAreRejected() {
        assertEquals("period must be > 0, was 0 SECONDS", assertThrows(IllegalArgumentException.class,
                () -> scheduler.scheduleAtFixedRate(note("x"), 1, 0, SECONDS)).getMessage());
        assertEquals("delay must be > 0, was -1 MILLISECONDS", assertThrows(IllegalArgumentException.class,
                () -> scheduler.scheduleWithFixedDelay(note("x"), 1, -1, MILLISECONDS)).getMessage());
        assertEquals("amount must not be negative, was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> scheduler.advance(Duration.ofSeconds(-1))).getMessage());
        assertEquals("clock must not be null", assertThrows(IllegalArgumentException.class,
                () -> ManualScheduler.drivenBy(null)).getMessage());
        assertEquals("command must not be null", assertThrows(NullPointerException.class,
                () -> scheduler.schedule((Runnable) null, 1, SECONDS)).getMessage());
        assertEquals("unit must not be null", assertThrows(NullPointerException.class,
                () -> scheduler.schedule(note("x"), 1, null)).getMessage());
        assertThrows(NullPointerException.class, () -> scheduler.execute(null));
        assertEquals(0, scheduler.pendingTasks());
    }

    @Test
    void reportsItsStateInToString() {
        scheduler.schedule(note("a"), 1, SECONDS);
        assertEquals("ManualScheduler[" + T0 + ", 1 pending]", scheduler.toString());
        assertInstanceOf(ManualScheduler.class, scheduler);
    }
}

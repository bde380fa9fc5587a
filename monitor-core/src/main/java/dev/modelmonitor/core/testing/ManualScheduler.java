package dev.modelmonitor.core.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ScheduledExecutorService} whose time is a {@link MutableClock} and whose only thread is the
 * caller's: scheduled tasks run when a test calls {@link #advance(Duration)} or {@link #runDue()}, so code
 * that schedules periodic checks can be tested without sleeping.
 *
 * <h2>Time</h2>
 * A task scheduled with a delay is due at the clock's time plus the delay, rounded up to the next whole
 * millisecond (the clock's resolution; a negative delay means now). {@code advance} moves the clock
 * forward step by step: to the due time of the earliest task, runs every task due then, and repeats until
 * the target time, then leaves the clock at the target. Tasks due at the same millisecond run in the order
 * they were scheduled. A task scheduled while {@code advance} runs, and due before its target, runs in the
 * same call.
 *
 * <h2>Periodic tasks</h2>
 * {@link #scheduleAtFixedRate} re-queues a task at its previous due time plus the period, so after a large
 * jump of the clock it catches up with one run per missed period, as the JDK's scheduler does.
 * {@link #scheduleWithFixedDelay} re-queues at the clock's time after the run plus the delay. A periodic
 * task that throws is not run again; its future's {@code get()} throws an
 * {@link java.util.concurrent.ExecutionException} with the exception as cause.
 *
 * <h2>Immediate work and shutdown</h2>
 * {@link #execute}, {@code submit}, {@code invokeAll} and {@code invokeAny} run the task at once on the
 * calling thread. After {@link #shutdown()} new tasks are rejected with a
 * {@link RejectedExecutionException}, queued periodic tasks are cancelled and queued one-shot tasks still
 * run when their time comes (the JDK's default policies). {@link #shutdownNow()} removes every queued task
 * and returns them, not cancelled. The scheduler is terminated when it is shut down, nothing is queued and
 * no task is running; {@link #awaitTermination} does not wait, since only a caller can move time: it
 * answers {@link #isTerminated()} at once.
 *
 * <h2>Futures</h2>
 * The returned {@link ScheduledFuture}s support {@code cancel} (which also removes the task from the queue),
 * {@code isCancelled}, {@code isDone}, {@code get}, {@code getDelay} (from the clock) and
 * {@code compareTo} (by due time, then scheduling order). {@code get()} on a task that has not run blocks
 * until another thread runs it: on the thread that drives the scheduler, call it only once the task is
 * done.
 *
 * <p>Thread-safe: any thread may schedule, cancel or advance; tasks run one at a time, on the thread that
 * advances, outside the scheduler's internal lock (so a task may schedule more work). Scheduling is
 * O(log n) in the queued tasks; each run is O(log n). Null arguments throw {@link NullPointerException},
 * as the {@code java.util.concurrent} contracts require.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final MutableClock clock;
    private final Object lock = new Object();
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private final ReentrantLock runLock = new ReentrantLock();
    private long sequence;
    private int running;
    private boolean shutdown;

    private ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    /**
     * A scheduler whose time is the given clock.
     *
     * @param clock the clock, not null; the scheduler moves it forward in {@link #advance(Duration)}
     * @return a new scheduler with nothing queued
     * @throws IllegalArgumentException if clock is null
     */
    public static ManualScheduler drivenBy(MutableClock clock) {
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        return new ManualScheduler(clock);
    }

    /** @return the clock this scheduler reads and moves */
    public MutableClock clock() {
        return clock;
    }

    // ----- driving time ---------------------------------------------------------------------------------

    /**
     * Moves the clock forward by {@code amount}, stopping at each due time on the way to run the tasks due
     * then, in time order, on the calling thread.
     *
     * @param amount how far, not null, not negative
     * @return how many task runs happened (a periodic task counts once per run)
     * @throws IllegalArgumentException if amount is null or negative
     */
    public int advance(Duration amount) {
        if (amount == null) {
            throw new IllegalArgumentException("amount must not be null");
        }
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
        runLock.lock();
        try {
            long target = saturatedAdd(clock.millis(), amount.toMillis());
            int runs = runUntil(target);
            if (clock.millis() < target) {
                clock.set(Instant.ofEpochMilli(target));
            }
            return runs;
        } finally {
            runLock.unlock();
        }
    }

    /**
     * Runs every task due at the clock's current time, in time order, on the calling thread, without
     * moving the clock.
     *
     * @return how many task runs happened
     */
    public int runDue() {
        runLock.lock();
        try {
            return runUntil(clock.millis());
        } finally {
            runLock.unlock();
        }
    }

    private int runUntil(long target) {
        int runs = 0;
        while (true) {
            Task<?> task;
            synchronized (lock) {
                task = queue.peek();
                if (task == null || task.due > target) {
                    return runs;
                }
                queue.poll();
                running++;
            }
            try {
                if (task.due > clock.millis()) {
                    clock.set(Instant.ofEpochMilli(task.due));
                }
                task.runScheduled();
                runs++;
            } finally {
                synchronized (lock) {
                    running--;
                }
            }
        }
    }

    /** @return how many tasks are queued (cancelled tasks are removed at once) */
    public int pendingTasks() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** @return when the earliest queued task is due, or empty when nothing is queued */
    public Optional<Instant> nextDueTime() {
        synchronized (lock) {
            Task<?> t = queue.peek();
            return t == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t.due));
        }
    }

    // ----- ScheduledExecutorService ---------------------------------------------------------------------

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        requireNonNull(command, "command");
        return enqueue(new Task<Void>(Executors.callable(command, null), dueAfter(delay, unit), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        requireNonNull(callable, "callable");
        return enqueue(new Task<>(callable, dueAfter(delay, unit), 0));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if period is not positive
     */
    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        requireNonNull(command, "command");
        long periodMillis = positiveMillis(period, unit, "period");
        return enqueue(new Task<Void>(Executors.callable(command, null), dueAfter(initialDelay, unit),
                periodMillis));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if delay is not positive
     */
    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                     TimeUnit unit) {
        requireNonNull(command, "command");
        long delayMillis = positiveMillis(delay, unit, "delay");
        return enqueue(new Task<Void>(Executors.callable(command, null), dueAfter(initialDelay, unit),
                -delayMillis));
    }

    /** Runs the command at once on the calling thread. */
    @Override
    public void execute(Runnable command) {
        requireNonNull(command, "command");
        synchronized (lock) {
            if (shutdown) {
                throw new RejectedExecutionException("scheduler is shut down; rejected " + command);
            }
        }
        command.run();
    }

    @Override
    public void shutdown() {
        synchronized (lock) {
            shutdown = true;
            for (Iterator<Task<?>> it = queue.iterator(); it.hasNext(); ) {
                Task<?> t = it.next();
                if (t.isPeriodic()) {
                    it.remove();
                    t.cancelWithoutDequeue();
                }
            }
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        synchronized (lock) {
            shutdown = true;
            List<Runnable> drained = new ArrayList<>(queue.size());
            while (!queue.isEmpty()) {
                drained.add(queue.poll());
            }
            return drained;
        }
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return shutdown;
        }
    }

    @Override
    public boolean isTerminated() {
        synchronized (lock) {
            return shutdown && queue.isEmpty() && running == 0;
        }
    }

    /**
     * Answers at once, without waiting: only a caller of {@link #advance} can move this scheduler's time.
     *
     * @return {@link #isTerminated()}
     */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        requireNonNull(unit, "unit");
        return isTerminated();
    }

    @Override
    public String toString() {
        return "ManualScheduler[" + clock.instant() + ", " + pendingTasks() + " pending"
                + (isShutdown() ? ", shut down" : "") + "]";
    }

    // ----- internals ------------------------------------------------------------------------------------

    private <V> Task<V> enqueue(Task<V> task) {
        synchronized (lock) {
            if (shutdown) {
                throw new RejectedExecutionException("scheduler is shut down; rejected a scheduled task");
            }
            queue.add(task);
        }
        return task;
    }

    private long dueAfter(long delay, TimeUnit unit) {
        requireNonNull(unit, "unit");
        return saturatedAdd(clock.millis(), ceilMillis(delay, unit));
    }

    private static long positiveMillis(long amount, TimeUnit unit, String name) {
        requireNonNull(unit, "unit");
        if (amount <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + amount + " " + unit);
        }
        return ceilMillis(amount, unit);
    }

    /** Whole milliseconds, rounded up so a task never runs before its delay; 0 for a negative delay. */
    private static long ceilMillis(long amount, TimeUnit unit) {
        if (amount <= 0) {
            return 0;
        }
        long millis = unit.toMillis(amount);
        if (millis != Long.MAX_VALUE && unit.convert(millis, TimeUnit.MILLISECONDS) < amount) {
            millis++;
        }
        return millis;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : sum;
    }

    private static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
    }

    /**
     * A queued task and its future. {@code period} is 0 for a one-shot task, positive for a fixed rate and
     * negative (minus the delay) for a fixed delay, as in the JDK.
     */
    private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
        private final long seq;
        private final long period;
        private volatile long due;

        Task(Callable<V> callable, long due, long period) {
            super(callable);
            this.due = due;
            this.period = period;
            synchronized (lock) {
                this.seq = sequence++;
            }
        }

        @Override
        public boolean isPeriodic() {
            return period != 0;
        }

        /**
         * Runs once. A periodic task run directly (for example one returned by {@code shutdownNow}) runs
         * once without being re-queued.
         */
        @Override
        public void run() {
            if (isPeriodic()) {
                runAndReset();
            } else {
                super.run();
            }
        }

        /** Runs from the queue and, for a periodic task that completed normally, re-queues it. */
        void runScheduled() {
            if (!isPeriodic()) {
                super.run();
                return;
            }
            if (!runAndReset()) {
                return;
            }
            synchronized (lock) {
                if (isCancelled()) {
                    return;
                }
                if (shutdown) {
                    cancelWithoutDequeue();
                    return;
                }
                due = period > 0 ? saturatedAdd(due, period) : saturatedAdd(clock.millis(), -period);
                queue.add(this);
            }
        }

        void cancelWithoutDequeue() {
            super.cancel(false);
        }

        /** Cancels and removes the task from the queue. */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                synchronized (lock) {
                    queue.remove(this);
                }
            }
            return cancelled;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - clock.millis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other == this) {
                return 0;
            }
            if (other instanceof ManualScheduler.Task) {
                Task<?> o = (Task<?>) other;
                int byDue = Long.compare(due, o.due);
                return byDue != 0 ? byDue : Long.compare(seq, o.seq);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}

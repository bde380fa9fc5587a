package dev.modelmonitor.core.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The file store's bounded write queue: many producers (the host's threads), one consumer (the background
 * writer). A slot array with a sequence number per slot (Vyukov's bounded queue): a producer claims a
 * position with one CAS on the tail and publishes its element with a release store of the slot's sequence;
 * the consumer reads slots in order without any atomic read-modify-write. So an offer costs one CAS, where
 * an {@code ArrayBlockingQueue} takes and releases a lock and signals a condition.
 *
 * <p>Capacity is exact: the slot array is rounded up to a power of two, but a producer also refuses a
 * position {@code capacity} or more ahead of the consumer (reading the consumer's position only when the
 * last position it saw says the queue may be full). {@link #put} waits for room: it registers as a
 * waiter and parks until the consumer, after taking elements, unparks the waiters (it re-checks after
 * registering, so a wake-up cannot be missed).
 */
final class WriteQueue {

    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle HEAD;
    private static final VarHandle SEEN_HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(WriteQueue.class, "head", long.class);
            SEEN_HEAD = MethodHandles.lookup().findVarHandle(WriteQueue.class, "seenHead", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private final int mask;
    private final Object[] slots;
    private final long[] sequences;
    private final AtomicLong tail = new AtomicLong();
    // written by the consumer only (release), read by producers checking the exact capacity
    private volatile long head;
    // the last head a producer read: producers read the consumer's line only when this says full
    private long seenHead;
    private final ConcurrentLinkedQueue<Thread> waiters = new ConcurrentLinkedQueue<>();

    /** @param capacity the most elements held at once, in [1, 2^30] */
    WriteQueue(int capacity) {
        if (capacity < 1 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("capacity must be in [1, 1073741824], was " + capacity);
        }
        this.capacity = capacity;
        int size = capacity == 1 ? 2 : Integer.highestOneBit(capacity - 1) << 1;
        this.mask = size - 1;
        this.slots = new Object[size];
        this.sequences = new long[size];
        for (int i = 0; i < size; i++) {
            sequences[i] = i;
        }
    }

    /**
     * Adds an element if there is room.
     *
     * @param e the element, not null
     * @return false when the queue is full
     */
    boolean offer(Object e) {
        long t;
        int i;
        while (true) {
            t = tail.get();
            i = (int) (t & mask);
            long seq = (long) SEQ.getAcquire(sequences, i);
            if (seq == t) {
                if (t - (long) SEEN_HEAD.getOpaque(this) >= capacity) {
                    long h = (long) HEAD.getAcquire(this);
                    SEEN_HEAD.setOpaque(this, h);
                    if (t - h >= capacity) {
                        return false;
                    }
                }
                if (tail.compareAndSet(t, t + 1)) {
                    break;
                }
            } else if (seq < t) {
                return false; // the slot still holds the element of t - size: full
            }
            // another producer took position t: try the next
        }
        slots[i] = e;
        SEQ.setRelease(sequences, i, t + 1);
        return true;
    }

    /**
     * Adds an element, waiting for room.
     *
     * @param e the element, not null
     * @throws InterruptedException if interrupted while waiting (the element is not added)
     */
    void put(Object e) throws InterruptedException {
        if (offer(e)) {
            return;
        }
        Thread me = Thread.currentThread();
        while (true) {
            waiters.add(me);
            try {
                if (offer(e)) {
                    return;
                }
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for room in the write queue");
                }
            } finally {
                waiters.remove(me);
            }
            if (offer(e)) {
                return;
            }
        }
    }

    /** Consumer only: the oldest element, or null when empty. */
    Object poll() {
        long h = head;
        int i = (int) (h & mask);
        if ((long) SEQ.getAcquire(sequences, i) != h + 1) {
            return null;
        }
        Object e = slots[i];
        slots[i] = null;
        SEQ.setRelease(sequences, i, h + mask + 1);
        HEAD.setRelease(this, h + 1);
        return e;
    }

    /**
     * Consumer only: moves up to {@code max} elements into {@code out}, then wakes producers waiting for room.
     *
     * @return how many were moved
     */
    int drainTo(List<Object> out, int max) {
        int n = 0;
        Object e;
        while (n < max && (e = poll()) != null) {
            out.add(e);
            n++;
        }
        wakeWaiters();
        return n;
    }

    /** Consumer only: wakes producers waiting for room (after a poll that made some). */
    void wakeWaiters() {
        if (!waiters.isEmpty()) {
            for (Thread t : waiters) {
                LockSupport.unpark(t);
            }
        }
    }

    /** @return the elements held now (a moment's estimate while producers run) */
    int size() {
        long n = tail.get() - head;
        return (int) Math.max(0, Math.min(n, capacity));
    }
}

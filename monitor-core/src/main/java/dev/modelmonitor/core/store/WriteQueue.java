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
 *
 * <p>An element may take several units of the capacity ({@link #offer(Object, int)}): a batch of records
 * counts as its records. It claims that many positions with the same one CAS and takes the first one's
 * slot; the consumer skips the rest. So the bound stays exact in records while a batch crosses from
 * producer to consumer as one element (one slot written by each side, not one per record).
 */
final class WriteQueue {

    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle HEAD;
    private static final VarHandle SEEN_HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(Cursor.class, "head", long.class);
            SEEN_HEAD = MethodHandles.lookup().findVarHandle(WriteQueue.class, "seenHead", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private final int mask;
    private final Object[] slots;
    private final long[] sequences;
    // units of capacity the element in each slot takes (1 but for batches)
    private final int[] weights;
    private final AtomicLong tail = new AtomicLong();
    // the consumer's position, on a cache line of its own: the consumer writes it at every poll, while
    // producers read this object's other fields at every offer
    private final Cursor cursor = new Cursor();
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
        this.weights = new int[size];
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
        return offer(e, 1);
    }

    /**
     * Adds an element that takes {@code weight} units of the capacity (a batch of that many records, say)
     * if there is room for all of them. The element takes one slot; the positions after it are skipped,
     * so {@link #size()} and the capacity still count units.
     *
     * @param e      the element, not null
     * @param weight its units, in [1, capacity]
     * @return false when fewer than {@code weight} units are free
     */
    boolean offer(Object e, int weight) {
        if (weight < 1 || weight > capacity) {
            throw new IllegalArgumentException("weight must be in [1, " + capacity + "], was " + weight);
        }
        long t;
        int i;
        while (true) {
            t = tail.get();
            i = (int) (t & mask);
            long seq = (long) SEQ.getAcquire(sequences, i);
            if (seq == t) {
                if (t + weight - (long) SEEN_HEAD.getOpaque(this) > capacity) {
                    long h = (long) HEAD.getAcquire(cursor);
                    SEEN_HEAD.setOpaque(this, h);
                    if (t + weight - h > capacity) {
                        return false;
                    }
                }
                // the consumer frees positions in order and publishes head after their slots: within the
                // capacity every position in [t, t + weight) is free once t's is and head allows it
                if (weight > 1 && (long) SEQ.getAcquire(sequences, (int) ((t + weight - 1) & mask))
                        != t + weight - 1) {
                    long h = (long) HEAD.getAcquire(cursor);
                    SEEN_HEAD.setOpaque(this, h);
                    if (t + weight - h > capacity) {
                        return false;
                    }
                    continue;
                }
                if (tail.compareAndSet(t, t + weight)) {
                    break;
                }
            } else if (seq < t) {
                return false; // the slot still holds the element of t - size: full
            }
            // another producer took position t: try the next
        }
        slots[i] = e;
        weights[i] = weight;
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
        put(e, 1);
    }

    /**
     * Adds an element of {@code weight} units, waiting until that many are free.
     *
     * @param e      the element, not null
     * @param weight its units, in [1, capacity]
     * @throws InterruptedException if interrupted while waiting (the element is not added)
     */
    void put(Object e, int weight) throws InterruptedException {
        if (offer(e, weight)) {
            return;
        }
        Thread me = Thread.currentThread();
        while (true) {
            waiters.add(me);
            try {
                if (offer(e, weight)) {
                    return;
                }
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for room in the write queue");
                }
            } finally {
                waiters.remove(me);
            }
            if (offer(e, weight)) {
                return;
            }
        }
    }

    /** Consumer only: the units of the element the last {@link #poll()} returned. */
    int lastWeight() {
        return cursor.lastWeight;
    }

    /** Consumer only: the oldest element, or null when empty. */
    Object poll() {
        Cursor c = cursor;
        long h = c.head;
        int i = (int) (h & mask);
        if ((long) SEQ.getAcquire(sequences, i) != h + 1) {
            return null;
        }
        Object e = slots[i];
        int w = weights[i];
        slots[i] = null;
        // free the skipped positions first, in order, then the element's own: a producer that sees a later
        // position free (or head past it) finds every earlier one free too
        for (int k = 1; k < w; k++) {
            SEQ.setRelease(sequences, (int) ((h + k) & mask), h + k + mask + 1);
        }
        SEQ.setRelease(sequences, i, h + mask + 1);
        HEAD.setRelease(c, h + w);
        c.lastWeight = w;
        return e;
    }

    /**
     * Consumer only: moves elements into {@code out} until they hold {@code max} units or more, then wakes
     * producers waiting for room.
     *
     * @return how many units were moved
     */
    int drainTo(List<Object> out, int max) {
        int n = 0;
        Object e;
        while (n < max && (e = poll()) != null) {
            out.add(e);
            n += cursor.lastWeight;
        }
        wakeWaiters();
        return n;
    }

    /** Consumer only: wakes producers waiting for room (after a poll that made some). */
    void wakeWaiters() {
        // orders the head just published before the read of the waiters: a producer registers (a CAS) before
        // it reads head again, so one of the two sides sees the other and no wake-up is missed
        VarHandle.fullFence();
        if (!waiters.isEmpty()) {
            for (Thread t : waiters) {
                LockSupport.unpark(t);
            }
        }
    }

    /** @return the most units held at once */
    int capacity() {
        return capacity;
    }

    /** @return the units held now (a moment's estimate while producers run) */
    int size() {
        long n = tail.get() - cursor.head;
        return (int) Math.max(0, Math.min(n, capacity));
    }

    /**
     * What only the consumer writes, padded so that no field producers read shares its cache line (the
     * padding fields are never read).
     */
    @SuppressWarnings("unused")
    private static final class Cursor {
        long p1, p2, p3, p4, p5, p6, p7;
        // written by the consumer only (release), read by producers checking the exact capacity
        volatile long head;
        long q1, q2, q3, q4, q5, q6, q7;
        // consumer only: the units of the element the last poll returned
        int lastWeight;
    }
}

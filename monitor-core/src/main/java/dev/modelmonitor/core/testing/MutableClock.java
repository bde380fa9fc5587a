package dev.modelmonitor.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} that stands still until a test moves it, for driving time-based behaviour without
 * sleeping.
 *
 * <p>Resolution is one millisecond: {@link #advance(Duration)} drops any sub-millisecond remainder and
 * {@link #instant()} always has whole milliseconds. The zone is UTC unless {@link #withZone(ZoneId)} gives
 * another; clocks made by {@code withZone} share this clock's time, so advancing one advances all.
 *
 * <p>Thread-safe: the time is one {@link AtomicLong}, so any thread may read or move it. Each call is O(1)
 * and {@link #millis()} allocates nothing.
 */
public final class MutableClock extends Clock {

    private final AtomicLong millis;
    private final ZoneId zone;

    private MutableClock(AtomicLong millis, ZoneId zone) {
        this.millis = millis;
        this.zone = zone;
    }

    /**
     * A clock standing at the given instant, in UTC.
     *
     * @param start the starting time, not null; truncated to the millisecond
     * @return a new clock
     * @throws IllegalArgumentException if start is null
     */
    public static MutableClock of(Instant start) {
        if (start == null) {
            throw new IllegalArgumentException("start must not be null");
        }
        return new MutableClock(new AtomicLong(start.toEpochMilli()), ZoneOffset.UTC);
    }

    /**
     * A clock standing at the given epoch millisecond, in UTC.
     *
     * @param epochMillis the starting time
     * @return a new clock
     */
    public static MutableClock ofEpochMilli(long epochMillis) {
        return new MutableClock(new AtomicLong(epochMillis), ZoneOffset.UTC);
    }

    /**
     * Moves the clock forward.
     *
     * @param amount how far, not null, not negative; whole milliseconds count
     * @return the new time
     * @throws IllegalArgumentException if amount is null or negative
     */
    public Instant advance(Duration amount) {
        if (amount == null) {
            throw new IllegalArgumentException("amount must not be null");
        }
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
        return Instant.ofEpochMilli(millis.addAndGet(amount.toMillis()));
    }

    /**
     * Moves the clock forward by a number of milliseconds.
     *
     * @param amountMillis how far, &gt;= 0
     * @return the new time in epoch milliseconds
     * @throws IllegalArgumentException if amountMillis is negative
     */
    public long advanceMillis(long amountMillis) {
        if (amountMillis < 0) {
            throw new IllegalArgumentException("amountMillis must be >= 0, was " + amountMillis);
        }
        return millis.addAndGet(amountMillis);
    }

    /**
     * Sets the clock to an instant, forward or back.
     *
     * @param time the new time, not null; truncated to the millisecond
     * @throws IllegalArgumentException if time is null
     */
    public void set(Instant time) {
        if (time == null) {
            throw new IllegalArgumentException("time must not be null");
        }
        millis.set(time.toEpochMilli());
    }

    /** @return the current time in epoch milliseconds */
    @Override
    public long millis() {
        return millis.get();
    }

    /** @return the current time */
    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    /** @return the zone, UTC unless made by {@link #withZone(ZoneId)} */
    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * A clock in another zone that shares this clock's time: moving either moves both.
     *
     * @param zone the zone, not null
     * @return the clock
     * @throws IllegalArgumentException if zone is null
     */
    @Override
    public MutableClock withZone(ZoneId zone) {
        if (zone == null) {
            throw new IllegalArgumentException("zone must not be null");
        }
        return zone.equals(this.zone) ? this : new MutableClock(millis, zone);
    }

    @Override
    public String toString() {
        return "MutableClock[" + instant() + ", " + zone + "]";
    }
}

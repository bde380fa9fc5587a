package dev.modelmonitor.core.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MutableClockTest {

    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    @Test
    void standsStillUntilMoved() {
        MutableClock clock = MutableClock.of(T0);
        assertEquals(T0, clock.instant());
        assertEquals(T0.toEpochMilli(), clock.millis());
        assertEquals(ZoneOffset.UTC, clock.getZone());
    }

    @Test
    void advanceAndSetMoveTheTime() {
        MutableClock clock = MutableClock.of(T0);
        assertEquals(T0.plusSeconds(90), clock.advance(Duration.ofSeconds(90)));
        assertEquals(T0.plusSeconds(90).toEpochMilli() + 5, clock.advanceMillis(5));
        clock.set(T0.minusSeconds(10));
        assertEquals(T0.minusSeconds(10), clock.instant());
        assertEquals(T0.minusSeconds(10), clock.advance(Duration.ZERO));
    }

    @Test
    void resolutionIsOneMillisecond() {
        MutableClock clock = MutableClock.of(T0.plusNanos(1_500_000));
        assertEquals(T0.plusMillis(1), clock.instant());
        clock.advance(Duration.ofNanos(2_999_999));
        assertEquals(T0.plusMillis(3), clock.instant());
        assertEquals(T0.toEpochMilli() + 3, MutableClock.ofEpochMilli(T0.toEpochMilli() + 3).millis());
    }

    @Test
    void withZoneSharesTheTime() {
        MutableClock clock = MutableClock.of(T0);
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        MutableClock inTokyo = clock.withZone(tokyo);
        assertEquals(tokyo, inTokyo.getZone());
        assertSame(clock, clock.withZone(ZoneOffset.UTC));

        clock.advance(Duration.ofMinutes(1));
        assertEquals(T0.plusSeconds(60), inTokyo.instant());
        inTokyo.advance(Duration.ofMinutes(1));
        assertEquals(T0.plusSeconds(120), clock.instant());
    }

    @Test
    void concurrentAdvancesAreAllCounted() throws Exception {
        MutableClock clock = MutableClock.of(T0);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 10_000; i++) {
                    clock.advanceMillis(1);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(T0.plusMillis(40_000), clock.instant());
    }

    @Test
    void badArgumentsAreRejected() {
        MutableClock clock = MutableClock.of(T0);
        assertEquals("amount must not be negative, was PT-0.001S", assertThrows(IllegalArgumentException.class,
                () -> clock.advance(Duration.ofMillis(-1))).getMessage());
        assertEquals("amountMillis must be >= 0, was -1", assertThrows(IllegalArgumentException.class,
                () -> clock.advanceMillis(-1)).getMessage());
        assertEquals("amount must not be null", assertThrows(IllegalArgumentException.class,
                () -> clock.advance(null)).getMessage());
        assertEquals("time must not be null", assertThrows(IllegalArgumentException.class,
                () -> clock.set(null)).getMessage());
        assertEquals("start must not be null", assertThrows(IllegalArgumentException.class,
                () -> MutableClock.of(null)).getMessage());
        assertEquals("zone must not be null", assertThrows(IllegalArgumentException.class,
                () -> clock.withZone(null)).getMessage());
        assertEquals(T0, clock.instant());
    }
}

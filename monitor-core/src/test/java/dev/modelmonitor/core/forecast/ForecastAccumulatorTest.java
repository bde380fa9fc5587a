package dev.modelmonitor.core.forecast;

import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastDay;
import dev.modelmonitor.api.ForecastTally;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The count window, the day ring, day closing, MAPE's zeros and ROAS. */
class ForecastAccumulatorTest {

    private static final ModelKey KEY = ModelKey.of("demand", "eu");
    private static final long DAY = ForecastAccumulator.DAY_MILLIS;
    private static final long D0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private static final Duration HOUR = Duration.ofHours(1);

    private static Prediction.Forecast point(double v) {
        return new Prediction.Forecast(v, null, HOUR);
    }

    @Test
    void countWindowKeepsTheLastNAndSubtractsWhatLeaves() {
        ForecastAccumulator a = new ForecastAccumulator(KEY,
                ForecastConfig.builder().countWindow(3).minSamples(1).build());
        double[] errors = {10, 1, 2, 3, 4};
        for (double e : errors) {
            a.add(point(0.0), e, D0);
        }
        ForecastTally t = a.recentWindow().tally();
        assertEquals(3, t.count());
        assertEquals(3.0, t.mae(), 1e-12); // (2 + 3 + 4) / 3
        assertEquals(5, a.totalResolved());
        assertEquals(5, a.dayWindow(1, D0).tally().count());
    }

    @Test
    void quantileCountsAreAtOrBelowAndTheIntervalIsClosed() {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        Quantiles q = new Quantiles(1.0, 2.0, 3.0);
        double[] actuals = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5};
        for (double x : actuals) {
            a.add(new Prediction.Forecast(2.0, q, HOUR), x, D0);
        }
        ForecastTally t = a.recentWindow().tally();
        assertEquals(2, t.atOrBelowP10());   // 0.5, 1.0
        assertEquals(4, t.atOrBelowP50());   // + 1.5, 2.0
        assertEquals(6, t.atOrBelowP90());   // + 2.5, 3.0
        assertEquals(5, t.insideInterval()); // 1.0 .. 3.0
        assertEquals(7, t.quantileCount());
    }

    @Test
    void mapeLeavesZeroActualsOutAndIsNaNWithoutAny() {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        a.add(point(5.0), 0.0, D0);
        assertTrue(Double.isNaN(a.recentWindow().tally().mape()));
        assertEquals(5.0, a.recentWindow().tally().mae());
        a.add(point(12.0), 10.0, D0);  // 0.2
        a.add(point(-9.0), -10.0, D0); // 0.1
        ForecastTally t = a.recentWindow().tally();
        assertEquals(0.15, t.mape(), 1e-15);
        assertEquals(1, t.zeroActuals());
        assertEquals((5.0 + 2.0 + 1.0) / 3, t.mae(), 1e-15);
    }

    @Test
    void medianIsP50WhenGivenElseThePointValue() {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        a.add(new Prediction.Forecast(100.0, new Quantiles(0.0, 10.0, 20.0), HOUR), 12.0, D0);
        assertEquals(2.0, a.recentWindow().tally().mae());
    }

    @Test
    void roasIsRevenueOverSpendForecastAndActual() {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        a.add(point(50.0).withSpend(10.0), 40.0, D0);
        a.add(point(90.0).withSpend(30.0), 60.0, D0);
        a.add(point(1000.0), 5.0, D0); // no spend: not in ROAS
        ForecastTally t = a.recentWindow().tally();
        assertEquals(2, t.spendCount());
        assertEquals(3.5, t.forecastRoas(), 1e-15);
        assertEquals(2.5, t.actualRoas(), 1e-15);
        assertEquals(-1.0, t.roasDelta(), 1e-15);
        ForecastAccumulator none = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        none.add(point(50.0).withSpend(0.0), 40.0, D0);
        assertTrue(Double.isNaN(none.recentWindow().tally().forecastRoas()));
    }

    @Test
    void dayWindowsSumTheLastNUtcDaysIncludingToday() {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        a.add(point(0.0), 1.0, D0);               // day 0
        a.add(point(0.0), 2.0, D0 + 2 * DAY);     // day 2
        a.add(point(0.0), 3.0, D0 + 8 * DAY + 5); // day 8
        long now = D0 + 8 * DAY + 10;
        assertEquals(2, a.dayWindow(7, now).tally().count());   // days 2..8
        assertEquals(3, a.dayWindow(30, now).tally().count());
        assertEquals(1, a.dayWindow(1, now).tally().count());
        assertEquals(0, a.dayWindow(7, now + 40 * DAY).tally().count());
        assertThrows(IllegalArgumentException.class, () -> a.dayWindow(31, now));
    }

    @Test
    void aDayIsClosedOnceWhenTheNextDayArrivesOrTheClockPassesMidnight() {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        assertNull(a.add(point(0.0), 1.0, D0 + 10));
        assertNull(a.add(point(0.0), 3.0, D0 + DAY - 1));
        ForecastDay closed = a.add(point(0.0), 5.0, D0 + DAY);
        assertNotNull(closed);
        assertEquals(LocalDate.of(2026, 3, 2), closed.day());
        assertEquals(2, closed.tally().count());
        assertEquals(2.0, closed.tally().mae());
        assertEquals(D0, closed.timestampMillis());
        assertNull(a.closeDaysBefore(D0 + DAY + 5));          // same day: nothing to close
        ForecastDay second = a.closeDaysBefore(D0 + 3 * DAY); // quiet key, a check two days later
        assertEquals(LocalDate.of(2026, 3, 3), second.day());
        assertEquals(1, second.tally().count());
        assertNull(a.closeDaysBefore(D0 + 3 * DAY + 1));
        assertNull(a.closeDaysBefore(D0 + 4 * DAY));            // the open day is empty: no record
    }

    @Test
    void aLateResolutionCountsInTheOpenDay() {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        a.add(point(0.0), 1.0, D0 + DAY);
        assertNull(a.add(point(0.0), 1.0, D0 + 5)); // stamped the day before: counted today
        ForecastDay closed = a.closeDaysBefore(D0 + 2 * DAY);
        assertEquals(LocalDate.of(2026, 3, 3), closed.day());
        assertEquals(2, closed.tally().count());
    }

    @Test
    void theRingForgetsDaysOlderThanLongDays() {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        for (int d = 0; d < 45; d++) {
            a.add(point(0.0), 1.0, D0 + d * DAY);
        }
        long now = D0 + 44 * DAY;
        assertEquals(30, a.dayWindow(30, now).tally().count());
        assertEquals(7, a.dayWindow(7, now).tally().count());
        assertEquals(30, a.snapshot().days().size());
    }

    @Test
    void horizonBucketsCountOnlyForecastsWithQuantiles() {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        Quantiles q = new Quantiles(-1, 0, 1);
        a.add(new Prediction.Forecast(0, q, Duration.ofMinutes(30)), 0.0, D0);
        a.add(new Prediction.Forecast(0, q, Duration.ofHours(3)), 9.0, D0);
        a.add(new Prediction.Forecast(0, q, Duration.ofDays(3)), 0.0, D0);
        a.add(new Prediction.Forecast(0, q, Duration.ofDays(30)), 0.0, D0);
        a.add(new Prediction.Forecast(0, null, Duration.ofDays(30)), 0.0, D0);
        List<Long> counts = a.recentWindow().byHorizon().stream().map(h -> h.count()).toList();
        List<Long> inside = a.recentWindow().byHorizon().stream().map(h -> h.inside()).toList();
        assertEquals(List.of(1L, 1L, 1L, 1L), counts);
        assertEquals(List.of(1L, 0L, 1L, 1L), inside);
        assertEquals(Duration.ofHours(1), a.recentWindow().byHorizon().get(0).upTo());
        assertNull(a.recentWindow().byHorizon().get(3).upTo());
    }
}

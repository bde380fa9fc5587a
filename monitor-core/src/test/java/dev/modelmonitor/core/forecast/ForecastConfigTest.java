package dev.modelmonitor.core.forecast;

import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The config's defaults, its builder and every message naming the field, the rule and the value. */
class ForecastConfigTest {

    private static void rejects(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void defaultsAreTheSeedsAndDocumented() {
        ForecastConfig c = ForecastConfig.defaults();
        assertEquals(200, c.countWindow());
        assertEquals(7, c.shortDays());
        assertEquals(30, c.longDays());
        assertEquals(0.70, c.lowerCoverage());
        assertEquals(0.90, c.upperCoverage());
        assertEquals(50, c.minSamples());
        assertEquals(1.2, c.degradedRatio());
        assertEquals(1.5, c.criticalRatio());
        assertEquals(0.70, c.minHorizonCoverage());
        assertEquals(List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7)), c.horizonEdges());
        assertEquals(4, c.horizonBuckets());
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void horizonBucketsHaveInclusiveUpperEdges() {
        ForecastConfig c = ForecastConfig.defaults();
        assertEquals(0, c.horizonBucket(Duration.ZERO));
        assertEquals(0, c.horizonBucket(Duration.ofHours(1)));
        assertEquals(1, c.horizonBucket(Duration.ofHours(1).plusMillis(1)));
        assertEquals(1, c.horizonBucket(Duration.ofDays(1)));
        assertEquals(2, c.horizonBucket(Duration.ofDays(7)));
        assertEquals(3, c.horizonBucket(Duration.ofDays(7).plusNanos(1)));
        assertEquals(3, c.horizonBucket(Duration.ofDays(365_000)));
        assertEquals(Duration.ofDays(7), c.horizonEdge(2));
        assertEquals(null, c.horizonEdge(3));
        ForecastConfig one = ForecastConfig.builder().horizonEdges(List.of()).build();
        assertEquals(1, one.horizonBuckets());
        assertEquals(0, one.horizonBucket(Duration.ofDays(30)));
    }

    @Test
    void builderSettersRejectAtOnceNamingTheField() {
        ForecastConfig.Builder b = ForecastConfig.builder();
        rejects("countWindow must be in [1, 65536], was 0", () -> b.countWindow(0));
        rejects("countWindow must be in [1, 65536], was 65537", () -> b.countWindow(65_537));
        rejects("shortDays must be in [1, 366], was 0", () -> b.shortDays(0));
        rejects("longDays must be in [1, 366], was 367", () -> b.longDays(367));
        rejects("lowerCoverage must be in [0, 1), was 1.0", () -> b.lowerCoverage(1.0));
        rejects("lowerCoverage must be in [0, 1), was NaN", () -> b.lowerCoverage(Double.NaN));
        rejects("upperCoverage must be in (0, 1], was 0.0", () -> b.upperCoverage(0.0));
        rejects("upperCoverage must be in (0, 1], was 1.01", () -> b.upperCoverage(1.01));
        rejects("minSamples must be >= 1, was 0", () -> b.minSamples(0));
        rejects("degradedRatio must be > 1 and finite, was 1.0", () -> b.degradedRatio(1.0));
        rejects("degradedRatio must be > 1 and finite, was Infinity", () -> b.degradedRatio(Double.POSITIVE_INFINITY));
        rejects("criticalRatio must be > 1 and finite, was NaN", () -> b.criticalRatio(Double.NaN));
        rejects("minHorizonCoverage must be in [0, 1], was -0.1", () -> b.minHorizonCoverage(-0.1));
        rejects("horizonEdges must not be null", () -> b.horizonEdges(null));
        rejects("horizonEdges[1] must not be null", () -> b.horizonEdges(Arrays.asList(Duration.ofHours(1), null)));
        rejects("horizonEdges must be positive and strictly increasing, was [PT2H, PT1H]",
                () -> b.horizonEdges(List.of(Duration.ofHours(2), Duration.ofHours(1))));
        rejects("horizonEdges must be positive and strictly increasing, was [PT0S]",
                () -> b.horizonEdges(List.of(Duration.ZERO)));
        rejects("horizonEdges must hold at most 16 edges, was 17", () -> b.horizonEdges(
                java.util.stream.IntStream.rangeClosed(1, 17).mapToObj(Duration::ofHours).toList()));
        assertEquals(ForecastConfig.defaults(), b.build()); // nothing half-set
    }

    @Test
    void buildChecksTheRulesAcrossFields() {
        rejects("longDays must be in [shortDays (10), 366], was 7",
                () -> ForecastConfig.builder().shortDays(10).longDays(7).build());
        rejects("upperCoverage must be > lowerCoverage (0.8), was 0.8",
                () -> ForecastConfig.builder().lowerCoverage(0.8).upperCoverage(0.8).build());
        rejects("minSamples must be <= countWindow (40), was 50",
                () -> ForecastConfig.builder().countWindow(40).build());
        rejects("criticalRatio must be >= degradedRatio (2.0), was 1.5",
                () -> ForecastConfig.builder().degradedRatio(2.0).build());
        ForecastConfig ok = ForecastConfig.builder().countWindow(40).minSamples(40).shortDays(30).longDays(30)
                .lowerCoverage(0.0).upperCoverage(1.0).degradedRatio(1.5).criticalRatio(1.5).build();
        assertEquals(40, ok.minSamples());
    }

    @Test
    void baselineRejectsNonPositiveFiguresAndNothingAtAll() {
        rejects("mae must be positive and finite, was 0.0", () -> ForecastBaseline.ofMae(0.0));
        rejects("mape must be positive and finite, was -0.1", () -> ForecastBaseline.of(1.0, -0.1));
        rejects("mae must be positive and finite, was Infinity",
                () -> ForecastBaseline.ofMae(Double.POSITIVE_INFINITY));
        rejects("mae or mape must be given, was NaN and NaN", () -> new ForecastBaseline(Double.NaN, Double.NaN));
        assertEquals(0.1, new ForecastBaseline(Double.NaN, 0.1).mape());
    }
}

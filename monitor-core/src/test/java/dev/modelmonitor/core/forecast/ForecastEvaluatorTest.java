package dev.modelmonitor.core.forecast;

import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastFlag;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.api.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flags, severities and recommendations at and around every threshold, on the default config. */
class ForecastEvaluatorTest {

    private static final ModelKey KEY = ModelKey.of("demand", "eu");
    private static final long T = 1_772_445_600_000L; // 2026-03-02T10:00Z
    private static final Quantiles Q = new Quantiles(-1.0, 0.0, 1.0);
    private static final Duration HOUR = Duration.ofHours(1);

    /** {@code inside} forecasts whose actual is inside p10-p90, then {@code total - inside} outside. */
    static ForecastAccumulator coverage(int inside, int total) {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        for (int i = 0; i < total; i++) {
            a.add(new Prediction.Forecast(0.0, Q, HOUR), i < inside ? 0.5 : 5.0, T);
        }
        return a;
    }

    @ParameterizedTest(name = "{0} of {1} inside -> {2}")
    @CsvSource({
            "140, 200, ''",                       // exactly 0.70: no warning
            "139, 200, INTERVAL_UNDER_COVERED",   // 0.695
            "180, 200, ''",                       // exactly 0.90: no warning
            "181, 200, INTERVAL_OVER_COVERED",    // 0.905
            "0, 49, ''",                          // below minSamples: no verdict
            "0, 50, INTERVAL_UNDER_COVERED",      // at minSamples
            "50, 50, INTERVAL_OVER_COVERED",
            "160, 200, ''"})
    void coverageBandAtItsBoundaries(int inside, int total, String flag) {
        ForecastPerformance p = coverage(inside, total).performance(T);
        List<ForecastFlag> expected = flag.isEmpty() ? List.of() : List.of(ForecastFlag.valueOf(flag));
        assertEquals(expected, p.flags());
        assertEquals(flag.isEmpty() ? Severity.INFO : Severity.WARNING, p.severity());
        if (flag.isEmpty()) {
            assertEquals(List.of(ForecastEvaluator.NO_ACTION), p.recommendations());
        }
    }

    @Test
    void underCoverageRecommendsWideningInPlainWords() {
        ForecastPerformance p = coverage(100, 200).performance(T);
        assertEquals(List.of("Prediction intervals are too narrow: only 50.0% of actuals fell inside p10-p90 "
                + "(target 80%, warning below 70.0%). The model is overconfident: widen the intervals (recalibrate "
                + "the quantiles) and size decisions as if uncertainty were larger."), p.recommendations());
    }

    @Test
    void overCoverageRecommendsTightening() {
        ForecastPerformance p = coverage(200, 200).performance(T);
        assertEquals(List.of("Prediction intervals are too wide: 100.0% of actuals fell inside p10-p90 (target 80%, "
                + "warning above 90.0%). The model is underconfident: tighten the intervals (recalibrate the "
                + "quantiles) before they are used to set buffers or budgets."), p.recommendations());
    }

    /** 200 point forecasts of 0 whose actual is {@code error} away (percentage error 1 each). */
    static ForecastAccumulator errors(double error, ForecastBaseline baseline) {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        a.baseline(baseline);
        for (int i = 0; i < 200; i++) {
            a.add(new Prediction.Forecast(0.0, null, HOUR), i % 2 == 0 ? error : -error, T);
        }
        return a;
    }

    @ParameterizedTest(name = "MAE {0} vs baseline 1 -> {1} {2}")
    @CsvSource({
            "1.0, false, INFO",
            "1.2, false, INFO",       // exactly the degraded ratio: not past it
            "1.2001, true, WARNING",
            "1.5, true, WARNING",     // exactly the critical ratio
            "1.5001, true, CRITICAL"})
    void maeRatioAtItsBoundaries(double mae, boolean degraded, Severity severity) {
        ForecastPerformance p = errors(mae, ForecastBaseline.ofMae(1.0)).performance(T);
        assertEquals(degraded, p.performanceDegraded());
        assertEquals(severity, p.severity());
        assertEquals(mae, p.maeRatio(), 1e-12);
        assertTrue(Double.isNaN(p.mapeRatio()));
    }

    @Test
    void mapeAloneCanDegrade() {
        // actual 10, forecast 12: percentage error 0.2; baseline MAPE 0.1 -> ratio 2, critical
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        a.baseline(new ForecastBaseline(Double.NaN, 0.1));
        for (int i = 0; i < 60; i++) {
            a.add(new Prediction.Forecast(12.0, null, HOUR), 10.0, T);
        }
        ForecastPerformance p = a.performance(T);
        assertEquals(List.of(ForecastFlag.PERFORMANCE_DEGRADED), p.flags());
        assertEquals(Severity.CRITICAL, p.severity());
        assertEquals(2.0, p.mapeRatio(), 1e-12);
        assertEquals(List.of("Forecast error has worsened: MAPE 20.0% is 2.00x its baseline 10.0%. Retrain the model "
                + "now and treat plans built on these forecasts with caution."), p.recommendations());
    }

    @Test
    void degradationNeedsMinSamplesAndABaseline() {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        a.baseline(ForecastBaseline.ofMae(1.0));
        for (int i = 0; i < 49; i++) {
            a.add(new Prediction.Forecast(0.0, null, HOUR), 3.0, T);
        }
        assertEquals(List.of(), a.performance(T).flags());
        a.add(new Prediction.Forecast(0.0, null, HOUR), 3.0, T);
        assertEquals(List.of(ForecastFlag.PERFORMANCE_DEGRADED), a.performance(T).flags());
        assertEquals(List.of(), errors(3.0, null).performance(T).flags());
        assertTrue(Double.isNaN(errors(3.0, null).performance(T).maeRatio()));
    }

    @Test
    void warningDegradationRecommendsReviewAndRetraining() {
        ForecastPerformance p = errors(1.3, ForecastBaseline.ofMae(1.0)).performance(T);
        assertEquals(List.of("Forecast error has worsened: MAE 1.300 is 1.30x its baseline 1.000. Review recent "
                + "inputs for drift and schedule retraining."), p.recommendations());
    }

    /** 60 short-horizon forecasts, 75% inside, and {@code n} 8-day forecasts of which {@code inside} inside. */
    static ForecastAccumulator horizons(int inside, int n) {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        for (int i = 0; i < 60; i++) {
            a.add(new Prediction.Forecast(0.0, Q, HOUR), i % 4 == 0 ? 5.0 : 0.5, T);
        }
        for (int i = 0; i < n; i++) {
            a.add(new Prediction.Forecast(0.0, Q, Duration.ofDays(8)), i < inside ? 0.5 : 5.0, T);
        }
        return a;
    }

    @Test
    void horizonCoverageAtItsBoundary() {
        ForecastPerformance ok = horizons(35, 50).performance(T); // exactly 0.70
        assertEquals(List.of(), ok.flags());
        ForecastPerformance poor = horizons(34, 50).performance(T); // 0.68
        assertEquals(List.of(ForecastFlag.HORIZON_UNDER_COVERED), poor.flags());
        assertEquals(Severity.WARNING, poor.severity());
        assertEquals(List.of("Intervals lose coverage with the horizon: horizon > PT168H covers 68.0% of 50 "
                + "(minimum 70.0%). Do not rely on forecasts at horizon > PT168H until the model is recalibrated "
                + "or retrained for it."), poor.recommendations());
        ForecastPerformance few = horizons(0, 49).performance(T); // too few in the bucket
        assertEquals(List.of(ForecastFlag.INTERVAL_UNDER_COVERED), few.flags());
    }

    @Test
    void flagsComeInDeclarationOrderWithOneRecommendationEach() {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        a.baseline(ForecastBaseline.ofMae(0.1));
        for (int i = 0; i < 100; i++) {
            a.add(new Prediction.Forecast(0.0, Q, HOUR), 5.0, T);
        }
        // one horizon, all outside: the horizon breakdown adds nothing
        ForecastPerformance p = a.performance(T);
        assertEquals(List.of(ForecastFlag.INTERVAL_UNDER_COVERED, ForecastFlag.PERFORMANCE_DEGRADED), p.flags());
        assertEquals(2, p.recommendations().size());
        assertEquals(Severity.CRITICAL, p.severity());
        // a second horizon, all inside: coverage 0.5 overall, the loss sits at the short horizon
        for (int i = 0; i < 100; i++) {
            a.add(new Prediction.Forecast(0.0, Q, Duration.ofDays(2)), 0.5, T);
        }
        ForecastPerformance both = a.performance(T);
        assertEquals(List.of(ForecastFlag.INTERVAL_UNDER_COVERED, ForecastFlag.PERFORMANCE_DEGRADED,
                ForecastFlag.HORIZON_UNDER_COVERED), both.flags());
        assertEquals(3, both.recommendations().size());
        assertTrue(both.recommendations().get(2).contains("horizon <= PT1H covers 0.0% of 100"),
                both.recommendations().get(2));
    }

    @Test
    void everyHorizonPoorWithTheIntervalFlagRaisesNoHorizonFlag() {
        ForecastAccumulator a = new ForecastAccumulator(KEY, ForecastConfig.defaults());
        for (int i = 0; i < 200; i++) {
            a.add(new Prediction.Forecast(0.0, Q, i % 2 == 0 ? HOUR : Duration.ofDays(2)), i % 4 < 2 ? 0.5 : 5.0, T);
        }
        assertEquals(List.of(ForecastFlag.INTERVAL_UNDER_COVERED), a.performance(T).flags());
        // the horizon threshold above the band: every bucket poor, no interval flag -> the horizon flag
        ForecastAccumulator strict = new ForecastAccumulator(KEY,
                ForecastConfig.builder().lowerCoverage(0.4).minHorizonCoverage(0.6).build());
        for (int i = 0; i < 200; i++) {
            strict.add(new Prediction.Forecast(0.0, Q, i % 2 == 0 ? HOUR : Duration.ofDays(2)),
                    i % 4 < 2 ? 0.5 : 5.0, T);
        }
        assertEquals(List.of(ForecastFlag.HORIZON_UNDER_COVERED), strict.performance(T).flags());
    }

    @Test
    void emptyStateHasNaNFiguresAndNoFlags() {
        ForecastPerformance p = new ForecastAccumulator(KEY, ForecastConfig.defaults()).performance(T);
        assertEquals(0, p.totalResolved());
        assertEquals(0, p.recent().tally().count());
        assertTrue(Double.isNaN(p.recent().tally().intervalCoverage()));
        assertTrue(Double.isNaN(p.recent().tally().mae()));
        assertTrue(Double.isNaN(p.shortDays().tally().mape()));
        assertEquals(List.of(), p.flags());
        assertEquals(Severity.INFO, p.severity());
        assertEquals(4, p.recent().byHorizon().size());
    }
}

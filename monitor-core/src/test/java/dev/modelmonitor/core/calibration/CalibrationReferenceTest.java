package dev.modelmonitor.core.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmonitor.api.CalibrationBin;
import dev.modelmonitor.api.CalibrationChange;
import dev.modelmonitor.api.CalibrationKind;
import dev.modelmonitor.api.CalibrationMetrics;
import dev.modelmonitor.api.CalibrationWindow;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.testing.MutableClock;
import dev.modelmonitor.stats.BrierDecomposition;
import dev.modelmonitor.stats.Calibration;
import dev.modelmonitor.stats.TestResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streaming figures against the committed reference vectors ({@code reference/calibration.json}, written
 * by {@code gen_calibration.py} with scikit-learn 1.2, statsmodels 0.13 and numpy) and against the
 * monitor-stats kernels on the same arrays. Tolerance: 1e-9 relative, except the within-bin variance and
 * covariance, which the streaming closed forms get to 1e-12 absolute (see {@code CalibrationMath}).
 */
class CalibrationReferenceTest {

    private static final JsonNode ROOT = load();
    private static final ModelKey KEY = ModelKey.of("gbm", "BTC/USDT");
    static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");

    private static JsonNode load() {
        try (InputStream in = CalibrationReferenceTest.class.getResourceAsStream("/reference/calibration.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<JsonNode> cases() {
        List<JsonNode> list = new ArrayList<>();
        ROOT.get("cases").forEach(list::add);
        return list.stream();
    }

    static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected) && Double.isNaN(actual)) {
            return;
        }
        double scale = Math.max(Math.abs(expected), 1e-300);
        assertTrue(Math.abs(expected - actual) <= 1e-9 * scale,
                what + ": expected " + expected + " but was " + actual);
    }

    static void absolute(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 1e-12, what + ": expected " + expected + " but was " + actual);
    }

    static void assertFigures(JsonNode e, CalibrationMetrics m, String name) {
        assertEquals(e.get("count").asLong(), m.count(), name + " count");
        close(e.get("meanConfidence").asDouble(), m.meanConfidence(), name + " mean");
        close(e.get("observedRate").asDouble(), m.observedRate(), name + " observed");
        close(e.get("brier").asDouble(), m.brier(), name + " brier");
        close(e.get("reliability").asDouble(), m.reliability(), name + " REL");
        close(e.get("resolution").asDouble(), m.resolution(), name + " RES");
        close(e.get("uncertainty").asDouble(), m.uncertainty(), name + " UNC");
        absolute(e.get("withinBinVariance").asDouble(), m.withinBinVariance(), name + " WBV");
        absolute(e.get("withinBinCovariance").asDouble(), m.withinBinCovariance(), name + " WBC");
        close(e.get("ece").asDouble(), m.ece(), name + " ECE");
        close(e.get("mce").asDouble(), m.mce(), name + " MCE");
        close(e.get("spiegelhalterZ").asDouble(), m.spiegelhalterZ(), name + " Spiegelhalter z");
        close(e.get("spiegelhalterP").asDouble(), m.spiegelhalterP(), name + " Spiegelhalter p");
        assertEquals(10, m.bins().size());
        for (int k = 0; k < 10; k++) {
            JsonNode eb = e.get("bins").get(k);
            CalibrationBin b = m.bins().get(k);
            assertEquals(eb.get("count").asLong(), b.count(), name + " bin " + k);
            assertEquals(eb.get("hits").asLong(), b.hits(), name + " bin " + k);
            assertEquals(k / 10.0, b.lower(), 1e-15);
            if (b.count() == 0) {
                assertTrue(Double.isNaN(b.meanConfidence()) && Double.isNaN(b.wilsonLower()));
                continue;
            }
            close(eb.get("meanConfidence").asDouble(), b.meanConfidence(), name + " bin mean " + k);
            close(eb.get("observedRate").asDouble(), b.observedRate(), name + " bin rate " + k);
            if (eb.get("wilsonLower").asDouble() < 1e-12) { // statsmodels rounds 0 to a few ulps
                absolute(0.0, b.wilsonLower(), name + " Wilson lower " + k);
            } else {
                close(eb.get("wilsonLower").asDouble(), b.wilsonLower(), name + " Wilson lower " + k);
            }
            close(eb.get("wilsonUpper").asDouble(), b.wilsonUpper(), name + " Wilson upper " + k);
        }
    }

    private static ModelMonitor feed(MutableClock clock, JsonNode c) {
        ModelMonitor m = ModelMonitor.builder().clock(clock).build();
        JsonNode p = c.get("p");
        JsonNode y = c.get("y");
        for (int i = 0; i < p.size(); i++) {
            Feed.probability(m, KEY, p.get(i).asDouble(), y.get(i).asInt());
        }
        return m;
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void probabilityCalibrationAgreesWithTheReference(JsonNode c) {
        MutableClock clock = MutableClock.of(MONDAY.plus(Duration.ofHours(9)));
        try (ModelMonitor m = feed(clock, c)) {
            String name = c.get("name").asText();
            assertFigures(c.get("all"), m.calibration(KEY, CalibrationKind.PROBABILITY, CalibrationWindow.ofDays(1)),
                    name + " (day)");
            assertFigures(c.get("all"), m.calibration(KEY, CalibrationKind.PROBABILITY, CalibrationWindow.ofDays(30)),
                    name + " (30 days)");
            assertFigures(c.get("last200"),
                    m.calibration(KEY, CalibrationKind.PROBABILITY, CalibrationWindow.ofPredictions(200)),
                    name + " (last 200)");
        }
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void bothKindsAgreeWithTheStatsKernels(JsonNode c) {
        MutableClock clock = MutableClock.of(MONDAY);
        try (ModelMonitor m = feed(clock, c)) {
            int n = c.get("p").size();
            double[] p = new double[n];
            int[] y = new int[n];
            double[] conf = new double[n];
            int[] hit = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = c.get("p").get(i).asDouble();
                y[i] = c.get("y").get(i).asInt();
                conf[i] = Math.max(p[i], 1 - p[i]);
                hit[i] = (p[i] >= 0.5) == (y[i] == 1) ? 1 : 0;
            }
            assertKernel(y, p, m.calibration(KEY, CalibrationKind.PROBABILITY, CalibrationWindow.ofDays(1)));
            assertKernel(hit, conf, m.calibration(KEY, CalibrationKind.CONFIDENCE, CalibrationWindow.ofDays(1)));
            int from = n - 200;
            assertKernel(java.util.Arrays.copyOfRange(hit, from, n), java.util.Arrays.copyOfRange(conf, from, n),
                    m.calibration(KEY, CalibrationKind.CONFIDENCE, CalibrationWindow.ofPredictions(200)));
        }
    }

    static void assertKernel(int[] y, double[] p, CalibrationMetrics m) {
        BrierDecomposition d = Calibration.brierDecomposition(y, p, 10);
        close(d.brier(), m.brier(), "brier");
        close(d.reliability(), m.reliability(), "REL");
        close(d.resolution(), m.resolution(), "RES");
        close(d.uncertainty(), m.uncertainty(), "UNC");
        absolute(d.withinBinVariance(), m.withinBinVariance(), "WBV");
        absolute(d.withinBinCovariance(), m.withinBinCovariance(), "WBC");
        close(Calibration.expectedCalibrationError(y, p, 10), m.ece(), "ECE");
        close(Calibration.maximumCalibrationError(y, p, 10), m.mce(), "MCE");
        TestResult s = Calibration.spiegelhalter(y, p);
        close(s.statistic(), m.spiegelhalterZ(), "Spiegelhalter z");
        close(s.pValue(), m.spiegelhalterP(), "Spiegelhalter p");
    }

    @Test
    void changeTestAgreesWithStatsmodels() {
        JsonNode c = ROOT.get("change");
        MutableClock clock = MutableClock.of(MONDAY.plus(Duration.ofHours(1)));
        try (ModelMonitor m = ModelMonitor.builder().clock(clock).build()) {
            for (int i = 0; i < c.get("referenceP").size(); i++) {
                Feed.probability(m, KEY, c.get("referenceP").get(i).asDouble(), c.get("referenceY").get(i).asInt());
            }
            clock.advance(Duration.ofDays(1));
            for (int i = 0; i < c.get("currentP").size(); i++) {
                Feed.probability(m, KEY, c.get("currentP").get(i).asDouble(), c.get("currentY").get(i).asInt());
            }
            clock.advance(Duration.ofDays(1));
            m.checkAll();
            LocalDate d1 = LocalDate.of(2026, 1, 5);
            LocalDate d2 = d1.plusDays(1);
            CalibrationChange ch = m.calibrationChange(KEY, CalibrationKind.PROBABILITY, d1, d1, d2, d2);
            assertEquals(800, ch.referenceCount());
            assertEquals(900, ch.currentCount());
            close(c.get("referenceGap").asDouble(), ch.referenceGap(), "reference gap");
            close(c.get("currentGap").asDouble(), ch.currentGap(), "current gap");
            close(c.get("referenceEce").asDouble(), ch.referenceEce(), "reference ECE");
            close(c.get("currentEce").asDouble(), ch.currentEce(), "current ECE");
            close(c.get("z").asDouble(), ch.zStatistic(), "z");
            close(c.get("pValue").asDouble(), ch.pValue(), "p");
            assertTrue(ch.significant());
            assertTrue(ch.significantlyWorse());
            assertEquals(0.05, ch.alpha());
        }
    }
}

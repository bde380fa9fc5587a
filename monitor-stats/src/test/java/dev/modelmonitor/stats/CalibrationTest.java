package dev.modelmonitor.stats;

import static dev.modelmonitor.stats.ClassicReference.CLOSED_FORM;
import static dev.modelmonitor.stats.ClassicReference.assertAllClose;
import static dev.modelmonitor.stats.ClassicReference.assertClose;
import static dev.modelmonitor.stats.ClassicReference.doubles;
import static dev.modelmonitor.stats.ClassicReference.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Calibration} against scikit-learn 1.2 ({@code brier_score_loss}, {@code calibration_curve}) and numpy
 * implementations of the documented formulas. Closed-form results to 1e-9 relative (in practice they agree
 * to a few ulps; the uniform reliability curve bit for bit).
 */
class CalibrationTest {

    static Stream<JsonNode> cases() {
        List<JsonNode> list = new ArrayList<>();
        ClassicReference.section("calibration").forEach(list::add);
        return list.stream();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void agreesWithReference(JsonNode c) {
        String name = c.get("name").asText();
        int[] y = ints(c.get("y"));
        double[] p = doubles(c.get("p"));
        assertClose(c.get("brier").asDouble(), Calibration.brier(y, p), CLOSED_FORM, name + " brier");
        for (JsonNode b : c.get("byBins")) {
            int bins = b.get("bins").asInt();
            String at = name + " B=" + bins;
            BrierDecomposition d = Calibration.brierDecomposition(y, p, bins);
            JsonNode e = b.get("decomposition");
            assertEquals(y.length, d.n());
            assertClose(e.get("brier").asDouble(), d.brier(), CLOSED_FORM, at + " brier");
            assertClose(e.get("reliability").asDouble(), d.reliability(), CLOSED_FORM, at + " REL");
            assertClose(e.get("resolution").asDouble(), d.resolution(), CLOSED_FORM, at + " RES");
            assertClose(e.get("uncertainty").asDouble(), d.uncertainty(), CLOSED_FORM, at + " UNC");
            assertClose(e.get("withinBinVariance").asDouble(), d.withinBinVariance(), CLOSED_FORM, at + " WBV");
            assertClose(e.get("withinBinCovariance").asDouble(), d.withinBinCovariance(), 1e-8, at + " WBC");
            assertClose(b.get("ece").asDouble(), Calibration.expectedCalibrationError(y, p, bins), CLOSED_FORM,
                    at + " ECE");
            assertClose(b.get("mce").asDouble(), Calibration.maximumCalibrationError(y, p, bins), CLOSED_FORM,
                    at + " MCE");
            for (BinningStrategy s : BinningStrategy.values()) {
                JsonNode ref = b.get(s.name().toLowerCase(java.util.Locale.ROOT));
                ReliabilityCurve curve = Calibration.reliabilityCurve(y, p, bins, s);
                assertAllClose(doubles(ref.get("probTrue")), curve.probTrue(), CLOSED_FORM, at + " " + s + " probTrue");
                assertAllClose(doubles(ref.get("probPred")), curve.probPred(), CLOSED_FORM, at + " " + s + " probPred");
                long total = 0;
                for (long k : curve.counts()) {
                    total += k;
                }
                assertEquals(y.length, total, at + " counts sum to n");
            }
        }
        TestResult z = Calibration.spiegelhalter(y, p);
        assertClose(c.get("spiegelhalter").get("z").asDouble(), z.statistic(), CLOSED_FORM, name + " Spiegelhalter z");
        assertClose(c.get("spiegelhalter").get("pValue").asDouble(), z.pValue(), CLOSED_FORM, name + " Spiegelhalter p");
        TestResult hl = Calibration.hosmerLemeshow(y, p);
        assertClose(c.get("hosmerLemeshow").get("statistic").asDouble(), hl.statistic(), CLOSED_FORM, name + " HL");
        assertClose(c.get("hosmerLemeshow").get("pValue").asDouble(), hl.pValue(), CLOSED_FORM, name + " HL p");
    }

    @Test
    void reliabilityCurvesAreBitForBitScikitLearn() {
        int checked = 0;
        for (JsonNode c : ClassicReference.section("calibration")) {
            int[] y = ints(c.get("y"));
            double[] p = doubles(c.get("p"));
            for (JsonNode b : c.get("byBins")) {
                for (BinningStrategy s : BinningStrategy.values()) {
                    JsonNode ref = b.get(s.name().toLowerCase(java.util.Locale.ROOT));
                    ReliabilityCurve curve = Calibration.reliabilityCurve(y, p, b.get("bins").asInt(), s);
                    assertArrayEquals(doubles(ref.get("probTrue")), curve.probTrue());
                    assertArrayEquals(doubles(ref.get("probPred")), curve.probPred());
                    checked++;
                }
            }
        }
        assertEquals(24, checked);
    }

    @Test
    void emptyInput() {
        int[] y = new int[0];
        double[] p = new double[0];
        assertTrue(Double.isNaN(Calibration.brier(y, p)));
        BrierDecomposition d = Calibration.brierDecomposition(y, p, 10);
        assertEquals(0, d.n());
        assertTrue(Double.isNaN(d.reliability()) && Double.isNaN(d.reconstructedBrier()));
        assertEquals(0, Calibration.reliabilityCurve(y, p, 10, BinningStrategy.QUANTILE).size());
        assertTrue(Double.isNaN(Calibration.expectedCalibrationError(y, p, 10)));
        assertTrue(Double.isNaN(Calibration.maximumCalibrationError(y, p, 10)));
        assertTrue(Double.isNaN(Calibration.spiegelhalter(y, p).pValue()));
        assertTrue(Double.isNaN(Calibration.hosmerLemeshow(y, p).pValue()));
    }

    @Test
    void singleForecast() {
        int[] y = {1};
        double[] p = {0.8};
        assertClose(0.04, Calibration.brier(y, p), 1e-15, "brier");
        BrierDecomposition d = Calibration.brierDecomposition(y, p, 10);
        assertClose(0.04, d.reliability(), 1e-15, "REL");
        assertEquals(0.0, d.resolution());
        assertEquals(0.0, d.uncertainty());
        ReliabilityCurve curve = Calibration.reliabilityCurve(y, p, 10, BinningStrategy.QUANTILE);
        assertArrayEquals(new long[] {1}, curve.counts());
        assertClose(0.2, Calibration.expectedCalibrationError(y, p, 10), 1e-15, "ECE");
        assertTrue(Double.isNaN(Calibration.hosmerLemeshow(y, p).statistic()), "fewer forecasts than groups");
    }

    @Test
    void allZeroAndAllOneLabels() {
        double[] p = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
        int[] zeros = new int[10];
        int[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertEquals(0.0, Calibration.brierDecomposition(zeros, p, 10).uncertainty());
        assertEquals(0.0, Calibration.brierDecomposition(ones, p, 10).resolution());
        assertTrue(Calibration.hosmerLemeshow(ones, p).statistic() > 0);
        assertTrue(Calibration.spiegelhalter(zeros, p).pValue() < 0.05);
    }

    @Test
    void allEqualForecastsMakeOneBin() {
        double[] p = {0.3, 0.3, 0.3, 0.3};
        int[] y = {0, 1, 0, 0};
        for (BinningStrategy s : BinningStrategy.values()) {
            ReliabilityCurve c = Calibration.reliabilityCurve(y, p, 10, s);
            assertArrayEquals(new long[] {4}, c.counts(), s.name());
            assertArrayEquals(new double[] {0.25}, c.probTrue(), s.name());
        }
        BrierDecomposition d = Calibration.brierDecomposition(y, p, 10);
        assertEquals(0.0, d.withinBinVariance());
        assertEquals(0.0, d.withinBinCovariance());
    }

    @Test
    void emptyBinsAreDroppedFromTheCurveAndIgnoredByMce() {
        int[] y = {0, 1, 1};
        double[] p = {0.05, 0.95, 0.99};
        ReliabilityCurve c = Calibration.reliabilityCurve(y, p, 10, BinningStrategy.UNIFORM);
        assertArrayEquals(new long[] {1, 2}, c.counts());
        assertClose(0.05, Calibration.maximumCalibrationError(y, p, 10), 1e-12, "MCE");
    }

    @Test
    void edgeProbabilitiesBinDifferentlyInCurveAndEce() {
        // 0.1 is on an edge: calibration_curve puts it left (bin 0), the floor rule right (bin 1)
        int[] y = {1};
        double[] p = {0.1};
        ReliabilityCurve c = Calibration.reliabilityCurve(y, p, 10, BinningStrategy.UNIFORM);
        assertEquals(1, c.size());
        assertEquals(0, Calibration.floorBin(0.1, 10) - 1);
        assertEquals(9, Calibration.floorBin(1.0, 10));
    }

    @Test
    void spiegelhalterUndefinedWhenEveryForecastIsZeroHalfOrOne() {
        TestResult r = Calibration.spiegelhalter(new int[] {0, 1, 1}, new double[] {0.0, 0.5, 1.0});
        assertTrue(Double.isNaN(r.statistic()) && Double.isNaN(r.pValue()));
    }

    @Test
    void hosmerLemeshowCertainGroups() {
        double[] p = new double[20];
        int[] y = new int[20];
        for (int i = 10; i < 20; i++) {
            p[i] = 1.0;
            y[i] = 1;
        }
        TestResult r = Calibration.hosmerLemeshow(y, p);
        assertEquals(0.0, r.statistic());
        assertEquals(1.0, r.pValue());
        y[0] = 1;
        assertEquals(0.0, Calibration.hosmerLemeshow(y, p).pValue());
    }

    @Test
    void rejectsBadInputNamingTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Calibration.brier(new int[] {0, 1, 0, 1}, new double[] {0.1, 0.2, 0.3, Double.NaN}));
        assertEquals("p must not contain NaN, was NaN at index 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Calibration.brier(new int[] {0, -1}, new double[] {0.1, 0.2}));
        assertEquals("y must contain only 0 or 1, was -1 at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Calibration.reliabilityCurve(new int[] {0}, new double[] {0.1}, 0, BinningStrategy.UNIFORM));
        assertEquals("bins must be >= 1, was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Calibration.reliabilityCurve(new int[] {0}, new double[] {0.1}, 10, null));
        assertEquals("strategy must not be null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Calibration.hosmerLemeshow(new int[] {0}, new double[] {0.1}, 2));
        assertEquals("groups must be >= 3, was 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ReliabilityCurve(new double[] {0.5}, new double[] {0.5}, new long[] {0}));
        assertEquals("counts must be >= 1, was 0 at index 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BrierDecomposition(3, 10, 0.1, -0.2, 0, 0, 0, 0));
        assertEquals("reliability must be >= 0 when n > 0, was -0.2", e.getMessage());
    }

    @Test
    void curveArraysAreCopies() {
        ReliabilityCurve c = Calibration.reliabilityCurve(new int[] {1, 0}, new double[] {0.2, 0.7}, 5,
                BinningStrategy.UNIFORM);
        c.probTrue()[0] = 42;
        c.counts()[0] = 42;
        assertEquals(1.0, c.probTrue()[0]);
        assertEquals(1, c.counts()[0]);
    }
}

package dev.modelmonitor.stats;

import static dev.modelmonitor.stats.ClassicReference.CLOSED_FORM;
import static dev.modelmonitor.stats.ClassicReference.assertClose;
import static dev.modelmonitor.stats.ClassicReference.doubles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Trend} and {@link Means} against statsmodels 0.13 ({@code reference/trend.json}). */
class TrendTest {

    private static final JsonNode ROOT = load();

    private static JsonNode load() {
        try (InputStream in = TrendTest.class.getResourceAsStream("/reference/trend.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<JsonNode> slopes() {
        List<JsonNode> list = new ArrayList<>();
        ROOT.get("slopes").forEach(list::add);
        return list.stream();
    }

    static Stream<JsonNode> welch() {
        List<JsonNode> list = new ArrayList<>();
        ROOT.get("welch").forEach(list::add);
        return list.stream();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("slopes")
    void slopeAgreesWithStatsmodelsOls(JsonNode c) {
        String name = c.get("name").asText();
        SlopeTest t = Trend.olsSlope(doubles(c.get("x")), doubles(c.get("y")));
        assertEquals(c.get("x").size(), t.n());
        assertClose(c.get("slope").asDouble(), t.slope(), CLOSED_FORM, name + " slope");
        assertClose(c.get("intercept").asDouble(), t.intercept(), CLOSED_FORM, name + " intercept");
        assertClose(c.get("standardError").asDouble(), t.standardError(), CLOSED_FORM, name + " se");
        assertClose(c.get("tStatistic").asDouble(), t.tStatistic(), CLOSED_FORM, name + " t");
        assertClose(c.get("pValue").asDouble(), t.pValue(), CLOSED_FORM, name + " p");
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("welch")
    void welchAgreesWithStatsmodelsZtestInd(JsonNode c) {
        String name = c.get("name").asText();
        TestResult r = Means.welchZTest(c.get("n1").asLong(), c.get("mean1").asDouble(), c.get("var1").asDouble(),
                c.get("n2").asLong(), c.get("mean2").asDouble(), c.get("var2").asDouble());
        assertClose(c.get("z").asDouble(), r.statistic(), CLOSED_FORM, name + " z");
        assertClose(c.get("pValue").asDouble(), r.pValue(), CLOSED_FORM, name + " p");
    }

    @Test
    void degenerateSeries() {
        SlopeTest one = Trend.olsSlope(new double[] {1}, new double[] {2});
        assertTrue(Double.isNaN(one.slope()) && Double.isNaN(one.pValue()));
        SlopeTest two = Trend.olsSlope(new double[] {1, 2}, new double[] {2, 4});
        assertEquals(2.0, two.slope(), 1e-15);
        assertTrue(Double.isNaN(two.pValue()), "two points: no test");
        SlopeTest flatX = Trend.olsSlope(new double[] {3, 3, 3}, new double[] {1, 2, 3});
        assertTrue(Double.isNaN(flatX.slope()));
        SlopeTest exact = Trend.olsSlope(new double[] {1, 2, 3, 4}, new double[] {1, 3, 5, 7});
        assertEquals(2.0, exact.slope(), 1e-12);
        assertEquals(0.0, exact.pValue());
        assertTrue(exact.significantAt(0.05));
        assertEquals(0, Trend.olsSlope(new double[0], new double[0]).n());
    }

    @Test
    void badInputNamesTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trend.olsSlope(new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertEquals("x must be finite, was NaN at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Trend.olsSlope(new double[] {1, 2}, new double[] {1, Double.POSITIVE_INFINITY}));
        assertEquals("y must be finite, was Infinity at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Trend.olsSlope(null, new double[0]));
        assertEquals("x must not be null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Means.welchZTest(1, 0, 1, 5, 0, 1));
        assertEquals("n1 must be >= 2, was 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Means.welchZTest(3, 0, 1, 5, 0, -1));
        assertEquals("var2 must be finite and >= 0, was -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Means.welchZTest(3, Double.NaN, 1, 5, 0, 1));
        assertEquals("mean1 must be finite, was NaN", e.getMessage());
    }

    @Test
    void zeroVarianceSamples() {
        assertTrue(Double.isNaN(Means.welchZTest(3, 1, 0, 4, 1, 0).pValue()));
        TestResult r = Means.welchZTest(3, 2, 0, 4, 1, 0);
        assertEquals(Double.POSITIVE_INFINITY, r.statistic());
        assertEquals(0.0, r.pValue());
    }
}

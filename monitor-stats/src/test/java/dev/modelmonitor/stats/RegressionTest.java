package dev.modelmonitor.stats;

import static dev.modelmonitor.stats.ClassicReference.CLOSED_FORM;
import static dev.modelmonitor.stats.ClassicReference.assertClose;
import static dev.modelmonitor.stats.ClassicReference.doubles;
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

class RegressionTest {

    static Stream<JsonNode> cases() {
        List<JsonNode> list = new ArrayList<>();
        ClassicReference.section("regression").forEach(list::add);
        return list.stream();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void agreesWithScikitLearn(JsonNode c) {
        String name = c.get("name").asText();
        double[] y = doubles(c.get("y"));
        double[] yHat = doubles(c.get("yHat"));
        assertClose(c.get("mae").asDouble(), Regression.mae(y, yHat), CLOSED_FORM, name + " MAE");
        assertClose(c.get("rmse").asDouble(), Regression.rmse(y, yHat), CLOSED_FORM, name + " RMSE");
        assertClose(c.get("mape").asDouble(), Regression.mape(y, yHat), CLOSED_FORM, name + " MAPE");
        for (JsonNode pb : c.get("pinball")) {
            double alpha = pb.get("alpha").asDouble();
            assertClose(pb.get("loss").asDouble(), Regression.pinball(y, yHat, alpha), CLOSED_FORM,
                    name + " pinball " + alpha);
        }
        assertClose(c.get("quantileCoverage").asDouble(), Regression.quantileCoverage(y, yHat), CLOSED_FORM,
                name + " quantile coverage");
        assertClose(c.get("intervalCoverage").asDouble(),
                Regression.intervalCoverage(y, doubles(c.get("lo")), doubles(c.get("hi"))), CLOSED_FORM,
                name + " interval coverage");
    }

    @Test
    void emptyInputGivesNaN() {
        double[] none = new double[0];
        assertTrue(Double.isNaN(Regression.mae(none, none)));
        assertTrue(Double.isNaN(Regression.rmse(none, none)));
        assertTrue(Double.isNaN(Regression.mape(none, none)));
        assertTrue(Double.isNaN(Regression.pinball(none, none, 0.5)));
        assertTrue(Double.isNaN(Regression.quantileCoverage(none, none)));
        assertTrue(Double.isNaN(Regression.intervalCoverage(none, none, none)));
    }

    @Test
    void mapeUsesMachineEpsilonForZeroTargets() {
        assertEquals(1.0 / Math.ulp(1.0), Regression.mape(new double[] {0.0}, new double[] {1.0}));
        assertEquals(0.0, Regression.mape(new double[] {0.0}, new double[] {0.0}));
    }

    @Test
    void coverageCountsClosedEnds() {
        double[] y = {1, 2, 3, 4};
        assertEquals(0.5, Regression.quantileCoverage(y, new double[] {1, 2, 2, 2}));
        assertEquals(1.0, Regression.intervalCoverage(y, y, y));
        assertEquals(0.25, Regression.intervalCoverage(y, new double[] {1, 3, 4, 5}, new double[] {1, 3.5, 4.5, 6}));
    }

    @Test
    void allEqualGivesZeroError() {
        double[] y = {2.5, 2.5, 2.5};
        assertEquals(0.0, Regression.mae(y, y));
        assertEquals(0.0, Regression.rmse(y, y));
        assertEquals(0.0, Regression.pinball(y, y, 0.9));
    }

    @Test
    void rejectsBadInputNamingTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Regression.mae(new double[] {1, 2, 3, Double.NaN}, new double[] {1, 2, 3, 4}));
        assertEquals("y must not contain NaN, was NaN at index 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Regression.pinball(new double[] {1}, new double[] {Double.NaN}, 0.5));
        assertEquals("q must not contain NaN, was NaN at index 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Regression.pinball(new double[] {1}, new double[] {1}, 1.5));
        assertEquals("alpha must be in [0, 1], was 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Regression.intervalCoverage(new double[] {1}, new double[] {2}, new double[] {1}));
        assertEquals("hi must be >= lo, was hi=1.0 < lo=2.0 at index 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Regression.rmse(new double[] {1}, new double[0]));
        assertEquals("y and yHat must have the same length, were 1 and 0", e.getMessage());
    }
}

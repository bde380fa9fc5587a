package dev.modelmonitor.stats;

import static dev.modelmonitor.stats.ClassicReference.CLOSED_FORM;
import static dev.modelmonitor.stats.ClassicReference.assertClose;
import static dev.modelmonitor.stats.ClassicReference.doubles;
import static dev.modelmonitor.stats.ClassicReference.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClassificationTest {

    static Stream<JsonNode> cases() {
        List<JsonNode> list = new ArrayList<>();
        ClassicReference.section("classification").forEach(list::add);
        return list.stream();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void agreesWithScikitLearn(JsonNode c) {
        String name = c.get("name").asText();
        int[] y = ints(c.get("yTrue"));
        int[] yHat = ints(c.get("yPred"));
        int pos = c.get("positiveLabel").asInt();
        assertClose(c.get("accuracy").asDouble(), Classification.accuracy(y, yHat), CLOSED_FORM, name + " accuracy");
        if (c.has("precision")) {
            assertClose(c.get("precision").asDouble(), Classification.precision(y, yHat, pos), CLOSED_FORM,
                    name + " precision");
            assertClose(c.get("recall").asDouble(), Classification.recall(y, yHat, pos), CLOSED_FORM,
                    name + " recall");
            assertClose(c.get("f1").asDouble(), Classification.f1(y, yHat, pos), CLOSED_FORM, name + " f1");
        }
        assertClose(c.get("macroPrecision").asDouble(), Classification.macroPrecision(y, yHat), CLOSED_FORM,
                name + " macro precision");
        assertClose(c.get("macroRecall").asDouble(), Classification.macroRecall(y, yHat), CLOSED_FORM,
                name + " macro recall");
        assertClose(c.get("macroF1").asDouble(), Classification.macroF1(y, yHat), CLOSED_FORM, name + " macro F1");
        if (c.has("rocAuc")) {
            assertClose(c.get("rocAuc").asDouble(), Classification.rocAuc(y, doubles(c.get("scores"))),
                    CLOSED_FORM, name + " ROC AUC");
        }
        if (c.has("logLoss")) {
            assertClose(c.get("logLoss").asDouble(), Classification.logLoss(y, doubles(c.get("p"))), CLOSED_FORM,
                    name + " log loss");
        }
    }

    @Test
    void emptyInputGivesNaN() {
        int[] none = new int[0];
        assertTrue(Double.isNaN(Classification.accuracy(none, none)));
        assertTrue(Double.isNaN(Classification.precision(none, none)));
        assertTrue(Double.isNaN(Classification.recall(none, none)));
        assertTrue(Double.isNaN(Classification.f1(none, none)));
        assertTrue(Double.isNaN(Classification.macroF1(none, none)));
        assertTrue(Double.isNaN(Classification.rocAuc(none, new double[0])));
        assertTrue(Double.isNaN(Classification.logLoss(none, new double[0])));
    }

    @Test
    void singleElement() {
        assertEquals(1.0, Classification.accuracy(new int[] {1}, new int[] {1}));
        assertEquals(0.0, Classification.precision(new int[] {1}, new int[] {0}));
        assertEquals(0.0, Classification.recall(new int[] {1}, new int[] {0}));
        assertEquals(1.0, Classification.f1(new int[] {1}, new int[] {1}));
        assertTrue(Double.isNaN(Classification.rocAuc(new int[] {1}, new double[] {0.3})));
    }

    @Test
    void zeroDivisionGivesZero() {
        int[] y = {0, 0, 0};
        int[] yHat = {0, 0, 0};
        assertEquals(0.0, Classification.precision(y, yHat));
        assertEquals(0.0, Classification.recall(y, yHat));
        assertEquals(0.0, Classification.f1(y, yHat));
        assertEquals(1.0, Classification.accuracy(y, yHat));
        assertEquals(1.0, Classification.macroF1(y, yHat));
    }

    @Test
    void aucIsNaNWithOneClassAndHalfForAllTied() {
        assertTrue(Double.isNaN(Classification.rocAuc(new int[] {1, 1, 1}, new double[] {0.1, 0.2, 0.3})));
        assertTrue(Double.isNaN(Classification.rocAuc(new int[] {0, 0}, new double[] {0.1, 0.2})));
        assertEquals(0.5, Classification.rocAuc(new int[] {0, 1, 0, 1}, new double[] {0.4, 0.4, 0.4, 0.4}));
        assertEquals(1.0, Classification.rocAuc(new int[] {0, 1}, new double[] {Double.NEGATIVE_INFINITY, 3}));
    }

    @Test
    void logLossClipsCertainMistakes() {
        double expected = -Math.log(1e-15);
        assertClose(expected, Classification.logLoss(new int[] {1}, new double[] {0.0}), 1e-12, "clipped");
        assertClose(expected, Classification.logLoss(new int[] {0}, new double[] {1.0}), 1e-3, "clipped at 1-eps");
    }

    @Test
    void rejectsBadInputNamingTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Classification.rocAuc(new int[] {0, 1, 1, 0}, new double[] {0.1, 0.2, 0.3, Double.NaN}));
        assertEquals("scores must not contain NaN, was NaN at index 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Classification.logLoss(new int[] {0, 2}, new double[] {0.1, 0.2}));
        assertEquals("yTrue must contain only 0 or 1, was 2 at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Classification.logLoss(new int[] {0, 1}, new double[] {0.1, 1.5}));
        assertEquals("p must be in [0, 1], was 1.5 at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Classification.accuracy(new int[] {0, 1}, new int[] {0}));
        assertEquals("yTrue and yPred must have the same length, were 2 and 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Classification.accuracy(null, new int[] {0}));
        assertEquals("yTrue must not be null", e.getMessage());
    }

    @Property
    void aucIsInUnitIntervalAndFlipsWithTheScores(@ForAll @Size(min = 2, max = 40) List<@IntRange(min = 0, max = 1) Integer> labels,
            @ForAll("seeds") long seed) {
        int n = labels.size();
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        double[] s = new double[n];
        double[] neg = new double[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            s[i] = r.nextInt(5) / 4.0; // ties on purpose
            neg[i] = -s[i];
        }
        double auc = Classification.rocAuc(y, s);
        if (Double.isNaN(auc)) {
            return;
        }
        assertTrue(auc >= 0.0 && auc <= 1.0);
        assertClose(1.0 - auc, Classification.rocAuc(y, neg), 1e-12, "AUC of negated scores");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seeds() {
        return net.jqwik.api.Arbitraries.longs();
    }
}

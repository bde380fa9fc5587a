package dev.modelmonitor.stats;

import static dev.modelmonitor.stats.ClassicReference.CLOSED_FORM;
import static dev.modelmonitor.stats.ClassicReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BinomialTestTest {

    static Alternative alternative(String scipyName) {
        switch (scipyName) {
            case "less":
                return Alternative.LESS;
            case "greater":
                return Alternative.GREATER;
            default:
                return Alternative.TWO_SIDED;
        }
    }

    @Test
    void agreesWithScipyBinomtest() {
        int checked = 0;
        for (JsonNode c : ClassicReference.section("binomial")) {
            int k = c.get("k").asInt();
            int n = c.get("n").asInt();
            double p = c.get("p").asDouble();
            String alt = c.get("alternative").asText();
            TestResult r = BinomialTest.test(k, n, p, alternative(alt));
            String what = "binomtest(" + k + ", " + n + ", " + p + ", " + alt + ")";
            assertClose(c.get("statistic").asDouble(), r.statistic(), CLOSED_FORM, what + " statistic");
            assertClose(c.get("pValue").asDouble(), r.pValue(), CLOSED_FORM, what + " p-value");
            checked++;
        }
        assertEquals(93, checked);
    }

    @Test
    void singleTrial() {
        assertEquals(1.0, BinomialTest.test(1, 1, 0.5, Alternative.TWO_SIDED).pValue());
        assertEquals(0.5, BinomialTest.test(1, 1, 0.5, Alternative.GREATER).pValue());
        assertEquals(1.0, BinomialTest.test(1, 1, 0.5, Alternative.LESS).pValue());
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinomialTest.test(0, 0, 0.5, Alternative.LESS));
        assertEquals("n must be >= 1, was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BinomialTest.test(11, 10, 0.5, Alternative.LESS));
        assertEquals("k must be in [0, n=10], was 11", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BinomialTest.test(1, 10, Double.NaN, Alternative.LESS));
        assertEquals("p must be in [0, 1], was NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BinomialTest.test(1, 10, 0.5, null));
        assertEquals("alternative must not be null", e.getMessage());
    }

    @Property(tries = 200)
    void pValuesAreProbabilitiesAndTwoSidedIsAtLeastTheSmallerTail(@ForAll @IntRange(min = 1, max = 300) int n,
            @ForAll @IntRange(min = 0, max = 300) int kRaw, @ForAll @DoubleRange(min = 0.01, max = 0.99) double p) {
        int k = kRaw % (n + 1);
        double less = BinomialTest.test(k, n, p, Alternative.LESS).pValue();
        double greater = BinomialTest.test(k, n, p, Alternative.GREATER).pValue();
        double two = BinomialTest.test(k, n, p, Alternative.TWO_SIDED).pValue();
        assertTrue(less >= 0 && less <= 1 && greater >= 0 && greater <= 1 && two >= 0 && two <= 1);
        assertTrue(two >= Math.min(less, greater) * (1 - 1e-9), () -> "two-sided " + two + " below tails");
        assertTrue(less + greater >= 1 - 1e-9, "P(X<=k) + P(X>=k) >= 1");
    }
}

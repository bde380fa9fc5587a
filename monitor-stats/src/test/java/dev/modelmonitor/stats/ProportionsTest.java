package dev.modelmonitor.stats;

import static dev.modelmonitor.stats.ClassicReference.CLOSED_FORM;
import static dev.modelmonitor.stats.ClassicReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@link Proportions} against statsmodels 0.13 {@code proportions_ztest} and {@code proportion_confint}. */
class ProportionsTest {

    @Test
    void zTestAgreesWithStatsmodelsWithNullVariance() {
        int checked = 0;
        for (JsonNode c : ClassicReference.section("proportions").get("zTest")) {
            long count = c.get("count").asLong();
            long nobs = c.get("nobs").asLong();
            double p0 = c.get("p0").asDouble();
            Alternative alt = Alternative.valueOf(c.get("alternative").asText());
            TestResult r = Proportions.zTest(count, nobs, p0, alt);
            String what = "proportions_ztest(" + count + ", " + nobs + ", " + p0 + ", " + alt + ")";
            assertClose(c.get("z").asDouble(), r.statistic(), CLOSED_FORM, what + " z");
            assertClose(c.get("pValue").asDouble(), r.pValue(), CLOSED_FORM, what + " p");
            checked++;
        }
        assertEquals(36, checked);
    }

    @Test
    void wilsonAgreesWithStatsmodels() {
        for (JsonNode c : ClassicReference.section("proportions").get("wilson")) {
            long count = c.get("count").asLong();
            long nobs = c.get("nobs").asLong();
            double alpha = c.get("alpha").asDouble();
            Interval ci = Proportions.wilson(count, nobs, alpha);
            String what = "wilson(" + count + ", " + nobs + ", " + alpha + ")";
            double lower = c.get("lower").asDouble();
            if (lower == 0.0) {
                assertEquals(0.0, ci.lower(), 1e-15, what + " lower");
            } else {
                assertClose(lower, ci.lower(), CLOSED_FORM, what + " lower");
            }
            assertClose(c.get("upper").asDouble(), ci.upper(), CLOSED_FORM, what + " upper");
        }
    }
}

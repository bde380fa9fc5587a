package dev.modelmonitor.core.recalibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static dev.modelmonitor.core.recalibration.WeightProjector.f4;

/**
 * The five safety checks, in {@link SafetyCheck.Kind} order. Each compares with a {@link SafetyPolicy}
 * limit, allowing 1e-12 for floating-point rounding; outcome diversity is decided in exact integer
 * arithmetic. Models are reported in name order. Pure and thread-safe; O(models log models).
 */
final class SafetyValidator {

    private SafetyValidator() {
    }

    static List<SafetyCheck> validate(DataSummary summary, ConfidenceAnalysis confidence, WeightProposal weights) {
        List<SafetyCheck> out = new ArrayList<>(5);
        out.add(confidenceImprovement(confidence));
        out.add(weightSum(weights.proposed()));
        out.add(weightBounds(weights.proposed()));
        out.add(maxChange(weights.current(), weights.proposed()));
        out.add(outcomeDiversity(summary.wins(), summary.trades()));
        return out;
    }

    static SafetyCheck confidenceImprovement(ConfidenceAnalysis a) {
        SafetyCheck.Kind kind = SafetyCheck.Kind.CONFIDENCE_IMPROVEMENT;
        String required = pct(SafetyPolicy.MIN_CONFIDENCE_IMPROVEMENT);
        if (a.testTrades() == 0 || Double.isNaN(a.mseRaw())) {
            return new SafetyCheck(kind, false, "no holdout trades to measure the MSE on: confidence calibration disabled");
        }
        String measured = "out-of-sample MSE " + f4(a.mseRaw()) + " -> " + f4(a.mseCalibrated()) + " ("
                + signedPct(-a.improvement()) + ")";
        if (a.enabled()) {
            return new SafetyCheck(kind, true, measured + ", at least " + required + " better: confidence calibration enabled");
        }
        return new SafetyCheck(kind, false, measured + ", less than " + required
                + " better: confidence calibration disabled");
    }

    static SafetyCheck weightSum(Map<String, Double> proposed) {
        SafetyCheck.Kind kind = SafetyCheck.Kind.WEIGHT_SUM;
        if (proposed.isEmpty()) {
            return new SafetyCheck(kind, true, "no ensemble weights to adjust");
        }
        double sum = 0;
        for (double v : proposed.values()) {
            sum += v;
        }
        boolean ok = Math.abs(sum - 1.0) <= SafetyPolicy.WEIGHT_SUM_TOLERANCE + SafetyPolicy.EPSILON;
        return new SafetyCheck(kind, ok, "weights sum to " + String.format(Locale.ROOT, "%.6f", sum)
                + (ok ? ", within " : ", not 1 within ") + SafetyPolicy.WEIGHT_SUM_TOLERANCE);
    }

    static SafetyCheck weightBounds(Map<String, Double> proposed) {
        SafetyCheck.Kind kind = SafetyCheck.Kind.WEIGHT_BOUNDS;
        if (proposed.isEmpty()) {
            return new SafetyCheck(kind, true, "no ensemble weights to adjust");
        }
        StringBuilder bad = new StringBuilder();
        for (Map.Entry<String, Double> e : new TreeMap<>(proposed).entrySet()) {
            double v = e.getValue();
            if (v < SafetyPolicy.MIN_WEIGHT - SafetyPolicy.EPSILON || v > SafetyPolicy.MAX_WEIGHT + SafetyPolicy.EPSILON) {
                bad.append(bad.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(f4(v));
            }
        }
        String range = "[" + SafetyPolicy.MIN_WEIGHT + ", " + String.format(Locale.ROOT, "%.2f", SafetyPolicy.MAX_WEIGHT) + "]";
        if (bad.length() == 0) {
            return new SafetyCheck(kind, true, "every weight in " + range);
        }
        return new SafetyCheck(kind, false, "outside " + range + ": " + bad);
    }

    static SafetyCheck maxChange(Map<String, Double> current, Map<String, Double> proposed) {
        SafetyCheck.Kind kind = SafetyCheck.Kind.MAX_WEIGHT_CHANGE;
        if (proposed.isEmpty()) {
            return new SafetyCheck(kind, true, "no ensemble weights to adjust");
        }
        StringBuilder bad = new StringBuilder();
        double largest = 0;
        for (Map.Entry<String, Double> e : new TreeMap<>(proposed).entrySet()) {
            Double before = current.get(e.getKey());
            double after = e.getValue();
            if (before == null) {
                bad.append(bad.length() == 0 ? "" : ", ").append(e.getKey()).append(" has no current weight");
                continue;
            }
            double change = Math.abs(after - before);
            if (before > 0) {
                largest = Math.max(largest, change / before);
            }
            if (change > SafetyPolicy.MAX_WEIGHT_CHANGE * before + SafetyPolicy.EPSILON) {
                bad.append(bad.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(f4(before))
                        .append(" -> ").append(f4(after));
            }
        }
        String limit = pct(SafetyPolicy.MAX_WEIGHT_CHANGE);
        if (bad.length() == 0) {
            return new SafetyCheck(kind, true, "largest change " + pct(largest) + " of the current weight, at most "
                    + limit);
        }
        return new SafetyCheck(kind, false, "more than " + limit + " of the current weight: " + bad);
    }

    static SafetyCheck outcomeDiversity(int wins, int trades) {
        SafetyCheck.Kind kind = SafetyCheck.Kind.OUTCOME_DIVERSITY;
        String min = pct(SafetyPolicy.MIN_OUTCOME_DIVERSITY);
        if (trades == 0) {
            return new SafetyCheck(kind, false, "no trades: at least " + min + " wins and " + min + " losses required");
        }
        int losses = trades - wins;
        // 0.15 = 3/20, compared exactly
        boolean ok = 20L * wins >= 3L * trades && 20L * losses >= 3L * trades;
        return new SafetyCheck(kind, ok, "wins " + pct((double) wins / trades) + ", losses "
                + pct((double) losses / trades) + (ok ? ", each at least " : "; each must be at least ") + min);
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    static String signedPct(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }
}

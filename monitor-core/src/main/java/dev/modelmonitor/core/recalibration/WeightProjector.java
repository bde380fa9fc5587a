package dev.modelmonitor.core.recalibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Proposes ensemble weights from each component's precision and projects them onto the safety rules.
 *
 * <p><b>Target.</b> For each model in the current weights: its precision p over its UP/DOWN calls (HOLD
 * calls are not trades and do not count); the ensemble's precision p&#772; is the weight-averaged precision
 * of the models with at least {@link SafetyPolicy#MIN_COMPONENT_CALLS} such calls. A model with fewer calls,
 * or within {@link SafetyPolicy#STABLE_PRECISION_BAND} of p&#772;, keeps its weight as target; any other
 * model's target is {@code w * p / p̄} (a model 10% more precise than the ensemble aims 10% higher).
 *
 * <p><b>Projection.</b> Each weight may end in the box {@code [max(0.15, 0.9 w), min(0.40, 1.1 w)]}. The
 * proposal is the Euclidean projection of the target onto the boxes intersected with {@code sum = 1}:
 * {@code x_i = clamp(t_i + λ, lo_i, hi_i)} with the λ that makes the sum 1 (the sum is continuous and
 * non-decreasing in λ, so bisection finds it), rounded to a 1e-6 grid inside the boxes, and any residual is
 * put on weights with slack. It
 * exists exactly when every box is non-empty and {@code sum lo <= 1 <= sum hi}; valid current weights (each
 * in [0.15, 0.40], summing to 1) always qualify, since they lie in their own boxes. Otherwise the current
 * weights are kept and the problem is reported. Cost: O(models x 200) for the bisection, O(trades x models)
 * for the precision count.
 */
final class WeightProjector {

    private static final int BISECTION_STEPS = 200;
    private static final double GRID = 1e6;

    private WeightProjector() {
    }

    static WeightProposal propose(List<Trade> trades) {
        Map<String, Double> current = Map.of();
        for (int i = trades.size() - 1; i >= 0; i--) {
            if (!trades.get(i).weights().isEmpty()) {
                current = trades.get(i).weights();
                break;
            }
        }
        if (current.isEmpty()) {
            return WeightProposal.none();
        }
        Map<String, int[]> counts = new TreeMap<>();
        for (String m : current.keySet()) {
            counts.put(m, new int[2]);
        }
        for (Trade t : trades) {
            for (ComponentResult c : t.components()) {
                int[] k = counts.get(c.model());
                if (k != null && c.directional()) {
                    k[0]++;
                    if (c.correct()) {
                        k[1]++;
                    }
                }
            }
        }
        String[] models = current.keySet().toArray(new String[0]);
        int n = models.length;
        double[] w = new double[n];
        double[] precision = new double[n];
        int[] calls = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = current.get(models[i]);
            int[] k = counts.get(models[i]);
            calls[i] = k[0];
            precision[i] = k[0] == 0 ? Double.NaN : (double) k[1] / k[0];
        }
        return propose(models, w, precision, calls);
    }

    /**
     * The proposal for given current weights, precisions and call counts (the property tests drive this).
     */
    static WeightProposal propose(String[] models, double[] w, double[] precision, int[] calls) {
        int n = models.length;
        double sumWp = 0;
        double sumW = 0;
        for (int i = 0; i < n; i++) {
            if (calls[i] >= SafetyPolicy.MIN_COMPONENT_CALLS && !Double.isNaN(precision[i])) {
                sumWp += w[i] * precision[i];
                sumW += w[i];
            }
        }
        double mean = sumW > 0 ? sumWp / sumW : Double.NaN;
        double[] target = new double[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            target[i] = w[i];
            if (calls[i] < SafetyPolicy.MIN_COMPONENT_CALLS || Double.isNaN(precision[i])) {
                reasons[i] = "Insufficient data: " + calls[i] + " UP/DOWN calls (" + SafetyPolicy.MIN_COMPONENT_CALLS
                        + " needed)";
            } else if (!(mean > 0)) {
                reasons[i] = "Stable performance: ensemble precision is 0";
            } else if (Math.abs(precision[i] - mean) <= SafetyPolicy.STABLE_PRECISION_BAND) {
                reasons[i] = "Stable performance: precision " + f2(precision[i]) + " vs ensemble " + f2(mean);
            } else {
                target[i] = w[i] * precision[i] / mean;
                reasons[i] = "Precision " + f2(precision[i]) + ", " + (precision[i] > mean ? "above" : "below")
                        + " the ensemble's " + f2(mean);
            }
        }
        String problem = feasibility(models, w);
        double[] x = problem.isEmpty() ? project(w, target) : w.clone();
        Map<String, Double> cur = new TreeMap<>();
        Map<String, Double> prop = new TreeMap<>();
        List<WeightChange> changes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cur.put(models[i], w[i]);
            prop.put(models[i], x[i]);
            String reason = problem.isEmpty() ? reasons[i] : "Unchanged: " + problem;
            if (problem.isEmpty() && target[i] == w[i] && Math.abs(x[i] - w[i]) > 5e-6) {
                reason += "; shifted to keep the sum at 1";
            }
            changes.add(new WeightChange(models[i], w[i], x[i], precision[i], calls[i], reason));
        }
        return new WeightProposal(cur, prop, changes, problem);
    }

    static double lower(double w) {
        return Math.max(SafetyPolicy.MIN_WEIGHT, w * (1 - SafetyPolicy.MAX_WEIGHT_CHANGE));
    }

    static double upper(double w) {
        return Math.min(SafetyPolicy.MAX_WEIGHT, w * (1 + SafetyPolicy.MAX_WEIGHT_CHANGE));
    }

    /** Why no weights satisfy the rules starting from w; empty when some do. */
    static String feasibility(String[] models, double[] w) {
        double sumLo = 0;
        double sumHi = 0;
        for (int i = 0; i < w.length; i++) {
            double lo = lower(w[i]);
            double hi = upper(w[i]);
            if (lo > hi) {
                return "the weight of " + models[i] + " (" + f4(w[i]) + ") cannot reach [0.15, 0.40] by a change of "
                        + "at most 10%";
            }
            sumLo += lo;
            sumHi += hi;
        }
        if (sumLo > 1.0 || sumHi < 1.0) {
            return w.length + " weights each within 10% of its current value and inside [0.15, 0.40] sum to "
                    + "between " + f4(sumLo) + " and " + f4(sumHi) + ", never to 1";
        }
        return "";
    }

    /** The projection described in the class comment; requires {@link #feasibility} to be empty. */
    static double[] project(double[] w, double[] target) {
        int n = w.length;
        double[] lo = new double[n];
        double[] hi = new double[n];
        double a = Double.POSITIVE_INFINITY;
        double b = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            lo[i] = lower(w[i]);
            hi[i] = upper(w[i]);
            a = Math.min(a, lo[i] - target[i]);
            b = Math.max(b, hi[i] - target[i]);
        }
        for (int step = 0; step < BISECTION_STEPS; step++) {
            double mid = 0.5 * (a + b);
            if (mid <= a || mid >= b) {
                break;
            }
            if (sum(target, lo, hi, mid) < 1.0) {
                a = mid;
            } else {
                b = mid;
            }
        }
        double[] x = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            // onto a 1e-6 grid (inside the box), so an unchanged weight reads 0.2, not 0.19999999999999996
            x[i] = clamp(Math.rint(clamp(target[i] + b, lo[i], hi[i]) * GRID) / GRID, lo[i], hi[i]);
            total += x[i];
        }
        // put the rounding residual on weights that have room, largest room first
        for (int pass = 0; pass < 3 && total != 1.0; pass++) {
            for (int i = 0; i < n && total != 1.0; i++) {
                double residual = 1.0 - total;
                double moved = clamp(x[i] + residual, lo[i], hi[i]);
                total += moved - x[i];
                x[i] = moved;
            }
            total = 0;
            for (int i = 0; i < n; i++) {
                total += x[i];
            }
        }
        return x;
    }

    private static double sum(double[] t, double[] lo, double[] hi, double lambda) {
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            s += clamp(t[i] + lambda, lo[i], hi[i]);
        }
        return s;
    }

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}

package dev.modelmonitor.stats;

import java.util.Arrays;

/**
 * Classification metrics on integer labels and scores: accuracy, precision, recall, F1 (binary and
 * macro-averaged), ROC AUC and log loss, with scikit-learn 1.2's conventions.
 *
 * <p><b>Conventions.</b>
 * <ul>
 *   <li>Precision {@code tp / (tp + fp)}, recall {@code tp / (tp + fn)} and
 *       {@code F1 = 2 P R / (P + R)} use scikit-learn's {@code zero_division=0}: a ratio whose denominator is 0
 *       is 0 (for example precision when nothing was predicted positive), never NaN and never a warning.</li>
 *   <li>Binary metrics count {@code positiveLabel} as positive and every other label as negative
 *       ({@code precision_score(y, yhat, pos_label=positiveLabel)}); the overloads without it use 1.</li>
 *   <li>Macro averages ({@code average='macro'}) are the unweighted mean of the per-label metric over the
 *       labels present in either array (scikit-learn's {@code unique_labels(y_true, y_pred)}), for example
 *       -1/0/1 for a direction model.</li>
 *   <li>ROC AUC equals {@code roc_auc_score}: ties in score count one half, which is what the trapezoid under
 *       scikit-learn's ROC curve (one point per distinct threshold) integrates to. It is computed as the
 *       Mann-Whitney count {@code (#{s_pos > s_neg} + #{s_pos = s_neg} / 2) / (n_pos n_neg)} by sorting the
 *       positive and negative scores and one merge walk, so it is exact up to one rounding.</li>
 *   <li>Log loss equals scikit-learn 1.2 {@code log_loss(y, p)} with {@code eps=1e-15}: p is clipped to
 *       [eps, 1 - eps], the two columns (1 - p, p) renormalised to sum 1, and the mean of
 *       {@code -ln(column of the true label)} returned.</li>
 * </ul>
 *
 * <p><b>Agreement.</b> Every method agrees with scikit-learn 1.2 to 1e-12 relative on the committed reference
 * vectors (differences come only from summation order).
 *
 * <p><b>Empty input and degenerate cases.</b> Every metric returns NaN for empty input (scikit-learn warns or
 * raises there; a monitor wants a defined "no data" value). ROC AUC returns NaN when only one class is present
 * (scikit-learn raises). Label arrays of different lengths, NaN scores or probabilities outside [0, 1] are
 * rejected with an {@link IllegalArgumentException} naming the argument, the index and the value. Labels for
 * ROC AUC and log loss must be 0 or 1.
 *
 * <p><b>Cost.</b> Accuracy and the binary metrics take O(n) time and allocate nothing; macro averages take
 * O(n log L) time and O(n + L) space for L labels; ROC AUC takes O(n log n) time and O(n) space. All methods
 * are pure and thread-safe.
 */
public final class Classification {

    /** The clipping epsilon of scikit-learn 1.2 {@code log_loss}. */
    public static final double LOG_LOSS_EPS = 1e-15;

    private Classification() {
    }

    /**
     * The fraction of positions where the labels agree ({@code accuracy_score}).
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, same length
     * @return the accuracy in [0, 1]; NaN for empty input
     */
    public static double accuracy(int[] yTrue, int[] yPred) {
        checkSameLength(yTrue, yPred);
        int n = yTrue.length;
        if (n == 0) {
            return Double.NaN;
        }
        long hits = 0;
        for (int i = 0; i < n; i++) {
            if (yTrue[i] == yPred[i]) {
                hits++;
            }
        }
        return (double) hits / n;
    }

    /**
     * Binary precision {@code tp / (tp + fp)} with positive label 1.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, same length
     * @return the precision in [0, 1]; 0 when nothing is predicted positive; NaN for empty input
     */
    public static double precision(int[] yTrue, int[] yPred) {
        return precision(yTrue, yPred, 1);
    }

    /**
     * Binary precision {@code tp / (tp + fp)} for a given positive label ({@code precision_score(pos_label=...,
     * zero_division=0)}).
     *
     * @param yTrue         the true labels
     * @param yPred         the predicted labels, same length
     * @param positiveLabel the label counted as positive; every other label is negative
     * @return the precision in [0, 1]; 0 when nothing is predicted positive; NaN for empty input
     */
    public static double precision(int[] yTrue, int[] yPred, int positiveLabel) {
        checkSameLength(yTrue, yPred);
        if (yTrue.length == 0) {
            return Double.NaN;
        }
        long tp = 0;
        long predicted = 0;
        for (int i = 0; i < yTrue.length; i++) {
            if (yPred[i] == positiveLabel) {
                predicted++;
                if (yTrue[i] == positiveLabel) {
                    tp++;
                }
            }
        }
        return ratio(tp, predicted);
    }

    /**
     * Binary recall {@code tp / (tp + fn)} with positive label 1.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, same length
     * @return the recall in [0, 1]; 0 when no true positive label exists; NaN for empty input
     */
    public static double recall(int[] yTrue, int[] yPred) {
        return recall(yTrue, yPred, 1);
    }

    /**
     * Binary recall {@code tp / (tp + fn)} for a given positive label ({@code recall_score(pos_label=...,
     * zero_division=0)}).
     *
     * @param yTrue         the true labels
     * @param yPred         the predicted labels, same length
     * @param positiveLabel the label counted as positive
     * @return the recall in [0, 1]; 0 when no true positive label exists; NaN for empty input
     */
    public static double recall(int[] yTrue, int[] yPred, int positiveLabel) {
        checkSameLength(yTrue, yPred);
        if (yTrue.length == 0) {
            return Double.NaN;
        }
        long tp = 0;
        long actual = 0;
        for (int i = 0; i < yTrue.length; i++) {
            if (yTrue[i] == positiveLabel) {
                actual++;
                if (yPred[i] == positiveLabel) {
                    tp++;
                }
            }
        }
        return ratio(tp, actual);
    }

    /**
     * Binary F1 with positive label 1.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, same length
     * @return F1 in [0, 1]; 0 when precision + recall is 0; NaN for empty input
     */
    public static double f1(int[] yTrue, int[] yPred) {
        return f1(yTrue, yPred, 1);
    }

    /**
     * Binary F1 {@code 2 P R / (P + R)} for a given positive label ({@code f1_score(pos_label=...,
     * zero_division=0)}).
     *
     * @param yTrue         the true labels
     * @param yPred         the predicted labels, same length
     * @param positiveLabel the label counted as positive
     * @return F1 in [0, 1]; 0 when precision + recall is 0; NaN for empty input
     */
    public static double f1(int[] yTrue, int[] yPred, int positiveLabel) {
        checkSameLength(yTrue, yPred);
        if (yTrue.length == 0) {
            return Double.NaN;
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < yTrue.length; i++) {
            boolean t = yTrue[i] == positiveLabel;
            boolean p = yPred[i] == positiveLabel;
            if (t && p) {
                tp++;
            } else if (p) {
                fp++;
            } else if (t) {
                fn++;
            }
        }
        return f1(ratio(tp, tp + fp), ratio(tp, tp + fn));
    }

    /**
     * Macro-averaged precision over the labels present in either array ({@code average='macro'}).
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, same length
     * @return the unweighted mean of per-label precision; NaN for empty input
     */
    public static double macroPrecision(int[] yTrue, int[] yPred) {
        return macro(yTrue, yPred, 0);
    }

    /**
     * Macro-averaged recall over the labels present in either array ({@code average='macro'}).
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, same length
     * @return the unweighted mean of per-label recall; NaN for empty input
     */
    public static double macroRecall(int[] yTrue, int[] yPred) {
        return macro(yTrue, yPred, 1);
    }

    /**
     * Macro-averaged F1 over the labels present in either array ({@code f1_score(average='macro')}: the mean
     * of per-label F1, not the F1 of the mean precision and recall).
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, same length
     * @return the unweighted mean of per-label F1; NaN for empty input
     */
    public static double macroF1(int[] yTrue, int[] yPred) {
        return macro(yTrue, yPred, 2);
    }

    /**
     * The area under the ROC curve of scores against 0/1 labels ({@code roc_auc_score(y, s)}), ties counting
     * one half.
     *
     * @param yTrue  the labels, each 0 or 1
     * @param scores the scores, same length, no NaN (infinities allowed); higher means more likely 1
     * @return the AUC in [0, 1]; NaN for empty input or when only one class is present
     */
    public static double rocAuc(int[] yTrue, double[] scores) {
        checkSameLength(yTrue, scores, "scores");
        int n = yTrue.length;
        int nPos = 0;
        for (int i = 0; i < n; i++) {
            checkBinaryLabel("yTrue", yTrue, i);
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("scores must not contain NaN, was NaN at index " + i);
            }
            nPos += yTrue[i];
        }
        int nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) {
            return Double.NaN;
        }
        double[] pos = new double[nPos];
        double[] neg = new double[nNeg];
        int ip = 0;
        int in = 0;
        for (int i = 0; i < n; i++) {
            if (yTrue[i] == 1) {
                pos[ip++] = scores[i];
            } else {
                neg[in++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        // For each distinct score: positives above all smaller negatives, half a pair per tie.
        long greater = 0;
        long ties = 0;
        int j = 0;
        int i = 0;
        while (i < nPos) {
            double s = pos[i];
            int runEnd = i;
            while (runEnd < nPos && pos[runEnd] == s) {
                runEnd++;
            }
            while (j < nNeg && neg[j] < s) {
                j++;
            }
            int k = j;
            while (k < nNeg && neg[k] == s) {
                k++;
            }
            long run = runEnd - i;
            greater += run * j;
            ties += run * (k - j);
            i = runEnd;
        }
        return (greater + 0.5 * ties) / ((double) nPos * nNeg);
    }

    /**
     * The binary log loss (cross-entropy) in nats, as scikit-learn 1.2 {@code log_loss(y, p)} with
     * {@code eps=1e-15}.
     *
     * @param yTrue the labels, each 0 or 1
     * @param p     the predicted probabilities of label 1, same length, each in [0, 1]
     * @return the mean log loss, &gt;= 0; NaN for empty input
     */
    public static double logLoss(int[] yTrue, double[] p) {
        checkSameLength(yTrue, p, "p");
        int n = yTrue.length;
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            checkBinaryLabel("yTrue", yTrue, i);
            checkProbability("p", p, i);
            double q = Math.min(Math.max(p[i], LOG_LOSS_EPS), 1.0 - LOG_LOSS_EPS);
            double q0 = 1.0 - q;
            double total = q0 + q;
            sum -= Math.log(yTrue[i] == 1 ? q / total : q0 / total);
        }
        return sum / n;
    }

    private static double macro(int[] yTrue, int[] yPred, int which) {
        checkSameLength(yTrue, yPred);
        int n = yTrue.length;
        if (n == 0) {
            return Double.NaN;
        }
        int[] labels = new int[2 * n];
        System.arraycopy(yTrue, 0, labels, 0, n);
        System.arraycopy(yPred, 0, labels, n, n);
        Arrays.sort(labels);
        int distinct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (i == 0 || labels[i] != labels[i - 1]) {
                labels[distinct++] = labels[i];
            }
        }
        long[] tp = new long[distinct];
        long[] predicted = new long[distinct];
        long[] actual = new long[distinct];
        for (int i = 0; i < n; i++) {
            int t = Arrays.binarySearch(labels, 0, distinct, yTrue[i]);
            int p = Arrays.binarySearch(labels, 0, distinct, yPred[i]);
            actual[t]++;
            predicted[p]++;
            if (t == p) {
                tp[t]++;
            }
        }
        double sum = 0.0;
        for (int k = 0; k < distinct; k++) {
            double prec = ratio(tp[k], predicted[k]);
            double rec = ratio(tp[k], actual[k]);
            sum += which == 0 ? prec : which == 1 ? rec : f1(prec, rec);
        }
        return sum / distinct;
    }

    private static double ratio(long num, long den) {
        return den == 0 ? 0.0 : (double) num / den;
    }

    private static double f1(double precision, double recall) {
        double den = precision + recall;
        return den == 0.0 ? 0.0 : 2.0 * precision * recall / den;
    }

    private static void checkSameLength(int[] yTrue, int[] yPred) {
        checkLengths("yTrue", yTrue == null ? -1 : yTrue.length, "yPred", yPred == null ? -1 : yPred.length);
    }

    private static void checkSameLength(int[] yTrue, double[] values, String valuesName) {
        checkLengths("yTrue", yTrue == null ? -1 : yTrue.length, valuesName, values == null ? -1 : values.length);
    }

    /** Rejects a null array (length -1) or two arrays of different lengths, naming both. */
    static void checkLengths(String aName, int aLength, String bName, int bLength) {
        if (aLength < 0) {
            throw new IllegalArgumentException(aName + " must not be null");
        }
        if (bLength < 0) {
            throw new IllegalArgumentException(bName + " must not be null");
        }
        if (aLength != bLength) {
            throw new IllegalArgumentException(aName + " and " + bName + " must have the same length, were "
                    + aLength + " and " + bLength);
        }
    }

    static void checkBinaryLabel(String name, int[] y, int i) {
        if (y[i] != 0 && y[i] != 1) {
            throw new IllegalArgumentException(name + " must contain only 0 or 1, was " + y[i] + " at index " + i);
        }
    }

    static void checkProbability(String name, double[] p, int i) {
        double v = p[i];
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException(name + " must not contain NaN, was NaN at index " + i);
        }
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + v + " at index " + i);
        }
    }
}

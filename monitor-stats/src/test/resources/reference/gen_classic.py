#!/usr/bin/python3
"""Reference vectors for Classification, Regression, BinomialTest, Normal, Proportions, Calibration and
IsotonicRegression, written to classic.json next to this script.

Run with Debian's scientific stack (python3-scipy 1.10, python3-sklearn 1.2, python3-statsmodels 0.13):

    /usr/bin/python3 monitor-stats/src/test/resources/reference/gen_classic.py

The build never runs this; the JSON it writes is committed. Inputs are drawn from numpy's PCG64 with fixed
seeds, so rerunning gives the same file. Spiegelhalter, Hosmer-Lemeshow, the Brier decomposition, ECE and
MCE have no library function: they are computed here with numpy/scipy from the formulas in the Javadoc.
"""
import json
import os
import sys

import numpy as np
import scipy
import scipy.special
import scipy.stats
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import (accuracy_score, brier_score_loss, f1_score, log_loss, mean_absolute_error,
                             mean_absolute_percentage_error, mean_pinball_loss, mean_squared_error,
                             precision_score, recall_score, roc_auc_score)
import statsmodels
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "classic.json")


def fl(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def il(a):
    return [int(v) for v in np.asarray(a).ravel()]


def classification():
    rng = np.random.default_rng(20240101)
    cases = []

    def add(name, y, yhat, scores, probs, pos=1):
        case = {"name": name, "yTrue": il(y), "yPred": il(yhat), "positiveLabel": pos,
                "accuracy": accuracy_score(y, yhat)}
        labels = np.unique(np.concatenate([y, yhat]))
        if set(labels) <= {0, 1}:
            case["precision"] = precision_score(y, yhat, pos_label=pos, zero_division=0)
            case["recall"] = recall_score(y, yhat, pos_label=pos, zero_division=0)
            case["f1"] = f1_score(y, yhat, pos_label=pos, zero_division=0)
        elif pos != 1:
            # one label against the rest: scikit-learn's per-label figures
            case["precision"] = precision_score(y, yhat, labels=[pos], average=None, zero_division=0)[0]
            case["recall"] = recall_score(y, yhat, labels=[pos], average=None, zero_division=0)[0]
            case["f1"] = f1_score(y, yhat, labels=[pos], average=None, zero_division=0)[0]
        case["macroPrecision"] = precision_score(y, yhat, average="macro", zero_division=0)
        case["macroRecall"] = recall_score(y, yhat, average="macro", zero_division=0)
        case["macroF1"] = f1_score(y, yhat, average="macro", zero_division=0)
        if scores is not None:
            case["scores"] = fl(scores)
            case["rocAuc"] = roc_auc_score(y, scores)
        if probs is not None:
            case["p"] = fl(probs)
            case["logLoss"] = log_loss(y, probs, eps=1e-15, labels=[0, 1])
        cases.append(case)

    n = 400
    y = rng.integers(0, 2, n)
    s = np.clip(0.3 * y + rng.normal(0.35, 0.25, n), 0, 1)
    add("binary continuous scores", y, (s > 0.5).astype(int), s, s)
    s2 = np.round(s, 1)  # many ties
    add("binary tied scores", y, (s2 >= 0.5).astype(int), s2, s2)
    p3 = s.copy()
    p3[:10] = 0.0
    p3[10:20] = 1.0
    add("log loss clipping at 0 and 1", y, (p3 > 0.5).astype(int), p3, p3)
    add("nothing predicted positive", y, np.zeros(n, dtype=int), None, None)
    y5 = rng.integers(0, 2, 7)
    add("tiny", y5, 1 - y5, rng.random(7), rng.random(7))
    y3 = rng.integers(-1, 2, 300)
    yh3 = np.where(rng.random(300) < 0.6, y3, rng.integers(-1, 2, 300))
    add("three classes -1/0/1", y3, yh3, None, None)
    add("three classes, positive label -1", y3, yh3, None, None, pos=-1)
    yh4 = np.where(yh3 == 0, 1, yh3)  # label 0 never predicted
    add("label never predicted", y3, yh4, None, None)
    return cases


def regression():
    rng = np.random.default_rng(20240102)
    cases = []
    for name, n, zeros in [("normal", 500, 0), ("with zeros in y", 200, 20), ("single", 1, 0)]:
        y = rng.normal(10, 3, n)
        y[:zeros] = 0.0
        yhat = y + rng.normal(0, 2, n)
        lo = yhat - 2.5
        hi = yhat + 2.5
        case = {"name": name, "y": fl(y), "yHat": fl(yhat), "lo": fl(lo), "hi": fl(hi),
                "mae": mean_absolute_error(y, yhat),
                "rmse": mean_squared_error(y, yhat, squared=False),
                "mape": mean_absolute_percentage_error(y, yhat),
                "pinball": [], "quantileCoverage": float(np.mean(y <= yhat)),
                "intervalCoverage": float(np.mean((y >= lo) & (y <= hi)))}
        for alpha in [0.0, 0.1, 0.5, 0.9, 1.0]:
            case["pinball"].append({"alpha": alpha, "loss": mean_pinball_loss(y, yhat, alpha=alpha)})
        cases.append(case)
    return cases


def binomial():
    cases = []
    grid = [(0, 1, 0.5), (1, 1, 0.5), (3, 10, 0.5), (7, 10, 0.5), (5, 10, 0.5), (0, 10, 0.3), (10, 10, 0.3),
            (2, 20, 0.1), (2, 20, 0.3), (17, 20, 0.62), (55, 100, 0.62), (62, 100, 0.62), (70, 100, 0.62),
            (450, 1000, 0.5), (520, 1000, 0.52), (100, 1000, 0.05), (1, 1000, 0.05), (300, 1000, 0.01),
            (4980, 10000, 0.5), (5200, 10000, 0.5), (6, 7, 1 / 3), (1, 3, 1 / 3), (2, 9, 2 / 9),
            (0, 50, 0.0), (3, 50, 0.0), (50, 50, 1.0), (47, 50, 1.0), (31, 60, 0.5), (29, 60, 0.5),
            (123, 200, 0.6), (37, 80, 0.41)]
    for k, n, p in grid:
        for alt in ["two-sided", "less", "greater"]:
            r = scipy.stats.binomtest(k, n, p, alternative=alt)
            cases.append({"k": k, "n": n, "p": p, "alternative": alt, "statistic": float(r.statistic),
                          "pValue": float(r.pvalue)})
    return cases


def normal():
    xs = np.concatenate([np.linspace(-6, 6, 241), [0.0, 1e-300, 1e-20, 1e-8, 0.46875, 0.4687501, 4.0, 4.0000001,
                                                    5.5, 8.0, 10.0, 15.0, 20.0, 25.0, 26.0, 26.5, -26.5, -10.0]])
    zs = np.concatenate([np.linspace(-38, 38, 305), [-37.5, -30.0, -20.0, -9.5, -8.0, 8.0, 9.5, 20.0, 30.0, 37.5,
                                                      0.0, 1e-12, -1e-12]])
    ps = np.concatenate([[1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.02425, 0.025, 0.05,
                          0.1, 0.2, 0.3, 0.4, 0.45, 0.49, 0.499999, 0.5, 0.500001, 0.51, 0.6, 0.7, 0.8, 0.9, 0.95,
                          0.975, 0.97575, 0.99, 0.999, 1 - 1e-5, 1 - 1e-10, 1 - 1e-15]])
    return {"erfc": [{"x": float(x), "erfc": float(scipy.special.erfc(x)), "erf": float(scipy.special.erf(x))}
                     for x in xs],
            "cdf": [{"z": float(z), "cdf": float(scipy.stats.norm.cdf(z)), "sf": float(scipy.stats.norm.sf(z)),
                     "twoSided": float(min(1.0, 2 * scipy.stats.norm.sf(abs(z))))} for z in zs],
            "quantile": [{"p": float(p), "ppf": float(scipy.stats.norm.ppf(p))} for p in ps]}


def proportions():
    ztests = []
    for count, nobs, p0 in [(31, 50, 0.62), (26, 50, 0.62), (52, 100, 0.62), (62, 100, 0.62), (0, 10, 0.5),
                            (10, 10, 0.5), (1, 1, 0.5), (180, 200, 0.7), (400, 1000, 0.45), (5, 200, 0.1),
                            (95, 200, 0.5), (3, 4, 0.25)]:
        for alt, name in [("two-sided", "TWO_SIDED"), ("smaller", "LESS"), ("larger", "GREATER")]:
            z, pv = proportions_ztest(count, nobs, value=p0, alternative=alt, prop_var=p0)
            ztests.append({"count": count, "nobs": nobs, "p0": p0, "alternative": name, "z": float(z),
                           "pValue": float(pv)})
    wilson = []
    for count, nobs, alpha in [(31, 50, 0.05), (0, 10, 0.05), (10, 10, 0.05), (1, 1, 0.05), (0, 1, 0.1),
                               (52, 100, 0.05), (52, 100, 0.01), (500, 1000, 0.05), (3, 1000, 0.05),
                               (999, 1000, 0.2), (7, 9, 0.32)]:
        lo, hi = proportion_confint(count, nobs, alpha=alpha, method="wilson")
        wilson.append({"count": count, "nobs": nobs, "alpha": alpha, "lower": float(lo), "upper": float(hi)})
    return {"zTest": ztests, "wilson": wilson}


def floor_bins(p, b):
    return np.minimum(np.floor(p * b).astype(int), b - 1)


def decomposition(y, p, b):
    k = floor_bins(p, b)
    n = len(y)
    rel = res = wbv = wbc = 0.0
    obar = y.mean()
    for j in range(b):
        m = k == j
        if not m.any():
            continue
        pb, ob = p[m].mean(), y[m].mean()
        rel += m.sum() * (pb - ob) ** 2
        res += m.sum() * (ob - obar) ** 2
        wbv += ((p[m] - pb) ** 2).sum()
        wbc += ((p[m] - pb) * (y[m] - ob)).sum()
    return {"brier": float(np.mean((p - y) ** 2)), "reliability": rel / n, "resolution": res / n,
            "uncertainty": float(obar * (1 - obar)), "withinBinVariance": wbv / n, "withinBinCovariance": wbc / n}


def ece_mce(y, p, b):
    k = floor_bins(p, b)
    n = len(y)
    ece, mce = 0.0, 0.0
    for j in range(b):
        m = k == j
        if m.any():
            gap = abs(y[m].mean() - p[m].mean())
            ece += m.sum() / n * gap
            mce = max(mce, gap)
    return ece, mce


def spiegelhalter(y, p):
    a = 1 - 2 * p
    z = np.sum((y - p) * a) / np.sqrt(np.sum(a * a * p * (1 - p)))
    return float(z), float(2 * scipy.stats.norm.sf(abs(z)))


def hosmer_lemeshow(y, p, g=10):
    order = np.argsort(p, kind="stable")
    hl = 0.0
    for idx in np.array_split(order, g):
        o, e, m = y[idx].sum(), p[idx].sum(), len(idx)
        pib = e / m
        hl += (o - e) ** 2 / (m * pib * (1 - pib))
    return float(hl), float(scipy.stats.chi2.sf(hl, g - 2))


def calibration():
    rng = np.random.default_rng(20240103)
    cases = []

    def add(name, y, p, bins_list=(10, 5, 7)):
        case = {"name": name, "y": il(y), "p": fl(p), "brier": brier_score_loss(y, p), "byBins": []}
        for b in bins_list:
            ece, mce = ece_mce(y, p, b)
            entry = {"bins": b, "decomposition": decomposition(y.astype(float), p, b), "ece": ece, "mce": mce}
            for strategy in ["uniform", "quantile"]:
                pt, pp = calibration_curve(y, p, n_bins=b, strategy=strategy)
                entry[strategy] = {"probTrue": fl(pt), "probPred": fl(pp)}
            case["byBins"].append(entry)
        z, pz = spiegelhalter(y.astype(float), p)
        case["spiegelhalter"] = {"z": z, "pValue": pz}
        hl, phl = hosmer_lemeshow(y.astype(float), p)
        case["hosmerLemeshow"] = {"statistic": hl, "pValue": phl}
        cases.append(case)

    n = 1000
    p = rng.beta(2, 3, n)
    y = (rng.random(n) < p).astype(int)
    add("calibrated beta(2,3)", y, p)
    p2 = np.clip(p * 1.3, 0, 1)
    y2 = (rng.random(n) < p).astype(int)
    add("overconfident", y2, p2)
    p3 = np.round(rng.random(503), 2)
    p3[:11] = [0.0, 1.0, 0.1, 0.2, 0.3, 0.5, 0.6, 0.7, 0.9, 0.05, 0.95]
    y3 = (rng.random(503) < np.clip(p3, 0.02, 0.98)).astype(int)
    add("rounded to 0.01 with probabilities on bin edges", y3, p3)
    p4 = rng.random(37) * 0.4 + 0.05  # only the lower bins occupied
    y4 = (rng.random(37) < p4).astype(int)
    add("empty upper bins", y4, p4)
    return cases


def isotonic():
    rng = np.random.default_rng(20240104)
    cases = []

    def add(name, x, y, w=None, grid=None):
        reg = IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1, increasing=True)
        reg.fit(x, y, sample_weight=w)
        if grid is None:
            grid = np.concatenate([np.linspace(x.min() - 0.1, x.max() + 0.1, 101), x[:50]])
        case = {"name": name, "x": fl(x), "y": fl(y), "thresholdsX": fl(reg.X_thresholds_),
                "thresholdsY": fl(reg.y_thresholds_), "grid": fl(grid), "predicted": fl(reg.predict(grid))}
        if w is not None:
            case["weights"] = fl(w)
        cases.append(case)

    x = rng.random(2000)
    y = (rng.random(2000) < x ** 2).astype(float)
    add("2000 points, 0/1 targets", x, y)
    xr = np.round(rng.random(600), 2)
    yr = (rng.random(600) < xr).astype(float)
    add("600 points, x rounded to 0.01 (ties averaged)", xr, yr)
    w = rng.integers(0, 4, 600).astype(float)
    add("600 points, weights with zeros", xr, yr, w)
    xc = rng.normal(0, 1, 300)
    yc = 0.5 + 0.3 * xc + rng.normal(0, 0.3, 300)  # leaves [0, 1]: clipping matters
    add("continuous targets clipped to [0, 1]", xc, yc, rng.random(300) + 0.1)
    add("five points", np.array([0.3, 0.1, 0.2, 0.5, 0.4]), np.array([1.0, 0.0, 1.0, 0.0, 1.0]))
    add("single point", np.array([0.4]), np.array([1.0]), grid=np.array([0.0, 0.4, 1.0]))
    add("all x equal", np.array([0.2, 0.2, 0.2]), np.array([1.0, 0.0, 1.0]), grid=np.array([0.0, 0.2, 1.0]))
    xd = rng.random(100)
    add("decreasing data pools to one level", xd, 1 - xd)
    return cases


def main():
    doc = {
        "generator": "gen_classic.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                     "sklearn": sklearn.__version__, "statsmodels": statsmodels.__version__},
        "classification": classification(),
        "regression": regression(),
        "binomial": binomial(),
        "normal": normal(),
        "proportions": proportions(),
        "calibration": calibration(),
        "isotonic": isotonic(),
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", OUT, os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()

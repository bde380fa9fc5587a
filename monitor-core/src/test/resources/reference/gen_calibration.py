#!/usr/bin/python3
"""Reference vectors for the monitor's streaming calibration, written to calibration.json next to this script.

Run with Debian's scientific stack (python3-sklearn 1.2, python3-statsmodels 0.13, python3-scipy 1.10):

    /usr/bin/python3 monitor-core/src/test/resources/reference/gen_calibration.py

The build never runs this; the JSON it writes is committed. Each case is a stream of binary probability
forecasts p with outcomes y, fed to the monitor in order within one day. The expected figures are those of the
whole stream (the monitor's 1-day time window) and of its last 200 forecasts (the longest count window):
Brier score from scikit-learn's brier_score_loss; the Murphy decomposition with its within-bin terms, ECE, MCE
and Spiegelhalter's z from numpy with the formulas of monitor-stats' Calibration (no library has them); the
per-bin Wilson intervals from statsmodels' proportion_confint(method='wilson'). The change case compares two
periods' residuals y - p with statsmodels CompareMeans.ztest_ind(usevar='unequal').
"""
import json
import os

import numpy as np
import scipy
import scipy.stats
import sklearn
import statsmodels
from sklearn.metrics import brier_score_loss
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "calibration.json")
BINS = 10


def fl(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def figures(y, p):
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    n = len(p)
    k = np.minimum(np.floor(p * BINS).astype(int), BINS - 1)
    obar = y.mean()
    rel = res = wbv = wbc = ece = mce = 0.0
    bins = []
    for b in range(BINS):
        m = k == b
        nk = int(m.sum())
        if nk == 0:
            bins.append({"count": 0, "hits": 0})
            continue
        pk = p[m].mean()
        ok = y[m].mean()
        rel += nk * (pk - ok) ** 2
        res += nk * (ok - obar) ** 2
        wbv += ((p[m] - pk) ** 2).sum()
        wbc += ((p[m] - pk) * (y[m] - ok)).sum()
        gap = abs(ok - pk)
        ece += nk / n * gap
        mce = max(mce, gap)
        lo, hi = proportion_confint(int(y[m].sum()), nk, alpha=0.05, method="wilson")
        bins.append({"count": nk, "hits": int(y[m].sum()), "meanConfidence": float(pk), "observedRate": float(ok),
                     "wilsonLower": float(lo), "wilsonUpper": float(hi)})
    a = 1 - 2 * p
    z = ((y - p) * a).sum() / np.sqrt((a * a * p * (1 - p)).sum())
    return {"count": n, "meanConfidence": float(p.mean()), "observedRate": float(obar),
            "brier": float(brier_score_loss(y, p)), "reliability": rel / n, "resolution": res / n,
            "uncertainty": float(obar * (1 - obar)), "withinBinVariance": wbv / n, "withinBinCovariance": wbc / n,
            "ece": float(ece), "mce": float(mce), "spiegelhalterZ": float(z),
            "spiegelhalterP": float(2 * scipy.stats.norm.sf(abs(z))), "bins": bins}


def cases():
    rng = np.random.default_rng(20261124)
    out = []

    def add(name, p, y):
        out.append({"name": name, "p": fl(p), "y": [int(v) for v in y], "all": figures(y, p),
                    "last200": figures(y[-200:], p[-200:])})

    p = rng.beta(2, 3, 1000)
    add("calibrated beta(2,3), 1000", p, (rng.random(1000) < p).astype(int))
    p = rng.random(700)
    add("overconfident: event rate 0.5 + 0.6 (p - 0.5), 700", p, (rng.random(700) < 0.5 + 0.6 * (p - 0.5)).astype(int))
    p = np.round(rng.random(503), 2)
    p[:11] = [0.0, 1.0, 0.1, 0.2, 0.3, 0.5, 0.6, 0.7, 0.9, 0.05, 0.95]
    add("rounded to 0.01, probabilities on bin edges, 503", p,
        (rng.random(503) < np.clip(p, 0.02, 0.98)).astype(int))
    return out


def change():
    rng = np.random.default_rng(20261126)
    p1 = 0.5 + 0.45 * rng.random(800)
    y1 = (rng.random(800) < p1).astype(int)
    p2 = 0.5 + 0.45 * rng.random(900)
    y2 = (rng.random(900) < 0.5 + 0.5 * (p2 - 0.5)).astype(int)
    cm = CompareMeans(DescrStatsW(y2 - p2), DescrStatsW(y1 - p1))
    z, pv = cm.ztest_ind(usevar="unequal")
    return {"referenceP": fl(p1), "referenceY": [int(v) for v in y1], "currentP": fl(p2),
            "currentY": [int(v) for v in y2], "referenceGap": float(np.mean(y1 - p1)),
            "currentGap": float(np.mean(y2 - p2)), "referenceEce": figures(y1, p1)["ece"],
            "currentEce": figures(y2, p2)["ece"], "z": float(z), "pValue": float(pv)}


def main():
    doc = {"generator": "gen_calibration.py",
           "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__,
                        "statsmodels": statsmodels.__version__},
           "bins": BINS, "cases": cases(), "change": change()}
    with open(OUT, "w") as f:
        json.dump(doc, f)
        f.write("\n")


if __name__ == "__main__":
    main()

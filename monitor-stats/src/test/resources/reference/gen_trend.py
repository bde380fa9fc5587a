#!/usr/bin/python3
"""Reference vectors for Trend (OLS slope t-test) and Means (unequal-variance two-sample z-test), written to
trend.json next to this script.

Run with Debian's statsmodels 0.13 (python3-statsmodels):

    /usr/bin/python3 monitor-stats/src/test/resources/reference/gen_trend.py

The build never runs this; the JSON it writes is committed. Inputs come from numpy's PCG64 with fixed seeds.
"""
import json
import os

import numpy as np
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "trend.json")


def fl(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def slopes():
    rng = np.random.default_rng(20261124)
    cases = []

    def add(name, x, y):
        fit = sm.OLS(y, sm.add_constant(x)).fit()
        cases.append({"name": name, "x": fl(x), "y": fl(y), "slope": float(fit.params[1]),
                      "intercept": float(fit.params[0]), "standardError": float(fit.bse[1]),
                      "tStatistic": float(fit.tvalues[1]), "pValue": float(fit.pvalues[1])})

    x = np.arange(1.0, 9.0)
    add("8 weekly ECE points, rising", x, 0.03 + 0.004 * x + rng.normal(0, 0.003, 8))
    add("8 weekly ECE points, flat noise", x, 0.04 + rng.normal(0, 0.01, 8))
    add("3 points, the fewest with a test", np.array([1.0, 2.0, 3.0]), np.array([0.05, 0.04, 0.052]))
    add("12 points, falling", np.arange(12.0), 0.2 - 0.01 * np.arange(12.0) + rng.normal(0, 0.02, 12))
    xs = rng.random(40) * 100
    add("40 points, irregular x", xs, 3.0 - 0.02 * xs + rng.normal(0, 1.0, 40))
    return cases


def welch():
    rng = np.random.default_rng(20261125)
    cases = []

    def add(name, a, b):
        cm = CompareMeans(DescrStatsW(a), DescrStatsW(b))
        z, p = cm.ztest_ind(usevar="unequal")
        cases.append({"name": name, "n1": len(a), "mean1": float(np.mean(a)), "var1": float(np.var(a, ddof=1)),
                      "n2": len(b), "mean2": float(np.mean(b)), "var2": float(np.var(b, ddof=1)),
                      "z": float(z), "pValue": float(p)})

    p1 = 0.5 + 0.45 * rng.random(700)
    y1 = (rng.random(700) < p1).astype(float)
    p2 = 0.5 + 0.45 * rng.random(650)
    y2 = (rng.random(650) < 0.5 + 0.6 * (p2 - 0.5)).astype(float)
    add("calibration residuals y - p, overconfident second period", y1 - p1, y2 - p2)
    add("small samples", rng.normal(0.0, 1.0, 5), rng.normal(0.5, 2.0, 9))
    add("equal means", np.array([1.0, 2.0, 3.0]), np.array([0.0, 2.0, 4.0]))
    return cases


def main():
    doc = {"generator": "gen_trend.py",
           "versions": {"numpy": np.__version__, "statsmodels": statsmodels.__version__},
           "slopes": slopes(), "welch": welch()}
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Reference vectors for the drift statistics in dev.modelmonitor.stats.

Run with Debian's python3 (scipy 1.10, numpy 1.24, statsmodels 0.13) from this directory:

    /usr/bin/python3 gen_drift.py

It writes drift_ks.json (two-sample KS and kstwo.sf) and drift.json (PSI, KL, Jensen-Shannon,
Wasserstein, chi-square, Benjamini-Hochberg). The Java tests only read the JSON; the build never needs
Python. Inputs are rounded to a few decimals so the files stay small and so ties occur.
"""
import json
import os
import warnings

import numpy as np
import scipy
import statsmodels
from scipy import stats
from scipy.spatial.distance import jensenshannon
from scipy.stats import chi2_contingency, entropy, wasserstein_distance
from statsmodels.stats.multitest import multipletests

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240611)


def r(a, dec=4):
    return [float(v) for v in np.round(np.asarray(a, dtype=float), dec)]


def ks_case(name, x, y, method):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = stats.ks_2samp(x, y, alternative='two-sided', method=method)
    used = method
    if method == 'auto':
        used = 'exact' if max(len(x), len(y)) <= 10000 else 'asymp'
    return {"name": name, "x": r(x, 6), "y": r(y, 6), "method": method, "usedMethod": used,
            "statistic": float(res.statistic), "pvalue": float(res.pvalue),
            "location": float(res.statistic_location), "sign": int(res.statistic_sign)}


def ks_cases():
    cases = []
    for n1, n2, shift, dec in [(5, 7, 0.0, 2), (10, 10, 0.5, 1), (12, 30, 0.3, 1), (30, 45, 0.0, 3),
                               (1, 1, 0.0, 2), (1, 4, 1.0, 2), (3, 2, 0.0, 0), (47, 23, 0.8, 2),
                               (40, 40, 0.0, 1), (25, 49, 2.0, 3)]:
        x = np.round(rng.normal(0, 1, n1), dec)
        y = np.round(rng.normal(shift, 1, n2), dec)
        cases.append(ks_case(f"small_{n1}_{n2}_{shift}", x, y, 'auto'))
    cases.append(ks_case("all_equal", [1.0] * 6, [1.0] * 9, 'auto'))
    cases.append(ks_case("disjoint", [1.0, 2.0, 3.0], [4.0, 5.0], 'auto'))
    x = rng.normal(0, 1, 1000)
    y = rng.normal(0.05, 1.1, 800)
    cases.append(ks_case("medium_1000_800", np.round(x, 6), np.round(y, 6), 'auto'))
    x = rng.normal(0, 1, 1000)
    y = rng.normal(0.15, 1, 1000)
    cases.append(ks_case("medium_1000_1000", np.round(x, 6), np.round(y, 6), 'auto'))
    x = rng.normal(0, 1, 600)
    y = rng.normal(0.0, 1, 450)
    cases.append(ks_case("medium_600_450_asymp", np.round(x, 6), np.round(y, 6), 'asymp'))
    x = rng.normal(0, 1, 12000)
    y = rng.normal(0.02, 1, 11000)
    cases.append(ks_case("large_12000_11000", np.round(x, 5), np.round(y, 5), 'auto'))
    x = rng.normal(0, 1, 12000)
    y = rng.normal(0.1, 1, 11000)
    cases.append(ks_case("large_12000_11000_shift", np.round(x, 5), np.round(y, 5), 'auto'))
    x = rng.normal(0, 1, 11000)
    y = rng.normal(0.0, 1, 60)
    cases.append(ks_case("large_11000_60", np.round(x, 5), np.round(y, 5), 'auto'))
    x = rng.normal(0, 1, 300)
    y = rng.normal(0.2, 1, 200)
    cases.append(ks_case("exact_vs_asymp_300_200_exact", np.round(x, 6), np.round(y, 6), 'exact'))
    cases.append(ks_case("exact_vs_asymp_300_200_asymp", np.round(x, 6), np.round(y, 6), 'asymp'))
    return cases


def kstwo_cases():
    out = []
    ns = [1, 2, 3, 5, 10, 50, 100, 140, 141, 500, 1000, 5000, 5500, 20000, 50000, 100000, 100001, 500000]
    for n in ns:
        ds = set()
        for z in [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.5, 1.7,
                  2.0, 2.5, 3.0, 4.0, 6.0]:
            ds.add(min(z / np.sqrt(n), 0.999))
        for d in [0.3 / n, 0.6 / n, 0.9 / n, 1.5 / n, 0.45, 0.5, 0.55, 0.75, 0.95, 1.0 - 0.5 / n, 1.0]:
            ds.add(min(d, 1.0))
        for d in sorted(ds):
            out.append({"n": n, "d": float(d), "sf": float(stats.kstwo.sf(d, n))})
    return out


def exact_cases():
    out = []
    for n1, n2 in [(10, 10), (20, 15), (100, 80), (1000, 800), (3, 1000), (997, 1003), (5000, 5000)]:
        lcm = n1 * n2 // np.gcd(n1, n2)
        for frac in [0.02, 0.05, 0.1, 0.2, 0.4]:
            h = max(1, int(round(frac * lcm)))
            d = h / lcm
            ok, dd, p = stats._stats_py._attempt_exact_2kssamp(n1, n2, int(np.gcd(n1, n2)), d, 'two-sided')
            out.append({"n1": n1, "n2": n2, "d": float(d), "pvalue": float(np.clip(p, 0, 1))})
    return out


def main():
    ks = {"scipy": scipy.__version__, "numpy": np.__version__,
          "ks_2samp": ks_cases(), "kstwo_sf": kstwo_cases(), "exact": exact_cases()}
    with open(os.path.join(HERE, "drift_ks.json"), "w") as f:
        json.dump(ks, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()

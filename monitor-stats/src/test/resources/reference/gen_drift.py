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


def binned(edges, sample, floor=1e-4):
    k = len(edges) + 1
    idx = np.searchsorted(edges, sample, side='right')
    return np.maximum(np.bincount(idx, minlength=k) / len(sample), floor)


def psi_case(name, base, cur, edges=None):
    base = np.asarray(base, dtype=float)
    cur = np.asarray(cur, dtype=float)
    decile = edges is None
    if decile:
        edges = np.quantile(base, np.arange(1, 10) / 10)
    e = binned(edges, base)
    a = binned(edges, cur)
    return {"name": name, "baseline": r(base, 4), "current": r(cur, 4), "deciles": decile,
            "edges": [float(v) for v in edges],
            "psi": float(np.sum((a - e) * np.log(a / e))),
            "kl": float(entropy(e, a)), "js": float(jensenshannon(e, a))}


def psi_cases():
    out = []
    for n1, n2, shift, scale, dec in [(1000, 1000, 0.0, 1.0, 4), (1000, 800, 0.3, 1.0, 4),
                                      (500, 700, 0.0, 2.0, 4), (300, 200, 1.5, 1.0, 4),
                                      (200, 300, 0.0, 1.0, 0), (7, 5, 0.0, 1.0, 1), (1, 3, 0.0, 1.0, 2)]:
        base = np.round(rng.normal(0, 1, n1), dec)
        cur = np.round(rng.normal(shift, scale, n2), dec)
        out.append(psi_case(f"deciles_{n1}_{n2}_{shift}_{scale}_{dec}", base, cur))
    base = np.round(rng.normal(0, 1, 400), 4)
    out.append(psi_case("identical", base, base.copy()))
    out.append(psi_case("all_equal_baseline", [2.0] * 50, np.round(rng.normal(2, 1, 40), 1)))
    out.append(psi_case("current_in_one_bin", np.round(rng.normal(0, 1, 300), 4), [5.0] * 20))
    base = np.round(rng.exponential(1.0, 2000), 3)
    cur = np.round(rng.exponential(1.3, 1500), 3)
    out.append(psi_case("fixed_edges", base, cur, edges=np.array([0.1, 0.25, 0.5, 0.5, 1.0, 2.0, 4.0])))
    out.append(psi_case("edge_values", [0.0, 1.0, 2.0, 3.0], [1.0, 1.0, 2.0, 3.0, 3.0],
                        edges=np.array([1.0, 2.0, 3.0])))
    return out


def quantile_cases():
    out = []
    for n, dec in [(1, 2), (2, 2), (3, 1), (10, 2), (11, 3), (99, 2), (1000, 0), (1001, 5), (12345, 6)]:
        x = np.round(rng.normal(0, 3, n), dec)
        for bins in [10, 4, 7]:
            out.append({"x": r(x, 6), "bins": bins,
                        "edges": [float(v) for v in np.quantile(x, np.arange(1, bins) / bins)]})
    return out


def vector_cases():
    out = []
    vecs = [([0.1, 0.2, 0.7], [0.3, 0.3, 0.4]), ([1, 2, 3, 4], [4, 3, 2, 1]), ([0.5, 0.5, 0.0], [0.2, 0.3, 0.5]),
            ([0.25, 0.25, 0.5], [0.25, 0.25, 0.5]), ([1.0], [3.0]), ([0.0, 1.0], [1.0, 0.0]),
            (list(rng.dirichlet(np.ones(10))), list(rng.dirichlet(np.ones(10))))]
    for p, q in vecs:
        p = np.asarray(p, dtype=float)
        q = np.asarray(q, dtype=float)
        kl = float(entropy(p, q))
        out.append({"p": [float(v) for v in p], "q": [float(v) for v in q],
                    "kl": kl if np.isfinite(kl) else "inf", "js": float(jensenshannon(p, q))})
    return out


def psi_prop_cases():
    out = []
    for _ in range(5):
        e = rng.dirichlet(np.ones(10))
        a = rng.dirichlet(np.ones(10))
        a[rng.integers(0, 10)] = 0.0
        ef = np.maximum(e, 1e-4)
        af = np.maximum(a, 1e-4)
        out.append({"expected": [float(v) for v in e], "actual": [float(v) for v in a],
                    "psi": float(np.sum((af - ef) * np.log(af / ef)))})
    return out


def wasserstein_cases():
    out = []
    for n1, n2, shift, dec in [(1, 1, 1.0, 2), (1, 5, 0.0, 2), (10, 7, 0.5, 1), (100, 150, 0.2, 2),
                               (1000, 900, 0.0, 4), (3000, 2000, 0.7, 5)]:
        u = np.round(rng.normal(0, 1, n1), dec)
        v = np.round(rng.normal(shift, 1.5, n2), dec)
        out.append({"u": r(u, 6), "v": r(v, 6), "distance": float(wasserstein_distance(u, v))})
    out.append({"u": [3.0, 3.0], "v": [3.0], "distance": float(wasserstein_distance([3.0, 3.0], [3.0]))})
    out.append({"u": [0.0], "v": [2.5], "distance": float(wasserstein_distance([0.0], [2.5]))})
    return out


def chi2_cases():
    out = []
    tables = [[[10, 20], [20, 10]], [[5, 0, 7], [3, 4, 0]], [[100, 200, 300, 400], [110, 190, 310, 390]],
              [[1, 1], [1, 1]], [[0, 3], [2, 0]], [[50], [60]], [[12345, 23456, 34567], [12000, 24000, 36000]]]
    for _ in range(6):
        k = int(rng.integers(2, 12))
        tables.append([list(map(int, rng.integers(1, 500, k))), list(map(int, rng.integers(0, 500, k)))])
    for t in tables:
        stat, p, dof, _ = chi2_contingency(np.asarray(t), correction=False)
        out.append({"row0": t[0], "row1": t[1], "statistic": float(stat), "pvalue": float(p), "dof": int(dof)})
    return out


def chi2_sf_cases():
    out = []
    for dof in [0.5, 1, 2, 3, 5, 8, 9, 10, 30, 100, 250, 1000]:
        for x in [1e-6, 0.01, 0.1, 0.5, 1.0, 2.0, 3.84, 5.0, 7.0, 10.0, 15.5, 20.0, 30.0, 50.0, 100.0, 200.0,
                  500.0, 1100.0, 1500.0]:
            out.append({"x": x, "dof": dof, "sf": float(stats.chi2.sf(x, dof))})
    return out


def bh_cases():
    out = []
    lists = [[0.01], [0.5], [0.001, 0.01, 0.02, 0.03, 0.04, 0.2], [0.04, 0.01, 0.04, 0.04, 0.9, 0.0, 1.0],
             [0.05, 0.05, 0.05, 0.05], [1.0, 1.0], []]
    for m in [5, 20, 50, 200]:
        p = rng.uniform(0, 1, m) ** 3
        p[: m // 5] = np.round(p[: m // 5], 2)
        lists.append(list(p))
    for pv in lists:
        for alpha in [0.05, 0.1]:
            if len(pv) == 0:
                rej, adj = np.array([], dtype=bool), np.array([])
            else:
                rej, adj, _, _ = multipletests(np.asarray(pv, dtype=float), alpha=alpha, method='fdr_bh')
            out.append({"p": [float(v) for v in pv], "alpha": alpha, "reject": [bool(v) for v in rej],
                        "adjusted": [float(v) for v in adj]})
    return out


def main():
    ks = {"scipy": scipy.__version__, "numpy": np.__version__,
          "ks_2samp": ks_cases(), "kstwo_sf": kstwo_cases(), "exact": exact_cases()}
    with open(os.path.join(HERE, "drift_ks.json"), "w") as f:
        json.dump(ks, f, separators=(",", ":"))
        f.write("\n")
    other = {"scipy": scipy.__version__, "numpy": np.__version__, "statsmodels": statsmodels.__version__,
             "psi": psi_cases(), "quantiles": quantile_cases(), "vectors": vector_cases(),
             "psiProportions": psi_prop_cases(), "wasserstein": wasserstein_cases(),
             "chi2": chi2_cases(), "chi2sf": chi2_sf_cases(), "bh": bh_cases()}
    with open(os.path.join(HERE, "drift.json"), "w") as f:
        json.dump(other, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()

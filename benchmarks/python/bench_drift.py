#!/usr/bin/python3
"""Times scipy/numpy counterparts of the drift kernels on the same data as the JMH benchmarks.

Run:  /usr/bin/python3 benchmarks/python/bench_drift.py

The data are generated exactly as dev.modelmonitor.benchmarks.DriftData does: SplitMix64, uniforms
(next() >>> 11) * 2**-53, normals by Box-Muller sqrt(-2 ln(1 - u1)) cos(2 pi u2), one per pair.
KS: x = normals(seed 1, n), y = 0.05 + normals(seed 2, n). PSI: baseline = normals(seed 1, n),
current = 0.1 + normals(seed 2, n). Each figure is the best of 5 timeit repeats, per call.
Optional: the Java build never needs Python.
"""
import math
import timeit

import numpy as np
import scipy
from scipy import stats
from scipy.stats import chi2_contingency

MASK = (1 << 64) - 1


class DriftData:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53

    def normal(self):
        u1 = self.uniform()
        u2 = self.uniform()
        return math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)


def normals(seed, n, mean, sigma):
    g = DriftData(seed)
    return np.array([mean + sigma * g.normal() for _ in range(n)])


def best(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


def psi_deciles(base, cur):
    edges = np.quantile(base, np.arange(1, 10) / 10)
    e = np.maximum(np.bincount(np.searchsorted(edges, base, side='right'), minlength=10) / len(base), 1e-4)
    a = np.maximum(np.bincount(np.searchsorted(edges, cur, side='right'), minlength=10) / len(cur), 1e-4)
    return np.sum((a - e) * np.log(a / e))


def psi_fixed(edges, e, cur):
    a = np.maximum(np.bincount(np.searchsorted(edges, cur, side='right'), minlength=10) / len(cur), 1e-4)
    return np.sum((a - e) * np.log(a / e))


def fmt(seconds):
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.2f} us"
    return f"{seconds * 1e9:.0f} ns"


def main():
    rows = []
    for n in (1000, 10000, 100000):
        x = normals(1, n, 0.0, 1.0)
        y = normals(2, n, 0.05, 1.0)
        res = stats.ks_2samp(x, y)
        number = 200 if n <= 1000 else (20 if n <= 10000 else 2)
        rows.append((f"ks_2samp {n} vs {n}", best(lambda: stats.ks_2samp(x, y), number),
                     f"D={res.statistic:.6g} p={res.pvalue:.6g}"))
    for n in (10000, 100000):
        base = normals(1, n, 0.0, 1.0)
        cur = normals(2, n, 0.1, 1.0)
        number = 50 if n <= 10000 else 5
        rows.append((f"PSI deciles {n} vs {n}", best(lambda: psi_deciles(base, cur), number),
                     f"psi={psi_deciles(base, cur):.6g}"))
        edges = np.quantile(base, np.arange(1, 10) / 10)
        e = np.maximum(np.bincount(np.searchsorted(edges, base, side='right'), minlength=10) / len(base), 1e-4)
        rows.append((f"PSI fixed edges {n}", best(lambda: psi_fixed(edges, e, cur), number),
                     f"psi={psi_fixed(edges, e, cur):.6g}"))
    base = normals(1, 10000, 0.0, 1.0)
    cur = normals(2, 10000, 0.1, 1.0)
    edges = np.quantile(base, np.arange(1, 10) / 10)
    table = np.array([np.bincount(np.searchsorted(edges, base, side='right'), minlength=10),
                      np.bincount(np.searchsorted(edges, cur, side='right'), minlength=10)])
    rows.append(("chi2_contingency 2x10", best(lambda: chi2_contingency(table, correction=False), 2000),
                 f"p={chi2_contingency(table, correction=False)[1]:.6g}"))
    rows.append(("kstwo.sf(0.006, 50000) Pelz-Good", best(lambda: stats.kstwo.sf(0.006, 50000), 2000), ""))
    rows.append(("kstwo.sf(0.012, 50000) Smirnov", best(lambda: stats.kstwo.sf(0.012, 50000), 20), ""))
    rows.append(("kstwo.sf(0.003, 5000) Durbin", best(lambda: stats.kstwo.sf(0.003, 5000), 200), ""))
    rows.append(("chi2.sf(12.5, 9)", best(lambda: stats.chi2.sf(12.5, 9), 20000), ""))
    print(f"scipy {scipy.__version__}, numpy {np.__version__}")
    print(f"| {'kernel':<36} | {'Python':>12} | note |")
    print(f"|{'-' * 38}|{'-' * 14}|------|")
    for name, t, note in rows:
        print(f"| {name:<36} | {fmt(t):>12} | {note} |")


if __name__ == "__main__":
    main()

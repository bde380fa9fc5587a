#!/usr/bin/python3
"""Times the scikit-learn counterparts of the classic monitor-stats kernels on the same data as the JMH
benchmarks (IsotonicBenchmark, ReliabilityCurveBenchmark, BrierBenchmark).

    /usr/bin/python3 benchmarks/python/bench_classic.py

Data: SplitMix64 with seed 20240601, doubles as (next() >>> 11) * 2^-53, exactly as
dev.modelmonitor.benchmarks.ClassicData: for each i, p_i = next double, y_i = 1 if next double < p_i.
Each figure is the best of several timeit repeats, per call. Optional: the build never runs this.
"""
import math
import sys
import timeit

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import brier_score_loss

SEED = 20240601
MASK = (1 << 64) - 1


class ClassicData:
    """SplitMix64, bit for bit the Java ClassicData."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next_long(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next_double(self):
        return (self.next_long() >> 11) * 2.0 ** -53

    def next_gaussian(self):
        u1 = self.next_double()
        u2 = self.next_double()
        return math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)


def forecasts(seed, n):
    r = ClassicData(seed)
    p = np.empty(n)
    y = np.empty(n, dtype=np.int64)
    for i in range(n):
        p[i] = r.next_double()
        y[i] = 1 if r.next_double() < p[i] else 0
    return p, y


def best_us(fn, number, repeat=7):
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e6


def main():
    x10, y10 = forecasts(SEED, 10_000)
    y10f = y10.astype(float)
    p100, y100 = forecasts(SEED, 100_000)
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1).fit(x10, y10f)

    rows = [
        ("isotonic fit, 10k", "IsotonicBenchmark.fit10k",
         best_us(lambda: IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1).fit(x10, y10f), 20)),
        ("isotonic predict, 10k", "IsotonicBenchmark.apply10k", best_us(lambda: iso.predict(x10), 50)),
        ("calibration_curve uniform, 100k, 10 bins", "ReliabilityCurveBenchmark.uniform100k",
         best_us(lambda: calibration_curve(y100, p100, n_bins=10, strategy="uniform"), 10)),
        ("calibration_curve quantile, 100k, 10 bins", "ReliabilityCurveBenchmark.quantile100k",
         best_us(lambda: calibration_curve(y100, p100, n_bins=10, strategy="quantile"), 10)),
        ("brier_score_loss, 100k", "BrierBenchmark.brier100k", best_us(lambda: brier_score_loss(y100, p100), 20)),
    ]
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, scikit-learn {sklearn.__version__}")
    print(f"data check: p[0]={p100[0]!r} sum(y)={int(y100.sum())} thresholds={len(iso.X_thresholds_)}")
    print(f"| {'kernel':44} | {'JMH benchmark':40} | {'Python us/op':>12} |")
    print(f"|{'-' * 46}|{'-' * 42}|{'-' * 14}|")
    for name, bench, us in rows:
        print(f"| {name:44} | {bench:40} | {us:12.1f} |")


if __name__ == "__main__":
    main()

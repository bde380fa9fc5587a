#!/usr/bin/env python3
"""Python counterparts of WindowBenchmark, DetectorBenchmark and QuantileSketchBenchmark.

They run on the same inputs as the Java side: SplitMix64, uniform = (next >> 11) * 2**-53, a normal by
Box-Muller from two uniforms, sqrt(-2 ln(1 - u1)) cos(2 pi u2), with the same seeds (see
dev.modelmonitor.benchmarks.StreamData).

Run with Debian's python3 (numpy, scipy, statsmodels):  /usr/bin/python3 bench_streaming.py

Each figure is the best of 5 timeit repeats, in ns per operation. River is not installed, so its
PageHinkley (a pure-Python class) is replaced by a transcription of its update rule, and ADWIN (Cython in
River) is skipped. The Bernoulli CUSUM and the DDSketch-style add/merge are pure-Python transcriptions of
the same algorithms. The rolling means use numpy's cumsum trick, over a whole array at once (ns per
element).
"""
import math
import timeit
from collections import deque

import numpy as np

MASK64 = (1 << 64) - 1
N = 1 << 16


class StreamData:
    def __init__(self, seed):
        self.state = seed & MASK64

    def next_long(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def next_double(self):
        return (self.next_long() >> 11) * 2.0 ** -53

    def next_gaussian(self):
        u1 = self.next_double()
        u2 = self.next_double()
        return math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)


def bernoullis(seed, n, p):
    d = StreamData(seed)
    return [d.next_double() < p for _ in range(n)]


def normals(seed, n):
    d = StreamData(seed)
    return [d.next_gaussian() for _ in range(n)]


def latencies_nanos(seed, n):
    return [float(round(math.exp(13.0 + z))) for z in normals(seed, n)]


def best_ns(fn, number):
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e9


# --- windows (WindowBenchmark: capacity 200, seed 42) ------------------------------------------------

def bench_windows(rows):
    outcomes = bernoullis(42, N, 0.62)
    values = normals(42, N)

    class BoolWindow:
        def __init__(self, cap):
            self.buf = deque(maxlen=cap)
            self.count = 0

        def add(self, b):
            if len(self.buf) == self.buf.maxlen and self.buf[0]:
                self.count -= 1
            self.buf.append(b)
            if b:
                self.count += 1

    class DoubleWindow:
        def __init__(self, cap):
            self.buf = deque(maxlen=cap)
            self.total = 0.0

        def add(self, x):
            if len(self.buf) == self.buf.maxlen:
                self.total -= self.buf[0]
            self.buf.append(x)
            self.total += x
            return self.total / len(self.buf)

    bw = BoolWindow(200)
    dw = DoubleWindow(200)

    def loop_bool():
        add = bw.add
        for b in outcomes:
            add(b)

    def loop_double():
        add = dw.add
        for x in values:
            add(x)

    arr_b = np.array(outcomes, dtype=np.float64)
    arr_d = np.array(values)

    def numpy_rolling_mean(a):
        c = np.cumsum(a)
        c[200:] = c[200:] - c[:-200]
        return c[199:] / 200.0

    rows.append(("boolean window add (200)", "WindowBenchmark.booleanAdd",
                 "pure Python deque + running count", best_ns(loop_bool, 3) / N))
    rows.append(("boolean window add (200)", "WindowBenchmark.booleanAdd",
                 "numpy cumsum rolling mean, per element", best_ns(lambda: numpy_rolling_mean(arr_b), 50) / N))
    rows.append(("double window add + mean (200)", "WindowBenchmark.doubleAdd",
                 "pure Python deque + running sum", best_ns(loop_double, 3) / N))
    rows.append(("double window add + mean (200)", "WindowBenchmark.doubleAdd",
                 "numpy cumsum rolling mean, per element", best_ns(lambda: numpy_rolling_mean(arr_d), 50) / N))


# --- detectors (DetectorBenchmark: p = 0.62, seed 7) -------------------------------------------------

def bench_detectors(rows):
    outcomes = bernoullis(7, N, 0.62)

    class PageHinkley:  # River's update rule, decreasing direction
        def __init__(self, min_instances=30, delta=0.005, threshold=50.0, alpha=1 - 0.0001):
            self.min_instances, self.delta, self.threshold, self.alpha = min_instances, delta, threshold, alpha
            self.n, self.mean, self.s = 1, 0.0, 0.0

        def update(self, x):
            self.mean += (x - self.mean) / self.n
            self.s = max(0.0, self.alpha * self.s + (self.mean - x - self.delta))
            self.n += 1
            if self.n >= self.min_instances and self.s >= self.threshold:
                self.n, self.mean, self.s = 1, 0.0, 0.0
                return True
            return False

    class Cusum:  # the lattice chart of BernoulliCusum.forArl0(0.62, 0.52, 1000): K=4, J=3, H=53
        def __init__(self):
            self.s = 0

        def update(self, success):
            s = self.s - 3 if success else self.s + 4
            if s >= 53:
                self.s = 0
                return True
            self.s = s if s > 0 else 0
            return False

    ph = PageHinkley()
    cu = Cusum()

    def loop_ph():
        up = ph.update
        for b in outcomes:
            up(1.0 if b else 0.0)

    def loop_cusum():
        up = cu.update
        for b in outcomes:
            up(b)

    rows.append(("Page-Hinkley update", "DetectorBenchmark.pageHinkleyUpdate",
                 "pure Python, River's rule (River not installed)", best_ns(loop_ph, 3) / N))
    rows.append(("Bernoulli CUSUM update", "DetectorBenchmark.cusumUpdate",
                 "pure Python transcription", best_ns(loop_cusum, 3) / N))
    try:
        import river  # noqa: F401
        rows.append(("ADWIN update", "DetectorBenchmark.adwinUpdate", "River installed: not timed here", None))
    except ImportError:
        rows.append(("ADWIN update", "DetectorBenchmark.adwinUpdate", "skipped: River not installed", None))

    try:
        from statsmodels.stats.proportion import proportions_ztest
        window = deque(maxlen=50)
        count = [0]
        for b in outcomes[:50]:
            window.append(b)
            count[0] += b
        it = iter(outcomes[50:50 + 2000])

        def ztest_update():
            b = next(it)
            if window[0]:
                count[0] -= 1
            window.append(b)
            count[0] += b
            return proportions_ztest(count[0], 50, 0.62, alternative="smaller", prop_var=0.62)[1] < 0.05

        rows.append(("z-test window 50 update", "DetectorBenchmark.zTestWindow50Update",
                     "deque + statsmodels proportions_ztest", min(timeit.repeat(ztest_update, number=300, repeat=5))
                     / 300 * 1e9))
    except ImportError:
        rows.append(("z-test window 50 update", "DetectorBenchmark.zTestWindow50Update",
                     "skipped: statsmodels not installed", None))


# --- quantile sketch (QuantileSketchBenchmark: seeds 11, 12, 13) -------------------------------------

def bench_sketch(rows):
    alpha = 0.01
    gamma = (1 + alpha) / (1 - alpha)
    inv_ln_gamma = 1.0 / math.log(gamma)
    lat = latencies_nanos(11, N)
    a = latencies_nanos(12, 100_000)
    b = latencies_nanos(13, 100_000)

    bins = {}

    def add_all():
        get = bins.get
        for x in lat:
            i = math.ceil(math.log(x) * inv_ln_gamma)
            bins[i] = get(i, 0) + 1

    def sketch(xs):
        d = {}
        for x in xs:
            i = math.ceil(math.log(x) * inv_ln_gamma)
            d[i] = d.get(i, 0) + 1
        return d

    sa, sb = sketch(a), sketch(b)

    def merge_two():
        t = {}
        for s in (sa, sb):
            for k, v in s.items():
                t[k] = t.get(k, 0) + v
        return t

    arr = np.array(a)
    rows.append(("quantile sketch add", "QuantileSketchBenchmark.add",
                 "pure Python DDSketch-style add (dict)", best_ns(add_all, 3) / N))
    rows.append(("p99 of 100k values", "QuantileSketchBenchmark.quantileP99",
                 "numpy quantile (exact, from raw values)", best_ns(lambda: np.quantile(arr, 0.99), 20)))
    rows.append(("merge two 100k-value sketches", "QuantileSketchBenchmark.mergeTwo",
                 "pure Python dict merge", best_ns(merge_two, 200)))


def main():
    rows = []
    bench_windows(rows)
    bench_detectors(rows)
    bench_sketch(rows)
    print("| kernel | Java benchmark | Python counterpart | Python ns/op |")
    print("|---|---|---|---|")
    for kernel, java, py, ns in rows:
        print(f"| {kernel} | {java} | {py} | {'-' if ns is None else f'{ns:.1f}'} |")


if __name__ == "__main__":
    main()

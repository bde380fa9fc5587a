#!/usr/bin/env python3
"""Reference vectors for the streaming classes of monitor-stats.

Run with Debian's python3 (numpy 1.24, scipy 1.10):
    /usr/bin/python3 streaming_reference.py > streaming_reference.json

Sections:
  windows       rolling sums / means / variances of seeded data (numpy sum, mean, var ddof=0 and 1),
                recorded at checkpoints, for RollingDoubleWindow and RollingBooleanWindow.
  cusum_arl     average run length of the integer-lattice Bernoulli CUSUM (failure adds K, success
                subtracts J, reset at 0, alarm at >= H) by a dense numpy solve of (I - R) L = 1 over the
                Markov chain of Brook & Evans (1972); an implementation independent of the Java banded solver.
  quantiles     exact quantiles (numpy quantile(method='lower'), the element of rank floor(q (n - 1)))
                of seeded latency-like samples, for QuantileSketch's relative-error bound.
  adwin         detection indices and final window of ADWIN as documented in Adwin.java (exponential
                histogram with M = 5, epsilon_cut with m = 1/(1/n0 + 1/n1), delta' = delta / ln(n), a check
                every 32 updates once the width exceeds 10, sub-windows of at least 5), written here
                independently with Python lists of buckets.
  page_hinkley  the statistic trace and alarm indices of the Page-Hinkley test, written out here from
                the update rule of River's drift.PageHinkley (River is not installed), for both directions.
"""
import json
import math

import numpy as np


def windows():
    rng = np.random.default_rng(20240601)
    cases = []
    for capacity, n, offset, scale in [(1, 10, 0.0, 1.0), (7, 100, 0.0, 1.0), (50, 1000, 1e6, 1.0),
                                       (200, 5000, -3.5, 1e-3), (3, 3, 5.0, 2.0)]:
        xs = offset + scale * rng.standard_normal(n)
        checkpoints = []
        for t in sorted(set([1, 2, capacity, capacity + 1, n // 2, n])):
            if t < 1 or t > n:
                continue
            w = xs[max(0, t - capacity):t]
            checkpoints.append({
                "updates": t,
                "sum": float(np.sum(w)),
                "mean": float(np.mean(w)),
                "var_pop": float(np.var(w, ddof=0)),
                "var_sample": float(np.var(w, ddof=1)) if len(w) > 1 else None,
            })
        cases.append({"capacity": capacity, "values": [float(v) for v in xs], "checkpoints": checkpoints})
    bools = []
    for capacity, n, p in [(1, 5, 0.5), (50, 300, 0.62), (64, 200, 0.3), (65, 400, 0.9), (200, 1000, 0.5)]:
        bs = rng.random(n) < p
        checkpoints = []
        for t in sorted(set([1, capacity, capacity + 1, n // 2, n])):
            if t > n:
                continue
            w = bs[max(0, t - capacity):t]
            checkpoints.append({"updates": t, "count": int(np.sum(w)), "mean": float(np.mean(w))})
        bools.append({"capacity": capacity, "values": [bool(b) for b in bs], "checkpoints": checkpoints})
    return {"double": cases, "boolean": bools}


def lattice_arl(p, k, j, h):
    """Mean run length from state 0 of S -> max(0, S + K) w.p. 1 - p, max(0, S - J) w.p. p, alarm S >= H."""
    a = np.eye(h)
    for i in range(h):
        up = i + k
        if up < h:
            a[i, up] -= 1.0 - p
        down = max(0, i - j)
        a[i, down] -= p
    lv = np.linalg.solve(a, np.ones(h))
    return float(lv[0])


def cusum_arl():
    out = []
    for p, k, j, h in [(0.62, 4, 3, 20), (0.62, 100, 75, 400), (0.52, 100, 75, 400), (0.9, 10, 1, 57),
                       (0.5, 7, 5, 123), (0.62, 100, 75, 1)]:
        out.append({"p": p, "k": k, "j": j, "h": h, "arl": lattice_arl(p, k, j, h)})
    return out


def page_hinkley_run(xs, min_instances, delta, threshold, alpha, mode):
    # The update rule of River's PageHinkley (x_mean over all values since reset, faded cumulative sum),
    # extended to the decreasing direction by the mirrored sum; the detector restarts after an alarm.
    n = 1
    mean = 0.0
    s_inc = 0.0
    s_dec = 0.0
    alarms = []
    stats = []
    drift = False
    for i, x in enumerate(xs):
        if drift:
            n, mean, s_inc, s_dec = 1, 0.0, 0.0, 0.0
        mean += (x - mean) / n
        s_inc = max(0.0, alpha * s_inc + (x - mean - delta))
        s_dec = max(0.0, alpha * s_dec + (mean - x - delta))
        n += 1
        drift = False
        if n >= min_instances:
            if mode in ("increase", "both") and s_inc >= threshold:
                drift = True
            if mode in ("decrease", "both") and s_dec >= threshold:
                drift = True
        if drift:
            alarms.append(i)
        stats.append([s_inc, s_dec])
    return alarms, stats


def page_hinkley():
    rng = np.random.default_rng(7)
    xs = np.concatenate([rng.normal(0.0, 1.0, 1000), rng.normal(2.0, 1.0, 500), rng.normal(-1.0, 1.0, 800)])
    cases = []
    for mode in ("increase", "decrease", "both"):
        alarms, stats = page_hinkley_run(xs, 30, 0.005, 50.0, 1 - 0.0001, mode)
        cases.append({"mode": mode, "min_instances": 30, "delta": 0.005, "threshold": 50.0,
                      "alpha": 1 - 0.0001, "alarms": alarms,
                      "final_increase": stats[-1][0], "final_decrease": stats[-1][1]})
    alarms, stats = page_hinkley_run(xs, 10, 0.1, 5.0, 0.99, "both")
    cases.append({"mode": "both", "min_instances": 10, "delta": 0.1, "threshold": 5.0, "alpha": 0.99,
                  "alarms": alarms, "final_increase": stats[-1][0], "final_decrease": stats[-1][1]})
    return {"values": [float(v) for v in xs], "cases": cases}


def quantiles():
    rng = np.random.default_rng(99)
    qs = [0.0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0]
    cases = []
    samples = {
        "lognormal_latency_ns": np.round(rng.lognormal(mean=13.0, sigma=1.0, size=5000)),
        "uniform_with_zeros": np.concatenate([np.zeros(100), rng.uniform(0.0, 5.0, 900)]),
        "single": np.array([12345.0]),
        "pareto": rng.pareto(1.5, 2000) + 1e-3,
    }
    for name, xs in samples.items():
        cases.append({"name": name, "values": [float(v) for v in xs], "q": qs,
                      "lower": [float(np.quantile(xs, q, method="lower")) for q in qs]})
    return cases


class Adwin:
    M = 5

    def __init__(self, delta=0.002):
        self.delta = delta
        self.rows = []  # rows[r] = list of [total, variance], oldest first; buckets of 2**r values
        self.width = 0
        self.total = 0.0
        self.var = 0.0
        self.tick = 0

    def update(self, x):
        if not self.rows:
            self.rows.append([])
        self.rows[0].append([x, 0.0])
        self.width += 1
        if self.width > 1:
            d = x - self.total / (self.width - 1)
            self.var += (self.width - 1) * d * d / self.width
        self.total += x
        r = 0
        while r < len(self.rows) and len(self.rows[r]) == self.M + 1:
            n = float(2 ** r)
            (t0, v0), (t1, v1) = self.rows[r][0], self.rows[r][1]
            d = t0 / n - t1 / n
            if r + 1 == len(self.rows):
                self.rows.append([])
            self.rows[r + 1].append([t0 + t1, v0 + v1 + n * n * d * d / (2 * n)])
            del self.rows[r][:2]
            r += 1
        self.tick += 1
        changed = False
        if self.tick % 32 == 0 and self.width > 10:
            again = True
            while again:
                again = False
                n0, n1, u0, u1 = 0, self.width, 0.0, self.total
                order = [(r, k) for r in range(len(self.rows) - 1, -1, -1) for k in range(len(self.rows[r]))]
                for r, k in order[:-1]:
                    t = self.rows[r][k][0]
                    n0 += 2 ** r
                    n1 -= 2 ** r
                    u0 += t
                    u1 -= t
                    if n0 >= 5 and n1 >= 5:
                        m = 1.0 / (1.0 / n0 + 1.0 / n1)
                        lg = math.log(2.0 * math.log(self.width) / self.delta)
                        eps = math.sqrt(2.0 / m * (self.var / self.width) * lg) + 2.0 / (3.0 * m) * lg
                        if abs(u0 / n0 - u1 / n1) > eps:
                            self._delete_oldest()
                            changed = True
                            again = self.width > 10
                            break
        return changed

    def _delete_oldest(self):
        r = len(self.rows) - 1
        n = float(2 ** r)
        u, v = self.rows[r].pop(0)
        self.width -= 2 ** r
        self.total -= u
        d = u / n - self.total / self.width
        self.var = max(0.0, self.var - (v + n * self.width * d * d / (n + self.width)))
        if not self.rows[r]:
            self.rows.pop()


def adwin():
    rng = np.random.default_rng(2007)
    bern = np.concatenate([rng.random(3000) < 0.8, rng.random(3000) < 0.4, rng.random(4000) < 0.7])
    cont = np.concatenate([rng.uniform(0, 1, 2000), rng.uniform(0.3, 0.6, 2000), rng.beta(2, 5, 2000)])
    cases = []
    for name, xs, delta in [("bernoulli", bern.astype(float), 0.002), ("continuous", cont, 0.002),
                            ("continuous_delta_0.1", cont, 0.1)]:
        a = Adwin(delta)
        alarms = [i for i, x in enumerate(xs) if a.update(float(x))]
        cases.append({"name": name, "delta": delta, "values": [float(v) for v in xs], "alarms": alarms,
                      "width": a.width, "total": a.total, "variance": a.var / a.width,
                      "row_sizes": [len(r) for r in a.rows]})
    return cases


def main():
    doc = {
        "generator": "streaming_reference.py",
        "numpy": np.__version__,
        "windows": windows(),
        "cusum_arl": cusum_arl(),
        "page_hinkley": page_hinkley(),
        "quantiles": quantiles(),
        "adwin": adwin(),
    }
    print(json.dumps(doc, indent=1, allow_nan=False))


if __name__ == "__main__":
    main()

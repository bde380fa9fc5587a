#!/usr/bin/python3
"""Reference values for the forecast tracker's coverage, MAE, MAPE, horizon coverage and ROAS.

Run with Debian's /usr/bin/python3 (numpy, scikit-learn): writes forecast_reference.json next to this file.
The vector mixes forecasts with and without quantiles, actuals of exactly 0 (left out of MAPE), actuals
exactly on p10 and p90 (inside the closed interval, counted as at-or-below), and spends on some rows.
"""
import json
import os

import numpy as np
from sklearn.metrics import mean_absolute_error, mean_absolute_percentage_error

rng = np.random.RandomState(20261124)
n = 60
value = np.round(rng.normal(100.0, 20.0, n), 2)
width = np.round(rng.uniform(5.0, 30.0, n), 2)
skew = np.round(rng.uniform(-3.0, 3.0, n), 2)
p50 = np.round(value + skew, 2)
p10 = np.round(p50 - width, 2)
p90 = np.round(p50 + width * 1.1, 2)
actual = np.round(value + rng.normal(0.0, 22.0, n), 2)
has_q = rng.uniform(size=n) < 0.8
horizon_minutes = rng.choice([30, 60, 240, 1440, 2880, 10080, 20160], size=n)
spend = np.where(rng.uniform(size=n) < 0.5, np.round(rng.uniform(10.0, 50.0, n), 2), np.nan)
# edge rows: actual exactly on p10, exactly on p90, exactly on p50, and actuals of 0
actual[0] = p10[0]; has_q[0] = True
actual[1] = p90[1]; has_q[1] = True
actual[2] = p50[2]; has_q[2] = True
actual[3] = 0.0
actual[4] = 0.0; has_q[4] = False
# horizon edges: 1 h, 1 day, 7 days (inclusive upper edges), then open
edges = [60, 1440, 10080]

median = np.where(has_q, p50, value)
q = has_q
below10 = (actual <= p10) & q
below50 = (actual <= p50) & q
below90 = (actual <= p90) & q
inside = (actual >= p10) & (actual <= p90) & q
nz = actual != 0.0
sp = ~np.isnan(spend)

bucket = np.searchsorted(edges, horizon_minutes, side="left")  # h <= edge -> that edge's bucket
by_h = []
for b in range(len(edges) + 1):
    m = q & (bucket == b)
    by_h.append({"count": int(m.sum()), "inside": int(inside[m].sum()),
                 "coverage": float(inside[m].mean()) if m.sum() else None})

out = {
    "rows": [
        {"value": float(value[i]), "p10": float(p10[i]), "p50": float(p50[i]), "p90": float(p90[i]),
         "has_quantiles": bool(has_q[i]), "actual": float(actual[i]), "horizon_minutes": int(horizon_minutes[i]),
         "spend": None if np.isnan(spend[i]) else float(spend[i])}
        for i in range(n)
    ],
    "count": n,
    "quantile_count": int(q.sum()),
    "coverage_p10": float(below10[q].mean()),
    "coverage_p50": float(below50[q].mean()),
    "coverage_p90": float(below90[q].mean()),
    "interval_coverage": float(inside[q].mean()),
    "mae": float(mean_absolute_error(actual, median)),
    "mape": float(mean_absolute_percentage_error(actual[nz], median[nz])),
    "mape_count": int(nz.sum()),
    "forecast_roas": float(value[sp].sum() / spend[sp].sum()),
    "actual_roas": float(actual[sp].sum() / spend[sp].sum()),
    "by_horizon": by_h,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "forecast_reference.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(json.dumps({k: v for k, v in out.items() if k != "rows"}, indent=1))

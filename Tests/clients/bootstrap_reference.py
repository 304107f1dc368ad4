"""Reference bootstrap of Krippendorff's alpha for annotate's tests.

Reads a reliability matrix (one item per line, one comma-separated value per
coder, an empty field for a missing value) and resamples its units with
replacement, after Hayes & Krippendorff (2007), computing alpha (nominal) on
every resample with the independent `krippendorff` package. Arguments: path,
number of resamples B, seed (unsigned 64-bit, decimal), threshold.

The procedure is the contract annotate's Swift code follows, bit for bit:
keep the pairable items (at least two values), in file order; resample r
draws N item indices from a SplitMix64 generator seeded with
seed + r * 0xD1B54A32D192ED03 (mod 2**64), each index being the high 64 bits
of next() * N; resamples whose alpha is undefined are dropped. Prints JSON:
alpha, items N, resamples V (defined ones), the percentile interval
low = alphas[floor(0.025 V)], high = alphas[ceil(0.975 V) - 1] of the sorted
alphas, and p_below, the share of alphas strictly below the threshold.
"""
import json
import math
import sys

import krippendorff
import numpy as np

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
STREAM = 0xD1B54A32D192ED03


def splitmix64(state):
    """Yield SplitMix64 outputs from the given initial state."""
    while True:
        state = (state + GOLDEN) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def draw_indices(seed, r, n):
    """The n item indices of resample r: high half of next() * n."""
    gen = splitmix64((seed + r * STREAM) & MASK)
    return [(next(gen) * n) >> 64 for _ in range(n)]


def nominal_alpha(items):
    """Alpha (nominal) of an items x coders array, or None when undefined."""
    try:
        value = krippendorff.alpha(reliability_data=items.T, level_of_measurement="nominal")
    except ValueError:  # e.g. a single category: no disagreement is possible
        return None
    value = float(value)
    return None if math.isnan(value) else value


def main(path, resamples, seed, threshold):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            rows.append([np.nan if v == "" else float(v) for v in line.rstrip("\n").split(",")])
    pairable = [row for row in rows if sum(not math.isnan(v) for v in row) >= 2]
    n = len(pairable)
    out = {"alpha": None, "items": n, "resamples": 0, "low": None, "high": None, "p_below": None}
    if n == 0:
        json.dump(out, sys.stdout)
        return
    items = np.array(pairable, dtype=float)  # items x coders
    out["alpha"] = nominal_alpha(items)
    alphas = []
    for r in range(resamples):
        value = nominal_alpha(items[draw_indices(seed, r, n)])
        if value is not None:
            alphas.append(value)
    alphas.sort()
    v = len(alphas)
    out["resamples"] = v
    if v > 0:
        out["low"] = alphas[math.floor(0.025 * v)]
        out["high"] = alphas[math.ceil(0.975 * v) - 1]
        out["p_below"] = sum(a < threshold for a in alphas) / v
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))

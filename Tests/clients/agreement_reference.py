"""Reference agreement figures for annotate's tests, from independent packages.

Reads a reliability matrix (one item per line, one comma-separated value per
coder, an empty field for a missing value) and prints JSON: Krippendorff's
alpha (nominal) from the `krippendorff` package and, for every pair of
coders, Cohen's kappa from scikit-learn over the items both coded.
"""
import json
import sys

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score


def main(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            rows.append([np.nan if v == "" else float(v) for v in line.rstrip("\n").split(",")])
    data = np.array(rows, dtype=float).T  # coders x items, as krippendorff expects
    out = {"alpha": krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"), "pairs": []}
    coders = data.shape[0]
    for a in range(coders):
        for b in range(a + 1, coders):
            both = ~np.isnan(data[a]) & ~np.isnan(data[b])
            kappa = cohen_kappa_score(data[a][both].astype(int), data[b][both].astype(int))
            out["pairs"].append({"a": a, "b": b, "items": int(both.sum()), "kappa": float(kappa)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])

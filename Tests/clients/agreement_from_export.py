"""Sentence-level agreement recomputed from annotate's own exports.

Reads `annotate export --format csv` and `annotate segment --format jsonl`,
rebuilds the reliability matrix independently (a sentence has tag T for an
annotator when one of their spans with T shares a code point with it; an
annotator with no rows for a document did not code it: missing), and prints
JSON per tag: Krippendorff's alpha (the `krippendorff` package) and, for two
annotators, Cohen's kappa (scikit-learn) over the sentences both coded.
"""
import csv
import json
import sys

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score


def main(export_path, segments_path, tags):
    with open(export_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(segments_path, encoding="utf-8") as f:
        units = [json.loads(line) for line in f if line.strip()]
    annotators = sorted({r["annotator"] for r in rows})
    coded = {(r["document"], r["annotator"]) for r in rows}
    out = {}
    for tag in tags:
        matrix = []
        for u in units:
            row = []
            for a in annotators:
                if (u["document"], a) not in coded:
                    row.append(np.nan)
                    continue
                has = any(
                    r["document"] == u["document"] and r["annotator"] == a and r["tag"] == tag
                    and u["start"] < max(int(r["end"]), int(r["start"]) + 1) and u["end"] > int(r["start"])
                    for r in rows
                )
                row.append(1.0 if has else 0.0)
            if not all(np.isnan(v) for v in row):
                matrix.append(row)
        data = np.array(matrix, dtype=float).T
        result = {"alpha": krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")}
        if len(annotators) == 2:
            both = ~np.isnan(data[0]) & ~np.isnan(data[1])
            result["cohen"] = float(cohen_kappa_score(data[0][both].astype(int), data[1][both].astype(int)))
        out[tag] = result
    json.dump({"annotators": annotators, "tags": out}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3].split(","))

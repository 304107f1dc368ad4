#!/usr/bin/env python3
"""Reads annotate's CSV export with its relations and documents tables, and
recomputes the agreement figures for them independently.

usage: check_relations.py EXPORT.csv CODEBOOK.json AGREE_SENTENCE.json AGREE_SPAN.json

- The tables join to the spans with pandas in one line each (the README's):
      spans.merge(relations, left_on=["document", "annotator", "annotation_id"],
                  right_on=["document", "annotator", "from_id"])
  and every relation's two ends are spans of the same document and annotator.
- Krippendorff's α per document variable with the `krippendorff` package
  (level "ordinal" where the codebook orders the values, else "nominal";
  a several-values variable is one yes/no item per value), over documents
  two or more annotators coded.
- Relation F1 per type, written from the definition: over each pair of
  annotators and each document both coded, relations as (from range, to
  range) pairs — exact when both ranges are equal (a multiset intersection),
  overlapping when each end overlaps, matched one to one in text order —
  F1 = 2·matched / (|A| + |B|), pooled.
- α per span attribute over spans at the same range by two or more
  annotators (a value, "unset", or missing), nominal.
Prints "ok N" or raises.
"""
import collections
import json
import math
import sys

import krippendorff
import numpy as np
import pandas as pd

csv_path, codebook_path, sentence_path, span_path = sys.argv[1:5]
base = csv_path[:-4]
spans = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
spans[["start", "end"]] = spans[["start", "end"]].apply(pd.to_numeric, errors="coerce")
relations = pd.read_csv(base + ".relations.csv", dtype=str, keep_default_na=False)
documents = pd.read_csv(base + ".documents.csv", dtype=str, keep_default_na=False)
codebook = json.load(open(codebook_path, encoding="utf-8"))
sentence = json.load(open(sentence_path, encoding="utf-8"))
span_report = json.load(open(span_path, encoding="utf-8"))
checks = 0

# The joins.
one = spans.drop_duplicates(["document", "annotator", "annotation_id"])
joined = one.merge(relations, left_on=["document", "annotator", "annotation_id"],
                   right_on=["document", "annotator", "from_id"])
assert len(joined) == len(relations), (len(joined), len(relations))
ends = one.merge(relations, left_on=["document", "annotator", "annotation_id"],
                 right_on=["document", "annotator", "to_id"])
assert len(ends) == len(relations)
checks += 2

annotators = sentence["annotators"]
docs = sorted(set(spans["document"]) | set(documents["document"]))


def close(a, b):
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None
    return b is not None and abs(a - b) < 1e-9


# Variables.
coded = collections.defaultdict(dict)  # (doc, annotator) -> variable -> [values]
present = set(zip(spans["document"], spans["annotator"])) | set(zip(documents["document"], documents["annotator"]))
for _, r in documents.iterrows():
    if r["variable"]:
        coded[(r["document"], r["annotator"])].setdefault(r["variable"], []).append(r["value"])
rows = {(v["variable"], v["value"]): v for v in sentence["variables"]}
for variable in codebook.get("variables", []):
    name, values = variable["name"], variable["values"]
    items = []
    if variable.get("multiple"):
        for value in values:
            matrix = []
            for d in docs:
                row = [(1 if value in coded[(d, a)][name] else 0) if name in coded[(d, a)] else np.nan
                       for a in annotators]
                if sum(not (isinstance(x, float) and math.isnan(x)) for x in row) >= 2:
                    matrix.append(row)
            ours = rows[(name, value)]
            assert ours["items"] == len(matrix), (name, value, ours["items"], len(matrix))
            if matrix and len({x for row in matrix for x in row if not (isinstance(x, float) and math.isnan(x))}) > 1:
                alpha = krippendorff.alpha(reliability_data=np.array(matrix, dtype=float).T,
                                           level_of_measurement="nominal")
                assert close(alpha, ours["krippendorff_alpha"]), (name, value, alpha, ours)
            checks += 1
        continue
    matrix = []
    for d in docs:
        row = [values.index(coded[(d, a)][name][0]) if name in coded[(d, a)] else np.nan for a in annotators]
        if sum(not (isinstance(x, float) and math.isnan(x)) for x in row) >= 2:
            matrix.append(row)
    ours = rows[(name, None)]
    assert ours["items"] == len(matrix), (name, ours, len(matrix))
    level = "ordinal" if variable.get("ordered") else "nominal"
    assert ours["level"] == level
    alpha = krippendorff.alpha(reliability_data=np.array(matrix, dtype=float).T, level_of_measurement=level,
                               value_domain=list(range(len(values))))
    assert close(alpha, ours["krippendorff_alpha"]), (name, level, alpha, ours["krippendorff_alpha"])
    checks += 1

# Relation F1.
rng = {(r["document"], r["annotator"], r["annotation_id"]): (int(r["start"]), int(r["end"]))
       for _, r in one.iterrows() if r["status"] == "anchored"}
directed = {r["name"]: r.get("directed", True) for r in codebook.get("relations", [])}
by_type = collections.defaultdict(lambda: collections.defaultdict(list))
for _, r in relations.iterrows():
    a = rng.get((r["document"], r["annotator"], r["from_id"]))
    b = rng.get((r["document"], r["annotator"], r["to_id"]))
    if a is None or b is None:
        continue
    if not directed.get(r["type"], True) and b < a:
        a, b = b, a
    by_type[r["type"]][(r["document"], r["annotator"])].append((a, b))
coded_docs = {(d, a) for d, a in present}
overlaps = lambda x, y: x[0] < y[1] and y[0] < x[1]
for row in span_report["relations"]:
    t = row["type"]
    exact = overlap = size = 0
    for d in docs:
        for i, a in enumerate(annotators):
            for b in annotators[i + 1:]:
                if (d, a) not in coded_docs or (d, b) not in coded_docs:
                    continue
                x = sorted(by_type[t][(d, a)])
                y = sorted(by_type[t][(d, b)])
                size += len(x) + len(y)
                exact += sum((collections.Counter(x) & collections.Counter(y)).values())
                free = [True] * len(y)
                for r in x:
                    for k, s in enumerate(y):
                        if free[k] and overlaps(s[0], r[0]) and overlaps(s[1], r[1]):
                            free[k] = False
                            overlap += 1
                            break
    want_exact = 2 * exact / size if size else None
    want_overlap = 2 * overlap / size if size else None
    assert close(row["exact_f1"], want_exact) and close(row["overlap_f1"], want_overlap), (t, row, want_exact, want_overlap)
    checks += 1

# Attributes.
for attribute in codebook.get("attributes", []):
    name, values, tags = attribute["name"], attribute["values"], attribute.get("tags", [])
    cells = collections.defaultdict(dict)
    for _, r in spans.iterrows():
        if r["status"] != "anchored" or (tags and r["tag"] not in tags):
            continue
        attrs = dict(p.split("=", 1) for p in r["attributes"].split(";") if p)
        cells[(r["document"], int(r["start"]), int(r["end"]))][r["annotator"]] = \
            values.index(attrs[name]) if name in attrs else len(values)
    matrix = [[c.get(a, np.nan) for a in annotators] for _, c in sorted(cells.items()) if len(c) >= 2]
    ours = next(r for r in span_report["attributes"] if r["attribute"] == name)
    assert ours["items"] == len(matrix), (name, ours, len(matrix))
    if matrix:
        alpha = krippendorff.alpha(reliability_data=np.array(matrix, dtype=float).T, level_of_measurement="nominal")
        assert close(alpha, ours["krippendorff_alpha"]), (name, alpha, ours)
    checks += 1
print("ok", checks)

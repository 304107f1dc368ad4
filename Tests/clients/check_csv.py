#!/usr/bin/env python3
"""Reads annotate's CSV export with the csv module and with pandas as the
README says to.

usage: check_csv.py DOCS EXPORT.csv

The csv module: every anchored row's text is text[start:end] of the
document, its prefix and suffix the 32 characters around; an orphan has
no offsets. pandas, with the README's two lines

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df[["start", "end"]] = df[["start", "end"]].apply(pd.to_numeric, errors="coerce")

keeps every cell as written (a tag named NA, an empty note, a span "2020")
and gives start and end as numbers, NaN for an orphan. (pandas' defaults
read NA, N/A, null, None and empty cells as NaN; no CSV can prevent that.) Prints "ok N" or raises.
"""
import os
import sys

import pandas as pd

import truth

docs, path = sys.argv[1:3]
rows = truth.rows(path)
assert rows, "no CSV rows"
checks = 0
for row in rows:
    t = truth.text_of(docs, row["document"])
    if row["status"] == "orphaned":
        assert row["start"] == row["end"] == row["sentence"] == "" and row["text"], row
        continue
    assert row["status"] == "anchored"
    s, e = int(row["start"]), int(row["end"])
    assert t[s:e] == row["text"], (row["annotation_id"], t[s:e], row["text"])
    assert t[max(0, s - 32):s] == row["prefix"] and t[e:e + 32] == row["suffix"]
    checks += 1
frame = pd.read_csv(path, dtype=str, keep_default_na=False)
frame[["start", "end"]] = frame[["start", "end"]].apply(pd.to_numeric, errors="coerce")
assert len(frame) == len(rows)
assert frame["start"].dtype.kind in "if" and frame["end"].dtype.kind in "if", frame.dtypes
for (_, got), row in zip(frame.iterrows(), rows):
    for column in ("tag", "note", "text", "annotator", "document", "sentence", "prefix", "suffix"):
        assert got[column] == row[column], (column, got[column], row[column])
    if row["status"] == "anchored":
        assert int(got["start"]) == int(row["start"]) and int(got["end"]) == int(row["end"])
    else:
        assert got["start"] != got["start"], "an orphan's start is NaN"
    checks += 1
print("ok", checks)

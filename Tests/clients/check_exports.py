#!/usr/bin/env python3
"""Independent readers for annotate's exports (run by the Swift test suite).

usage: check_exports.py DOCS_FOLDER EXPORT_FOLDER
Reads export.csv with the csv module and with pandas, doccano.jsonl,
prodigy.jsonl, webanno.jsonl and the brat folder, and checks every offset
against the document text read the way Python reads it (no newline
translation). Prints "ok N" with the number of checks, or raises.
"""
import csv
import json
import os
import sys

docs, out = sys.argv[1], sys.argv[2]
checks = 0


def text_of(doc_id):
    with open(os.path.join(docs, doc_id), encoding="utf-8-sig", newline="") as f:
        return f.read()


# CSV through the csv module.
with open(os.path.join(out, "export.csv"), encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
assert rows, "no CSV rows"
expected = ["document", "annotation_id", "annotator", "tag", "start", "end", "sentence", "text",
            "prefix", "suffix", "note", "created", "modified", "document_sha256"]
with open(os.path.join(out, "export.csv"), encoding="utf-8-sig", newline="") as f:
    header = next(csv.reader(f))
assert header[:len(expected)] == expected, header
assert all(row["status"] in ("anchored", "orphaned") for row in rows)
for row in rows:
    t = text_of(row["document"])
    if row["status"] == "orphaned":
        # Its words are gone from the document: no offsets, its quote kept.
        assert row["start"] == row["end"] == row["sentence"] == "" and row["text"], row
        continue
    s, e = int(row["start"]), int(row["end"])
    assert t[s:e] == row["text"], (row["annotation_id"], t[s:e], row["text"])
    assert t[max(0, s - 32):s] == row["prefix"], (row["prefix"], t[max(0, s - 32):s])
    assert t[e:e + 32] == row["suffix"]
    checks += 1

# The same file through pandas.
import pandas as pd

frame = pd.read_csv(os.path.join(out, "export.csv"), keep_default_na=False, dtype=str)
assert len(frame) == len(rows), (len(frame), len(rows))
for _, row in frame.iterrows():
    if row["status"] == "orphaned":
        continue
    t = text_of(row["document"])
    assert t[int(row["start"]):int(row["end"])] == row["text"]
    checks += 1

# doccano and Prodigy JSONL: each span sliced out of the line's text must
# be the words the CSV gives for that document, annotator, tag and offsets.
coded = {(r["document"], r["annotator"], r["tag"], int(r["start"]), int(r["end"])): r["text"]
         for r in rows if r["status"] == "anchored"}
for name, key in (("doccano.jsonl", "label"), ("prodigy.jsonl", "spans")):
    with open(os.path.join(out, name), encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            meta = record if key == "label" else record["meta"]
            doc_id, annotator = meta["document"], meta["annotator"]
            assert record["text"] == text_of(doc_id)
            assert record[key], (name, doc_id, "no spans")
            for span in record[key]:
                s, e, tag = (span[0], span[1], span[2]) if key == "label" else (span["start"], span["end"], span["label"])
                words = coded[(doc_id, annotator, tag, s, e)]
                assert record["text"][s:e] == words, (name, doc_id, s, e, record["text"][s:e], words)
                checks += 1

# W3C Web Annotation: the model's required fields and both selectors.
with open(os.path.join(out, "webanno.jsonl"), encoding="utf-8") as f:
    for line in f:
        a = json.loads(line)
        for field in ("@context", "id", "type", "target"):
            assert field in a, field
        assert a["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert a["type"] == "Annotation"
        t = text_of(a["target"]["source"])
        selectors = {s["type"]: s for s in a["target"]["selector"]}
        pos, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
        assert t[pos["start"]:pos["end"]] == quote["exact"]
        for body in a.get("body", []):
            assert body["type"] == "TextualBody" and body["purpose"] in ("tagging", "commenting")
        checks += 1

# brat: every T line's fragments against the .txt beside it.
for root, _, files in os.walk(os.path.join(out, "brat")):
    for name in files:
        if not name.endswith(".ann"):
            continue
        with open(os.path.join(root, name[:-4] + ".txt"), encoding="utf-8", newline="") as f:
            t = f.read()
        with open(os.path.join(root, name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("T"):
                    _, middle, text = line.rstrip("\n").split("\t")
                    fragments = middle.split(" ", 1)[1].split(";")
                    pieces = [t[int(a):int(b)] for a, b in (frag.split() for frag in fragments)]
                    assert " ".join(pieces) == text, (pieces, text)
                    checks += 1
assert os.path.exists(os.path.join(out, "brat", "annotation.conf"))
print("ok", checks)

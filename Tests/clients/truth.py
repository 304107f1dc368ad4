"""What annotate exported, as the other tools' checks compare against.

The CSV export is the ground truth (code points, Python's text[start:end],
read with the csv module); documents are read the way Python reads them
(UTF-8, a BOM stripped, no newline translation). Used by the check_*.py
clients; not a test by itself.
"""
import collections
import csv
import os


def text_of(docs, doc_id):
    with open(os.path.join(docs, doc_id), encoding="utf-8-sig", newline="") as f:
        return f.read()


def rows(csv_path):
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def spans(csv_path, annotators=None, tagged_only=True):
    """A multiset of (document, annotator, tag, start, end) for anchored spans."""
    found = collections.Counter()
    for r in rows(csv_path):
        if r["status"] != "anchored" or (tagged_only and r["tag"] == ""):
            continue
        if annotators and r["annotator"] not in annotators:
            continue
        found[(r["document"], r["annotator"], r["tag"], int(r["start"]), int(r["end"]))] += 1
    return found


def same(expected, got, what):
    """Raises with the difference when two multisets differ."""
    if expected != got:
        missing = expected - got
        extra = got - expected
        raise AssertionError("%s: missing %r, unexpected %r" % (what, dict(missing), dict(extra)))

#!/usr/bin/env python3
"""Reads annotate's SQLite export with Python's sqlite3 and pandas.read_sql.

usage: check_sqlite.py DOCS EXPORT.csv CORPUS.db

Checks the documented schema (docs/formats.md): the tables and views are
there, foreign keys hold, each document's text is the file's text, each
sentence's and each anchored annotation's text is its slice — in Python
(text[start:end]) and in SQL (substr counts characters, from 1) — and the
`spans` view holds exactly the CSV's rows. Prints "ok N" or raises.
"""
import collections
import sqlite3
import sys

import pandas as pd

import truth

docs, csv_path, path = sys.argv[1:4]
db = sqlite3.connect(path)
names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
for name in ("documents", "sentences", "annotators", "tags", "annotations", "annotation_tags", "notes", "spans"):
    assert name in names, name
assert db.execute("PRAGMA foreign_key_check").fetchall() == []
checks = 0
texts = {}
for doc, text in db.execute("SELECT id, text FROM documents"):
    assert text == truth.text_of(docs, doc), doc
    texts[doc] = text
for doc, number, start, end, text in db.execute('SELECT document, number, start, "end", text FROM sentences'):
    assert texts[doc][start:end] == text, (doc, number)
    checks += 1
for doc, start, end, text, status in db.execute('SELECT document, start, "end", text, status FROM annotations'):
    if status == "orphaned":
        assert start is None and end is None
        continue
    assert texts[doc][start:end] == text
    checks += 1
bad = db.execute(
    'SELECT count(*) FROM annotations a JOIN documents d ON d.id = a.document '
    'WHERE a.status = \'anchored\' AND substr(d.text, a.start + 1, a."end" - a.start) != a.text').fetchone()[0]
assert bad == 0, "%d annotations whose SQL substr differs" % bad
rows = collections.Counter()
for r in truth.rows(csv_path):
    rows[(r["document"], int(r["annotation_id"]), r["annotator"], r["tag"], r["start"], r["end"], r["text"],
          r["note"], r["status"])] += 1
frame = pd.read_sql('SELECT * FROM spans', db)
got = collections.Counter()
for _, r in frame.iterrows():
    missing = lambda v: v is None or (isinstance(v, float) and v != v)
    got[(r["document"], int(r["annotation_id"]), r["annotator"], "" if missing(r["tag"]) else r["tag"],
         "" if missing(r["start"]) else str(int(r["start"])), "" if missing(r["end"]) else str(int(r["end"])),
         r["text"], "" if missing(r["note"]) else r["note"], r["status"])] += 1
truth.same(rows, got, "spans view against the CSV")
print("ok", checks + len(frame))

#!/usr/bin/env python3
"""Reads annotate's CoNLL export as sequence-tagger loaders do.

usage: check_conll.py DOCS EXPORT.csv FILE.conll ANNOTATOR TAG…

Each line is a token and one BIO (IOB2) label per TAG column, separated by
white space; a blank line ends a sentence; -DOCSTART- starts a document.
Checked: every label is O, B-TAG or I-TAG of its column, an I- only after
a B- or I- of the same tag (seqeval's strict IOB2), tokens hold no white
space, each block's tokens are one document's text without its white
space, and the chunks of each column are the CSV's spans of that tag by
ANNOTATOR (compared without white space, which CoNLL does not keep).
Prints "ok N" or raises.
"""
import collections
import os
import re
import sys

import truth

docs, csv_path, path, annotator = sys.argv[1:5]
tags = sys.argv[5:]
squeeze = lambda s: re.sub(r"\s+", "", s)
documents = {}
for root, _, files in os.walk(docs):
    for name in files:
        if name.endswith(".txt"):
            doc = os.path.relpath(os.path.join(root, name), docs)
            documents[squeeze(truth.text_of(docs, doc))] = doc
blocks = []
with open(path, encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            assert line.split() == ["-DOCSTART-"] + ["O"] * len(tags), line
            blocks.append([])
        elif line:
            fields = line.split(" ")
            assert len(fields) == 1 + len(tags) and fields[0] and not re.search(r"\s", fields[0]), line
            blocks[-1].append(fields)
checks = 0
got = collections.Counter()
for block in blocks:
    doc = documents[squeeze("".join(fields[0] for fields in block))]
    for c, tag in enumerate(tags, 1):
        chunk = None
        previous = "O"
        for fields in block + [[""] + ["O"] * len(tags)]:
            label = fields[c]
            assert label in ("O", "B-" + tag, "I-" + tag), (tag, label)
            if label.startswith("I-"):
                assert previous != "O", "I- after O is not IOB2"
                chunk.append(fields[0])
            else:
                if chunk is not None:
                    got[(doc, tag, "".join(chunk))] += 1
                    checks += 1
                chunk = [fields[0]] if label.startswith("B-") else None
            previous = label
expected = collections.Counter()
for (doc, who, tag, s, e), n in truth.spans(csv_path, annotators={annotator}).items():
    words = squeeze(truth.text_of(docs, doc)[s:e])
    if words and tag in tags:
        expected[(doc, tag, words)] += n
truth.same(expected, got, "CoNLL chunks")
print("ok", checks)

#!/usr/bin/env python3
"""Reads annotate's Prodigy export with spaCy, as Prodigy's span recipes do.

usage: check_prodigy.py DOCS EXPORT.csv PRODIGY.jsonl

Each task's tokens become a spaCy Doc (words and their trailing space,
Token.whitespace_), which must give back the text exactly; each span must
be Doc.char_span(start, end, alignment_mode="strict") (None when it does
not fall on token boundaries), starting at token_start and ending at the
inclusive token_end; every task has answer "accept". Overlapping spans go
into a SpanGroup (spans.manual allows them). Prints "ok N" or raises.
"""
import collections
import json
import sys

from spacy.tokens import Doc, SpanGroup
from spacy.vocab import Vocab

import truth

docs, csv_path, path = sys.argv[1:4]
vocab = Vocab()
expected = truth.spans(csv_path)
got = collections.Counter()
checks = 0
with open(path, encoding="utf-8") as f:
    for line in f:
        task = json.loads(line)
        assert task["answer"] == "accept"
        text = task["text"]
        meta = task["meta"]
        assert text == truth.text_of(docs, meta["document"])
        tokens = task["tokens"]
        doc = Doc(vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])
        assert doc.text == text, "the tokens and their spaces are the text"
        for i, t in enumerate(tokens):
            assert t["id"] == i and doc[i].idx == t["start"] and doc[i].idx + len(doc[i].text) == t["end"]
        group = []
        for span in task["spans"]:
            made = doc.char_span(span["start"], span["end"], label=span["label"], alignment_mode="strict")
            assert made is not None, ("not on token boundaries", span, text[span["start"]:span["end"]])
            assert made.start == span["token_start"] and made.end - 1 == span["token_end"], span
            group.append(made)
            got[(meta["document"], meta["annotator"], span["label"], span["start"], span["end"])] += 1
            checks += 1
        doc.spans["sc"] = SpanGroup(doc, name="sc", spans=group)
truth.same(expected, got, "Prodigy spans")
print("ok", checks)

#!/usr/bin/env python3
"""Reads annotate's doccano export the way doccano's importer does.

usage: check_doccano.py DOCS EXPORT.csv DOCCANO.jsonl UNIT

doccano (backend/data_import/pipeline: JSONLParser, SpanLabel) reads each
line with json.loads(line.rstrip()), takes "text" and "label", and each
label as [start, end, "TAG"] or {"start_offset", "end_offset", "label"}
with 0 <= start < end and a non-empty label. Its browser front end counts
offsets in UTF-16 code units (grapheme mode off, the default since v1.5)
or in extended grapheme clusters (grapheme mode on). UNIT says which:
utf16, grapheme or codepoint. Each span, sliced in that unit, must be the
words annotate exported in the CSV for that document, annotator and tag.
Prints "ok N" or raises.
"""
import collections
import json
import sys

import regex

import truth

docs, csv_path, path, unit = sys.argv[1:5]


def in_units(text, start, end):
    if unit == "utf16":
        data = text.encode("utf-16-le")
        # strict: half a surrogate pair is an error, as it is a broken span in doccano.
        return data[2 * start:2 * end].decode("utf-16-le", errors="strict")
    if unit == "grapheme":
        return "".join(regex.findall(r"\X", text)[start:end])
    return text[start:end]


def length(text):
    if unit == "utf16":
        return len(text.encode("utf-16-le")) // 2
    if unit == "grapheme":
        return len(regex.findall(r"\X", text))
    return len(text)


expected = collections.Counter()
for (doc, who, tag, s, e), n in truth.spans(csv_path).items():
    expected[(doc, who, tag, truth.text_of(docs, doc)[s:e])] += n
got = collections.Counter()
checks = 0
with open(path, encoding="utf-8") as f:
    for line in f:
        record = json.loads(line.rstrip())
        text = record["text"]
        assert text, "doccano refuses empty text"
        assert text == truth.text_of(docs, record["document"]), record["document"]
        for label in record["label"]:
            if isinstance(label, dict):
                s, e, tag = label["start_offset"], label["end_offset"], label["label"]
            else:
                s, e, tag = label
            assert isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= length(text), (s, e)
            assert isinstance(tag, str) and tag
            got[(record["document"], record["annotator"], tag, in_units(text, s, e))] += 1
            checks += 1
truth.same(expected, got, "doccano spans")
print("ok", checks)

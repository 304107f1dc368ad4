#!/usr/bin/env python3
"""Reads annotate's Label Studio export the way Label Studio's importer does.

usage: check_labelstudio.py DOCS EXPORT.csv TASKS.json

Label Studio imports a JSON list of tasks, each {"data": {...},
"annotations": [{"completed_by", "result": [...]}]}. A region result has
"id" (A-Za-z0-9_-), "from_name", "to_name", "type": "labels" and "value"
with "start" and "end" in code points (the editor's unit since its 2022
front end), "text" and "labels". A per-region text area is a "textarea"
result with the same id. Checked: that shape, value.text equal to
data.text[start:end], completed_by an integer that data.annotators names,
and the spans equal to the CSV's. Prints "ok N" or raises.
"""
import collections
import json
import re
import sys

import truth

docs, csv_path, path = sys.argv[1:4]
tasks = json.load(open(path, encoding="utf-8"))
assert isinstance(tasks, list) and tasks, "a JSON list of tasks"
expected = truth.spans(csv_path)
# One note per annotation (the CSV repeats it on each tag's row); untagged spans are not exported.
by_annotation = {(r["document"], r["annotator"], r["annotation_id"]): r["note"] for r in truth.rows(csv_path)
                 if r["status"] == "anchored" and r["tag"] != "" and r["note"]}
notes = collections.Counter((doc, who, note) for (doc, who, _), note in by_annotation.items())
got = collections.Counter()
got_notes = collections.Counter()
checks = 0
for task in tasks:
    data = task["data"]
    text = data["text"]
    assert text == truth.text_of(docs, data["document"])
    for annotation in task["annotations"]:
        who = data["annotators"][str(annotation["completed_by"])]
        assert isinstance(annotation["completed_by"], int)
        regions = {}
        for result in annotation["result"]:
            assert re.fullmatch(r"[A-Za-z0-9_-]+", result["id"]), result["id"]
            assert result["to_name"] == "text"
            value = result["value"]
            if result["type"] == "labels":
                assert result["id"] not in regions, "region ids are unique"
                s, e = value["start"], value["end"]
                assert 0 <= s <= e <= len(text)
                assert value["text"] == text[s:e], (value["text"], text[s:e])
                assert value["labels"] and all(isinstance(l, str) and l for l in value["labels"])
                regions[result["id"]] = (s, e)
                for tag in value["labels"]:
                    got[(data["document"], who, tag, s, e)] += 1
                    checks += 1
            else:
                assert result["type"] == "textarea", result["type"]
                assert regions.get(result["id"]) == (value["start"], value["end"]), "a note names its region"
                got_notes[(data["document"], who, "\n".join(value["text"]))] += 1
truth.same(expected, got, "Label Studio spans")
truth.same(notes, got_notes, "Label Studio notes")
print("ok", checks)

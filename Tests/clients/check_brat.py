#!/usr/bin/env python3
"""Checks annotate's brat export by brat's own rules.

usage: check_brat.py DOCS EXPORT.csv BRAT_FOLDER

A port of what brat's server does with a collection (server/src/
annotation.py and verify_annotations.py, projectconfig.py):
- the .txt is read as brat reads it, UTF-8 with universal newlines (a CRLF
  is one character), and T offsets index that text;
- ids match ^([A-Za-z]+|#[A-Za-z]*)([0-9]+)$ and are unique; T lines are
  TYPE START END[;START END…] with 0 <= start <= end <= len(text), the
  fragments not overlapping one another, and the TEXT field equal to the
  fragments' texts joined by one space;
- every T type is an [entities] type of annotation.conf; notes
  (#N AnnotatorNotes TARGET) name an existing annotation;
- two entities whose extents (first start, last end) overlap need an
  <OVERLAP> line allowing it (equal, contain, cross, or <ANY>), else the
  verifier reports "cannot have identical span", "cannot be contained in",
  or "crossing span".
The spans must be the CSV's: (document, annotator, tag, words), words
with line breaks as brat's fragments join them. Prints "ok N" or raises.
"""
import collections
import os
import re
import sys

import truth

docs, csv_path, folder = sys.argv[1:4]


def configuration(path):
    entities, overlap = set(), None
    relation_types, attribute_types = {}, {}
    section = None
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1]
            continue
        if section == "entities" and stripped != "----":
            name = stripped.split()[0].lstrip("!")
            entities.add(name)
        if section == "relations" and stripped.startswith("<OVERLAP>"):
            args = dict(part.strip().split(":", 1) for part in stripped.split("\t", 1)[1].split(","))
            overlap = (args["Arg1"], args["Arg2"], set(args["<OVL-TYPE>"].split("|")))
        elif section == "relations":
            name, rest = stripped.split("\t", 1)
            args = dict(part.strip().split(":", 1) for part in rest.split(","))
            relation_types[name] = (args["Arg1"].split("|"), args["Arg2"].split("|"))
        elif section == "attributes":
            name, rest = stripped.split("\t", 1)
            args = dict(part.strip().split(":", 1) for part in rest.split(","))
            assert "Arg" in args, "attribute '%s' lacks 'Arg:' specification." % name
            attribute_types[name] = (args["Arg"].split("|"), args.get("Value", "").split("|"))
    return entities, overlap, relation_types, attribute_types


entities, overlap, relation_types, attribute_types = configuration(os.path.join(folder, "annotation.conf"))


def fits(allowed, kind):
    return "<ENTITY>" in allowed or "<ANY>" in allowed or kind in allowed


def overlap_allowed(kind, inner, outer):
    if overlap is None:
        return False
    arg1, arg2, kinds = overlap
    if not ({"<ANY>", kind} & kinds):
        return False
    fits = lambda arg, t: arg in ("<ENTITY>", "<ANY>", t) or t in arg.split("|")
    return fits(arg1, inner) and fits(arg2, outer)


def words(text):
    return " ".join(piece for piece in re.split(r"\r\n|\r|\n", text) if piece)


expected = collections.Counter()
for (doc, who, tag, s, e), n in truth.spans(csv_path, tagged_only=False).items():
    expected[(doc, who, tag or "untagged", words(truth.text_of(docs, doc)[s:e]))] += n
got = collections.Counter()
checks = 0
for root, _, files in os.walk(folder):
    for name in sorted(files):
        if not name.endswith(".ann"):
            continue
        relative = os.path.relpath(os.path.join(root, name), folder)
        annotator, doc = relative.split(os.sep, 1)
        doc = doc[:-4] + ".txt"
        with open(os.path.join(root, name[:-4] + ".txt"), encoding="utf-8") as f:
            text = f.read()  # universal newlines, as brat's open_textfile
        assert text == truth.text_of(docs, doc).replace("\r\n", "\n").replace("\r", "\n")
        ids, bound, types = set(), [], {}
        for n, line in enumerate(open(os.path.join(root, name), encoding="utf-8", newline="\n"), 1):
            line = line.rstrip("\n")
            ident, data, *tail = line.split("\t", 2)
            assert re.match(r"^([A-Za-z]+|#[A-Za-z]*)([0-9]+)$", ident), (name, n, ident)
            assert ident not in ids, ("Duplicate id", name, ident)
            ids.add(ident)
            if ident.startswith("T"):
                kind, offsets = data.split(" ", 1)
                assert kind in entities, "Error: %s is not a known textbound type (check configuration?)" % kind
                fragments = [tuple(map(int, f.split(" "))) for f in offsets.split(";")]
                for s, e in fragments:
                    assert 0 <= s <= e <= len(text), (name, n, "offset exceeds text length")
                for (s1, e1), (s2, e2) in zip(fragments, fragments[1:]):
                    assert e1 <= s2, (name, n, "fragments overlap")
                assert tail and tail[0] == " ".join(text[s:e] for s, e in fragments), (name, n, tail)
                bound.append((ident, kind, fragments[0][0], fragments[-1][1]))
                types[ident] = kind
                got[(doc, annotator, kind, tail[0])] += 1
                checks += 1
            elif ident.startswith("R"):
                kind, arg1, arg2 = data.split(" ")
                assert kind in relation_types, "Error: %s is not a known relation type (check configuration?)" % kind
                a, b = arg1.split(":", 1)[1], arg2.split(":", 1)[1]
                assert arg1.startswith("Arg1:") and arg2.startswith("Arg2:") and a in types and b in types, (name, n)
                allowed1, allowed2 = relation_types[kind]
                assert fits(allowed1, types[a]) and fits(allowed2, types[b]), \
                    "Error: %s relation Arg1:%s Arg2:%s not allowed" % (kind, types[a], types[b])
                checks += 1
            elif ident.startswith("A"):
                parts = data.split(" ")
                kind, target = parts[0], parts[1]
                assert kind in attribute_types and target in types, (name, n, data)
                allowed, values = attribute_types[kind]
                assert fits(allowed, types[target]), "Error: %s cannot take a %s attribute" % (types[target], kind)
                assert len(parts) == 2 or parts[2] in values, (name, n, data)
                checks += 1
            elif ident.startswith("#"):
                note_kind, target = data.split(" ", 1)
                assert note_kind == "AnnotatorNotes" and target in ids, (name, n, "ID %s not defined" % target)
        for i, (id1, t1, s1, e1) in enumerate(bound):
            for id2, t2, s2, e2 in bound[i + 1:]:
                if e1 <= s2 or e2 <= s1:
                    continue
                if (s1, e1) == (s2, e2):
                    ok = overlap_allowed("equal", t1, t2)
                elif s2 <= s1 and e1 <= e2:
                    ok = overlap_allowed("contain", t1, t2)
                elif s1 <= s2 and e2 <= e1:
                    ok = overlap_allowed("contain", t2, t1)
                else:
                    ok = overlap_allowed("cross", t1, t2) and overlap_allowed("cross", t2, t1)
                assert ok, (name, "Error: %s and %s overlap without an <OVERLAP> allowance" % (id1, id2))
truth.same(expected, got, "brat spans")
print("ok", checks)

"""find /REGEX/ as Python's re computes it, for the search tests.

Reads a JSON job: {"documents": [{"path": P, "units": [[start, end], ...]}],
"patterns": [{"source": S, "flags": "ixs"}]}. Each document is read as
annotate reads it (UTF-8, a byte-order mark dropped, line ends kept), every
pattern runs over the whole text with re.finditer, and each match is listed
under the first unit it overlaps (an empty match under the unit it sits in;
a match touching no unit is dropped). Prints one line per unit with a match:
    pattern-index document-index unit-index start-end start-end ...
and after each pattern's, its matches in all (those touching no unit too)
and the documents with one:
    pattern-index total matches documents
"""
import json
import re
import sys

job = json.load(open(sys.argv[1], encoding="utf-8"))
texts = [open(d["path"], encoding="utf-8-sig", newline="").read() for d in job["documents"]]
FLAGS = {"i": re.IGNORECASE, "x": re.VERBOSE, "s": re.DOTALL}
for p, pattern in enumerate(job["patterns"]):
    flags = 0
    for letter in pattern["flags"]:
        flags |= FLAGS[letter]
    regex = re.compile(pattern["source"], flags)
    total = documents = 0
    for d, (document, text) in enumerate(zip(job["documents"], texts)):
        units = document["units"]
        hits = {}
        order = []
        found = list(regex.finditer(text))
        total += len(found)
        documents += 1 if found else 0
        for m in found:
            start, end = m.span()
            unit = next((u for u, (s, e) in enumerate(units) if e > start and s < max(end, start + 1)), None)
            if unit is None:
                continue
            if unit not in hits:
                hits[unit] = []
                order.append(unit)
            hits[unit].append(f"{start}-{end}")
        for unit in order:
            print(p, d, unit, " ".join(hits[unit]))
    print(p, "total", total, documents)

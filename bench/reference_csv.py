#!/usr/bin/env python3
"""Python's csv module writing the same rows annotate exported (the reference
for the CSV export benchmark). Reads annotate's CSV (not timed), then times
csv.writer writing every row to a new file. Prints: seconds<TAB>rows<TAB>bytes."""
import csv
import os
import sys
import time

source, target = sys.argv[1], sys.argv[2]
with open(source, encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))
start = time.perf_counter()
with open(target, "w", encoding="utf-8", newline="") as f:
    writer = csv.writer(f)
    writer.writerows(rows)
elapsed = time.perf_counter() - start
print(f"{elapsed:.4f}\t{len(rows)}\t{os.path.getsize(target)}")

#!/usr/bin/env python3
"""The `krippendorff` package on the matrix annotate-bench wrote (the
reference for the agreement benchmark). Reads raw float64 values, coders x
items, NaN for missing (not timed); times krippendorff.alpha(nominal) RUNS
times. Prints: median seconds<TAB>alpha."""
import statistics
import sys
import time

import krippendorff
import numpy as np

path, coders, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = np.fromfile(path, dtype=np.float64).reshape(coders, -1)
times = []
alpha = float("nan")
for _ in range(runs):
    start = time.perf_counter()
    alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    times.append(time.perf_counter() - start)
print(f"{statistics.median(times):.6f}\t{float(alpha)!r}")

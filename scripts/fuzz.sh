#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (make fuzz; FUZZ_SECONDS each).
# New inputs go to .fuzz-work/TARGET (ignored by git); the committed seeds in
# fuzz/corpus/TARGET are read, never written. A crash is copied to
# fuzz/crashes/TARGET/, where the test suite replays it from then on.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
binary=.build-fuzz/debug/annotate-fuzz
targets=${FUZZ_TARGETS:-command sidecar import segmenter}
status=0
for target in $targets; do
  mkdir -p ".fuzz-work/$target" "fuzz/crashes/$target"
  log=".fuzz-work/$target.log"
  "$binary" "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix=".fuzz-work/$target-" ".fuzz-work/$target" "fuzz/corpus/$target" >"$log" 2>&1
  code=$?
  runs=$(grep -Eo '^Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+' | tail -1)
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1)
  found=$(ls .fuzz-work/"$target"-* 2>/dev/null | grep -v '\.log$' || true)
  if [ -n "$found" ]; then
    for f in $found; do cp "$f" "fuzz/crashes/$target/"; done
    echo "$target: FOUND $(echo "$found" | wc -l) failing input(s), copied to fuzz/crashes/$target/ (log: $log)"
    status=1
  else
    echo "$target: ${runs:-?} inputs in ${seconds}s, ${cov:-cov: ?} edges, no failure (exit $code)"
  fi
done
exit $status

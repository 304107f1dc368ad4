#!/usr/bin/env bash
# Rebuilds the example sidecar of the seed article with annotate itself
# (annotator "example"), so a newcomer sees claims, opinions and sources on
# the first `show`. Run from the repository root after `swift build`.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${ANNOTATE:-.build/debug/annotate}
rm -f Annotations/seeds/000_9c83e067df388347.txt/example.json
"$binary" --annotations Annotations --annotator example seeds --bail --script /dev/stdin <<'SCRIPT'
tag 1 opinion
note #1 "The headline frames the collapse as a question of blame."
tag 2 claim
hl 3 "rightly felt" opinion
note "The writer endorses the US view: evaluative adverb."
hl 3 "Russia adopted the long-standing Pakistani position" claim
tag 4 claim
hl 4 "US special envoy Zalmay Khalilzad" source
tag 5 opinion
hl 5 "Regrettably" opinion
tag 6 claim
hl 6 "so-called “transitional government”" opinion
note "Scare quotes signal distance from the term."
tag 8 opinion
hl 8 "Trump would have scored domestic political points" opinion
tag 11 opinion
hl 12 "might bifurcate" claim
hl 12 "Islamabad sincerely did all that it could" opinion
tag 13 opinion
tag 14 source
tag 15 source
SCRIPT
rm -f Annotations/seeds/000_9c83e067df388347.txt/.example.journal Annotations/seeds/000_9c83e067df388347.txt/.example.json.lock

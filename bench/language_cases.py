#!/usr/bin/env python3
"""Scores reference segmenters on annotate's per-language case table.

Reads Tests/fixtures/segmentation-cases.jsonl (one case per line: language,
text, the units a careful reader would choose) and prints, per language,
how many cases each reference segments exactly so:
LANGUAGE<TAB>CASES<TAB>sentencex<TAB>pySBD
sentencex is given the language (it falls back by itself where it has no
rules); pySBD is given the language where it has rules for it, else
English (what a user of it would do), marked with * in the pySBD column.
"""
import collections
import json
import sys


def main():
    import pysbd
    import sentencex
    from pysbd.languages import LANGUAGE_CODES

    cases = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    score = collections.defaultdict(lambda: [0, 0, 0])
    segmenters = {}
    for case in cases:
        lang, text, units = case["language"], case["text"], case["units"]
        row = score[lang]
        row[0] += 1
        got = [s.strip() for s in sentencex.segment(lang, text) if s.strip()]
        row[1] += got == units
        code = lang if lang in LANGUAGE_CODES else "en"
        if code not in segmenters:
            segmenters[code] = pysbd.Segmenter(language=code, clean=False)
        got = [s.strip() for s in segmenters[code].segment(text) if s.strip()]
        row[2] += got == units
    for lang, (n, sx, sbd) in score.items():
        mark = "" if lang in LANGUAGE_CODES else "*"
        print(f"{lang}\t{n}\t{sx}\t{sbd}{mark}")


if __name__ == "__main__":
    main()

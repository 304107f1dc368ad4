#!/usr/bin/env python3
"""Reference sentence segmenters for annotate-bench, timed on the same file.

Prints one line per segmenter that can be imported here:
NAME<TAB>MB/s<TAB>bytes segmented<TAB>units
pySBD is slow (well under 1 MB/s), so it gets the first 1 MB only.
"""
import sys
import time


def timed(name, segment, text):
    data = text.encode("utf-8")
    start = time.perf_counter()
    units = segment(text)
    elapsed = time.perf_counter() - start
    print(f"{name}\t{len(data) / 1e6 / elapsed:.3f}\t{len(data)}\t{units}", flush=True)


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    try:
        import sentencex
        timed("sentencex", lambda t: sum(1 for _ in sentencex.segment("en", t)), text)
    except ImportError:
        pass
    try:
        import blingfire
        timed("blingfire", lambda t: len(blingfire.text_to_sentences_and_offsets(t)[1]), text)
    except ImportError:
        pass
    try:
        import pysbd
        seg = pysbd.Segmenter(language="en", clean=False)
        head = text[:1_000_000]
        timed("pySBD (first 1 MB)", lambda t: len(seg.segment(t)), head)
    except ImportError:
        pass


if __name__ == "__main__":
    main()

"""Throughput of batch topic classification.

    python benchmarks/bench_topics.py [--n 5000] [--file proposals.jsonl]

Classifies N proposals (the labelled dev file repeated, or --file) with ONE
Classifier (jieba is loaded once, the term index built once) and prints
proposals/s and the peak memory of the process. Baseline, interleaved in the same run chunk by
chunk: bare jieba segmentation (``jieba.lcut``) of the same titles and descriptions, and the ratio.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from shenbao.config import shared_dir
from shenbao.extractors.topics import Classifier, read_proposals
from shenbao.pipeline.classify import classify_all

CHUNK = 500


def peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--file", type=Path, default=shared_dir() / "samples" / "topics" / "dev.jsonl")
    parser.add_argument("--bar", type=float, default=2000.0, help="required proposals/s")
    args = parser.parse_args(argv)

    base = read_proposals(args.file)
    proposals = [base[i % len(base)] for i in range(args.n)]

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()  # the baseline's own dictionary, loaded before the clock starts
    started = time.perf_counter()
    classifier = Classifier()
    loaded = time.perf_counter()
    results, classifying, segmenting = [], 0.0, 0.0
    for start in range(0, len(proposals), CHUNK):
        chunk = proposals[start:start + CHUNK]
        t0 = time.perf_counter()
        results += classify_all(classifier, chunk, top=3)
        t1 = time.perf_counter()
        for proposal in chunk:
            jieba.lcut(proposal.title + (proposal.description or ""))
        classifying, segmenting = classifying + t1 - t0, segmenting + time.perf_counter() - t1
    # Memory in a separate, smaller pass: tracing allocations slows Python down several times.
    tracemalloc.start()
    classify_all(classifier, proposals[:500], top=3)
    _, peak_traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    rate = len(results) / classifying
    flagged = sum(1 for r in results if not r.matches)
    print(f"load (jieba + index, once): {loaded - started:.2f} s")
    print(f"classified {len(results)} proposals in {classifying:.2f} s → {rate:.0f} proposals/s "
          f"({flagged} flagged none)")
    print(f"baseline: bare jieba segmentation of the same texts {segmenting:.2f} s "
          f"({len(results) / segmenting:.0f}/s); classification {classifying / segmenting:.1f}x")
    print(f"peak memory: {peak_rss_mb():.0f} MB RSS; {peak_traced / 1e6:.1f} MB traced peak while classifying 500")
    print(f"bar {args.bar:.0f} proposals/s: {'met' if rate >= args.bar else 'NOT met'}")
    return 0 if rate >= args.bar else 1


if __name__ == "__main__":
    sys.exit(main())

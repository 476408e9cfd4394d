"""Throughput of batch topic classification.

    python benchmarks/bench_topics.py [--n 5000] [--file proposals.jsonl]

Classifies N proposals (the labelled dev file repeated, or --file) with ONE
Classifier (jieba is loaded once, the term index built once) and prints
proposals/s and the peak memory of the process.
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


def peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--file", type=Path, default=shared_dir() / "samples" / "topics" / "dev.jsonl")
    parser.add_argument("--bar", type=float, default=500.0, help="required proposals/s")
    args = parser.parse_args(argv)

    base = read_proposals(args.file)
    proposals = [base[i % len(base)] for i in range(args.n)]

    started = time.perf_counter()
    classifier = Classifier()
    loaded = time.perf_counter()
    results = classify_all(classifier, proposals, top=3)
    done = time.perf_counter()
    # Memory in a separate, smaller pass: tracing allocations slows Python down several times.
    tracemalloc.start()
    classify_all(classifier, proposals[:500], top=3)
    _, peak_traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    rate = len(results) / (done - loaded)
    flagged = sum(1 for r in results if not r.matches)
    print(f"load (jieba + index, once): {loaded - started:.2f} s")
    print(f"classified {len(results)} proposals in {done - loaded:.2f} s → {rate:.0f} proposals/s "
          f"({flagged} flagged none)")
    print(f"peak memory: {peak_rss_mb():.0f} MB RSS; {peak_traced / 1e6:.1f} MB traced peak while classifying 500")
    print(f"bar {args.bar:.0f} proposals/s: {'met' if rate >= args.bar else 'NOT met'}")
    return 0 if rate >= args.bar else 1


if __name__ == "__main__":
    sys.exit(main())

"""Form reading throughput and memory on the shipped sample forms.

Run from the repository root: ``python benchmarks/bench_forms.py [--repeat N]``.

Parses every DOCX, PDF and XLSX under ``samples/forms`` N times through
``shenbao.extractors.forms.parse_form_file`` (ingest included, one process,
one core) and prints forms per second per format, then the peak Python memory
of one pass (tracemalloc, measured separately because tracing slows
everything down) and the process's peak resident size. Bars: ≥ 20 DOCX and
≥ 5 PDF forms per second. Exit code 0 when the bars are met.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

BARS = {"docx": 20.0, "pdf": 5.0}


def _forms(root: Path) -> list[Path]:
    return sorted(p for p in (root / "forms").iterdir() if p.suffix.lower() in {".docx", ".pdf", ".xlsx"})


def _time(files: list[Path], repeat: int) -> tuple[dict[str, float], dict[str, int]]:
    from shenbao.extractors.forms import parse_form_file

    seconds: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for _ in range(repeat):
        for path in files:
            fmt = path.suffix.lower().lstrip(".")
            t0 = time.perf_counter()
            parse_form_file(path)
            seconds[fmt] += time.perf_counter() - t0
            counts[fmt] += 1
    return seconds, counts


def _peak_memory(files: list[Path]) -> dict[str, int]:
    from shenbao.extractors.forms import parse_form_file

    peaks: dict[str, int] = {}
    for fmt in ("docx", "pdf", "xlsx"):
        tracemalloc.start()
        for path in files:
            if path.suffix.lower().lstrip(".") == fmt:
                parse_form_file(path)
        peaks[fmt] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peaks


def main(argv: list[str] | None = None) -> int:
    from shenbao.config import shared_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--samples", type=Path, default=None)
    args = parser.parse_args(argv)
    files = _forms(args.samples or shared_dir() / "samples")
    _time(files[:3], 1)  # warm-up: imports and corpus tables load once per process
    seconds, counts = _time(files, args.repeat)
    peaks = _peak_memory(files)
    ok = True
    print(f"{'format':<6} {'forms':>6} {'seconds':>8} {'forms/s':>8} {'peak MiB':>9}  bar")
    for fmt in sorted(counts):
        rate = counts[fmt] / seconds[fmt] if seconds[fmt] else float("inf")
        bar = BARS.get(fmt)
        verdict = "" if bar is None else ("ok" if rate >= bar else f"BELOW {bar:g}/s")
        ok &= bar is None or rate >= bar
        print(f"{fmt:<6} {counts[fmt]:>6} {seconds[fmt]:>8.2f} {rate:>8.1f} {peaks.get(fmt, 0) / 2**20:>9.1f}  {verdict}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident size: {rss:.0f} MiB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

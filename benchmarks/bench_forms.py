"""Form reading throughput and memory on the shipped sample forms.

Run from the repository root: ``python benchmarks/bench_forms.py [--repeat N]``.

Parses every DOCX, PDF and XLSX under ``samples/forms`` N times through
``shenbao.extractors.forms.parse_form_file`` (ingest included, one process,
one core) and prints forms per second per format, then the peak Python memory
of one pass (tracemalloc, measured separately because tracing slows
everything down) and the process's peak resident size. Bars: ≥ 20 DOCX and
≥ 5 PDF forms per second. Exit code 0 when the bars are met.

Baseline, timed interleaved with each file in the same run: the bare library reading the same
file (python-docx's paragraphs and table cells; pdfplumber's ``extract_text`` and
``extract_tables`` per page; openpyxl's read-only cell values), and the ratio per format.
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


def bare_read(path: Path) -> None:
    """What the format's own library does to get the text and tables out, nothing more."""
    fmt = path.suffix.lower()
    if fmt == ".docx":
        import docx

        document = docx.Document(str(path))
        [p.text for p in document.paragraphs]
        [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    elif fmt == ".pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
    else:
        import openpyxl

        workbook = openpyxl.load_workbook(path, read_only=True)
        for sheet in workbook.worksheets:
            [row for row in sheet.iter_rows(values_only=True)]
        workbook.close()


def _time(files: list[Path], repeat: int) -> tuple[dict[str, float], dict[str, int], dict[str, float]]:
    from shenbao.extractors.forms import parse_form_file

    seconds: dict[str, float] = defaultdict(float)
    baseline: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for _ in range(repeat):
        for path in files:
            fmt = path.suffix.lower().lstrip(".")
            t0 = time.perf_counter()
            parse_form_file(path)
            t1 = time.perf_counter()
            bare_read(path)
            seconds[fmt] += t1 - t0
            baseline[fmt] += time.perf_counter() - t1
            counts[fmt] += 1
    return seconds, counts, baseline


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
    # warm-up, one file of each format: imports and corpus tables load once per process
    _time(list({p.suffix.lower(): p for p in files}.values()), 1)
    seconds, counts, baseline = _time(files, args.repeat)
    peaks = _peak_memory(files)
    ok = True
    print(f"{'format':<6} {'forms':>6} {'seconds':>8} {'forms/s':>8} {'peak MiB':>9} {'bare lib s':>10} {'ratio':>6}  bar")
    for fmt in sorted(counts):
        rate = counts[fmt] / seconds[fmt] if seconds[fmt] else float("inf")
        bar = BARS.get(fmt)
        verdict = "" if bar is None else ("ok" if rate >= bar else f"BELOW {bar:g}/s")
        ok &= bar is None or rate >= bar
        ratio = seconds[fmt] / baseline[fmt] if baseline[fmt] else float("inf")
        print(f"{fmt:<6} {counts[fmt]:>6} {seconds[fmt]:>8.2f} {rate:>8.1f} {peaks.get(fmt, 0) / 2**20:>9.1f} "
              f"{baseline[fmt]:>10.2f} {ratio:>5.2f}x  {verdict}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident size: {rss:.0f} MiB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Ingest throughput and memory on the shipped samples.

Run from the repository root: ``python benchmarks/bench_ingest.py [--repeat N]``.

Reads every file under ``samples/notices`` and ``samples/forms`` (PDF, DOCX,
XLSX, TXT) N times through ``shenbao.ingest.load`` and prints documents/s per
format, pages/s for PDFs, peak Python memory (tracemalloc, measured in a
separate pass because tracing slows everything down) and the process's peak
resident size, and the ratio of our time to the bare library on the same files, timed
interleaved file by file in the same run (pdfplumber's ``page.extract_text()`` for PDF,
python-docx's paragraph and cell text for DOCX): the price of reading order, paragraphs and tables.
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path


def _sample_files(root: Path) -> list[Path]:
    files = []
    for folder in ("notices", "forms"):
        files += sorted(p for p in (root / folder).iterdir()
                        if p.is_file() and p.suffix.lower() in {".pdf", ".docx", ".xlsx", ".txt", ".md", ".html"})
    return files


def _bare_text(path: Path) -> None:
    """What the format's library gives without shenbao: a PDF's page text, a DOCX's paragraphs and cells."""
    if path.suffix.lower() == ".pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.flush_cache()
    elif path.suffix.lower() == ".docx":
        import docx

        document = docx.Document(str(path))
        [p.text for p in document.paragraphs]
        [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def _time_ingest(files: list[Path], repeat: int) -> tuple[dict[str, float], dict[str, int], int, dict[str, float]]:
    from shenbao.ingest import load

    seconds: dict[str, float] = defaultdict(float)
    bare: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    pdf_pages = 0
    for _ in range(repeat):
        for path in files:
            fmt = path.suffix.lower().lstrip(".")
            start = time.perf_counter()
            doc = load(path)
            middle = time.perf_counter()
            _bare_text(path)
            seconds[fmt] += middle - start
            bare[fmt] += time.perf_counter() - middle
            counts[fmt] += 1
            if fmt == "pdf":
                pdf_pages += doc.pages or 0
    return seconds, counts, pdf_pages, bare


def _peak_traced(files: list[Path]) -> int:
    from shenbao.ingest import load

    peak = 0
    for path in files:
        tracemalloc.start()
        load(path)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return peak


def main(argv: list[str] | None = None) -> int:
    from shenbao.config import shared_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", "-n", type=int, default=3, help="passes over the samples (default 3)")
    args = parser.parse_args(argv)

    files = _sample_files(shared_dir() / "samples")
    pdfs = [p for p in files if p.suffix.lower() == ".pdf"]
    _time_ingest(files[:1], 1)  # warm-up: imports

    seconds, counts, pdf_pages, bare = _time_ingest(files, args.repeat)
    peak = _peak_traced(files)
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    print(f"files: {len(files)} ({len(pdfs)} PDF), passes: {args.repeat}")
    total_s = sum(seconds.values())
    total_n = sum(counts.values())
    for fmt in sorted(counts):
        print(f"  {fmt:5s} {counts[fmt]:4d} docs  {seconds[fmt]:7.2f} s  {counts[fmt] / seconds[fmt]:8.1f} docs/s")
    print(f"  all   {total_n:4d} docs  {total_s:7.2f} s  {total_n / total_s:8.1f} docs/s")
    if pdfs:
        print(f"PDF: {pdf_pages / seconds['pdf']:.1f} pages/s (ours), {pdf_pages / bare['pdf']:.1f} pages/s (bare)")
    for fmt, library in (("pdf", "pdfplumber extract_text"), ("docx", "python-docx paragraphs and cells")):
        if bare.get(fmt):
            print(f"{fmt.upper()} time ratio ours / bare {library}, interleaved: {seconds[fmt] / bare[fmt]:.2f}x")
    print(f"peak traced memory for one document: {peak / 2**20:.1f} MiB; process max RSS: {rss_kib / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Notice parsing speed: notices/s, ms per notice (warm) and peak memory, against baselines.

    python benchmarks/bench_notice.py [--rounds N]

Baselines measured interleaved in the same run: bare jieba segmentation (``jieba.lcut``) of
each notice's text for extraction, and bare pdfplumber ``extract_text`` for reading the long PDF.

jieba and spaCy are loaded once per process; that one-time cost is printed on
its own. Ingest (reading the file) and extraction are timed separately, since
the warm figure that matters for a 10-page notice is extraction on a loaded
Document plus one read of the file.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import tempfile
import time
import tracemalloc
from pathlib import Path

from shenbao.config import shared_dir


def files() -> list[Path]:
    samples = sorted(p for p in (shared_dir() / "samples" / "notices").iterdir()
                     if p.suffix in (".txt", ".docx", ".pdf"))
    return samples + sorted((shared_dir() / "seeds").glob("*.txt"))


def long_notice(folder: Path) -> list[Path]:
    """A notice of about ten pages: the three sample notices' text in one DOCX, and as PDF
    when LibreOffice is on this machine (it prints the DOCX the way bureaus publish them)."""
    import docx

    document = docx.Document()
    for sample in sorted((shared_dir() / "samples" / "notices").glob("*.txt")):
        for line in sample.read_text(encoding="utf-8").splitlines():
            if line.strip():
                document.add_paragraph(line)
    path = folder / "long_notice.docx"
    document.save(path)
    out = [path]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(path)],
                       capture_output=True, timeout=180)
        if (folder / "long_notice.pdf").exists():
            out.append(folder / "long_notice.pdf")
    return out


def time_long_notice(rounds: int) -> None:
    from shenbao.extractors.notice import parse_notice
    from shenbao.ingest import load

    with tempfile.TemporaryDirectory() as tmp:
        for path in long_notice(Path(tmp)):
            doc = load(path)
            parse_notice(doc)  # warm
            ingest = min(_timed(lambda p=path: load(p)) for _ in range(rounds))
            extract = min(_timed(lambda d=doc: parse_notice(d)) for _ in range(rounds))
            pages = f"{doc.pages} pages" if doc.pages else f"{len(doc.text)} chars"
            print(f"long notice {path.suffix} ({pages}): ingest {ingest:.0f} ms + extraction {extract:.0f} ms "
                  f"= {ingest + extract:.0f} ms warm (target < 1000 ms for 10 pages)")
            if path.suffix == ".pdf":
                bare = min(_timed(lambda p=path: _bare_pdf_text(p)) for _ in range(rounds))
                print(f"  baseline: bare pdfplumber extract_text {bare:.0f} ms; shenbao's ingest {ingest / bare:.2f}x")


def _bare_pdf_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _timed(func) -> float:
    t = time.perf_counter()
    func()
    return (time.perf_counter() - t) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    t0 = time.perf_counter()
    from shenbao.extractors.nlp import get_nlp

    get_nlp()
    load_cost = time.perf_counter() - t0
    print(f"one-time load (jieba dictionary + spaCy blank zh): {load_cost * 1000:.0f} ms")

    from shenbao.extractors.notice import parse_notice
    from shenbao.ingest import load

    paths = files()
    docs = {p: load(p) for p in paths}
    for p in paths:  # warm every code path once
        parse_notice(docs[p])

    import jieba

    per_file: dict[Path, list[float]] = {p: [] for p in paths}
    ingest_ms: dict[Path, float] = {}
    total = segmenting = 0.0
    for _ in range(args.rounds):
        for p in paths:
            t = time.perf_counter()
            parse_notice(docs[p])
            per_file[p].append((time.perf_counter() - t) * 1000)
            total += time.perf_counter() - t
            t = time.perf_counter()
            jieba.lcut(docs[p].text)  # the baseline: segmenting the same text, nothing more
            segmenting += time.perf_counter() - t
    tracemalloc.start()  # a separate pass: tracing slows Python down, so it is not timed
    for p in paths:
        parse_notice(docs[p])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    for p in paths:
        t = time.perf_counter()
        load(p)
        ingest_ms[p] = (time.perf_counter() - t) * 1000

    n = args.rounds * len(paths)
    print(f"{n} parses of {len(paths)} notices in {total:.2f} s: {n / total:.1f} notices/s, "
          f"{total / n * 1000:.1f} ms per notice (extraction, warm)")
    print(f"baseline: bare jieba segmentation of the same texts {segmenting / n * 1000:.1f} ms per notice; "
          f"extraction {total / segmenting:.1f}x")
    print(f"peak traced memory during extraction: {peak / 1e6:.1f} MB")
    print(f"{'file':40} {'chars':>7} {'extract ms':>11} {'ingest ms':>10}")
    for p in paths:
        chars = len(docs[p].text)
        best = min(per_file[p])
        print(f"{p.name:40} {chars:7d} {best:11.1f} {ingest_ms[p]:10.1f}")
    worst = max(min(v) for v in per_file.values())
    print(f"slowest extraction, warm: {worst:.0f} ms (target < 1000 ms for a 10-page notice); "
          f"slowest ingest + extraction: {max(min(v) + ingest_ms[p] for p, v in per_file.items()):.0f} ms")
    time_long_notice(max(1, args.rounds // 2))
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()

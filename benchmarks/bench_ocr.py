"""OCR speed and memory: seconds per page (wall and CPU) and the process's peak resident size.

Run from the repository root: ``python benchmarks/bench_ocr.py [--pages N] [--level ordinary|harsh]``.

Reads the scans made by ``python -m shenbao.eval.make_scans`` (made first if missing) through
``shenbao.ingest.load`` until N pages are read, and prints per-page figures. The engine's start-up
(loading the packaged models) is timed apart.

Baseline, interleaved file by file in the same run: the same pages rendered with pypdfium2 at the
same resolution and given to the bare rapidocr engine (what any OCR of these scans costs), and the
ratio of shenbao's time (deskew, seal removal, ruling-line tables, tick boxes included) to it.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time


def bare_ocr(path, ocr) -> None:
    """Every page of ``path`` rendered at the same resolution and read by the bare engine."""
    import numpy as np
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        for page in pdf:
            image = np.asarray(page.render(scale=ocr.DPI / 72).to_pil().convert("RGB"))[:, :, ::-1]
            ocr.engine()(image)
    finally:
        pdf.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--level", default="ordinary", choices=["ordinary", "harsh"])
    args = parser.parse_args()
    from shenbao.eval.make_scans import default_folder, make_scans
    from shenbao.ingest import load, ocr

    if not ocr.available():
        print(ocr.INSTALL_HINT, file=sys.stderr)
        return 2
    folder = default_folder() / args.level
    if not any(folder.glob("*.pdf")):
        make_scans(default_folder())
    started = time.perf_counter()
    ocr.engine()
    print(f"engine start-up: {time.perf_counter() - started:.2f} s")
    pages, wall, cpu, bare_cpu = 0, 0.0, 0.0, 0.0
    for path in sorted(folder.glob("*.pdf")):
        if pages >= args.pages:
            break
        w0, c0 = time.perf_counter(), time.process_time()
        doc = load(path)
        wall += time.perf_counter() - w0
        cpu += time.process_time() - c0
        pages += len(doc.ocr_pages)
        c1 = time.process_time()
        bare_ocr(path, ocr)
        bare_cpu += time.process_time() - c1
        print(f"{path.name:<24} {len(doc.ocr_pages)} pages")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{pages} pages: {wall / pages:.2f} s/page wall, {cpu / pages:.2f} CPU-s/page, peak RSS {peak:.0f} MB")
    print(f"baseline: bare rapidocr on the same pages {bare_cpu / pages:.2f} CPU-s/page; shenbao {cpu / bare_cpu:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

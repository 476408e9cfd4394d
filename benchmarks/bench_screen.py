"""Bulk screening benchmark: ``python benchmarks/bench_screen.py [--n 1000] [--jobs 2]``.

Generates N DOCX forms from a sample national form (python-docx: the template's
cells rewritten with varied names, dates and class sizes), screens them with
``--jobs`` worker processes against the sample notice's rule set, and prints
forms/s and peak memory. Bar: 1,000 forms in under 2 minutes.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import docx

from shenbao.config import shared_dir
from shenbao.eval.screening import load_sample_ruleset
from shenbao.pipeline.screen import screen

BAR_SECONDS = 120.0
TOPICS = ["人工智能", "集成电路", "工业互联网", "新能源", "生物育种", "海洋装备", "减排降碳", "大数据"]


def _set_text(cell, text: str) -> None:
    """Replace a cell's text, keeping the first run's formatting."""
    para = cell.paragraphs[0]
    runs = para.runs
    if runs:
        runs[0].text = text
        for run in runs[1:]:
            run.text = ""
    else:
        para.add_run(text)


def _replace_in_runs(cell, pattern: str, repl: str) -> None:
    for para in cell.paragraphs:
        for run in para.runs:
            if re.search(pattern, run.text):
                run.text = re.sub(pattern, repl, run.text)


def _cell_by_label(table, label: str):
    for row in table.rows:
        if row.cells and row.cells[0].text.strip().replace(" ", "") == label:
            return row.cells[1]
    raise KeyError(label)


def generate(template: Path, out_dir: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    document = docx.Document(str(template))
    table = document.tables[0]
    name_cell = _cell_by_label(table, "项目名称")
    date_cell = _cell_by_label(table, "办班时间")
    trainee_cell = _cell_by_label(table, "培训对象")
    paths = []
    for i in range(n):
        start = date(2025, 3, 1) + timedelta(days=rng.randrange(0, 280))
        days = rng.choice([3, 4, 5, 5, 6, 7, 7, 9])
        end = start + timedelta(days=days - 1)
        _set_text(name_cell, f"{rng.choice(TOPICS)}前沿技术高级研修班（第{i + 1}期）")
        _set_text(date_cell, f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日")
        _replace_in_runs(trainee_cell, r"\d+人", f"{rng.choice([20, 40, 45, 50, 55, 60, 80])}人")
        path = out_dir / f"form_{i:05d}.docx"
        document.save(str(path))
        paths.append(path)
    return paths


def peak_memory_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its (finished) children, in MB."""
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / scale / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 / scale / 1024
    return own, kids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=None, help="generate into this folder and keep it")
    args = parser.parse_args(argv)

    samples = shared_dir() / "samples"
    log: list[str] = []
    ruleset = load_sample_ruleset(samples / "notices" / "fj_2025_seminar_notice.pdf", log)
    for line in log:
        print(line)
    with tempfile.TemporaryDirectory(prefix="shenbao-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        generate(samples / "forms" / "fj_national_01.docx", folder, args.n)
        t1 = time.perf_counter()
        report = screen([folder], ruleset, jobs=args.jobs)
        t2 = time.perf_counter()
    own, kids = peak_memory_mb()
    elapsed = t2 - t1
    summary = json.loads(report.summary.model_dump_json(by_alias=True))
    print(f"generated {args.n} DOCX forms in {t1 - t0:.1f}s")
    print(f"screened {summary['total']} forms with {args.jobs} workers in {elapsed:.1f}s: "
          f"{summary['total'] / elapsed:.1f} forms/s")
    print(f"verdicts: {summary}")
    print(f"peak memory: main process {own:.0f} MB, largest worker {kids:.0f} MB")
    ok = elapsed < BAR_SECONDS * args.n / 1000 and summary["total"] == args.n
    print(f"bar: {args.n} forms in under {BAR_SECONDS * args.n / 1000:.0f}s -> {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Bulk screening benchmark: ``python benchmarks/bench_screen.py [--small 300] [--large 3000] [--jobs 2]``.

Screens two batches of a realistic mix (every sample form: DOCX, PDF and XLSX plan lists of
every form type, copied round-robin under new names, so the large batch also has large
groups of duplicate submissions) with ``shenbao screen --json`` in a child process, as a user
runs it, against the sample notice's rule set. A poller reads the peak resident memory
(VmHWM) of the screening process and of each of its workers separately.

Printed in one run: forms per second of each batch, each batch's main-process and largest
worker peak, and the ratio of the large batch's main-process peak to the small one's.
Bar: ratio <= 1.2 (the report is streamed, so memory does not grow with the batch).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from shenbao.config import shared_dir

BAR_RATIO = 1.2
FORM_SUFFIXES = (".docx", ".pdf", ".xlsx")


def sample_forms() -> list[Path]:
    folder = shared_dir() / "samples" / "forms"
    return sorted(p for p in folder.iterdir() if p.suffix in FORM_SUFFIXES)


def make_batch(folder: Path, n: int) -> None:
    forms = sample_forms()
    for i in range(n):
        source = forms[i % len(forms)]
        shutil.copyfile(source, folder / f"form_{i:05d}_{source.stem}{source.suffix}")


def _hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


class PeakPoller(threading.Thread):
    """Peak resident memory of a process and of its descendants, read from /proc every 20 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.main_kb, self.worker_kb, self.done = pid, 0, 0, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.main_kb = max(self.main_kb, _hwm_kb(self.pid))
            pending = _children(self.pid)
            while pending:
                child = pending.pop()
                self.worker_kb = max(self.worker_kb, _hwm_kb(child))
                pending += _children(child)
            time.sleep(0.02)


def screen_batch(folder: Path, rules: Path, jobs: int, report: Path) -> tuple[float, float, float]:
    """Seconds, main-process peak MB and largest worker peak MB of one ``shenbao screen``."""
    command = [sys.executable, "-m", "shenbao.cli", "screen", str(folder), "--rules", str(rules),
               "--jobs", str(jobs), "--json"]
    started = time.perf_counter()
    with open(report, "wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)
        poller = PeakPoller(proc.pid)
        poller.start()
        _, err = proc.communicate()
        poller.done.set()
        poller.join()
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"shenbao screen failed ({proc.returncode}): {err.decode()[-500:]}")
    return seconds, poller.main_kb / 1024, poller.worker_kb / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=300)
    parser.add_argument("--large", type=int, default=3000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)

    rules = shared_dir() / "samples" / "notices" / "fj_2025_seminar_notice.txt"
    kinds = sorted({p.suffix for p in sample_forms()})
    print(f"mix: {len(sample_forms())} sample forms ({' '.join(kinds)}) copied round-robin; rules {rules.name}")
    figures = {}
    with tempfile.TemporaryDirectory(prefix="shenbao-bench-") as tmp:
        for n in (args.small, args.large):
            folder = Path(tmp) / f"batch{n}"
            folder.mkdir()
            make_batch(folder, n)
            report = Path(tmp) / f"report{n}.json"
            seconds, main_mb, worker_mb = screen_batch(folder, rules, args.jobs, report)
            figures[n] = main_mb
            print(f"{n:>6} files: {seconds:6.1f}s, {n / seconds:5.1f} files/s with {args.jobs} workers; "
                  f"peak memory main {main_mb:.0f} MB, largest worker {worker_mb:.0f} MB; "
                  f"JSON report {report.stat().st_size / 1e6:.1f} MB")
    ratio = figures[args.large] / figures[args.small]
    ok = ratio <= BAR_RATIO
    print(f"main-process peak, {args.large} against {args.small} files: {ratio:.2f}x "
          f"(bar <= {BAR_RATIO}x) -> {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Cluster benchmark: ``python benchmarks/bench_cluster.py [--n 3000]``.

Makes a batch of N forms (the mix of bench_screen.py: every sample form, DOCX, PDF and XLSX),
then screens them twice, each run in a fresh process and with its JSON report streamed to a file: through a 2-worker Dask LocalCluster (``--cluster``) and through ``--jobs 2``.
Prints forms per second for both, their ratio (the cluster's overhead on one machine), and
the peak memory of the client process of each run; the cluster run is repeated on a quarter
of the forms to show whether the client's memory grows with the number of forms. (The
LocalCluster's scheduler runs inside the client process, so its memory is counted there.)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_screen import make_batch  # noqa: E402

from shenbao.config import shared_dir  # noqa: E402

NOTICE = shared_dir() / "samples" / "notices" / "fj_2025_seminar_notice.pdf"


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(mode: str, folder: Path, limit: int) -> dict:
    """Screen the first ``limit`` forms of ``folder`` in this process; what it measured."""
    from shenbao.eval.screening import load_sample_ruleset
    from shenbao.outputs import write_report
    from shenbao.pipeline.screen import collect_inputs, screen_inputs

    ruleset = load_sample_ruleset(NOTICE, [])
    forms = sorted(folder.glob("form_*"))[:limit]
    report_file = folder.parent / f"report-{mode}-{limit}.json"
    if mode == "jobs":
        t0 = time.perf_counter()
        report = screen_inputs(collect_inputs(forms), ruleset, jobs=2, spool=True)
        write_report(report, report_file, ruleset)
        elapsed = time.perf_counter() - t0
    else:
        import distributed

        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster, \
                distributed.Client(cluster, set_as_default=False) as client:
            client.run(lambda: __import__("shenbao.pipeline.screen"))  # workers warm, as a standing cluster is
            t0 = time.perf_counter()
            report = screen_inputs(collect_inputs(forms), ruleset, cluster=client, spool=True)
            write_report(report, report_file, ruleset)
            elapsed = time.perf_counter() - t0
    return {"mode": mode, "forms": len(forms), "results": report.summary.total, "seconds": elapsed,
            "peak_mb": peak_memory_mb()}


def measure(mode: str, folder: Path, limit: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--one", mode, "--folder", str(folder), "--n", str(limit)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--one", choices=["jobs", "cluster"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.folder, args.n)))
        return 0

    with tempfile.TemporaryDirectory(prefix="shenbao-bench-cluster-") as tmp:
        folder = Path(tmp) / "forms"
        folder.mkdir()
        make_batch(folder, args.n)
        print(f"{args.n} forms: the sample forms (DOCX, PDF, XLSX) copied round-robin")
        local = measure("jobs", folder, args.n)
        remote = measure("cluster", folder, args.n)
        small = measure("cluster", folder, max(1, args.n // 4))
    for m in (local, remote, small):
        label = "--jobs 2" if m["mode"] == "jobs" else "cluster (2 workers)"
        print(f"{label:>20}: {m['forms']} files ({m['results']} results) in {m['seconds']:.1f}s = {m['forms'] / m['seconds']:.1f} forms/s, "
              f"client peak {m['peak_mb']:.0f} MB")
    ratio = (local["forms"] / local["seconds"]) / (remote["forms"] / remote["seconds"])
    print(f"cluster overhead: --jobs 2 is {ratio:.2f}x the cluster's speed on one machine")
    print(f"client memory: {small['peak_mb']:.0f} MB for {small['forms']} files, "
          f"{remote['peak_mb']:.0f} MB for {remote['forms']} files: {remote['peak_mb'] / small['peak_mb']:.2f}x")
    return 0 if local["forms"] == remote["forms"] == args.n else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""A bounded load test of the web workspace: 20 concurrent clients against `shenbao serve` on 127.0.0.1.

Each client logs in and sends its share of a fixed number of requests: pages, API reads,
screening uploads (one or two bundled forms, now and then a zip of them) and, on purpose,
bad inputs (a traversal zip, a broken zip, a non-form file). When all requests are answered
it waits for every screening job and checks that each finished with one row per file sent.

Prints throughput, median and p95 latency, lost jobs, and unexpected errors (anything but
the refusals the bad inputs asked for). Exit code 1 when a job is lost or an error was unexpected.

    python benchmarks/bench_web.py [--clients 20] [--requests 400]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus" / "demo" / "fujian"
NOTICE = DEMO / "notice.pdf"
FORMS = [p for p in sorted(DEMO.iterdir()) if p.name != "notice.pdf" and "truncated" not in p.name]
ADMIN = ("bench-admin", "bench-admin-pass")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def zip_of(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def login(base: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=base, timeout=120)
    r = client.post("/api/login", json={"name": ADMIN[0], "password": ADMIN[1]})
    r.raise_for_status()
    return client, r.json()["csrf_token"]


def start_server(data_dir: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    subprocess.run([sys.executable, "-m", "shenbao.cli", "users", "add", ADMIN[0], "--role", "admin",
                    "--password", ADMIN[1], "--data-dir", str(data_dir)], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    proc = subprocess.Popen([sys.executable, "-m", "shenbao.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--data-dir", str(data_dir)], env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400, help="total requests, shared by the clients")
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="shenbao-bench-web-") as tmp:
        proc = start_server(Path(tmp), port)
        try:
            return run(base, args.clients, args.requests)
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def static_baseline(base: str, clients: int, total: int) -> tuple[float, float]:
    """The same clients fetching the server's stylesheet (no shenbao work behind it): requests/s
    and median latency of the server and the HTTP stack themselves."""
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(count: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(count):
                t = time.perf_counter()
                client.get("/static/style.css").raise_for_status()
                with lock:
                    latencies.append(time.perf_counter() - t)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(total // clients,)) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies) / (time.perf_counter() - started), statistics.median(latencies)


def run(base: str, clients: int, total: int) -> int:
    static_rate, static_median = static_baseline(base, clients, total)
    admin, token = login(base)
    with open(NOTICE, "rb") as fh:
        r = admin.post("/api/rulesets", files={"notice": (NOTICE.name, fh)}, headers={"X-CSRF-Token": token})
    r.raise_for_status()
    ruleset_id = r.json()["id"]
    admin.post(f"/api/rulesets/{ruleset_id}/approve", headers={"X-CSRF-Token": token}).raise_for_status()
    form_bytes = {p.name: p.read_bytes() for p in FORMS}
    bad = {
        "traversal": ("files", ("坏.zip", zip_of({"../evil.docx": b"x"}), "application/zip")),
        "broken": ("files", ("坏2.zip", b"PK\x03\x04 broken", "application/zip")),
    }

    latencies: list[float] = []
    unexpected: list[str] = []
    jobs_sent: dict[str, int] = {}
    lock = threading.Lock()
    per_client = [total // clients + (1 if i < total % clients else 0) for i in range(clients)]

    def worker(index: int, count: int) -> None:
        rnd = random.Random(index)
        client, csrf = login(base)
        headers = {"X-CSRF-Token": csrf}
        for n in range(count):
            kind = rnd.choices(["page", "api", "screen", "zip", "bad", "notform"], [30, 30, 20, 8, 8, 4])[0]
            expect = {200}
            started = time.perf_counter()
            try:
                if kind == "page":
                    r = client.get(rnd.choice(["/rules", "/screen", f"/rules/{ruleset_id}", "/classify"]))
                elif kind == "api":
                    r = client.get(rnd.choice(["/api/rulesets", "/api/jobs", f"/api/rulesets/{ruleset_id}"]))
                elif kind in ("screen", "zip", "notform"):
                    names = rnd.sample(sorted(form_bytes), k=2 if kind == "zip" else 1)
                    if kind == "zip":
                        files = [("files", ("材料.zip", zip_of({m: form_bytes[m] for m in names}), "application/zip"))]
                    elif kind == "notform":
                        files = [("files", ("说明.txt", "这不是申报表".encode(), "text/plain"))]
                    else:
                        files = [("files", (names[0], form_bytes[names[0]]))]
                    r = client.post("/api/screen", data={"ruleset": str(ruleset_id)}, files=files, headers=headers)
                    expect = {202}
                    if r.status_code == 202:
                        with lock:
                            jobs_sent[r.json()["id"]] = len(names) if kind != "notform" else 1
                else:
                    r = client.post("/api/screen", data={"ruleset": str(ruleset_id)},
                                    files=[bad[rnd.choice(sorted(bad))]], headers=headers)
                    expect = {400}
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if r.status_code not in expect:
                        unexpected.append(f"{kind} #{index}.{n}: HTTP {r.status_code} {r.text[:120]}")
            except httpx.HTTPError as err:
                with lock:
                    unexpected.append(f"{kind} #{index}.{n}: {type(err).__name__}: {err}")
        client.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(per_client)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    answered = time.perf_counter() - started

    lost = []
    deadline = time.monotonic() + 600
    pending = dict(jobs_sent)
    while pending and time.monotonic() < deadline:
        for job_id in list(pending):
            job = admin.get(f"/api/jobs/{job_id}").json()
            if job["status"] in ("done", "failed", "interrupted"):
                files = pending.pop(job_id)
                rows = (job.get("summary") or {}).get("total", 0)
                if job["status"] != "done" or rows < files:
                    lost.append(f"{job_id}: {job['status']} rows={rows} files={files} {job.get('error') or ''}")
        if pending:
            time.sleep(0.5)
    lost += [f"{job_id}: not finished after 600 s" for job_id in pending]
    finished = time.perf_counter() - started

    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    print(f"clients {clients}, requests {len(latencies)} answered in {answered:.1f} s: "
          f"{len(latencies) / answered:.1f} requests/s")
    print(f"latency median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"max {latencies[-1] * 1000:.0f} ms")
    print(f"baseline, same run and clients: the static stylesheet {static_rate:.1f} requests/s, median "
          f"{static_median * 1000:.0f} ms; the mixed workload's median is {statistics.median(latencies) / static_median:.1f}x")
    print(f"screening jobs {len(jobs_sent)}, all finished after {finished:.1f} s; lost jobs: {len(lost)}")
    print(f"unexpected errors: {len(unexpected)} (bad inputs refused as expected are not counted)")
    for line in (lost + unexpected)[:20]:
        print("  " + line)
    return 1 if lost or unexpected else 0


if __name__ == "__main__":
    sys.exit(main())

"""``shenbao screen --cluster``: the sample forms screened on a 2-worker Dask LocalCluster give the
local report; a worker killed mid-batch loses and duplicates nothing; a file that kills workers
repeatedly becomes an error row; ``--resume`` skips the files an interrupted run finished."""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from pathlib import Path

import pytest
from test_screen_cli import FJ_VERDICTS, FORMS, _expected_rules
from typer.testing import CliRunner

from shenbao.cli import app
from shenbao.models import dump_json
from shenbao.pipeline import screen as screen_module
from shenbao.pipeline.cluster import FILE_KILLED_WORKERS, iter_cluster_files
from shenbao.pipeline.rules import load_rules
from shenbao.pipeline.runs import screen_results
from shenbao.pipeline.screen import collect_inputs, screen_inputs, screen_path

distributed = pytest.importorskip("distributed")
runner = CliRunner()


@pytest.fixture(scope="module")
def cluster():
    import dask

    # a file is given up once it has killed two workers (the default is 3: faster tests, same logic)
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                     worker_dashboard_address=None) as local, \
            distributed.Client(local, set_as_default=False) as client:
        yield client


@pytest.fixture
def batch(tmp_path):
    """The Fujian sample forms, a broken file and a missing one, and their rule set."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in FJ_VERDICTS:
        (folder / name).write_bytes((FORMS / name).read_bytes())
    (folder / "broken.docx").write_bytes(b"not a docx at all")
    return [str(folder), str(tmp_path / "missing.docx")], _expected_rules(tmp_path)


def _local_report(forms, rules) -> str:
    ruleset, ref = load_rules(rules, None)
    return dump_json(screen_inputs(collect_inputs(forms), ruleset, ref=ref))


def test_cluster_report_equals_the_local_one(cluster, batch):
    forms, rules = batch
    local = runner.invoke(app, ["screen", *forms, "--rules", str(rules), "--json"])
    address = cluster.scheduler.address
    remote = runner.invoke(app, ["screen", *forms, "--rules", str(rules), "--json", "--cluster", address])
    assert local.exit_code == remote.exit_code == 1, remote.output
    assert remote.stdout == local.stdout
    report = json.loads(remote.stdout)
    verdicts = {Path(r["file"]).name: r["verdict"] for r in report["results"]}
    assert verdicts.pop("broken.docx") == verdicts.pop("missing.docx") == "error"
    assert verdicts == FJ_VERDICTS
    env = runner.invoke(app, ["screen", *forms, "--rules", str(rules), "--json"],
                        env={"SHENBAO_DASK_SCHEDULER": address})
    assert env.stdout == local.stdout


def test_a_worker_killed_mid_batch_loses_and_duplicates_nothing(cluster, batch, tmp_path):
    forms, rules = batch
    marker = tmp_path / "killed-once"

    def dies_once(path, ruleset):  # the worker screening fj_national_03 dies, the first time only
        if path.endswith("fj_national_03.docx") and not marker.exists():
            marker.touch()
            os._exit(1)
        return screen_path(path, ruleset)

    ruleset, _ = load_rules(rules, None)
    paths = collect_inputs(forms)[0]
    got = list(iter_cluster_files(paths, ruleset, cluster, task=dies_once))
    assert marker.exists()  # a worker did die
    assert [p for p, _ in got] == paths
    files = Counter(r.file for _, results in got for r in results)
    assert set(files.values()) == {1} and set(files) == {str(p) for p in paths}
    local = {r.file: r.verdict for p in paths for r in screen_path(p, ruleset)}
    assert {r.file: r.verdict for _, results in got for r in results} == local


def _wait_until_gone(addresses: list[str], seconds: float = 15.0) -> None:
    """Wait, inside a task, until the scheduler has removed these workers: a process that is dead
    but not yet unregistered can still be handed the file, and its death counted against it."""
    import time

    from distributed import worker_client

    deadline = time.monotonic() + seconds
    with worker_client() as client:
        while time.monotonic() < deadline and set(addresses) & set(client.scheduler_info()["workers"]):
            time.sleep(0.05)


@contextlib.contextmanager
def _allowed_failures(client, n: int):
    """The scheduler's allowed-failures set to ``n`` for a while (the fixture's 1 counts a file
    that merely sat on a killed worker as a killer at its second loss; Dask's default is 3)."""
    def swap(dask_scheduler, n):
        old, dask_scheduler.allowed_failures = dask_scheduler.allowed_failures, n
        return old

    old = client.run_on_scheduler(swap, n=n)
    try:
        yield
    finally:
        client.run_on_scheduler(swap, n=old)


def test_all_workers_dying_at_once_loses_nothing(cluster, batch, tmp_path):
    """Every copy of the broadcast rule set goes down with its worker: it is sent again. Files
    running on the workers killed are rescheduled; none of them killed anyone, so none is given up."""
    import signal

    forms, rules = batch
    marker = tmp_path / "all-killed"
    pids = cluster.run(os.getpid)  # worker address -> pid

    def kills_everyone(path, ruleset):
        if path.endswith("fj_national_02.docx") and not marker.exists():
            marker.touch()
            others = [address for address, pid in pids.items() if pid != os.getpid()]
            for address in others:
                os.kill(pids[address], signal.SIGKILL)
            # This worker dies last, once the scheduler has removed the others: otherwise it can hand
            # the file to a worker that is already dead, and count a second death against the file.
            _wait_until_gone(others)
            os._exit(1)
        return screen_path(path, ruleset)

    ruleset, _ = load_rules(rules, None)
    paths = collect_inputs(forms)[0]
    with _allowed_failures(cluster, 3):
        got = list(iter_cluster_files(paths, ruleset, cluster, task=kills_everyone))
    assert marker.exists()
    assert [p for p, _ in got] == paths
    local = {r.file: r.verdict for p in paths for r in screen_path(p, ruleset)}
    errors = [r.error for _, results in got for r in results if r.error]
    assert {r.file: r.verdict for _, results in got for r in results} == local, errors


def test_a_file_that_keeps_killing_workers_becomes_an_error_row(cluster, batch):
    forms, rules = batch
    ruleset, _ = load_rules(rules, None)
    paths = [p for p in collect_inputs(forms)[0] if p.name in ("fj_national_01.docx", "fj_provincial_04.docx")]

    def poison(path, ruleset):
        if path.endswith("fj_provincial_04.docx"):
            os._exit(1)
        return screen_path(path, ruleset)

    got = dict(iter_cluster_files(paths, ruleset, cluster, task=poison))
    [bad] = got[paths[1]]
    assert bad.verdict == "error" and FILE_KILLED_WORKERS in bad.error
    assert [r.verdict for r in got[paths[0]]] == ["pass"]


@pytest.mark.parametrize("on_cluster", [False, True], ids=["local", "cluster"])
def test_resume_skips_what_an_interrupted_run_finished(cluster, batch, registry_db, monkeypatch, on_cluster):
    forms, rules = batch
    ruleset, ref = load_rules(rules, None)
    paths = collect_inputs(forms)[0]
    backend = cluster if on_cluster else None
    uninterrupted = _local_report(forms, rules)

    first = screen_results(paths, ruleset, cluster=backend, resume=True, db=registry_db)
    for _ in range(5):  # five results in, the run is stopped (Ctrl-C closes the stream the same way)
        next(first)
    first.close()

    screened: list[str] = []
    real = screen_module.screen_path
    monkeypatch.setattr(screen_module, "screen_path", lambda p, rs: screened.append(str(p)) or real(p, rs))
    again = screen_inputs(collect_inputs(forms), ruleset, ref=ref, cluster=backend, resume=True, db=registry_db)
    assert dump_json(again) == uninterrupted
    if not on_cluster:  # the files the first run finished were not screened again
        assert 0 < len(screened) < len(paths) - 3
        assert not {str(p) for p in paths[:4]} & set(screened)


def test_resume_on_the_command_line_and_a_changed_file_is_screened_again(batch, registry_db, tmp_path):
    forms, rules = batch
    args = ["screen", *forms, "--rules", str(rules), "--json", "--resume", "--db", str(registry_db)]
    first = runner.invoke(app, args)
    assert first.exit_code == 1, first.output
    assert runner.invoke(app, args).stdout == first.stdout  # everything from the registry: the same report
    changed = Path(forms[0]) / "broken.docx"
    changed.write_bytes((FORMS / "fj_national_01.docx").read_bytes())  # now a good form
    third = json.loads(runner.invoke(app, args).stdout)
    redone = next(r for r in third["results"] if r["file"].endswith("broken.docx"))
    assert redone["verdict"] != "error" and redone["program"]  # read as a form now (a twin of fj_national_01)

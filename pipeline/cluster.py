"""Screening on a Dask cluster: ``shenbao screen … --cluster tcp://HOST:8786`` (or SHENBAO_DASK_SCHEDULER).

The rule set is sent to every worker once (``scatter(broadcast=True)``); each file is
one task running ``screen_path``, the function the local process pool runs, on the
worker. Workers need shenbao installed and read the files themselves, by the paths
the client gives: the forms must lie on a path every worker sees alike (a shared or
network folder mounted at the same place). Results come back as they complete and
are handed on in input order, so the report is the one a local run gives; at most a
window of files is in flight, so the client's memory does not grow with the batch.

A worker that dies (killed, out of memory) loses only its tasks: the scheduler runs
them on another worker. A file that kills ``distributed.scheduler.allowed-failures``
workers in a row is given up and becomes an ``error`` row saying so. Should every worker
holding the broadcast rule set die at once, the rule set is sent again and the files that
needed it are resubmitted (a file dropped this way more than RETRIES times is given up too).
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Any

from ..errors import ClusterError
from ..models import RuleSet, ScreeningResult
from .screen import _share_notice_evidence, compact_result, error_result, screen_path

SCHEDULER_ENV = "SHENBAO_DASK_SCHEDULER"
RETRIES = 2  # a task that raised is run again this often (a worker lost is rescheduled by the scheduler)
FILE_KILLED_WORKERS = ("该文件多次导致集群审查进程异常退出（可能内存不足或文件异常），已停止重试，其余文件不受影响"
                       " / the file killed cluster workers repeatedly and was given up")


def scheduler_address(cluster: str | None = None) -> str | None:
    """The scheduler to use: ``--cluster`` or SHENBAO_DASK_SCHEDULER; None for a local run."""
    address = (cluster or os.environ.get(SCHEDULER_ENV) or "").strip()
    return address or None


def _connect(cluster: Any):
    """(client, whether we opened it): an address, or a ``distributed.Client`` given by the caller."""
    try:
        from distributed import Client
    except ImportError as err:
        raise ClusterError(str(cluster), "未安装 distributed：pip install 'shenbao[cluster]'") from err
    if isinstance(cluster, Client):
        return cluster, False
    try:
        return Client(str(cluster), timeout="15s", set_as_default=False), True
    except (OSError, TimeoutError) as err:
        raise ClusterError(str(cluster), " ".join(str(err).split())[:200]) from err


class _Lost(Exception):
    """A task dropped by the scheduler though the client is connected: its input, the broadcast
    rule set, went down with the workers that held it."""


def _outcome(future, path: str, client) -> list[ScreeningResult]:
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        return [error_result(path, f"{path}: {FILE_KILLED_WORKERS}")]
    except CancelledError as err:
        if getattr(client.status, "value", client.status) == "running":
            raise _Lost(path) from err
        raise ClusterError(None, f"调度器连接中断 / lost the scheduler ({path})") from err
    except Exception as err:  # noqa: BLE001 - one bad file never stops the batch
        return [error_result(path, f"{path}: 集群处理失败 / cluster task failed ({type(err).__name__}: {err})")]


def _broadcast(client, ruleset: RuleSet, wait: float = 120.0):
    """The rule set sent to every worker. After the workers holding it died, their nannies start
    new ones, which takes a moment: a scatter to no worker at all fails, so wait for one first."""
    deadline = time.monotonic() + wait
    while True:
        try:
            if client.scheduler_info()["workers"]:
                return client.scatter(ruleset, broadcast=True, hash=False)
        except (ValueError, OSError):  # the workers went again before it landed
            pass
        if time.monotonic() > deadline:
            raise ClusterError(None, "集群无可用审查进程 / no worker to run on")
        time.sleep(0.5)


def iter_cluster_files(paths: list[Path], ruleset: RuleSet, cluster: Any,
                       on_file_done: Callable[[int], Any] | None = None,
                       task: Callable[[str, RuleSet], list[ScreeningResult]] = screen_path,
                       window: int | None = None) -> Iterator[tuple[Path, list[ScreeningResult]]]:
    """(path, its results) for every path, in input order, screened on the cluster ``cluster``
    (a scheduler address or a Client). ``task`` is what each worker runs on one file."""
    if not paths:
        return
    client, opened = _connect(cluster)
    outstanding: dict[str, Any] = {}
    try:
        from distributed import as_completed

        shared = [_broadcast(client, ruleset)]  # [current copy]
        evidence = {req.id: req.evidence for req in ruleset.requirements if req.evidence is not None}
        if window is None:
            threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
            window = max(16, 4 * threads)
        run = uuid.uuid4().hex[:12]
        index: dict[str, tuple[int, Any]] = {}  # task key -> (file number, the rule-set copy it uses)
        lost: dict[int, int] = {}  # file number -> how often its task was dropped
        finished: dict[int, list[ScreeningResult]] = {}
        submitted = handed = 0

        def submit(i: int):
            key = f"shenbao-screen-{run}-{i}" + (f"-{lost[i]}" if i in lost else "")
            future = client.submit(task, str(paths[i]), shared[0], key=key, retries=RETRIES, pure=False)
            index[future.key], outstanding[future.key] = (i, shared[0]), future
            return future

        def submit_more() -> list:
            nonlocal submitted
            new = []
            while submitted < len(paths) and submitted - handed < window:
                new.append(submit(submitted))
                submitted += 1
            return new

        pending = as_completed(submit_more(), loop=client.loop)  # our client, not a default one
        while handed < len(paths):
            for future in submit_more():
                pending.add(future)
            if handed not in finished:
                future = next(pending)
                i, copy = index.pop(future.key)
                outstanding.pop(future.key)
                try:
                    results = _outcome(future, str(paths[i]), client)
                except _Lost:
                    future.release()
                    lost[i] = lost.get(i, 0) + 1
                    if lost[i] <= RETRIES:  # send the rule set again (once per loss) and the file with it
                        if copy is shared[0]:
                            shared[0] = _broadcast(client, ruleset)
                        pending.add(submit(i))
                        continue
                    results = [error_result(paths[i], f"{paths[i]}: {FILE_KILLED_WORKERS}")]
                future.release()
                for res in results:
                    _share_notice_evidence(res, evidence)
                    compact_result(res)
                finished[i] = results
                continue
            yield paths[handed], finished.pop(handed)
            handed += 1
            if on_file_done:
                on_file_done(1)
    finally:  # done, interrupted or failed: nothing of ours stays on the cluster
        if outstanding:
            with contextlib.suppress(Exception):  # the scheduler may be gone already
                client.cancel(list(outstanding.values()))
        if opened:
            client.close()

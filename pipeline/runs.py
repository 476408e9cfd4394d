"""Where a run's results come from: the local process pool or a Dask cluster, and, with
``--resume``, the files an earlier run of the same batch already finished.

A run is named by its key: the hash of the rule set's content and of the sorted absolute
input paths. With ``resume`` every finished file is recorded in the registry database
(table run_files, with the hash of its bytes), a few at a time as the run goes; a re-run
of the same command after an interruption takes those files' results from the database
(unless the file changed since) and screens only the rest. Results are handed on in
input order either way, so the report is the one an uninterrupted run gives.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..models import RuleSet, ScreeningResult
from ..store import runs as run_store
from ..store.registry import content_hash
from .screen import _share_notice_evidence, compact_result, iter_results

RECORD_EVERY_FILES = 50
RECORD_EVERY_SECONDS = 2.0


def run_key(ruleset: RuleSet, paths: list[Path]) -> str:
    digest = hashlib.sha256(content_hash(ruleset).encode("ascii"))
    for path in sorted(os.path.abspath(str(p)) for p in paths):
        digest.update(b"\0" + path.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def file_sha256(path: Path) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:  # missing, a folder, unreadable: recorded without a hash, screened again next time
        return None


def _per_file(paths: list[Path], results: Iterator[ScreeningResult]) -> Iterator[tuple[Path, list[ScreeningResult]]]:
    """Group the pool's flat stream (in path order, every result naming its file) by file."""
    remaining = iter(paths)
    current: Path | None = None
    group: list[ScreeningResult] = []
    for res in results:
        if current is None or res.file != str(current):
            if current is not None:
                yield current, group
            current, group = next(remaining), []
        group.append(res)
    if current is not None:
        yield current, group


def file_results(paths: list[Path], ruleset: RuleSet, jobs: int = 1, cluster: Any = None,
                 on_file_done: Callable[[int], Any] | None = None) -> Iterator[tuple[Path, list[ScreeningResult]]]:
    """(path, results) in input order, from the cluster when ``cluster`` is given, else the local pool."""
    if cluster is not None:
        from .cluster import iter_cluster_files

        return iter_cluster_files(paths, ruleset, cluster, on_file_done=on_file_done)
    return _per_file(paths, iter_results(paths, ruleset, jobs=jobs, on_file_done=on_file_done))


def screen_results(paths: list[Path], ruleset: RuleSet, jobs: int = 1, on_file_done: Callable[[int], Any] | None = None,
                   cluster: Any = None, resume: bool = False, db: str | Path | None = None
                   ) -> Iterator[ScreeningResult]:
    """Every file's results in input order; see the module's docstring for ``cluster`` and ``resume``."""
    if not resume:
        for _path, results in file_results(paths, ruleset, jobs, cluster, on_file_done):
            yield from results
        return
    key = run_key(ruleset, paths)
    stored = run_store.finished_files(key, db)
    evidence = {req.id: req.evidence for req in ruleset.requirements if req.evidence is not None}
    # Files finished before and unchanged since; their results are read back as their turn comes.
    reused = {name for name in map(_absolute, paths) if name in stored and stored[name] == file_sha256(Path(name))}
    del stored
    todo = [p for p in paths if _absolute(p) not in reused]
    if reused and on_file_done:
        on_file_done(len(reused))
    fresh = file_results(todo, ruleset, jobs, cluster, on_file_done)
    recorder = _Recorder(key, db)
    try:
        for path in paths:
            if _absolute(path) in reused:
                body = run_store.finished_result(key, _absolute(path), db)
                yield from (_reloaded(item, path, evidence) for item in json.loads(body))
                continue
            done, results = next(fresh)
            assert done == path, (done, path)
            recorder.add(path, results)
            yield from results
    finally:
        fresh.close()
        recorder.flush()


def _absolute(path: Path) -> str:
    return os.path.abspath(str(path))


def _reloaded(item: dict, path: Path, evidence: dict) -> ScreeningResult:
    res = ScreeningResult.model_validate(item)
    res.file = str(path)  # as this run names it
    _share_notice_evidence(res, evidence)
    return compact_result(res)


class _Recorder:
    """Finished files written to run_files in small batches, and whatever is left at the end
    (also when the run is interrupted), so that at most the files in flight are redone."""

    def __init__(self, key: str, db: str | Path | None) -> None:
        self.key, self.db, self.rows, self.last = key, db, [], time.monotonic()

    def add(self, path: Path, results: list[ScreeningResult]) -> None:
        body = json.dumps([r.model_dump(mode="json", by_alias=True) for r in results], ensure_ascii=False)
        self.rows.append((os.path.abspath(str(path)), file_sha256(path), body))
        if len(self.rows) >= RECORD_EVERY_FILES or time.monotonic() - self.last >= RECORD_EVERY_SECONDS:
            self.flush()

    def flush(self) -> None:
        rows, self.rows, self.last = self.rows, [], time.monotonic()
        run_store.record_files(self.key, rows, self.db)

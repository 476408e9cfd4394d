"""Finished files of long screening runs (table run_files), so that a re-run resumes.

A run is named by its key (the rule set's content hash and the input paths, see
pipeline/runs.py). Each finished file keeps the hash of the bytes that were screened
and its results as JSON; a file changed since is screened again.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import delete, select, tuple_

from .db import now
from .registry import connect
from .tables import run_files


def finished_files(run_key: str, db: str | Path | None = None) -> dict[str, str | None]:
    """path -> sha256 of every file the run ``run_key`` finished (their results are read one at a
    time with ``finished_result``, so a resumed national run does not hold them all)."""
    t = run_files
    with connect(db) as conn:
        return dict(conn.execute(select(t.c.path, t.c.sha256).where(t.c.run_key == run_key)).all())


def finished_result(run_key: str, path: str, db: str | Path | None = None) -> str:
    """The results JSON recorded for ``path`` in the run ``run_key``."""
    t = run_files
    with connect(db) as conn:
        return conn.execute(select(t.c.result).where(t.c.run_key == run_key, t.c.path == path)).scalar_one()


def record_files(run_key: str, rows: Iterable[tuple[str, str | None, str]], db: str | Path | None = None) -> int:
    """Record (path, sha256, results JSON) as finished in run ``run_key``; a path recorded before
    is replaced. Returns how many were recorded."""
    rows = list(rows)
    if not rows:
        return 0
    at = now()
    t = run_files
    with connect(db, write=True, lock_table=None) as conn:
        for start in range(0, len(rows), 200):
            part = rows[start:start + 200]
            conn.execute(delete(t).where(tuple_(t.c.run_key, t.c.path).in_([(run_key, p) for p, _, _ in part])))
            conn.execute(t.insert(), [{"run_key": run_key, "path": p, "sha256": sha, "finished_at": at, "result": r}
                                      for p, sha, r in part])
    return len(rows)


def forget_run(run_key: str, db: str | Path | None = None) -> int:
    """Drop what run ``run_key`` recorded (a fresh start); how many files were forgotten."""
    with connect(db, write=True, lock_table=None) as conn:
        return conn.execute(delete(run_files).where(run_files.c.run_key == run_key)).rowcount

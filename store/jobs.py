"""Background jobs of the web workspace (screening runs, classifications) and their progress."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from .db import now, ready_engine, writing
from .tables import jobs

STATUS_LABELS = {"queued": "排队中", "running": "进行中", "done": "已完成", "failed": "失败",
                 "interrupted": "已中断"}
KIND_LABELS = {"screen": "形式审查", "classify": "选题归类"}


@dataclass
class Job:
    id: str
    kind: str
    status: str
    created_by: str | None
    created_at: str
    started_at: str | None
    finished_at: str | None
    total: int
    done: int
    ruleset_id: int | None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed", "interrupted")

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "status": self.status, "created_by": self.created_by,
                "created_at": self.created_at, "started_at": self.started_at, "finished_at": self.finished_at,
                "total": self.total, "done": self.done, "ruleset_id": self.ruleset_id, **self.data}





def _job(row) -> Job:
    return Job(id=row.id, kind=row.kind, status=row.status, created_by=row.created_by, created_at=row.created_at,
               started_at=row.started_at, finished_at=row.finished_at, total=row.total, done=row.done,
               ruleset_id=row.ruleset_id, data=json.loads(row.data or "{}"))


def create(kind: str, created_by: str | None, total: int = 0, ruleset_id: int | None = None,
           data: dict[str, Any] | None = None, db: str | Path | None = None) -> Job:
    job_id = uuid.uuid4().hex
    with ready_engine(db).begin() as conn:
        conn.execute(insert(jobs).values(id=job_id, kind=kind, status="queued", created_by=created_by,
                                         created_at=now("milliseconds"), total=total, done=0, ruleset_id=ruleset_id,
                                         data=json.dumps(data or {}, ensure_ascii=False)))
    got = get(job_id, db)
    assert got is not None
    return got


def get(job_id: str, db: str | Path | None = None) -> Job | None:
    with ready_engine(db).connect() as conn:
        row = conn.execute(select(jobs).where(jobs.c.id == str(job_id))).first()
    return _job(row) if row is not None else None


def recent(db: str | Path | None = None, kind: str | None = None, limit: int = 50) -> list[Job]:
    query = select(jobs).order_by(jobs.c.created_at.desc()).limit(limit)
    if kind:
        query = query.where(jobs.c.kind == kind)
    with ready_engine(db).connect() as conn:
        return [_job(r) for r in conn.execute(query)]


def update_job(job_id: str, db: str | Path | None = None, data: dict[str, Any] | None = None,
               **values: Any) -> None:
    """Set columns (status, done, total, started_at, finished_at) and merge keys into ``data``."""
    engine = ready_engine(db)
    with writing(engine) as conn:
        if data:
            row = conn.execute(select(jobs.c.data).where(jobs.c.id == job_id)).first()
            merged = {**json.loads((row.data if row else None) or "{}"), **data}
            values["data"] = json.dumps(merged, ensure_ascii=False)
        if values:
            conn.execute(update(jobs).where(jobs.c.id == job_id).values(**values))


def start(job_id: str, db: str | Path | None = None) -> None:
    update_job(job_id, db, status="running", started_at=now("milliseconds"))


def advance(job_id: str, n: int = 1, db: str | Path | None = None) -> None:
    with ready_engine(db).begin() as conn:
        conn.execute(update(jobs).where(jobs.c.id == job_id).values(done=jobs.c.done + n))


def finish(job_id: str, status: str, db: str | Path | None = None, data: dict[str, Any] | None = None) -> None:
    update_job(job_id, db, data=data, status=status, finished_at=now("milliseconds"))


def interrupt_unfinished(db: str | Path | None = None) -> int:
    """Jobs left queued or running by a server that stopped: marked interrupted (their files stay)."""
    with ready_engine(db).begin() as conn:
        result = conn.execute(update(jobs).where(jobs.c.status.in_(("queued", "running")))
                              .values(status="interrupted", finished_at=now("milliseconds")))
        return result.rowcount or 0

"""The audit log: who imported, edited, approved, screened or classified what, and when."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from .db import now, ready_engine, writing
from .tables import audit_log

ACTION_LABELS = {
    "login": "登录", "login_failed": "登录失败", "logout": "退出", "import": "导入通知", "edit": "修改要求",
    "approve": "审批规则集", "screen": "形式审查", "classify": "选题归类", "user_add": "新增用户",
    "user_disable": "停用用户", "user_enable": "启用用户",
}


@dataclass
class Entry:
    id: int
    at: str
    user_name: str | None
    action: str
    target: str | None
    detail: dict[str, Any]

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)





def record(action: str, user_name: str | None, target: Any = None, detail: dict[str, Any] | None = None,
           db: str | Path | None = None) -> None:
    with writing(ready_engine(db)) as conn:
        conn.execute(insert(audit_log).values(
            at=now(), user_name=user_name, action=action, target=None if target is None else str(target),
            detail=json.dumps(detail or {}, ensure_ascii=False)))


def entries(db: str | Path | None = None, limit: int = 200, action: str | None = None,
            target: str | None = None) -> list[Entry]:
    query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if action:
        query = query.where(audit_log.c.action == action)
    if target is not None:
        query = query.where(audit_log.c.target == str(target))
    with ready_engine(db).connect() as conn:
        rows = conn.execute(query).all()
    return [Entry(id=r.id, at=r.at, user_name=r.user_name, action=r.action, target=r.target,
                  detail=json.loads(r.detail or "{}")) for r in rows]


def approver_of(ruleset_id: int, db: str | Path | None = None) -> str | None:
    """Who approved a registry rule set (the audit log's word on it)."""
    found = entries(db, limit=1, action="approve", target=str(ruleset_id))
    return found[0].user_name if found else None

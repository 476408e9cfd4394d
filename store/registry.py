"""The rule-set registry: versioned, reviewable rule sets in the database (SQLite or PostgreSQL).

A rule set read from a notice is a draft until a person approves it; screening
by issuer uses the latest approved one. Each (issuer, year) has versions 1, 2,
... : re-importing a changed rule set (for instance an exported YAML a reviewer
corrected) adds a version, re-importing an identical one returns the stored row.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, RowMapping, case, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..errors import RulesError
from ..models import RuleSet
from ..normalizers.names import canonical, name_similarity
from .db import SCHEMA_VERSION, SchemaError, display_name, engine_for, ensure_schema, now, reading, writing
from .tables import rulesets
from .validate import ensure_usable

__all__ = ["SCHEMA_VERSION", "AmbiguousIssuerError", "NoApprovedRuleSetError", "Record", "RegistryError",
           "UnknownRuleSetError", "approve", "approved_record", "approved_ruleset", "content_hash", "list_records",
           "original_of", "record_of", "resolve", "store"]

ISSUER_MATCH_MIN = 85.0
ISSUER_PART_MIN = 0.6  # a part of an issuer's name must be this share of it to name it


class UnknownRuleSetError(RulesError):
    reason_zh = "登记库中没有该规则集"
    reason_en = "no such rule set in the registry"


class NoApprovedRuleSetError(RulesError):
    reason_zh = "该发文单位没有已审批的规则集，请先运行 shenbao rules approve"
    reason_en = "no approved rule set for this issuer"


class AmbiguousIssuerError(RulesError):
    reason_zh = "发文单位名称不明确"
    reason_en = "more than one issuer matches"


class RegistryError(RulesError):
    reason_zh = "规则集登记库无法使用"
    reason_en = "rule-set registry unusable"


@dataclass
class Record:
    """One registry row without its JSON body."""

    id: int
    issuer: str
    year: int | None
    version: int
    title: str | None
    sha256: str
    content_sha256: str
    status: str
    created_at: str
    approved_at: str | None
    imported_from: str | None
    requirements: int = 0
    active: bool = False  # the approved rule set screening by this issuer uses
    approved_by: str | None = None  # who approved it, when the approval named a user

    @property
    def ref(self) -> str:
        year = self.year if self.year is not None else "-"
        return f"{self.issuer or '-'}/{year}/{self.version}"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ref": self.ref}


def content_hash(ruleset: RuleSet) -> str:
    """Hash of what the rule set says, not where it was read from."""
    data = ruleset.model_dump(mode="json")
    data["source"]["file"] = ""
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- database


@contextlib.contextmanager
def connect(db: str | Path | None = None, write: bool = False, lock_table: str | None = "rulesets"
            ) -> Iterator[Connection]:
    """A transaction on the registry (its schema upgraded first); ``write`` locks out other
    writers (of ``lock_table`` on PostgreSQL) until commit, so that version numbers cannot race.
    Database failures become RegistryError naming the database (never its password)."""
    name = str(db) if db is not None else "登记库"
    try:
        engine = engine_for(db)
        name = display_name(engine)
        ensure_schema(engine)
        with (writing(engine, lock_table=lock_table) if write else reading(engine)) as conn:
            yield conn
    except SchemaError as err:
        raise RegistryError(name, str(err)) from err
    except (OSError, SQLAlchemyError) as err:
        raise RegistryError(name, _one_line(err)) from err


def _one_line(err: BaseException) -> str:
    detail = getattr(err, "orig", None) or err
    return " ".join(str(detail).split())[:300]



_RECORD_COLUMNS = ("id", "issuer", "year", "version", "title", "sha256", "content_sha256", "status",
                   "created_at", "approved_at", "approved_by", "imported_from")


def _record(row: RowMapping, requirements: int = 0) -> Record:
    return Record(**{k: row[k] for k in _RECORD_COLUMNS}, requirements=requirements)


def _record_with_count(row: RowMapping) -> Record:
    body = json.loads(row["json"])
    return _record(row, len(body.get("requirements") or []))


def _rows(conn: Connection, query) -> list[RowMapping]:
    return list(conn.execute(query).mappings())


def _row(conn: Connection, query) -> RowMapping | None:
    return conn.execute(query.limit(1)).mappings().first()


def store(ruleset: RuleSet, db: str | Path | None = None, imported_from: str | None = None) -> tuple[Record, bool]:
    """Store a rule set as a draft; (record, created). Identical content is not stored twice."""
    issuer = (ruleset.notice.issuer or "").strip()
    year = ruleset.notice.year
    digest = content_hash(ruleset)
    t = rulesets
    with connect(db, write=True) as conn:  # version numbers must not race
        row = _row(conn, select(t).where(t.c.sha256 == ruleset.source.sha256, t.c.content_sha256 == digest)
                   .order_by(t.c.id))
        if row is not None:
            return _record_with_count(row), False
        latest = conn.execute(select(func.max(t.c.version))
                              .where(t.c.issuer == issuer, t.c.year.is_not_distinct_from(year))).scalar()
        result = conn.execute(insert(t).values(
            issuer=issuer, year=year, version=(latest or 0) + 1, title=ruleset.notice.title,
            sha256=ruleset.source.sha256, content_sha256=digest, status="draft", created_at=now(),
            imported_from=imported_from, json=ruleset.model_dump_json()))
        row = _row(conn, select(t).where(t.c.id == result.inserted_primary_key[0]))
        return _record_with_count(row), True


def _list_order(record: Record) -> tuple:
    """issuer, year (none first), version, id; in code, so that SQLite and PostgreSQL (whose
    collation depends on its locale) list Chinese names alike, by code point."""
    return (record.issuer, record.year is not None, record.year or 0, record.version, record.id)


def list_records(db: str | Path | None = None) -> list[Record]:
    """Every stored rule set; ``active`` marks the one screening by issuer uses."""
    with connect(db) as conn:
        rows = _rows(conn, select(rulesets))
        active = {row["id"] for row in _latest_approved_per_issuer(conn)}
    records = sorted((_record_with_count(r) for r in rows), key=_list_order)
    for record in records:
        record.active = record.id in active
    return records


def _approved_newest_first():
    t = rulesets
    return (select(t).where(t.c.status == "approved")
            .order_by(case((t.c.year.is_(None), 1), else_=0), t.c.year.desc(), t.c.version.desc(),
                      t.c.approved_at.desc(), t.c.id.desc()))


def _latest_approved_per_issuer(conn: Connection) -> list[RowMapping]:
    latest: dict[str, RowMapping] = {}
    for row in _rows(conn, _approved_newest_first()):
        latest.setdefault(row["issuer"], row)
    return list(latest.values())


def _split_ref(ref: str) -> tuple[str, int | None, int | None]:
    """'issuer/year[/version]' -> parts; the issuer itself may not contain '/'."""
    parts = [p.strip() for p in ref.strip().split("/")]
    if parts[0] == "-":  # how a rule set without a known issuer is shown
        parts[0] = ""
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return parts[0], int(parts[1]), int(parts[2])
    if len(parts) == 2 and parts[1].isdigit():
        return parts[0], int(parts[1]), None
    if len(parts) == 1:
        return parts[0], None, None
    raise UnknownRuleSetError(ref, "应为编号或 发文单位/年度[/版本]")


def resolve(ref: str | int, db: str | Path | None = None) -> tuple[Record, RuleSet]:
    """The registry row a reference names: an id, or issuer/year[/version] (latest version)."""
    with connect(db) as conn:
        row = _find_row(conn, str(ref))
    if row is None:
        raise UnknownRuleSetError(str(ref))
    return _record_with_count(row), RuleSet.model_validate_json(row["json"])


LATEST_REFS = {"latest", "最新"}  # the rule set imported last, for scripts that just imported one


def _find_row(conn: Connection, ref: str) -> RowMapping | None:
    t = rulesets
    if ref.strip().lower() in LATEST_REFS:
        return _row(conn, select(t).order_by(t.c.id.desc()))
    if ref.strip().isdigit():
        return _row(conn, select(t).where(t.c.id == int(ref)))
    issuer, year, version = _split_ref(ref)
    rows = _rows(conn, select(t).order_by(case((t.c.year.is_(None), 1), else_=0), t.c.year.desc(),
                                          t.c.version.desc(), t.c.id.desc()))
    candidates = [r for r in rows if (year is None or r["year"] == year) and (version is None or r["version"] == version)]
    exact = [r for r in candidates if r["issuer"] == issuer]
    matched = exact or [r for r in candidates if issuer_matches(issuer, r["issuer"])]
    return matched[0] if matched else None


def issuer_matches(query: str, issuer: str) -> bool:
    """Issuer comparison that forgives spelling, not vagueness: 中国科学院人事局 ~ 中科院人事局 (a close
    spelling), 某省 人社厅 ~ 某省人社厅; a part of the name counts only when it is most of it."""
    q, s = canonical(query), canonical(issuer)
    if not q or not s:
        return False
    if name_similarity(q, s) >= ISSUER_MATCH_MIN:
        return True
    return (q in s or s in q) and min(len(q), len(s)) / max(len(q), len(s)) >= ISSUER_PART_MIN


def _one_issuer(query: str, rows: list[RowMapping]) -> list[RowMapping]:
    """The rows of the one issuer ``query`` names: exact first, else a unique close match.
    Two issuers that both match are refused rather than guessed between."""
    exact = [r for r in rows if canonical(r["issuer"]) == canonical(query)]
    if exact:
        return exact
    matched = [r for r in rows if issuer_matches(query, r["issuer"])]
    issuers = sorted({r["issuer"] for r in matched})
    if len(issuers) > 1:
        raise AmbiguousIssuerError(query, "可能是：" + "、".join(issuers) + "，请写出发文单位全称")
    return matched


def approve(ref: str | int, db: str | Path | None = None, by: str | None = None) -> Record:
    """Approve a rule set (``by``: the user who did, when known). Approving twice keeps the first."""
    record, ruleset = resolve(ref, db)
    ensure_usable(ruleset, f"规则集 {record.id}（{record.ref}）")
    if record.status != "approved":
        t = rulesets
        with connect(db, write=True) as conn:
            conn.execute(update(t).where(t.c.id == record.id, t.c.status != "approved")
                         .values(status="approved", approved_at=now(), approved_by=by))
    record, _ = resolve(record.id, db)
    return record


def approved_ruleset(issuer: str, db: str | Path | None = None) -> RuleSet:
    """The latest approved rule set of an issuer (its full name or a close spelling)."""
    return approved_record(issuer, db)[1]


def approved_record(issuer: str, db: str | Path | None = None) -> tuple[Record, RuleSet]:
    """The latest approved rule set of an issuer with its registry row."""
    with connect(db) as conn:
        rows = _rows(conn, _approved_newest_first())
    matched = _one_issuer(issuer, rows)
    if not matched:
        raise NoApprovedRuleSetError(issuer)
    return _record_with_count(matched[0]), RuleSet.model_validate_json(matched[0]["json"])


def original_of(ruleset: RuleSet, db: str | Path | None = None) -> RuleSet | None:
    """The first stored rule set read from the same notice: what the notice itself said."""
    t = rulesets
    with connect(db) as conn:
        row = _row(conn, select(t.c.json).where(t.c.sha256 == ruleset.source.sha256).order_by(t.c.id))
    return RuleSet.model_validate_json(row["json"]) if row is not None else None


def record_of(ruleset: RuleSet, db: str | Path | None = None) -> Record | None:
    """The registry row holding exactly this rule set (same notice, same content), if any."""
    t = rulesets
    with connect(db) as conn:
        row = _row(conn, select(t).where(t.c.sha256 == ruleset.source.sha256,
                                         t.c.content_sha256 == content_hash(ruleset)).order_by(t.c.id.desc()))
    return _record_with_count(row) if row is not None else None

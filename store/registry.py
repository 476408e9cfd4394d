"""The rule-set registry: versioned, reviewable rule sets in one SQLite file.

A rule set read from a notice is a draft until a person approves it; screening
by issuer uses the latest approved one. Each (issuer, year) has versions 1, 2,
... : re-importing a changed rule set (for instance an exported YAML a reviewer
corrected) adds a version, re-importing an identical one returns the stored row.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..config import registry_path
from ..errors import RulesError
from ..models import RuleSet
from ..normalizers.names import canonical, name_similarity
from .validate import ensure_usable

SCHEMA_VERSION = 1
ISSUER_MATCH_MIN = 85.0
ISSUER_PART_MIN = 0.6  # a part of an issuer's name must be this share of it to name it

_SCHEMA = """
CREATE TABLE IF NOT EXISTS rulesets (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    issuer         TEXT NOT NULL,
    year           INTEGER,
    version        INTEGER NOT NULL,
    title          TEXT,
    sha256         TEXT NOT NULL,          -- of the notice the rules were read from
    content_sha256 TEXT NOT NULL,          -- of the rule set itself (edits change it)
    status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
    created_at     TEXT NOT NULL,
    approved_at    TEXT,
    imported_from  TEXT,
    json           TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rulesets_issuer_year ON rulesets (issuer, year, version);
CREATE INDEX IF NOT EXISTS rulesets_content ON rulesets (sha256, content_sha256);
"""


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
def connect(db: str | Path | None = None) -> Iterator[sqlite3.Connection]:
    path = Path(db) if db is not None else registry_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30)
    except (OSError, sqlite3.Error) as err:
        raise RegistryError(path, str(err)) from err
    conn.row_factory = sqlite3.Row
    try:
        _migrate(conn, path)
        yield conn
        conn.commit()
    except sqlite3.DatabaseError as err:
        conn.rollback()
        raise RegistryError(path, str(err)) from err
    finally:
        conn.close()


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RegistryError(path, f"登记库版本 {version} 高于本程序支持的 {SCHEMA_VERSION}，请升级 shenbao")
    if version < 1:
        conn.executescript(_SCHEMA)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.commit()


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


_RECORD_COLUMNS = ("id", "issuer", "year", "version", "title", "sha256", "content_sha256", "status",
                   "created_at", "approved_at", "imported_from")


def _record(row: sqlite3.Row, requirements: int = 0) -> Record:
    return Record(**{k: row[k] for k in _RECORD_COLUMNS}, requirements=requirements)


def _record_with_count(row: sqlite3.Row) -> Record:
    body = json.loads(row["json"])
    return _record(row, len(body.get("requirements") or []))


def store(ruleset: RuleSet, db: str | Path | None = None, imported_from: str | None = None) -> tuple[Record, bool]:
    """Store a rule set as a draft; (record, created). Identical content is not stored twice."""
    issuer = (ruleset.notice.issuer or "").strip()
    year = ruleset.notice.year
    digest = content_hash(ruleset)
    with connect(db) as conn:
        conn.execute("BEGIN IMMEDIATE")  # version numbers must not race
        row = conn.execute(
            "SELECT * FROM rulesets WHERE sha256 = ? AND content_sha256 = ? ORDER BY id LIMIT 1",
            (ruleset.source.sha256, digest),
        ).fetchone()
        if row is not None:
            return _record_with_count(row), False
        latest = conn.execute(
            "SELECT MAX(version) FROM rulesets WHERE issuer = ? AND year IS ?", (issuer, year)
        ).fetchone()[0]
        cur = conn.execute(
            "INSERT INTO rulesets (issuer, year, version, title, sha256, content_sha256, status, created_at,"
            " imported_from, json) VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)",
            (issuer, year, (latest or 0) + 1, ruleset.notice.title, ruleset.source.sha256, digest, _now(),
             imported_from, ruleset.model_dump_json()),
        )
        row = conn.execute("SELECT * FROM rulesets WHERE id = ?", (cur.lastrowid,)).fetchone()
        return _record_with_count(row), True


def list_records(db: str | Path | None = None) -> list[Record]:
    """Every stored rule set; ``active`` marks the one screening by issuer uses."""
    with connect(db) as conn:
        rows = conn.execute("SELECT * FROM rulesets ORDER BY issuer, year, version, id").fetchall()
        active = {row["id"] for row in _latest_approved_per_issuer(conn)}
    records = [_record_with_count(r) for r in rows]
    for record in records:
        record.active = record.id in active
    return records


_APPROVED_NEWEST_FIRST = (
    "SELECT * FROM rulesets WHERE status = 'approved'"
    " ORDER BY year IS NULL, year DESC, version DESC, approved_at DESC, id DESC"
)


def _latest_approved_per_issuer(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    latest: dict[str, sqlite3.Row] = {}
    for row in conn.execute(_APPROVED_NEWEST_FIRST).fetchall():
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


def _find_row(conn: sqlite3.Connection, ref: str) -> sqlite3.Row | None:
    if ref.strip().lower() in LATEST_REFS:
        return conn.execute("SELECT * FROM rulesets ORDER BY id DESC LIMIT 1").fetchone()
    if ref.strip().isdigit():
        return conn.execute("SELECT * FROM rulesets WHERE id = ?", (int(ref),)).fetchone()
    issuer, year, version = _split_ref(ref)
    rows = conn.execute("SELECT * FROM rulesets ORDER BY year DESC, version DESC, id DESC").fetchall()
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


def _one_issuer(query: str, rows: list[sqlite3.Row]) -> list[sqlite3.Row]:
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


def approve(ref: str | int, db: str | Path | None = None) -> Record:
    record, ruleset = resolve(ref, db)
    ensure_usable(ruleset, f"规则集 {record.id}（{record.ref}）")
    if record.status != "approved":
        with connect(db) as conn:
            conn.execute("UPDATE rulesets SET status = 'approved', approved_at = ? WHERE id = ?", (_now(), record.id))
    record, _ = resolve(record.id, db)
    return record


def approved_ruleset(issuer: str, db: str | Path | None = None) -> RuleSet:
    """The latest approved rule set of an issuer (its full name or a close spelling)."""
    return approved_record(issuer, db)[1]


def approved_record(issuer: str, db: str | Path | None = None) -> tuple[Record, RuleSet]:
    """The latest approved rule set of an issuer with its registry row."""
    with connect(db) as conn:
        rows = conn.execute(_APPROVED_NEWEST_FIRST).fetchall()
    matched = _one_issuer(issuer, rows)
    if not matched:
        raise NoApprovedRuleSetError(issuer)
    return _record_with_count(matched[0]), RuleSet.model_validate_json(matched[0]["json"])


def original_of(ruleset: RuleSet, db: str | Path | None = None) -> RuleSet | None:
    """The first stored rule set read from the same notice: what the notice itself said."""
    with connect(db) as conn:
        row = conn.execute("SELECT json FROM rulesets WHERE sha256 = ? ORDER BY id LIMIT 1",
                           (ruleset.source.sha256,)).fetchone()
    return RuleSet.model_validate_json(row["json"]) if row is not None else None


def record_of(ruleset: RuleSet, db: str | Path | None = None) -> Record | None:
    """The registry row holding exactly this rule set (same notice, same content), if any."""
    with connect(db) as conn:
        row = conn.execute("SELECT * FROM rulesets WHERE sha256 = ? AND content_sha256 = ? ORDER BY id DESC LIMIT 1",
                           (ruleset.source.sha256, content_hash(ruleset))).fetchone()
    return _record_with_count(row) if row is not None else None

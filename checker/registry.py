"""The rule-set registry: versioned, reviewable rule sets in one SQLite file.

A rule set read from a notice is a draft until a person approves it; screening
by issuer uses the latest approved one. Each (issuer, year) has versions 1, 2,
... : re-importing a changed rule set (for instance an exported YAML a reviewer
corrected) adds a version, re-importing an identical one returns the stored row.

``load_ruleset(path)`` is the one loader for every command that takes a rule set:
a RuleSet JSON file, an exported YAML, or a notice file (parsed on the fly).
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

import yaml
from pydantic import ValidationError

from ..config import registry_path
from ..errors import RulesError
from ..models import RuleSet, dump_json
from ..normalizers.names import name_similarity

SCHEMA_VERSION = 1
NOTICE_SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm"}
YAML_SUFFIXES = {".yaml", ".yml"}
ISSUER_MATCH_MIN = 85.0

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


# --------------------------------------------------------------------------- loading


def load_ruleset(path: str | Path) -> RuleSet:
    """A RuleSet from a RuleSet JSON file, an exported YAML, or a notice file."""
    path = Path(path)
    if not path.is_file():
        raise RulesError(path, "文件不存在 / file not found")
    suffix = path.suffix.lower()
    if suffix in NOTICE_SUFFIXES:
        from ..extractors.notice import parse_notice_file

        return parse_notice_file(path)
    if suffix == ".json":
        return ruleset_from_data(_read_json(path), path)
    if suffix in YAML_SUFFIXES:
        return ruleset_from_data(_read_yaml(path), path)
    raise RulesError(path, "应为规则集 JSON/YAML 或通知文件 (.pdf .docx .txt .md .html)")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise RulesError(path, f"无法读取: {err.__class__.__name__}") from err


def _read_json(path: Path) -> Any:
    try:
        return json.loads(_read_text(path))
    except json.JSONDecodeError as err:
        raise RulesError(path, f"JSON 格式错误，第 {err.lineno} 行") from err


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(_read_text(path))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"，第 {mark.line + 1} 行" if mark is not None else ""
        raise RulesError(path, f"YAML 格式错误{where}") from err


def ruleset_from_data(data: Any, path: str | Path | None = None) -> RuleSet:
    """Validate plain data as a RuleSet; ids a person left out are generated."""
    if not isinstance(data, dict) or "source" not in data:
        raise RulesError(path, "不是规则集（缺少 source）")
    for i, req in enumerate(data.get("requirements") or []):
        if isinstance(req, dict) and not req.get("id"):
            req["id"] = _generated_id(req, i)
    try:
        return RuleSet.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise RulesError(path, f"{where}: {first.get('msg')}") from err


def _generated_id(req: dict, index: int) -> str:
    basis = json.dumps([req.get("program"), req.get("attribute"), req.get("value"), index],
                       ensure_ascii=False, sort_keys=True, default=str)
    return f"{req.get('attribute') or 'req'}-{hashlib.sha1(basis.encode()).hexdigest()[:8]}"


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


def _find_row(conn: sqlite3.Connection, ref: str) -> sqlite3.Row | None:
    if ref.strip().isdigit():
        return conn.execute("SELECT * FROM rulesets WHERE id = ?", (int(ref),)).fetchone()
    issuer, year, version = _split_ref(ref)
    rows = conn.execute("SELECT * FROM rulesets ORDER BY year DESC, version DESC, id DESC").fetchall()
    candidates = [r for r in rows if (year is None or r["year"] == year) and (version is None or r["version"] == version)]
    exact = [r for r in candidates if r["issuer"] == issuer]
    matched = exact or [r for r in candidates if issuer_matches(issuer, r["issuer"])]
    return matched[0] if matched else None


def issuer_matches(query: str, issuer: str) -> bool:
    """Loose issuer comparison: 中国科学院人事局 ~ 中科院人事局 ~ 人事局 (substring)."""
    from .diff import canonical

    q, s = canonical(query), canonical(issuer)
    if not q or not s:
        return False
    return name_similarity(q, s, containment=True) >= ISSUER_MATCH_MIN  # containment scores 90+


def approve(ref: str | int, db: str | Path | None = None) -> Record:
    record, _ = resolve(ref, db)
    if record.status != "approved":
        with connect(db) as conn:
            conn.execute("UPDATE rulesets SET status = 'approved', approved_at = ? WHERE id = ?", (_now(), record.id))
    record, _ = resolve(record.id, db)
    return record


def approved_ruleset(issuer: str, db: str | Path | None = None) -> RuleSet:
    """The latest approved rule set of an issuer (substring / fuzzy match on the name)."""
    with connect(db) as conn:
        rows = conn.execute(_APPROVED_NEWEST_FIRST).fetchall()
    exact = [r for r in rows if r["issuer"] == issuer.strip()]
    matched = exact or [r for r in rows if issuer_matches(issuer, r["issuer"])]
    if not matched:
        raise NoApprovedRuleSetError(issuer)
    return RuleSet.model_validate_json(matched[0]["json"])


# --------------------------------------------------------------------------- export


class _FlowDict(dict):
    pass


class _FlowList(list):
    pass


class _ExportDumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ExportDumper.add_representer(str, _represent_str)
_ExportDumper.add_representer(
    _FlowDict, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True)
)
_ExportDumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))

_SCALARS = (str, int, float, bool, type(None))
# Evidence keys whose null is the model default: left out of the export to keep lines short.
_OPTIONAL_LOCATION = {"page", "table", "row", "col", "file"}


def _flowify(value: Any, depth: int = 0) -> Any:
    """Small leaf mappings (evidence, condition, flag) and short lists on one line each."""
    if isinstance(value, dict):
        if depth >= 2 and value and all(isinstance(v, _SCALARS) for v in value.values()):
            return _FlowDict({k: v for k, v in value.items() if not (k in _OPTIONAL_LOCATION and v is None)})
        return {k: _flowify(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        if value and all(isinstance(v, _SCALARS) for v in value) and sum(len(str(v)) for v in value) <= 60:
            return _FlowList(value)
        return [_flowify(v, depth + 1) for v in value]
    return value


_EXPORT_ORDER = ["notice", "source", "programs", "requirements", "topic_scope", "priority_directions",
                 "deadlines", "contacts", "attachments", "warnings"]


def ruleset_yaml(ruleset: RuleSet, record: Record | None = None) -> str:
    data = ruleset.model_dump(mode="json")
    ordered = {k: data[k] for k in _EXPORT_ORDER if k in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    header = [
        "# 规则集（可编辑）: 修改后运行 shenbao rules import 本文件 → 登记为新版本（草稿），审批后生效。",
        "# op: >= 不少于 | <= 不超过 | == 等于 | between [下限, 上限] | approx 左右 | in 可选值列表",
        "# strength: required 硬性要求 | guideline 指导性（原则上/左右/鼓励）",
    ]
    if record is not None:
        header.insert(0, f"# 登记库 id={record.id} {record.ref} 状态={record.status}")
    body = yaml.dump(_flowify(ordered), Dumper=_ExportDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=4096, indent=2)
    return "\n".join(header) + "\n" + body


def export(ref: str, out: Path | None = None, db: str | Path | None = None) -> str:
    record, ruleset = resolve(ref, db)
    if out is None:
        return ruleset_yaml(ruleset, record)
    suffix = out.suffix.lower()
    if suffix in YAML_SUFFIXES:
        text = ruleset_yaml(ruleset, record)
    elif suffix == ".json":
        text = dump_json(ruleset) + "\n"
    else:
        raise RulesError(out, "导出文件应为 .yaml 或 .json")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as err:
        raise RulesError(out, f"无法写入: {err.strerror or err}") from err
    return f"已导出规则集 {record.id}（{record.ref}）→ {out}"


# --------------------------------------------------------------------------- CLI commands


def _record_line(record: Record) -> str:
    status = "已审批" if record.status == "approved" else "草稿"
    return (f"id={record.id}  发文单位={record.issuer or '（未知）'}  年度={record.year or '（未知）'}  "
            f"版本={record.version}  状态={status} ({record.status})  要求={record.requirements} 条")


def import_command(file: str | Path, db: str | Path | None = None, as_json: bool = False) -> str:
    ruleset = load_ruleset(file)
    record, created = store(ruleset, db, imported_from=str(file))
    if as_json:
        return json.dumps({**record.as_dict(), "created": created}, ensure_ascii=False, indent=2)
    verb = "已登记" if created else "已存在相同规则集，未重复登记"
    return f"{verb}: {_record_line(record)}"


def list_command(db: str | Path | None = None, as_json: bool = False) -> str:
    records = list_records(db)
    if as_json:
        return json.dumps([r.as_dict() for r in records], ensure_ascii=False, indent=2)
    from ..outputs.text import records_table

    return records_table(records)


def show_command(ref: str, db: str | Path | None = None, as_json: bool = False) -> str:
    record, ruleset = resolve(ref, db)
    if as_json:
        return dump_json(ruleset)
    from ..outputs.text import ruleset_table

    return _record_line(record) + "\n\n" + ruleset_table(ruleset)


def export_command(ref: str, out: Path | None = None, db: str | Path | None = None) -> str:
    return export(ref, out, db)


def approve_command(ref: str, db: str | Path | None = None, as_json: bool = False) -> str:
    record = approve(ref, db)
    if as_json:
        return json.dumps(record.as_dict(), ensure_ascii=False, indent=2)
    return f"已审批: {_record_line(record)}"

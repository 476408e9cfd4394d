"""Rule sets as use cases: load one for a run, import, list, show, export, approve, diff."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..checker.diff import diff_rulesets
from ..config import registry_path
from ..errors import FileMissingError, MissingOptionError, RulesError
from ..models import RuleSet, RuleSetRef, dump_json
from ..store import registry
from ..store.files import RULESET_SUFFIXES, read_ruleset_file, write_ruleset_file
from ..store.validate import ensure_usable

NOTICE_SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm"}


def load_ruleset(path: str | Path) -> RuleSet:
    """The one loader for every command that takes a rule set: a RuleSet JSON file,
    an exported YAML, or a notice file (read by the notice extractor on the fly)."""
    path = Path(path)
    if not path.is_file():
        raise RulesError(path, "文件不存在 / file not found")
    suffix = path.suffix.lower()
    if suffix in NOTICE_SUFFIXES:
        from ..extractors.notice import parse_notice_file

        return parse_notice_file(path)
    if suffix in RULESET_SUFFIXES:
        return read_ruleset_file(path)
    raise RulesError(path, "应为规则集 JSON/YAML 或通知文件 (.pdf .docx .txt .md .html)")


def load_side(ref: str | Path) -> RuleSet:
    """A file (notice, RuleSet JSON, exported YAML) or, when no such file exists, a
    registry reference (id or issuer/year[/version])."""
    if Path(ref).exists():
        return load_ruleset(ref)
    try:
        return registry.resolve(str(ref))[1]
    except RulesError:
        return load_ruleset(ref)  # not in the registry either: report the missing file


def load_rules(rules: Path | None, issuer: str | None, db: str | Path | None = None
               ) -> tuple[RuleSet, RuleSetRef]:
    """The rule set a run screens against, and the reference its reports carry: a file
    (RuleSet JSON, exported YAML, notice) or the latest approved rule set of an issuer."""
    if rules is None and not issuer:
        raise MissingOptionError(None, "请用 --rules 指定规则集文件，或用 --issuer 指定发文单位 / give --rules or --issuer")
    if rules is None:
        record, ruleset = registry.approved_record(issuer, db)
        return ensure_usable(ruleset, issuer), reference(ruleset, record)
    rules = Path(rules)
    if not rules.exists():
        raise FileMissingError(rules)
    ruleset = ensure_usable(load_ruleset(rules), rules)
    return ruleset, reference(ruleset, _registered(ruleset, db), file=str(rules))


def _registered(ruleset: RuleSet, db: str | Path | None) -> registry.Record | None:
    """The registry row of a rule set given as a file, when the registry holds the same content."""
    target = db if db is not None else (os.environ.get("SHENBAO_DB") or registry_path())
    if "://" not in str(target) and not Path(target).exists():
        return None  # no registry file on this machine: do not create one just to look
    try:
        return registry.record_of(ruleset, db)
    except RulesError:  # no usable registry here: the file alone names the rules
        return None


def reference(ruleset: RuleSet, record: registry.Record | None = None, file: str | None = None) -> RuleSetRef:
    """Which rules a report applied: notice, content hash, and registry id/version/approval when known."""
    details = {"content_sha256": registry.content_hash(ruleset), "file": file}
    if record is not None:
        details.update(registry_id=record.id, version=record.version, status=record.status,
                       approved_at=record.approved_at)
    return RuleSetRef.of(ruleset, **details)


# --------------------------------------------------------------------------- commands


def _record_line(record: registry.Record) -> str:
    status = "已审批" if record.status == "approved" else "草稿"
    return (f"id={record.id}  发文单位={record.issuer or '（未知）'}  年度={record.year or '（未知）'}  "
            f"版本={record.version}  状态={status} ({record.status})  要求={record.requirements} 条")


def mark_edits(ruleset: RuleSet, original: RuleSet | None) -> RuleSet:
    """Requirements whose operator or value differ from the notice's own reading (same id) carry
    ``edited_from``, so that every report shows the edit beside the notice's sentence."""
    if original is None:
        return ruleset
    before = {req.id: req for req in original.requirements}
    for req in ruleset.requirements:
        old = before.get(req.id)
        if old is not None and req.edited_from is None and (old.value, old.op) != (req.value, req.op):
            req.edited_from = {"op": old.op, "value": old.value}
    return ruleset


def import_command(file: str | Path, db: str | Path | None = None, as_json: bool = False) -> str:
    ruleset = load_ruleset(file)
    mark_edits(ruleset, registry.original_of(ruleset, db))
    record, created = registry.store(ruleset, db, imported_from=str(file))
    if as_json:
        return json.dumps({**record.as_dict(), "created": created}, ensure_ascii=False, indent=2)
    verb = "已登记" if created else "已存在相同规则集，未重复登记"
    return f"{verb}: {_record_line(record)}"


def list_command(db: str | Path | None = None, as_json: bool = False) -> str:
    records = registry.list_records(db)
    if as_json:
        return json.dumps([r.as_dict() for r in records], ensure_ascii=False, indent=2)
    from ..outputs.text import records_table

    return records_table(records)


def show_command(ref: str, db: str | Path | None = None, as_json: bool = False) -> str:
    record, ruleset = registry.resolve(ref, db)
    if as_json:
        return dump_json(ruleset)
    from ..outputs.text import ruleset_table

    return _record_line(record) + "\n\n" + ruleset_table(ruleset)


def export_command(ref: str, out: Path | None = None, db: str | Path | None = None) -> str:
    """The rule set as an editable YAML (printed, or written to .yaml/.json)."""
    from ..store.files import ruleset_yaml

    record, ruleset = registry.resolve(ref, db)
    header = f"登记库 id={record.id} {record.ref} 状态={record.status}"
    if out is None:
        return ruleset_yaml(ruleset, header)
    write_ruleset_file(ruleset, Path(out), header)
    return f"已导出规则集 {record.id}（{record.ref}）→ {out}"


def approve_command(ref: str, db: str | Path | None = None, as_json: bool = False, by: str | None = None) -> str:
    record = registry.approve(ref, db, by=by)
    if as_json:
        return json.dumps(record.as_dict(), ensure_ascii=False, indent=2)
    return f"已审批: {_record_line(record)}"


def diff_command(old_path: str | Path, new_path: str | Path, as_json: bool = False) -> str:
    diff = diff_rulesets(load_side(old_path), load_side(new_path))
    if as_json:
        return dump_json(diff)
    from ..outputs.text import diff_table

    return diff_table(diff)

"""Rule sets as use cases: load one for a run, import, list, show, export, approve, diff."""

from __future__ import annotations

import json
from pathlib import Path

from ..checker.diff import diff_rulesets
from ..errors import FileMissingError, MissingOptionError, RulesError
from ..models import RuleSet, dump_json
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


def load_rules(rules: Path | None, issuer: str | None) -> RuleSet:
    """The rule set a run screens against: a file (RuleSet JSON, exported YAML, notice) or the
    latest approved rule set of an issuer in the registry."""
    if rules is None and not issuer:
        raise MissingOptionError(None, "请用 --rules 指定规则集文件，或用 --issuer 指定发文单位 / give --rules or --issuer")
    if rules is None:
        return ensure_usable(registry.approved_ruleset(issuer), issuer)
    rules = Path(rules)
    if not rules.exists():
        raise FileMissingError(rules)
    return ensure_usable(load_ruleset(rules), rules)


# --------------------------------------------------------------------------- commands


def _record_line(record: registry.Record) -> str:
    status = "已审批" if record.status == "approved" else "草稿"
    return (f"id={record.id}  发文单位={record.issuer or '（未知）'}  年度={record.year or '（未知）'}  "
            f"版本={record.version}  状态={status} ({record.status})  要求={record.requirements} 条")


def import_command(file: str | Path, db: str | Path | None = None, as_json: bool = False) -> str:
    ruleset = load_ruleset(file)
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


def approve_command(ref: str, db: str | Path | None = None, as_json: bool = False) -> str:
    record = registry.approve(ref, db)
    if as_json:
        return json.dumps(record.as_dict(), ensure_ascii=False, indent=2)
    return f"已审批: {_record_line(record)}"


def diff_command(old_path: str | Path, new_path: str | Path, as_json: bool = False) -> str:
    diff = diff_rulesets(load_side(old_path), load_side(new_path))
    if as_json:
        return dump_json(diff)
    from ..outputs.text import diff_table

    return diff_table(diff)

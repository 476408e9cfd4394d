"""Notices and rule sets in the workspace: import an uploaded notice, show it with its
requirements highlighted, edit a requirement (validated as an import is), diff against
the issuer's last approved rule set."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..checker.diff import attribute_label, describe_requirement, diff_rulesets
from ..errors import RulesError
from ..models import RuleDiff, RuleSet
from ..pipeline.parse import read_notice
from ..pipeline.rules import mark_edits
from ..store import registry
from ..store.validate import validate_data
from .settings import Settings

OP_LABELS = {">=": "不少于（≥）", "<=": "不超过（≤）", "==": "等于", "between": "介于（下限,上限）",
             "approx": "左右（约）", "in": "可选值之一"}
STRENGTH_LABELS = {"required": "硬性要求（须/不少于）", "guideline": "指导性（原则上/左右）"}
NOTICE_SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm")


# --------------------------------------------------------------------------- import


def text_file(settings: Settings, sha256: str) -> Path:
    return settings.notices_dir / f"{re.sub(r'[^0-9a-f]', '', sha256.lower())[:64] or 'unknown'}.json"


def import_notice(settings: Settings, path: Path, original_name: str) -> tuple[registry.Record, bool, RuleSet]:
    """Read a stored upload into a draft rule set in the registry; its text kept for display."""
    text, ruleset = read_notice(path)
    ruleset.source.file = original_name  # what the people reading it know it by
    text_file(settings, ruleset.source.sha256).write_text(
        json.dumps({"name": original_name, "text": text}, ensure_ascii=False), encoding="utf-8")
    mark_edits(ruleset, registry.original_of(ruleset, settings.db))
    record, created = registry.store(ruleset, settings.db, imported_from=original_name)
    return record, created, ruleset


def notice_text(settings: Settings, ruleset: RuleSet) -> str | None:
    path = text_file(settings, ruleset.source.sha256)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8")).get("text")


# --------------------------------------------------------------------------- display


@dataclass
class Segment:
    text: str
    kind: str = ""  # "", "req", "open", "unparsed"
    ref: str = ""  # the requirement id (anchor) or unparsed index


def _span(text: str, evidence) -> tuple[int, int] | None:
    if evidence is None:
        return None
    start, end = evidence.start, evidence.end
    if 0 <= start < end <= len(text) and text[start:end].strip():
        return start, end
    quote = (evidence.text or "").strip()
    found = text.find(quote) if quote else -1
    return (found, found + len(quote)) if found >= 0 else None


def segments(text: str, ruleset: RuleSet) -> list[Segment]:
    """The notice text cut into plain runs and highlighted sentences (requirements, unparsed)."""
    spans: list[tuple[int, int, str, str]] = []
    for req in ruleset.requirements:
        span = _span(text, req.evidence)
        if span:
            spans.append((*span, "open" if req.attribute == "other" else "req", req.id))
    for i, ev in enumerate(ruleset.unparsed):
        span = _span(text, ev)
        if span:
            spans.append((*span, "unparsed", f"u{i}"))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[Segment] = []
    pos = 0
    for start, end, kind, ref in spans:
        if start < pos:  # overlapping a sentence already marked: the first one keeps the text
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], kind, ref))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def requirement_rows(ruleset: RuleSet) -> list[dict[str, Any]]:
    rows = []
    for req in ruleset.requirements:
        label = getattr(req, "label", None)
        rows.append({
            "req": req, "attribute": attribute_label(req.attribute) if req.attribute != "other" else (label or "其他要求"),
            "rule": describe_requirement(req), "open": req.attribute == "other",
            "value_text": value_text(req.value), "condition_value": value_text(req.condition.value)
            if req.condition else "",
        })
    return rows


def value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# --------------------------------------------------------------------------- edit


def parse_value(text: str, op: str) -> Any:
    """What a reviewer typed in the value box: a number, a date, a list ([3,5] or 3,5) or text."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        pass
    if op in ("between", "in") and re.search(r"[,，、~～至\-]", text) and not re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        parts = [p.strip() for p in re.split(r"[,，、~～至]|(?<=\d)-(?=\d)", text) if p.strip()]
        return [parse_value(p, "==") for p in parts]
    return text


def edit_requirement(ruleset: RuleSet, req_id: str, changes: dict[str, Any]) -> RuleSet:
    """The rule set with one requirement changed, validated exactly as an imported rule set is."""
    data = ruleset.model_dump(mode="json")
    for req in data.get("requirements") or []:
        if req.get("id") == req_id:
            break
    else:
        raise RulesError(None, f"规则集中没有编号为 {req_id} 的要求")
    op = changes.get("op") or req.get("op")
    req["op"] = op
    if "value" in changes:
        req["value"] = parse_value(changes["value"], op) if isinstance(changes["value"], str) else changes["value"]
    if changes.get("strength"):
        req["strength"] = changes["strength"]
    if "program" in changes:
        req["program"] = changes["program"] or None
    if "condition_attribute" in changes:
        attribute = (changes.get("condition_attribute") or "").strip()
        if attribute:
            cond_op = changes.get("condition_op") or ">="
            cond_value = changes.get("condition_value", "")
            req["condition"] = {"attribute": attribute, "op": cond_op,
                                "value": parse_value(cond_value, cond_op) if isinstance(cond_value, str) else cond_value}
        else:
            req["condition"] = None
    edited = validate_data(data, f"要求 {req_id}")
    original = ruleset.model_copy(deep=True)
    for r in edited.requirements:
        if r.id == req_id and r.edited_from is None:
            old = next(o for o in original.requirements if o.id == req_id)
            if (old.op, old.value, old.strength, old.program, old.condition) != (r.op, r.value, r.strength, r.program,
                                                                                   r.condition):
                r.edited_from = {"op": old.op, "value": old.value}
    return edited


def store_edit(settings: Settings, ruleset: RuleSet, imported_from: str) -> tuple[registry.Record, bool]:
    return registry.store(ruleset, settings.db, imported_from=imported_from)


# --------------------------------------------------------------------------- diff


def last_approved(record: registry.Record, db: Path) -> registry.Record | None:
    """The issuer's latest approved rule set other than ``record`` itself."""
    approved = [r for r in registry.list_records(db)
                if r.status == "approved" and r.issuer == record.issuer and r.id != record.id]
    if not approved:
        return None
    return max(approved, key=lambda r: (r.year or 0, r.version, r.approved_at or "", r.id))


def diff_against_approved(record: registry.Record, ruleset: RuleSet, db: Path
                          ) -> tuple[registry.Record | None, RuleDiff | None]:
    base = last_approved(record, db)
    if base is None:
        return None, None
    _, old = registry.resolve(base.id, db)
    return base, diff_rulesets(old, ruleset)

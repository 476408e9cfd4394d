"""One requirement against one measured value -> a Finding.

Operators (>= <= == between approx in) compare numbers, ISO dates, title ranks
or text classes, whichever the attribute holds. Strength decides severity: a
broken ``required`` rule is an error (verdict fail), a broken ``guideline``
(左右, 原则上, 一般) a warning (verdict review). A value the form does not give
is ``unknown`` and says which value is missing.
"""

from __future__ import annotations

import re
from typing import Any

from ..models import Condition, Finding, Requirement
from .measure import (
    Measured,
    as_date,
    as_number,
    class_of_value,
    default_unit,
    fmt_number,
    form_spec,
    measures_data,
    normalize_name,
    rank_name,
    title_rank,
    yes_no,
)
from .measure import (
    attribute_name as _attribute_name,
)

DATE_ATTRIBUTES = {"application_deadline", "completion_deadline"}
TITLE_ATTRIBUTES = {"leader_title", "trainee_title"}


# --------------------------------------------------------------------------- tolerance


def tolerance(attribute: str, target: float) -> float:
    """How far an ``approx`` value may stray from ``target`` (corpus: tolerance)."""
    table = measures_data().get("tolerance", {})
    for rule in table.get(attribute) or table.get("default") or [{"rel": 0.2}]:
        limit = rule.get("max_value")
        if limit is not None and abs(target) > limit:
            continue
        if "abs" in rule:
            return float(rule["abs"])
        return abs(target) * float(rule.get("rel", 0.2))
    return abs(target) * 0.2


def open_ended(requirement: Requirement, top: float) -> bool:
    """Whether the largest listed value is open upwards ("90天及以上")."""
    text = requirement.evidence.text if requirement.evidence else ""
    number = fmt_number(top)
    return bool(re.search(rf"{re.escape(number)}\s*[^\d，,、。；;]{{0,3}}?(?:及|或)?以上", text))


# --------------------------------------------------------------------------- comparison


class Incomparable(Exception):
    """The requirement's value cannot be compared with what the form gives."""


def _key(attribute: str, value: Any, measured: Measured | None = None, vocab: str | None = None) -> Any:
    """A comparable key for a value of ``attribute``: number, date, rank, yes/no or class."""
    if attribute == "system_flag":
        flag = yes_no(value.get("value") if isinstance(value, dict) else value)
        if flag is None:
            raise Incomparable(value)
        return flag
    if attribute in DATE_ATTRIBUTES:
        parsed = as_date(value)
        if parsed is None:
            raise Incomparable(value)
        return parsed
    if attribute in TITLE_ATTRIBUTES:
        rank = measured.rank if measured is not None and measured.rank is not None else title_rank(value)
        if rank is None:
            raise Incomparable(value)
        return rank
    if vocab:
        if measured is not None:
            return measured.rank if measured.rank is not None else measured.value
        entry = class_of_value(value, vocab)
        if entry is None:
            raise Incomparable(value)
        return entry.get("rank", entry["class"])
    number = as_number(value)
    if number is None:
        if isinstance(value, str) and value.strip():
            return normalize_name(value)  # plain text: compared as written, spacing and quotes aside
        raise Incomparable(value)
    return number


def compare(requirement: Requirement | Condition, measured: Measured, vocab: str | None = None) -> bool:
    """True when the measured value satisfies the requirement's operator and value."""
    attr, op, target = requirement.attribute, requirement.op, requirement.value
    have = _key(attr, measured.value, measured, vocab)
    if op == "between":
        lo, hi = (_key(attr, v, None, vocab) for v in _pair(target))
        return lo <= have <= hi
    if op == "in":
        options = [_key(attr, v, None, vocab) for v in _listed(target)]
        if have in options:
            return True
        numeric = [o for o in options if isinstance(o, (int, float))]
        return bool(numeric) and isinstance(requirement, Requirement) and open_ended(requirement, max(numeric)) \
            and have >= max(numeric)
    want = _key(attr, target, None, vocab)
    if op == "approx":
        if not isinstance(have, (int, float)):
            return have == want
        return abs(have - want) <= tolerance(attr, want) + 1e-9
    if vocab and op == "==" and isinstance(have, int) and isinstance(want, int):
        return have >= want  # a broader enrolment scope includes the narrower one
    if op == ">=":
        return have >= want
    if op == "<=":
        return have <= want
    return have == want


def _pair(value: Any) -> list:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return list(value)
    if isinstance(value, dict) and {"lo", "hi"} <= set(value):
        return [value["lo"], value["hi"]]
    raise Incomparable(value)


def _listed(value: Any) -> list:
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str):
        return [p for p in re.split(r"[、，,;；/或]+", value) if p.strip()]
    return [value]


# --------------------------------------------------------------------------- messages


def _unit(requirement: Requirement) -> str:
    unit = requirement.unit or default_unit(requirement.attribute)
    return "" if unit in {"项"} and requirement.attribute != "max_per_unit" else (unit or "")


def _show(value: Any, attribute: str) -> str:
    if attribute in TITLE_ATTRIBUTES:
        rank = title_rank(value)
        name = rank_name(rank)
        return str(value) if not name or name in str(value) else f"{value}（{name}）"
    return fmt_number(value) if isinstance(value, (int, float)) else str(value)


def describe_requirement(req: Requirement) -> str:
    """The requirement as a bureau would write it: 不少于 5 天, 5–7 天, 50 人左右."""
    unit, attr, value = _unit(req), req.attribute, req.value
    sep = " " if unit and not unit.startswith(("个", "（")) else ""
    if attr in DATE_ATTRIBUTES:
        return {"<=": f"{value} 之前", ">=": f"{value} 之后"}.get(req.op, str(value))
    if attr in TITLE_ATTRIBUTES:
        shown = _show(value, attr)
        return {">=": f"{shown}及以上", "<=": f"不高于{shown}"}.get(req.op, shown)
    if req.op == "between":
        lo, hi = _pair(value)
        return f"{_show(lo, attr)}–{_show(hi, attr)}{sep}{unit}"
    if req.op == "in":
        items = [_show(v, attr) for v in _listed(value)]
        numeric = [as_number(v) for v in _listed(value) if as_number(v) is not None]
        tail = "及以上" if numeric and open_ended(req, max(numeric)) else ""
        return "、".join(items) + f"{sep}{unit}{tail}"
    shown = f"{_show(value, attr)}{sep}{unit}"
    return {">=": f"不少于 {shown}", "<=": f"不超过 {shown}", "approx": f"{shown}左右", "==": shown}[req.op]


def violation_phrase(req: Requirement, measured: Measured) -> str:
    attr, op = req.attribute, req.op
    want = describe_requirement(req)
    if attr in DATE_ATTRIBUTES:
        return f"晚于通知要求的 {req.value}" if op == "<=" else f"不符合通知要求的{want}"
    if op == "between":
        return f"不在通知要求的 {want}之间"
    if op == "in":
        return f"不在通知允许的 {want}之中"
    if op == "approx":
        try:
            target = float(as_number(req.value))
            slack = tolerance(attr, target)
            unit = _unit(req)
            return (f"与通知要求的 {want}相差较大（可接受 {fmt_number(target - slack)}–"
                    f"{fmt_number(target + slack)} {unit}）")
        except (TypeError, ValueError):
            return f"与通知要求的 {want}相差较大"
    if attr in TITLE_ATTRIBUTES and op == ">=":
        return f"低于通知要求的 {want}"
    if op == ">=":
        return f"少于通知要求的{want}"
    if op == "<=":
        return f"超过通知要求的{want}"
    return f"不符合通知要求的“{want}”"


def _context_suffix(req: Requirement) -> str:
    """The programme a requirement is for, and, when a reviewer edited it, what the notice said."""
    text = f"（{req.program}）" if req.program else ""
    if req.edited_from is not None:
        original = req.model_copy(update={"op": req.edited_from.get("op", req.op),
                                          "value": req.edited_from.get("value"), "edited_from": None})
        quote = f"通知原文“{req.evidence.text}”" if req.evidence is not None else "通知原文"
        text += f"【规则集已修改：{quote}为{describe_safe(original)}】"
    return text


def _condition_text(req: Requirement) -> str:
    cond = req.condition
    if cond is None:
        return ""
    fake = Requirement(id="", attribute=cond.attribute, op=cond.op, value=cond.value)
    return f"（适用于{_attribute_name(cond.attribute)}{describe_requirement(fake)}的项目）"


# --------------------------------------------------------------------------- findings


def severity_of(strength: str) -> str:
    return "error" if strength == "required" else "warning"


def vocab_for(attribute: str, form_type: str | None) -> str | None:
    spec = form_spec(form_type).get(attribute)
    return spec.get("vocab") if isinstance(spec, dict) and spec.get("kind") == "text_class" else None


def evaluate(req: Requirement, measured: Measured, form_type: str | None = None) -> Finding | None:
    """The finding of ``req`` on one measured value; None when there is nothing to say."""
    base = {"requirement_id": req.id, "attribute": req.attribute, "field": measured.field,
            "form_evidence": measured.evidence, "notice_evidence": req.evidence}
    if not measured.known:
        if measured.optional:
            return None
        return Finding(**base, status="unknown", severity="warning",
                       message=f"{_missing_text(measured)}，无法核对通知要求的{measured.label}"
                               f"{describe_safe(req)}{_context_suffix(req)}")
    try:
        ok = compare(req, measured, vocab_for(req.attribute, form_type))
    except Incomparable:
        return Finding(**base, status="unknown", severity="warning", form_value=measured.value,
                       message=f"{measured.label} {measured.shown}，无法与通知要求“{req.value}”比较，请人工核对"
                               f"{_context_suffix(req)}")
    head = f"{measured.label} {measured.shown}"
    if ok and measured.missing:  # a rule over all members: one unread member keeps it open
        return Finding(**base, status="unknown", severity="warning", form_value=measured.value,
                       message=f"{head}，{_missing_text(measured)}，无法确认全部符合通知要求的"
                               f"{describe_safe(req)}{_context_suffix(req)}")
    if ok:
        return Finding(**base, status="satisfied", severity="info", form_value=measured.value,
                       message=f"{head}，符合通知要求的{describe_safe(req)}{_context_suffix(req)}")
    return Finding(**base, status="violated", severity=severity_of(req.strength), form_value=measured.value,
                   message=f"{head}，{violation_phrase(req, measured)}{_condition_text(req)}{_context_suffix(req)}")


def _missing_text(measured: Measured) -> str:
    """What kept a value from being read: labels not found on the form, or boxes left empty."""
    unread = [k for k in measured.missing if k in measured.unread]
    empty = [k for k in measured.missing if k not in measured.unread]
    parts = []
    if unread:
        parts.append("未找到" + "、".join(f"“{field_label(k)}”" for k in unread) + "栏")
    if empty:
        parts.append("表中未填写" + "、".join(field_label(k) for k in empty))
    return "，".join(parts) or f"表中未填写{measured.label}"


def describe_safe(req: Requirement) -> str:
    """describe_requirement, never failing; a space before a leading digit reads better after 的."""
    try:
        text = describe_requirement(req)
    except (Incomparable, KeyError, TypeError, ValueError):
        text = str(req.value)
    return f" {text}" if text[:1].isascii() and text[:1].isalnum() else text


def field_label(key: str) -> str:
    from .form_rules import field_label as label

    return label(key)


def condition_holds(cond: Condition, measured: Measured | None, form_type: str | None = None) -> bool | None:
    """Whether a requirement's condition holds; None when it cannot be told."""
    if measured is None or not measured.known:
        return None
    try:
        return compare(cond, measured, vocab_for(cond.attribute, form_type))
    except Incomparable:
        return None

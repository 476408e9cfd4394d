"""A rule set a person wrote or edited, checked before it is stored, approved or used.

The exported YAML invites edits: a reviewer may write 至少 for ``>=`` or 硬性要求 for
``required`` (the words of the file's own header), and those are accepted. What
cannot be used is refused with one Chinese line naming the requirement and the
field: a value that is not a number on a numeric attribute (四十 instead of 40),
a date that is not a date, an operator or strength nobody knows, a file that is
not a rule set, a rule set with nothing in it.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import ValidationError
from rapidfuzz import process

from ..config import corpus_yaml
from ..errors import RulesError
from ..models import RuleSet
from ..normalizers.numerals import parse_number

OP_CODES = (">=", "<=", "==", "between", "approx", "in")
STRENGTH_CODES = ("required", "guideline")


@lru_cache(maxsize=1)
def words() -> dict:
    data = corpus_yaml("ruleset_words.yaml")
    for key in ("ops", "strengths"):
        codes = OP_CODES if key == "ops" else STRENGTH_CODES
        unknown = set(data.get(key, {})) - set(codes)
        if unknown:
            raise ValueError(f"corpus/ruleset_words.yaml: {key} 中有未知代码 {sorted(unknown)}")
    return data


def _code_of(text: Any, table: dict[str, list[str]]) -> Any:
    if not isinstance(text, str):
        return text
    word = text.strip()
    if word in table:
        return word
    return next((code for code, names in table.items() if word in names), text)


def accept_words(data: dict) -> dict:
    """Chinese operator and strength words replaced by their codes, in place."""
    for req in data.get("requirements") or []:
        if not isinstance(req, dict):
            continue
        req["op"] = _code_of(req.get("op"), words()["ops"])
        if "strength" in req:
            req["strength"] = _code_of(req.get("strength"), words()["strengths"])
        cond = req.get("condition")
        if isinstance(cond, dict) and "op" in cond:
            cond["op"] = _code_of(cond.get("op"), words()["ops"])
    return data


def _name(req: Any, index: int) -> str:
    rid = req.get("id") if isinstance(req, dict) else None
    attribute = req.get("attribute") if isinstance(req, dict) else None
    return f"第 {index + 1} 条要求（{rid or attribute or '无编号'}）"


def pydantic_message(err: ValidationError, data: dict) -> str:
    """The first validation error as a Chinese line naming the requirement and the field."""
    first = err.errors()[0]
    loc = list(first.get("loc", ()))
    where = ".".join(str(p) for p in loc)
    if len(loc) >= 3 and loc[0] == "requirements" and isinstance(loc[1], int):
        reqs = data.get("requirements") or []
        req = reqs[loc[1]] if loc[1] < len(reqs) else {}
        where = f"{_name(req, loc[1])}的 {'.'.join(map(str, loc[2:]))}"
    kind = first.get("type", "")
    given = first.get("input")
    if kind == "literal_error":
        allowed = first.get("ctx", {}).get("expected", "")
        return f"{where} 为“{given}”，应为 {allowed}"
    if kind == "missing":
        return f"{where} 缺失"
    return f"{where} 不符合格式（{first.get('msg')}）"


@lru_cache(maxsize=1)
def attribute_vocabulary() -> frozenset[str]:
    """Every attribute a rule set may name: the notice vocabulary (corpus/attributes.yaml), the
    attributes reports know a label for, and the text-valued ones."""
    def load(name: str) -> dict:
        return corpus_yaml(name)

    return frozenset(load("attributes.yaml").get("attributes", {})) | frozenset(
        load("report_labels.yaml").get("attributes", {})) | frozenset(words().get("text_attributes", []))


def attribute_problem(req: dict) -> str | None:
    """A misspelt attribute (duration_dayz) would switch its rule off silently: name the nearest."""
    attribute = str(req.get("attribute") or "")
    if attribute in attribute_vocabulary():
        return None
    nearest = process.extractOne(attribute, sorted(attribute_vocabulary()))
    hint = f"，是否应为 {nearest[0]}" if nearest and nearest[1] >= 70 else ""
    return f"attribute “{attribute}” 不是已知的要求类型{hint}（可用 other 表示其他要求）"


def value_problem(req: dict) -> str | None:
    """Why a requirement's value cannot be compared, or None."""
    attribute = str(req.get("attribute") or "")
    value, op = req.get("value"), req.get("op")
    if attribute in words().get("text_attributes", []) or op == "in":
        return None
    if attribute.endswith(words().get("date_suffix", "_deadline")):
        return None if _is_date(value) else f"value “{value}” 应为日期，例如 2026-03-31"
    values = value if op == "between" else [value]
    if op == "between" and not (isinstance(value, list) and len(value) == 2):
        return f"value “{value}” 应为 [下限, 上限]"
    for v in values:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            hint = parse_number(str(v)) if isinstance(v, str) else None
            suggestion = f"，例如 {hint}" if hint is not None else ""
            return f"value “{v}” 应为数字{suggestion}"
    return None


def _is_date(value: Any) -> bool:
    try:
        date.fromisoformat(str(value))
        return True
    except ValueError:
        return False


def validate_data(data: Any, path: Any = None) -> RuleSet:
    """Plain data (from JSON or YAML) as a RuleSet a run can use, or a RulesError saying why not."""
    if not isinstance(data, dict) or "source" not in data:
        raise RulesError(path, "不是规则集（应为包含 source、requirements 等键的对象）")
    accept_words(data)
    for i, req in enumerate(data.get("requirements") or []):
        if not isinstance(req, dict):
            raise RulesError(path, f"{_name(req, i)}应为键值对象")
        problem = attribute_problem(req) or value_problem(req)
        if problem:
            raise RulesError(path, f"{_name(req, i)}的 {problem}")
    try:
        return RuleSet.model_validate(data)
    except ValidationError as err:
        raise RulesError(path, pydantic_message(err, data)) from err


def ensure_usable(ruleset: RuleSet, path: Any = None) -> RuleSet:
    """A rule set with no requirement, programme or topic scope judges nothing: it cannot be
    approved or screened with (everything would pass)."""
    if not (ruleset.requirements or ruleset.programs or ruleset.topic_scope):
        raise RulesError(path, "规则集中没有任何要求、项目或选题范围，不能审批或用于审查")
    return ruleset

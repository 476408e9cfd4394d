"""Year-over-year comparison of two rule sets.

A bureau re-issues much the same notice every year with a few numbers moved.
Reviewers want those moves, not a text diff: which programme's which rule
changed, with the sentence of each year's notice it came from.

Matching works in two steps:
1. programmes: same canonical name, else an alias, else a close fuzzy match
   (typos and small rewordings such as 人力资源社会和保障部 / 人力资源社会保障部),
   one-to-one;
2. requirements: grouped by (programme, attribute, condition attribute, system
   flag field); identical ones cancel out, the rest are paired by the closest
   value, leftovers are added/removed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from rapidfuzz import fuzz

from ..models import (
    Deadline,
    Requirement,
    RequirementChange,
    RuleDiff,
    RuleSet,
    RuleSetRef,
)
from ..normalizers.names import canonical
from ..normalizers.names import name_similarity as shared_name_similarity

# Below this ratio two programme names are different programmes: 国家级高级研修项目
# and 省级高级研修项目 score 82, a one-character typo in a long name scores ~97.
PROGRAM_MATCH_MIN = 88.0
TOPIC_ITEM_MATCH_MIN = 90.0
DEADLINE_MATCH_MIN = 75.0

# Short Chinese labels of the attribute vocabulary (DESIGN.md); unknown
# attributes are shown by their key.
ATTRIBUTE_LABELS: dict[str, str] = {
    "duration_days": "办班时间",
    "participants": "参训人数",
    "session_hours": "单场学时",
    "sessions_per_year": "每年讲座场次",
    "annual_training_hours": "每年继续教育学时",
    "age_max": "年龄上限",
    "group_size": "团组人数",
    "leader_title": "带头人职称",
    "trainee_title": "学员职称",
    "funding_cap_cny": "资助上限",
    "quota": "遴选名额",
    "max_per_unit": "每单位最多申报",
    "prior_runs": "已举办次数",
    "application_deadline": "申报截止",
    "completion_deadline": "执行完毕期限",
    "foreign_institutions": "境外培训机构数",
    "cities": "培训城市数",
    "countries": "培训国家（境）数",
    "report_due_workdays": "总结提交期限（工作日）",
    "enrollment_scope": "招生范围",
    "delivery_mode": "办班方式",
    "trainee_fee": "向学员收费",
    "required_attachments": "须提交材料",
    "system_flag": "系统勾选",
    "execution_rate_min": "经费执行率下限",
    "required_field": "必填栏目",
    "topic_scope": "选题范围",
    "funding_type": "申报项目类别",
    "self_funding_source": "自筹经费来源",
    "applicant_blank": "申报单位信息留空",
}
# Units of numeric attributes, for conditions (which carry no unit of their own).
ATTRIBUTE_UNITS: dict[str, str] = {
    "duration_days": "天", "participants": "人", "session_hours": "学时", "sessions_per_year": "场",
    "annual_training_hours": "学时", "age_max": "周岁", "group_size": "人", "funding_cap_cny": "元",
    "prior_runs": "次", "foreign_institutions": "个", "cities": "个", "countries": "个",
    "report_due_workdays": "个工作日", "execution_rate_min": "%",
}
STRENGTH_LABELS = {"required": "硬性要求", "guideline": "指导性"}
ALL_PROGRAMS = "全部项目"

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")


# --------------------------------------------------------------------------- rendering


def attribute_label(attribute: str) -> str:
    """Short Chinese name; attributes added to corpus/attributes.yaml use their zh there."""
    return ATTRIBUTE_LABELS.get(attribute) or _corpus_attribute_labels().get(attribute) or attribute


@functools.lru_cache(maxsize=1)
def _corpus_attribute_labels() -> dict[str, str]:
    import yaml

    from ..config import corpus_yaml

    try:
        data = corpus_yaml("attributes.yaml")
    except (OSError, yaml.YAMLError):
        return {}
    attributes = data.get("attributes") if isinstance(data, dict) else None
    if not isinstance(attributes, dict):
        return {}
    return {k: str(v["zh"]) for k, v in attributes.items() if isinstance(v, dict) and v.get("zh")}


def format_number(value: Any, unit: str | None = None) -> str:
    """6 -> '6', 2.5 -> '2.5', 50000 元 -> '5万元' (the way notices write money)."""
    unit = unit or ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"{value}{unit}"
    if unit == "元" and abs(value) >= 10000 and value % 100 == 0:
        return f"{value / 10000:g}万元"
    text = f"{int(value)}" if float(value).is_integer() else f"{value:g}"
    return f"{text}{unit}"


def format_value(value: Any, unit: str | None = None) -> str:
    if isinstance(value, dict):
        if "field" in value:
            return f"“{value.get('field')}”选“{value.get('value')}”"
        return "，".join(f"{k}={format_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "、".join(format_value(v) for v in value) + (unit or "" if value and _is_number(value[0]) else "")
    return format_number(value, unit)


def describe_rule(op: str, value: Any, unit: str | None = None) -> str:
    """A rule as a notice would word it: (>=, 6, 场) -> 不少于6场."""
    if isinstance(value, str) and _ISO_DATE.match(value) and op in (">=", "<="):
        return f"{'不早于' if op == '>=' else '不晚于'}{value}"
    if op == ">=":
        return f"不少于{format_number(value, unit)}"
    if op == "<=":
        return f"不超过{format_number(value, unit)}"
    if op == "approx":
        return f"{format_number(value, unit)}左右"
    if op == "between" and isinstance(value, (list, tuple)) and len(value) == 2:
        lo, hi = value
        return f"{format_number(lo)}-{format_number(hi, unit)}"
    if op == "in" and isinstance(value, (list, tuple)):
        return "/".join(format_number(v) for v in value) + (unit or "")
    return format_value(value, unit)


def describe_requirement(req: Requirement) -> str:
    text = describe_rule(req.op, req.value, req.unit)
    if req.condition is not None:
        cond = req.condition
        rule = describe_rule(cond.op, cond.value, ATTRIBUTE_UNITS.get(cond.attribute))
        text = f"{text}（当{attribute_label(cond.attribute)}{rule}时）"
    return text


def program_label(name: str | None) -> str:
    return name or ALL_PROGRAMS


# --------------------------------------------------------------------------- canonical forms


def _without_brackets(text: str) -> str:
    return canonical(_BRACKETED.sub("", text or ""))


def name_similarity(a: str, b: str) -> float:
    """0-100 for two programme names; a bracketed remark (（试点）) does not tell them apart."""
    ca, cb = canonical(a), canonical(b)
    if ca and cb and _without_brackets(a) == _without_brackets(b):
        return 100.0
    return shared_name_similarity(ca, cb)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _greedy_pairs(
    olds: list[Any], news: list[Any], score: Callable[[Any, Any], float], minimum: float
) -> list[tuple[int, int]]:
    """One-to-one pairs with the highest scores first (score >= minimum)."""
    candidates = sorted(
        ((score(o, n), i, j) for i, o in enumerate(olds) for j, n in enumerate(news)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for value, i, j in candidates:
        if value < minimum or i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j))
    return pairs


# --------------------------------------------------------------------------- programmes


def _program_names(rs: RuleSet) -> list[str]:
    """Every programme a rule set speaks of, in order of first mention."""
    names: list[str] = []
    seen: set[str] = set()

    def add(name: str | None) -> None:
        key = canonical(name)
        if key and key not in seen:
            seen.add(key)
            names.append(name)  # type: ignore[arg-type]

    for program in rs.programs:
        add(program.name)
    for item in [*rs.requirements, *rs.topic_scope, *rs.priority_directions, *rs.deadlines]:
        add(item.program)
    return names


def _aliases(rs: RuleSet) -> dict[str, set[str]]:
    return {canonical(p.name): {canonical(a) for a in p.aliases if a} for p in rs.programs}


def match_programs(old: RuleSet, new: RuleSet) -> tuple[dict[str, str], list[str], list[str]]:
    """Map each old programme name to its new name; also the unmatched on each side."""
    old_names, new_names = _program_names(old), _program_names(new)
    old_aliases, new_aliases = _aliases(old), _aliases(new)

    def score(a: str, b: str) -> float:
        ca, cb = canonical(a), canonical(b)
        if cb in old_aliases.get(ca, set()) or ca in new_aliases.get(cb, set()):
            return 100.0
        if old_aliases.get(ca, set()) & new_aliases.get(cb, set()):
            return 99.0
        return name_similarity(a, b)

    pairs = _greedy_pairs(old_names, new_names, score, PROGRAM_MATCH_MIN)
    mapping = {old_names[i]: new_names[j] for i, j in pairs}
    removed = [n for n in old_names if n not in mapping]
    added = [n for n in new_names if n not in mapping.values()]
    return mapping, added, removed


# --------------------------------------------------------------------------- requirements


def _flag_field(req: Requirement) -> str | None:
    if req.attribute == "system_flag" and isinstance(req.value, dict):
        return canonical(str(req.value.get("field", "")))
    return None


def _group_key(req: Requirement, program: str | None) -> tuple:
    cond_attr = req.condition.attribute if req.condition is not None else None
    return (canonical(program), req.attribute, cond_attr, _flag_field(req))


def _norm_value(value: Any) -> Any:
    """Comparable form: numbers as floats, lists of texts as sets, texts canonical."""
    if _is_number(value):
        return float(value)
    if isinstance(value, str):
        return canonical(value)
    if isinstance(value, dict):
        return tuple(sorted((k, _norm_value(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        items = [_norm_value(v) for v in value]
        if all(isinstance(v, float) for v in items):
            return tuple(sorted(items))  # a range [lo, hi] or a set of allowed values
        return frozenset(map(str, items))
    return value


def _same_rule(a: Requirement, b: Requirement) -> bool:
    units_differ = a.unit is not None and b.unit is not None and canonical(a.unit) != canonical(b.unit)
    return (
        a.op == b.op
        and _norm_value(a.value) == _norm_value(b.value)
        and a.strength == b.strength
        and not units_differ
        and _same_condition(a, b)
    )


def _same_condition(a: Requirement, b: Requirement) -> bool:
    if a.condition is None or b.condition is None:
        return a.condition is None and b.condition is None
    return a.condition.op == b.condition.op and _norm_value(a.condition.value) == _norm_value(b.condition.value)


def _interval(value: Any) -> tuple[float, float] | None:
    if _is_number(value):
        return float(value), float(value)
    if isinstance(value, (list, tuple)) and value and all(_is_number(v) for v in value):
        return float(min(value)), float(max(value))
    return None


def value_distance(a: Any, b: Any) -> float:
    """0 for equal values, growing with the difference; texts by fuzzy ratio."""
    ia, ib = _interval(a), _interval(b)
    if ia is not None and ib is not None:
        gap = max(ia[0] - ib[1], ib[0] - ia[1], 0.0)
        spread = abs(ia[0] - ib[0]) + abs(ia[1] - ib[1])
        scale = max(abs(ia[1]), abs(ib[1]), 1e-9)
        return (gap + 0.1 * spread) / scale
    na, nb = _norm_value(a), _norm_value(b)
    if na == nb:
        return 0.0
    if isinstance(na, frozenset) and isinstance(nb, frozenset):
        union = na | nb
        return 1.0 - len(na & nb) / len(union) if union else 0.0
    return 1.0 - fuzz.ratio(str(na), str(nb)) / 100.0


def _requirement_distance(a: Requirement, b: Requirement) -> float:
    cond = 0.0
    if a.condition is not None and b.condition is not None:
        cond = value_distance(a.condition.value, b.condition.value)
    op_penalty = 0.0 if a.op == b.op else 0.05
    return 2.0 * cond + value_distance(a.value, b.value) + op_penalty


def _change_summary(old: Requirement | None, new: Requirement | None, program: str | None) -> str:
    ref = new or old
    assert ref is not None
    head = f"{program_label(program)} {attribute_label(ref.attribute)}"
    if old is None:
        return f"{head}: 新增 {describe_requirement(new)}"  # type: ignore[arg-type]
    if new is None:
        return f"{head}: 删除（原为 {describe_requirement(old)}）"
    line = f"{head}: {describe_requirement(old)} → {describe_requirement(new)}"
    if describe_requirement(old) == describe_requirement(new) and old.unit != new.unit:
        line = f"{head}: 单位 {old.unit or '无'} → {new.unit or '无'}"
    if old.strength != new.strength:
        line += f"（{STRENGTH_LABELS[old.strength]} → {STRENGTH_LABELS[new.strength]}）"
    return line


def _pair_group(olds: list[Requirement], news: list[Requirement]) -> tuple[list, list, list, int]:
    """(changed pairs, removed, added, unchanged count) within one group."""
    olds, news = list(olds), list(news)
    unchanged = 0
    for o in list(olds):
        twin = next((n for n in news if _same_rule(o, n)), None)
        if twin is not None:
            olds.remove(o)
            news.remove(twin)
            unchanged += 1
    pairs = _greedy_pairs(olds, news, lambda o, n: -_requirement_distance(o, n), float("-inf"))
    changed = [(olds[i], news[j]) for i, j in pairs]
    removed = [o for i, o in enumerate(olds) if i not in {p[0] for p in pairs}]
    added = [n for j, n in enumerate(news) if j not in {p[1] for p in pairs}]
    return changed, removed, added, unchanged


def diff_requirements(
    old: RuleSet, new: RuleSet, mapping: dict[str, str]
) -> tuple[list[RequirementChange], int]:
    """Requirement changes in reading order of the new notice (removals last)."""
    canon_map = {canonical(k): v for k, v in mapping.items()}
    old_groups: dict[tuple, list[Requirement]] = {}
    new_groups: dict[tuple, list[Requirement]] = {}
    for req in old.requirements:
        program = canon_map.get(canonical(req.program), req.program)
        old_groups.setdefault(_group_key(req, program), []).append(req)
    for req in new.requirements:
        new_groups.setdefault(_group_key(req, req.program), []).append(req)

    position = {id(r): i for i, r in enumerate(new.requirements)}
    old_position = {id(r): i for i, r in enumerate(old.requirements)}
    changes: list[tuple[tuple[int, int], RequirementChange]] = []
    unchanged_total = 0
    for key in dict.fromkeys([*new_groups, *old_groups]):
        changed, removed, added, unchanged = _pair_group(old_groups.get(key, []), new_groups.get(key, []))
        unchanged_total += unchanged
        for o, n in changed:
            changes.append(((0, position[id(n)]), _change(o, n)))
        for n in added:
            changes.append(((0, position[id(n)]), _change(None, n)))
        for o in removed:
            changes.append(((1, old_position[id(o)]), _change(o, None, canon_map.get(canonical(o.program)))))
    changes.sort(key=lambda t: t[0])
    return [c for _, c in changes], unchanged_total


def _change(old: Requirement | None, new: Requirement | None, mapped_program: str | None = None) -> RequirementChange:
    ref = new or old
    assert ref is not None
    program = new.program if new is not None else (mapped_program or ref.program)
    kind = "added" if old is None else "removed" if new is None else "changed"
    return RequirementChange(
        program=program, attribute=ref.attribute, change=kind, old=old, new=new,
        summary=_change_summary(old, new, program),
    )


# --------------------------------------------------------------------------- topics and deadlines


def _topic_key(category: str, program: str | None) -> str:
    return f"{category}（{program}）" if program else category


def _same_item(a: str, b: str) -> bool:
    return name_similarity(a, b) >= TOPIC_ITEM_MATCH_MIN


def diff_topics(old: RuleSet, new: RuleSet, mapping: dict[str, str]) -> tuple[dict, dict]:
    """Topic items new or gone per programme, listed under the category that holds them.

    Categories are regrouped from year to year (服务重大战略 -> 服务国家战略 +
    突出数字技术), so items are compared across all categories of a programme:
    an item that only moved between categories is not a change.
    """
    canon_map = {canonical(k): v for k, v in mapping.items()}

    def by_program(rs: RuleSet, remap: bool) -> dict[str, list[tuple[str, str | None, str]]]:
        out: dict[str, list[tuple[str, str | None, str]]] = {}
        for scope in rs.topic_scope:
            program = canon_map.get(canonical(scope.program), scope.program) if remap else scope.program
            for item in scope.items:
                out.setdefault(canonical(program), []).append((scope.category, program, item))
        return out

    olds, news = by_program(old, True), by_program(new, False)
    added: dict[str, list[str]] = {}
    removed: dict[str, list[str]] = {}
    for program in dict.fromkeys([*news, *olds]):
        old_items, new_items = olds.get(program, []), news.get(program, [])
        for category, prog, item in new_items:
            if not any(_same_item(item, o[2]) for o in old_items):
                added.setdefault(_topic_key(category, prog), []).append(item)
        for category, prog, item in old_items:
            if not any(_same_item(item, n[2]) for n in new_items):
                removed.setdefault(_topic_key(category, prog), []).append(item)
    return added, removed


PRIORITY_CATEGORY = "重点支持方向"


def diff_priority_keywords(old: RuleSet, new: RuleSet, mapping: dict[str, str]) -> tuple[dict, dict]:
    """Keywords of the priority directions (附表 重点支持方向) new or gone, per programme."""
    canon_map = {canonical(k): v for k, v in mapping.items()}

    def keywords(rs: RuleSet, remap: bool) -> dict[str, tuple[str | None, list[str]]]:
        out: dict[str, tuple[str | None, list[str]]] = {}
        for direction in rs.priority_directions:
            program = canon_map.get(canonical(direction.program), direction.program) if remap else direction.program
            out.setdefault(canonical(program), (program, []))[1].extend(direction.keywords)
        return out

    olds, news = keywords(old, True), keywords(new, False)
    added: dict[str, list[str]] = {}
    removed: dict[str, list[str]] = {}
    for key in dict.fromkeys([*news, *olds]):
        program, new_words = news.get(key, (None, []))
        old_program, old_words = olds.get(key, (None, []))
        for word in new_words:
            if not any(_same_item(word, w) for w in old_words):
                added.setdefault(_topic_key(PRIORITY_CATEGORY, program or old_program), []).append(word)
        for word in old_words:
            if not any(_same_item(word, w) for w in new_words):
                removed.setdefault(_topic_key(PRIORITY_CATEGORY, program or old_program), []).append(word)
    return added, removed


def _merge_items(target: dict[str, list[str]], extra: dict[str, list[str]]) -> dict[str, list[str]]:
    """Add items not reported yet (under any key) to ``target``."""
    reported = {canonical(i) for items in target.values() for i in items}
    for key, items in extra.items():
        fresh = [i for i in dict.fromkeys(items) if canonical(i) not in reported]
        if fresh:
            target.setdefault(key, []).extend(fresh)
            reported.update(canonical(i) for i in fresh)
    return target


def _deadline_text(d: Deadline) -> str:
    prefix = f"{d.program} " if d.program else ""
    date = d.date or "未注明日期"
    return f"{prefix}{d.what}: {date}{'（约）' if d.approximate else ''}"


def diff_deadlines(old: RuleSet, new: RuleSet, mapping: dict[str, str]) -> list[str]:
    canon_map = {canonical(k): v for k, v in mapping.items()}

    def score(o: Deadline, n: Deadline) -> float:
        if canonical(canon_map.get(canonical(o.program), o.program)) != canonical(n.program):
            return 0.0
        return name_similarity(o.what, n.what)

    pairs = _greedy_pairs(old.deadlines, new.deadlines, score, DEADLINE_MATCH_MIN)
    lines = []
    for i, j in pairs:
        o, n = old.deadlines[i], new.deadlines[j]
        if o.date != n.date:
            prefix = f"{n.program} " if n.program else ""
            lines.append(f"{prefix}{n.what}: {o.date or '未注明'} → {n.date or '未注明'}")
    paired_old, paired_new = {i for i, _ in pairs}, {j for _, j in pairs}
    lines += [f"新增 {_deadline_text(d)}" for j, d in enumerate(new.deadlines) if j not in paired_new]
    lines += [f"删除 {_deadline_text(d)}" for i, d in enumerate(old.deadlines) if i not in paired_old]
    return lines


# --------------------------------------------------------------------------- entry points


def diff_rulesets(old: RuleSet, new: RuleSet) -> RuleDiff:
    mapping, added, removed = match_programs(old, new)
    changes, unchanged = diff_requirements(old, new, mapping)
    topics_added, topics_removed = diff_topics(old, new, mapping)
    keywords_added, keywords_removed = diff_priority_keywords(old, new, mapping)
    # a rule set may list the same directions both as topic scope and as priority keywords
    topics_added = _merge_items(topics_added, keywords_added)
    topics_removed = _merge_items(topics_removed, keywords_removed)
    return RuleDiff(
        old=RuleSetRef.of(old),
        new=RuleSetRef.of(new),
        programs_added=added,
        programs_removed=removed,
        programs_renamed={o: n for o, n in mapping.items() if o != n},
        requirements=changes,
        requirements_unchanged=unchanged,
        topic_items_added=topics_added,
        topic_items_removed=topics_removed,
        deadlines_changed=diff_deadlines(old, new, mapping),
    )

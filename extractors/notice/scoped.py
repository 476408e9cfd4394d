"""Rules that hold for a named kind of unit or level: the words of the notice become the condition.

* Per-unit caps that differ by recommending body (每个设区市申报不超过3个，省直单位、高等院校每个
  单位不超过2个): one max_per_unit for each body, with the body as its condition. Only where a
  paragraph names two or more bodies; a lone 每个单位限报2个 needs no condition.
* 分别 pairs (对国家级、省级工作室，分别给予每个50万元、20万元的资助): one requirement per pair,
  the qualifier as its condition.

The words (bodies, verbs, cap words) are corpus data: requirement_patterns.yaml, scoped_caps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...models import SCOPE_CONDITION, Condition
from ...normalizers.numerals import parse_number
from ...normalizers.quantities import find_comparisons
from .resources import alternation, attributes, compiled, patterns


@dataclass
class ScopedCap:
    start: int  # offsets in the unit text
    end: int
    body: str | None  # None: a generic 单位
    value: float | int
    unit: str
    program_text: str  # the words between the body and the cap (推荐技能大师工作室)


def _spec() -> dict:
    return patterns()["scoped_caps"]


def _cap_rx() -> re.Pattern:
    spec = _spec()
    return compiled(rf"(?:{alternation(spec['cap_words'])})\s*(?P<n>\d+|[一二两三四五六七八九十]+)\s*"
                    rf"(?P<u>{alternation(spec['units'])})")


def _body_of(before: str) -> tuple[str | None, str, bool]:
    """(body, rest, found) of the words before a cap: 省直单位、高等院校每个单位 -> 省直单位、高等院校;
    每个设区市申报项目 -> 设区市; 省直主管部门推荐项目 -> 省直主管部门; 每个单位 -> None (generic)."""
    spec = _spec()
    lead = compiled(spec["lead"])
    before = lead.sub("", before)
    per = compiled(rf"每(?:个|家|所)?(?P<noun>{alternation(spec['bodies'])})")
    m = per.search(before)
    if m:
        explicit = before[:m.start()].strip(" ，,")
        rest = before[m.end():]
        if explicit:
            return explicit, rest, True
        noun = m.group("noun")
        return (None if noun in spec["generic"] else noun), rest, True
    verbs = alternation(spec["verbs"])
    m = compiled(rf"^(?P<body>[^，。；]{{0,30}}?(?:{alternation(spec['bodies'])}))(?:{verbs})").search(before)
    if m:
        return m.group("body"), before[m.end():], True
    return None, before, False


def scoped_caps(text: str) -> list[ScopedCap]:
    """The caps of one paragraph, each with its body; empty unless two or more bodies are named."""
    caps: list[ScopedCap] = []
    rx = _cap_rx()
    clause_rx = compiled(r"[^，。；,;]+")
    for clause in clause_rx.finditer(text):
        body: str | None = None
        has_body = False
        last = clause.start()
        for m in rx.finditer(text, clause.start(), clause.end()):
            before = text[last:m.start()]
            if last == clause.start():
                body, rest, has_body = _body_of(before)
            else:  # 、高技能人才培训基地不超过1个: a further cap of the same body
                rest = before.strip("、和及与 ")
            if has_body:
                caps.append(ScopedCap(clause.start() if last == clause.start() else last, m.end(), body,
                                      parse_number(m.group("n")), m.group("u"), rest))
            last = m.end()
    if len({c.body for c in caps}) < 2:
        return []
    return caps


def scope_condition(words: str | None) -> Condition | None:
    return Condition(attribute=SCOPE_CONDITION, op="==", value=words) if words else None


@dataclass
class Pair:
    start: int  # offsets in the sentence text
    end: int
    attribute: str
    op: str
    value: float | int
    unit: str | None
    qualifier: str
    head: str  # the words before the qualifiers' list ends (国家级、省级技能大师工作室): its programme


def respective_pairs(sentence: str) -> list[Pair]:
    """对新确定的A、B X，分别给予每个N1、N2的资助 -> (A, N1), (B, N2)."""
    spec = patterns()["respectively"]
    out: list[Pair] = []
    clause_rx = compiled(r"[^。；;]+")
    for part in clause_rx.finditer(sentence):
        text = part.group()
        at = text.find(spec["word"])
        if at < 0:
            continue
        spans = [s for s in find_comparisons(text[at:]) if s.op == "in" and isinstance(s.value, list)]
        if not spans:
            continue
        span = spans[0]
        quals = compiled(rf"(?P<list>(?:{alternation(spec['qualifiers'])})(?:[、和及与](?:{alternation(spec['qualifiers'])}))+)")
        found = list(quals.finditer(text[:at]))
        if not found:
            continue
        qm = found[-1]  # the list nearest to 分别
        names = re.split(r"[、和及与]", qm.group("list"))
        if len(names) != len(span.value):
            continue
        attr = _attribute_of(span.unit, text)
        if attr is None:
            continue
        op = spec["grant_op"] if compiled(spec["grant_regex"]).search(text[at:]) else \
            attributes()["attributes"][attr].get("equality_op", "==")
        head = text[qm.end():at]
        for name, value in zip(names, span.value, strict=True):
            out.append(Pair(part.start(), part.start() + at + span.end, attr, op, value, span.unit, name, head))
    return out


def _attribute_of(unit: str | None, text: str) -> str | None:
    for name, spec in attributes()["attributes"].items():
        if unit in (spec.get("units") or []) and any(c in text for c in spec.get("cues", [])):
            return name
    return None


@dataclass
class Alternative:
    start: int  # offsets in the sentence text
    end: int
    attribute: str
    value: str
    label: str | None
    condition: str  # the other branch, in the notice's words


def title_alternatives(sentence: str) -> list[Alternative]:
    """具有副高级及以上专业技术职称或担任副处级及以上职务: either branch suffices, so each is a
    requirement whose condition is the other branch (corpus: requirement_patterns.yaml, title_or_rank)."""
    spec = patterns()["title_or_rank"]
    out: list[Alternative] = []
    for m in compiled(spec["regex"]).finditer(sentence):
        title_part, rank_part = m.group("title_part"), m.group("rank_part")
        title = attributes()["titles"]["aliases"].get(m.group("title"), m.group("title"))
        out.append(Alternative(m.start(), m.end(), "trainee_title", title, None, f"或{rank_part}"))
        out.append(Alternative(m.start(), m.end(), "other", m.group("rank"), spec["rank_label"], f"或{title_part}"))
    return out

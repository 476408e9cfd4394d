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
    tail: str = ""  # the clause's words after the cap (限报1个 | 基地示范培训项目)


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
        body = re.sub(r"^每(?:个|家|所)?", "", m.group("body"))  # 每个申报单位申报: the generic 单位
        return (None if body in spec["generic"] else body), before[m.end():], True
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
                                      parse_number(m.group("n")), m.group("u"), rest, text[m.end():clause.end()]))
            last = m.end()
    if all(c.body is None for c in caps):  # 每个单位限报2个 alone: every unit, no condition
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
    # the list's span and the span from 分别 to the values: what else the sentence says between
    # them (…签订3年以上劳动合同的…) is a rule of its own
    claims: tuple[tuple[int, int], ...] = ()


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
        span = _respective_values(text[at:])
        if span is None:
            continue
        listed = _parallel_list(text[:at], len(span.value), spec)
        if listed is None:
            continue
        names, list_start, list_end = listed
        names = _shared_heads(names)
        attr = _attribute_of(span.unit, text)
        if attr is None:
            continue
        op = spec["grant_op"] if compiled(spec["grant_regex"]).search(text[at:]) else \
            attributes()["attributes"][attr].get("equality_op", "==")
        head = text[list_end:at]
        claims = ((part.start() + list_start, part.start() + list_end),
                  (part.start() + at, part.start() + at + span.end))
        for name, value in zip(names, span.value, strict=True):
            out.append(Pair(part.start(), part.start() + at + span.end, attr, op, value, span.unit, name, head,
                            claims))
    return out


def _parallel_list(before: str, count: int, spec: dict) -> tuple[list[str], int, int] | None:
    """(items, start and end offsets) of the list that 分别 pairs with ``count`` values.

    A list of known qualifiers (国家级、省级) is taken first; otherwise the 、-list nearest to 分别
    whose length is ``count`` (国家级博士后科研工作站、省级博士后创新实践基地; 满2年、满3年),
    each item cut at the phrase boundary before it (…设立的 | 国家级…, 对 | 在站期间…满2年)."""
    quals = compiled(rf"(?P<list>(?:{alternation(spec['qualifiers'])})(?:[、和及与](?:{alternation(spec['qualifiers'])}))+)")
    found = [m for m in quals.finditer(before) if len(re.split(r"[、和及与]", m.group("list"))) == count]
    if found:
        return re.split(r"[、和及与]", found[-1].group("list")), found[-1].start(), found[-1].end()
    item = rf"[^{spec['item_stops']}]{{2,30}}"
    rx = compiled(rf"(?P<list>{item}(?:、{item})+)")
    for m in reversed(list(rx.finditer(before))):
        names = m.group("list").split("、")
        if len(names) == count:
            return names, m.start(), m.end()
    if count == 2:  # 对在A高校和其他境外高校获得博士学位的，分别给予…: two items joined by 和
        pair = compiled(rf"(?P<a>[^{spec['item_stops']}和及与]{{2,30}})(?:和|及|与)(?P<b>[^{spec['item_stops']}和及与]{{2,30}})")
        found = list(pair.finditer(before))
        if found:
            m = found[-1]
            return [m.group("a"), m.group("b")], m.start(), m.end()
    return None


@dataclass
class _Values:
    value: list
    unit: str | None
    end: int


def _respective_values(after: str) -> _Values | None:
    """分别给予每个100万元、50万元 (one list) or 分别按每人每年20万元、12万元 (quantities joined by 、)."""
    spans = find_comparisons(after)
    listed = [s for s in spans if s.op == "in" and isinstance(s.value, list)]
    if listed:
        return _Values(listed[0].value, listed[0].unit, listed[0].end)
    run = spans[:1]
    for nxt in spans[1:]:
        if after[run[-1].end:nxt.start].strip() != "、" or nxt.unit != run[0].unit:
            break
        run.append(nxt)
    if len(run) < 2 or any(not isinstance(s.value, (int, float)) for s in run):
        return None
    return _Values([s.value for s in run], run[0].unit, run[-1].end)


def _shared_heads(names: list[str]) -> list[str]:
    """在站期间从事研究工作满2年、满3年: a later item that restates only the first item's tail (满3年)
    takes the first item's words before that tail (在站期间从事研究工作满3年)."""
    first = names[0]
    out = [first]
    for name in names[1:]:
        at = first.find(name[0]) if len(name) < len(first) else -1
        out.append(first[:at] + name if at > 0 and not first.startswith(name[0]) else name)
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
    value: str | int | float
    label: str | None
    condition: str  # the other branch, in the notice's words
    unit: str | None = None


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
    years = patterns().get("title_or_years")
    for m in compiled(years["regex"]).finditer(sentence) if years else ():
        n = parse_number(m.group("n"))
        if n is None:
            continue  # 具有中级及以上专业技术职称或从事相关工作3年以上
        title_part, years_part = m.group("title_part"), m.group("years_part")
        title = attributes()["titles"]["aliases"].get(m.group("title"), m.group("title"))
        out.append(Alternative(m.start(), m.end(), "trainee_title", title, None, f"或{years_part}"))
        out.append(Alternative(m.start(), m.end(), "other", n, years["label"], f"或{title_part}", unit="年"))
    return out

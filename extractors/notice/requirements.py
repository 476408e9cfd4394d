"""Sentences -> requirements in the attribute vocabulary.

Two readers work on every sentence of the body (form templates excluded):
* comparisons (不少于3天, 5至7天, 50人左右, 上限5万元) from the quantities normalizer,
  named by the attribute whose unit fits and whose cue word stands before the number
  in the same clause (corpus/attributes.yaml);
* the special wordings of corpus/requirement_patterns.yaml (面向全国招收, 以线下为主,
  “是否申请资助”一栏选择“是”, 上传…材料, 不得超过一个国家的两个城市…).

Each requirement goes to the programme of its clause: a programme named as the
clause's subject (国家级高级研修项目应…, 申报X的…) carries on to the following
clauses of the sentence; otherwise the programme of the enclosing section.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from ...lazyre import lazy_compile
from ...models import Condition, Document, Requirement
from ...normalizers.numerals import parse_number
from ...normalizers.quantities import find_comparisons
from ...normalizers.text import compact
from .cues import Cue, attribute_cues, has_attribute_cue
from .programs import ProgramIndex, ProgramInfo, run_in_title
from .resources import alternation, attributes, compiled, patterns, programs_data
from .scoped import respective_pairs, scope_condition, scoped_caps, title_alternatives
from .sections import Unit
from .tables import BARE_COUNT, TableLayout
from .text_utils import Piece, clauses, sentences

_MODAL = lazy_compile(r"须|应|需|要|必须|不得|不能|严禁|只能|可")
# What may stand before a programme named as a clause's subject: nothing (国家级…项目应),
# a few lead words, a 经…的/新…的 modifier (经评审认定的省级…工作室，给予…), or 申报 with a short
# qualifier (申报院经费资助的“专业技术研修班”); not a title (《X申报表》（附件1）、《Y申报书》 names
# forms, not the subject).
_SUBJECT_LEAD = lazy_compile(r"(?:^(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])?(?:对于?|凡|各|其中|每期|(?:对于?)?(?:经|新)[\u4e00-\u9fff]{1,6}?的)?|(?:申报|申请)(?![表书])[^，。；《》（）()]{0,12}?)[“\"]?$")


@dataclass
class Candidate:
    program: str | None
    attribute: str
    op: str
    value: Any
    unit: str | None
    strength: str
    condition: Condition | None
    start: int  # document offsets of the evidence
    end: int
    cell: tuple[int, int, int] | None = None  # table, row, col when the evidence is a table cell
    label: str | None = None  # an open requirement's head phrase


@dataclass
class SentenceContext:
    unit: Unit
    sentence: Piece
    clauses: list[Piece]
    programs: list[list[str | None]]  # programmes of each clause
    header: str | None = None  # a table cell's column header, or its row's label
    label: str | None = None  # a table cell's row label (培训对象), read as the subject of the cell
    listed: bool = False  # a programme's list entry (（一）X研修班，在外培训21天): its bare facts are its rules


# --------------------------------------------------------------------------- programme of a clause


def section_programs(unit: Unit, index: ProgramIndex) -> list[str | None]:
    """The programme(s) of the nearest enclosing heading that names one (a tier: all its leaves)."""
    for heading in reversed(unit.headings):
        if heading.program and not heading.listy:
            tiers = index.tier_names()
            if heading.program in tiers:
                children = [p.name for p in index.leaves if p.tier == heading.program]
                return children or [None]
            return [heading.program]
    return [None]


def subject_of(clause: str, index: ProgramIndex) -> list[str]:
    """Programmes a clause names as its subject: at its start, or after 申报 (申报X的…)."""
    found: list[str] = []
    last_end = None
    for start, end, name in index.mentions(clause):
        lead = clause[:start] if last_end is None else clause[last_end:start]
        if last_end is None and not _SUBJECT_LEAD.search(lead):
            continue
        if last_end is not None and not re.fullmatch(r"[”\"]?[、和及与或]?[“\"]?|[”\"][“\"]", lead):
            break
        if name not in found:
            found.append(name)
        last_end = end
    return found


def mark_subject_headings(units: list[Unit], index: ProgramIndex) -> None:
    """（一）平台建设资助申报单位应同时具备以下条件：a heading whose subject is one programme (in full
    or in a short form) opens that programme's section, though it does not name it as a title."""
    for unit in units:
        heading = unit.heading if unit.kind == "heading" else None
        if heading is None or heading.program or heading.listy or unit.form_annex:
            continue
        subject = subject_of(heading.title, index)
        if len(subject) == 1:
            heading.program = subject[0]


def clause_programs(text: str, sentence: Piece, pieces: list[Piece], base: list[str | None],
                    index: ProgramIndex) -> list[list[str | None]]:
    out: list[list[str | None]] = []
    current: list[str | None] | None = None
    for piece in pieces:
        subject = subject_of(piece.text, index)
        if subject:
            current = list(subject)
        out.append(current if current else base)
    return out


# --------------------------------------------------------------------------- strength


def _guideline_words() -> re.Pattern:
    words = patterns()["strength"]["guideline"]
    alts = []
    for w in words:
        alts.append(r"约(?=为?[\d一二两三四五六七八九十])" if w == "约" else re.escape(w))
    return compiled("|".join(alts))


def strength_for(ctx: SentenceContext, start: int, end: int, given: str | None, op: str) -> str:
    """guideline for hedged wording in the clause(s) of the match, else the given strength.

    A match whose own wording does not bind (no 不少于/须…) is also hedged by the clause
    that completes it: …执行率低于50%的单位，原则上不予资助.
    """
    if op == "approx":
        return "guideline"
    rx = _guideline_words()
    spans = [c for c in ctx.clauses if c.start < end and c.end > start]
    texts = [c.text for c in spans]
    tail = ctx.unit.text[end:spans[-1].end] if spans else ""
    if spans and given != "required" and not _MODAL.search("".join(texts)) and "的" in tail:
        # a noun phrase (…执行率低于50%的单位) is completed by the next clause (原则上不予资助)
        nxt = [c for c in ctx.clauses if c.start >= spans[-1].end][:1]
        texts += [c.text for c in nxt]
    if any(rx.search(t) for t in texts):
        return "guideline"
    return given or "required"


# --------------------------------------------------------------------------- comparisons


def _attribute_for(unit: str | None, cues: list[Cue], number_end: int, context: set[str],
                   sentence_cues: set[str] = frozenset(), clause_text: str = "") -> str | None:
    """The first attribute (corpus order) whose unit fits and whose cue stands before the number.

    ``cues`` are the cue tokens of the clause; ``context`` the attributes named by a
    table cell's column header, which stand before every number of the cell;
    ``sentence_cues`` the attributes named anywhere in the sentence, enough for an
    attribute marked cue_in_sentence (给予经费资助，每项不超过20万元).
    """
    for name, spec in attributes()["attributes"].items():
        units = spec.get("units")
        if not units or unit not in units:
            continue
        if any(w in clause_text for w in spec.get("not_with", [])):
            continue  # 公示期为5个工作日: the unit fits, but the clause is about something else
        own = [c for c in cues if c.attribute == name]
        if name in context or any(c.end <= number_end for c in own) or (spec.get("cue_anywhere") and own):
            return name
        if spec.get("cue_in_sentence") and name in sentence_cues:
            return name
    return None


def _clause_cues(ctx: SentenceContext, clause: Piece) -> list[Cue]:
    """The attribute cues of a clause, in unit-text offsets."""
    sent = ctx.sentence
    out = []
    for c in attribute_cues(sent.text):
        s, e = sent.start + c.start, sent.start + c.end
        if s >= clause.start and e <= clause.end:
            out.append(Cue(c.attribute, s, e, c.text))
    return out


def _conditions(sentence_text: str) -> list[tuple[int, int, Condition]]:
    out = []
    for spec in patterns().get("conditions", []):
        for m in compiled(spec["regex"]).finditer(sentence_text):
            n = parse_number(m.group("n"))
            if n is None:
                continue
            op = ">=" if m.groupdict().get("plus") else "<=" if m.groupdict().get("minus") else "=="
            out.append((m.start(), m.end(), Condition(attribute=spec["attribute"], op=op, value=n)))
    return out


def comparison_candidates(doc: Document, ctx: SentenceContext, taken: list[tuple[int, int]],
                          index: ProgramIndex | None = None) -> list[Candidate]:
    unit, sent = ctx.unit, ctx.sentence
    out: list[Candidate] = []
    context = {c.attribute for c in attribute_cues(ctx.header)} if ctx.header else set()
    if not context and not has_attribute_cue(sent.text) and not _normative(sent.text):
        return out  # no attribute is named and no rule stated here: skip the (costly) quantity reader
    if context and unit.kind == "cell" and BARE_COUNT.fullmatch(compact(sent.text)):
        return _bare_count(ctx, context)
    conds = _conditions(sent.text)
    sentence_cues = {c.attribute for c in attribute_cues(sent.text)}
    spans = find_comparisons(sent.text)
    for i, span in enumerate(spans):
        s, e = sent.start + span.start, sent.start + span.end
        prev_end = sent.start + spans[i - 1].end if i else 0
        if any(cs <= span.start < ce or cs < span.end <= ce for cs, ce, _ in conds):
            continue  # 14天项目: a condition, not a requirement
        if any(ts < unit.start + e and unit.start + s < te for ts, te in taken):
            continue  # already read by a special pattern
        ci = _clause_index(ctx.clauses, s)
        clause = ctx.clauses[ci]
        if _reported_count(span, clause.text):
            continue
        if _qualifier(span, spans[i + 1:], sent.text, clause.end - sent.start):
            continue  # 45周岁以下的骨干比例不低于40%: the age names whom the share counts
        measure = span.unit or _trailing_unit(sent.text[span.end:])
        before = unit.text[max(clause.start, prev_end):s]
        label = None
        attr = None if _open_head(before) else _attribute_for(measure, _clause_cues(ctx, clause), e, context,
                                                              sentence_cues, clause.text)
        allowed = attributes()["attributes"][attr].get("ops") if attr else None
        if allowed and span.op not in allowed:
            attr = None  # 年满55周岁的男性…: a bound the attribute cannot state (an age_max ">=")
        rate = _rate_before(before)
        if rate and attr in patterns()["rates"]["not_totals"]:
            attr = None  # 每人每天累计认定不超过8学时: a daily cap, not the programme's hours
        entity = _same_entity(sent.text[clause.start - sent.start:span.start])
        who = entity.group("who") if entity else None
        if entity and attr not in _CLAIMABLE:
            # 同一学员同一年度内参加…不超过1次: per person, not the programme's count; 同一单位…只能
            # 申报1个: a unit's cap
            attr = "max_per_unit" if _per_unit_entity(entity, span) else None
        subset = _subset_of(before, measure, out) if attr is None else None
        if subset is not None:
            attr = subset[0]  # 遴选基地30家左右，其中面向中西部的不少于10家: a part of that count
        if attr is None:
            if _disqualifying_bound(before, sent.text[span.end:]):
                label = _open_label(span, compiled(_open_spec()["excess_before"]).sub("", before), clause.text,
                                    binding=True)
            else:
                label = (_open_label(span, before, clause.text) or _due_label(span, sent.text[span.end:])
                         or _noun_after_label(span, before, sent.text[span.end:]))
                if label is not None and sent.text[span.end:span.end + 1] == "的" and not _binds(span) \
                        and not before.endswith("为期"):  # 为期1年的访学研修 states the length
                    label = None  # 抽选20%左右的单位: a quantity qualifying a noun binds nothing (不少于1次的交流 does)
            if label is None:
                continue
            attr = "other"
        op = span.op
        if op == "==" and (bound := _disqualifying_bound(before, sent.text[span.end:])):
            op = bound  # 缺课累计超过四学时的，不予颁发证书: at most four hours
        elif op == "==" and compiled(_open_spec()["at_most_lead"]).search(before):
            op = "<="  # 同一负责人年度内只能申报1个项目
        elif op == "==" and not (ctx.header or ctx.listed or _firm_equality(unit.text, clause, s)):
            continue  # a table cell under its column header states the rule by itself
        if op == "==" and attr != "other":
            op = attributes()["attributes"][attr].get("equality_op", op)
        condition = ((scope_condition(subset[1]) if subset else None)
                     or _condition_for(conds, ctx, ci, span.start) or _category_condition(attr, before)
                     or _rate_condition(attr, rate)
                     or _age_as_of(attr, before, sent.text[span.end:] + _rest_of_period(unit.text, sent.end))
                     or (scope_condition(who) if who else None) or _role_subject(attr, sent.text)
                     or _kind_subject(ctx, ci, index) or _opening_condition(ctx, ci, spans, index))
        strength = strength_for(ctx, s, e, span.strength, op)
        value = _admit_individuals(attr, op, span.value, sent.text[clause.start - sent.start:span.start])
        programs = _named_before(before, index) or _named_after(sent.text[span.end:], index) or ctx.programs[ci]
        for program in programs:
            out.append(Candidate(program, attr, op, value, measure, strength, condition,
                                 unit.start + clause.start, unit.start + max(clause.end, e), _cell_of(unit),
                                 label))
    return out


def _rate_before(before: str) -> str | None:
    """每人每月 in 按每人每月不超过1.5万元: the rate a quantity is counted by, when one stands right before it."""
    m = compiled(patterns()["rates"]["regex"]).search(before)
    return m.group("rate") if m else None


def _rate_condition(attr: str, rate: str | None) -> Condition | None:
    if rate and attr in patterns()["rates"]["as_condition"]:
        return scope_condition(rate)
    return None


def _normative(text: str) -> bool:
    from .coverage import is_normative  # coverage reads SentenceContext from this module

    return is_normative(text)


def _qualifier(span, later: list, text: str, clause_end: int) -> bool:
    """A quantity followed by 的 and, in the same clause, by a bound quantity qualifies a noun."""
    return (text[span.end:span.end + 1] == "的"
            and any(sp.start < clause_end and sp.op in (">=", "<=") for sp in later))


def _named_before(before: str, index: ProgramIndex | None) -> list[str]:
    """计划建设A40个左右、B10个左右: the programme named right before a quantity, when it ends there."""
    if index is None:
        return []
    hits = index.mentions(before)
    if len(hits) == 1 and not before[hits[0][1]:].strip():
        return [hits[0][2]]
    return []


def _named_after(after: str, index: ProgramIndex | None) -> list[str]:
    """只能申报1个省级名师工作室: the programme a count counts, named right after it."""
    if index is None:
        return []
    hits = index.mentions(after[:40])
    return [hits[0][2]] if hits and hits[0][0] == 0 else []


def _open_spec() -> dict:
    return patterns()["open_requirements"]


def _open_head(before: str) -> bool:
    """Head words that make a quantity an open requirement even where a vocabulary cue stands
    (年均线上培训, 折算学时): a kind the vocabulary's attribute does not measure."""
    words = _open_spec().get("force_heads", [])
    return bool(words) and compiled(alternation(words)).search(before) is not None


def _binds(span) -> bool:
    return span.op in ("<=", ">=") and compiled(_open_spec()["bound_words"]).search(span.text) is not None


def _disqualifying_bound(before: str, after: str) -> str | None:
    """The op of a limit stated by what breaks it (超过N…的，不予…: <=; 低于N…的，取消…: >=)."""
    spec = _open_spec()
    if not compiled(spec["disqualifies_after"]).search(after):
        return None
    if compiled(spec["excess_before"]).search(before):
        return "<="
    if compiled(spec["shortfall_before"]).search(before):
        return ">="
    return None


def _open_label(span, before: str, clause_text: str, binding: bool = False) -> str | None:
    """The head phrase of a bound quantity no attribute names (专兼职师资不少于50人 -> 专兼职师资);
    None when the clause binds nothing (a bare quantity with no operator word). ``binding``: the
    clause binds it in other words (超过N的，不予…)."""
    spec = _open_spec()
    if binding:
        return _head_phrase(before, spec)
    if span.op not in spec["ops"] or span.value is None:
        return None
    if span.op == "==" and (not span.unit or re.match(r"\d+[.．]\d{4}\s*年", span.text)):
        return None  # 附件：1.2029年度…: a list marker before a year, not a quantity
    if any(w in before for w in spec.get("not_heads", [])):
        return None
    if span.op in ("<=", ">=") and not span.strength and not compiled(spec["bound_words"]).search(span.text):
        return None
    return _head_phrase(before, spec)


def _noun_after_label(span, before: str, after: str) -> str | None:
    """与不少于10家规模以上工业企业建立合作关系 -> 规模以上工业企业: a bound before the noun it counts,
    with no head phrase before it, is named by that noun (up to the verb after it)."""
    spec = _open_spec()
    if _head_phrase(before, spec) is not None or not _binds(span):
        return None
    m = compiled(spec["noun_after"]).search(after)
    return m.group("noun") if m else None


def _due_label(span, after: str) -> str | None:
    """1个月内向…提交研修总结报告 -> 提交研修总结报告期限: a period to send something within."""
    spec = _open_spec()
    if span.op != "<=" or not span.text.endswith("内") or span.unit not in spec["due_units"]:
        return None
    m = compiled(spec["due_within"]).search(after)
    return f"{m.group('verb')}{m.group('what')}期限" if m else None


def _head_phrase(before: str, spec: dict) -> str | None:
    """The words naming a quantity: after the last colon (…条件之一：雅思成绩), without a leading 或/并."""
    head = compiled(spec["strip"]).sub("", before)
    head = re.split(r"[：:]", head)[-1]
    head = re.sub(r"^(?:或者|或|并且|并|且|以及)", "", head.strip(" ，,：:的"))
    head = re.sub(r"(?:一般|原则上|须|应|需|均)$", "", head).strip(" ，,：:的")
    head = head[-spec["max_label"]:]
    closing = head.find("）")
    if closing >= 0 and "（" not in head[:closing]:
        head = head[closing + 1:]  # cut inside a bracket: start after it
    if compiled(spec["bare_preposition"]).fullmatch(head):
        return None  # 须与不少于6家院所建立…: a preposition names nothing; the noun after does
    return head if len(head) >= 2 else None


def _opening_condition(ctx: SentenceContext, ci: int, spans: list, index: ProgramIndex | None) -> Condition | None:
    """学员全程参加培训并考核合格的，颁发证书，可登记24学时: a sentence opened by a clause ending in 的
    (with no quantity and no programme of its own) states on what a grant after it depends."""
    spec = patterns()["open_requirements"]
    granted = compiled(spec["entitlement"])
    # a bound right after 通过网络学习的， restates whom it is for; a grant (可登记) depends on it, and
    # so does a cap on that grant after it (…的，每篇可折算10学时，年度累计不超过20学时)
    if ci == 0 or not any(granted.search(c.text) for c in ctx.clauses[1:ci + 1]):
        return None
    first = ctx.clauses[0]
    words = compiled(spec["strip"]).sub("", first.text).strip()
    if not words.endswith("的") or len(words) < 4:
        return None
    sent_start = ctx.sentence.start
    if any(first.start <= sent_start + sp.start < first.end for sp in spans):
        return None
    if index is not None and index.mentions(words):
        return None
    return scope_condition(words[:-1])


def _category_condition(attr: str, before: str) -> Condition | None:
    """公需科目不少于30学时: hours of one subject category apply to that category."""
    spec = patterns().get("hour_categories", {})
    if attr not in spec.get("attributes", []):
        return None
    m = compiled(rf"^(?:{spec['lead']})?(?P<cat>{alternation(spec['words'])})").search(before.strip())
    return scope_condition(m.group("cat")) if m else None


def _kind_subject(ctx: SentenceContext, ci: int, index: ProgramIndex | None) -> Condition | None:
    """面授项目 in （一）面授项目每期…不少于3天，…不少于50人: the kind of programme the clause (or the
    nearest clause before it in the sentence) names as its subject, when the notice defines no such
    programme."""
    spec = patterns()["kind_subject"]
    generic = set(programs_data().get("generic_names", []))
    kinds: list[tuple[int, str]] = []
    for i, clause in enumerate(ctx.clauses):
        m = compiled(spec["regex"]).match(clause.text)
        if m is None:
            continue
        kind = m.group("kind")
        if kind in generic or compiled(spec["reject_lead"]).match(kind) or (index and index.mentions(kind)):
            continue
        kinds.append((i, kind))
    # Only where the sentence sets kinds against each other (面授项目…；远程项目…) does the kind
    # narrow a rule; a rule of the one kind a notice speaks of stays a rule a form can be checked on.
    if len({k for _, k in kinds} | _unit_kinds(ctx.unit.text, spec, generic, index)) < 2:
        return None
    before = [k for i, k in kinds if i <= ci]
    return scope_condition(before[-1]) if before else None


def _unit_kinds(text: str, spec: dict, generic: set[str], index: ProgramIndex | None) -> set[str]:
    """The kinds of programme the pieces of a paragraph open with (…；远程项目每期…)."""
    out = set()
    for piece in re.split(r"[，,。；;]", text):
        m = compiled(spec["regex"]).match(piece)
        if m and m.group("kind") not in generic and not compiled(spec["reject_lead"]).match(m.group("kind")) \
                and not (index and index.mentions(m.group("kind"))):
            out.add(m.group("kind"))
    return out


def _role_subject(attr: str, sentence: str) -> Condition | None:
    spec = patterns().get("role_subjects", {})
    if attr not in spec.get("attributes", []):
        return None
    body = compiled(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])?\s*").sub("", sentence)
    role = next((r for r in spec["roles"] if body.startswith(r)), None)
    return scope_condition(role) if role else None


def _same_entity(clause_before: str) -> re.Match | None:
    """同一学员同一年度内 at the head of a clause: the person and period a limit counts per (``who``),
    and the one counted per (``noun``)."""
    return compiled(patterns()["same_entity"]["regex"]).search(clause_before)


def _per_unit_entity(entity: re.Match, span) -> bool:
    spec = patterns()["same_entity"]
    return (entity.group("noun") in spec["unit_nouns"] and span.op in ("<=", "==")
            and span.unit in spec["unit_measures"])


def _subset_of(before: str, measure: str | None, earlier: list[Candidate]) -> tuple[str, str] | None:
    """(attribute, whom) for 其中面向中西部和东北地区的不少于10家 after a count of 家 in the sentence:
    the part of that count that goes to whom the 的-phrase names."""
    spec = _open_spec()
    m = compiled(spec["part_of_count"]).search(before.strip())
    if m is None or measure is None or m.group("who").startswith(tuple(spec["qualified_part"])):
        return None  # 其中具有博士学位的不少于5人 counts the qualified: a measure of its own
    same = [c for c in earlier if c.unit == measure and c.attribute != "other"]
    return (same[-1].attribute, m.group("who")) if same else None


def _rest_of_period(text: str, end: int) -> str:
    """The words after a sentence cut at ；up to the full stop: …，年龄不超过50周岁；…不超过45周岁
    （均以2027年1月1日为计算时点）。 — what the remark at the end says holds for every part."""
    if text[end:end + 1] not in ("；", ";"):
        return ""
    stop = text.find("。", end)
    return text[end + 1:stop if stop >= 0 else len(text)]


def _age_as_of(attr: str, before: str, after: str) -> Condition | None:
    """出站时年龄不超过40周岁: an age counted at a moment keeps that moment as its condition."""
    spec = patterns().get("age_as_of", {})
    if attr not in spec.get("attributes", []):
        return None
    m = (compiled(spec["before"]).search(before.strip()) or compiled(spec["after"]).search(after)
         or compiled(spec["after_all"]).search(after))
    return scope_condition(m.group("when")) if m else None


def _bare_count(ctx: SentenceContext, context: set[str]) -> list[Candidate]:
    """计划名额 | 12: a cell holding only a count states that its column's attribute equals it."""
    value = parse_number(compact(ctx.sentence.text))
    names = [a for a in attributes()["attributes"] if a in context]
    if value is None or not names:
        return []
    unit, sent = ctx.unit, ctx.sentence
    return [Candidate(program, names[0], "==", value, None, "required", None,
                      unit.start + sent.start, unit.start + sent.end, _cell_of(unit))
            for program in ctx.programs[0]]


def _trailing_unit(after: str) -> str | None:
    """不少于800平方米: a unit the quantity reader leaves out, named by an attribute's trailing_units."""
    after = after.lstrip()
    for spec in attributes()["attributes"].values():
        for word in spec.get("trailing_units", []):
            if after.startswith(word):
                return spec["units"][0]
    return None


def _condition_for(conds: list[tuple[int, int, Condition]], ctx: SentenceContext, ci: int,
                   number_start: int) -> Condition | None:
    """The condition before the number in its clause (14天项目境外机构不超过2家), or one that makes up
    the whole clause before it (培训期限为14天的项目，合作境外培训机构不超过2家). Offsets: sentence text."""
    sent_start = ctx.sentence.start
    clause = ctx.clauses[ci]
    condition = None
    for cs, _ce, cond in conds:
        if clause.start - sent_start <= cs < number_start:
            condition = cond
    if condition is None and ci > 0:
        prev = ctx.clauses[ci - 1]
        for cs, ce, cond in conds:
            tail = ctx.unit.text[sent_start + ce:prev.end].strip(" ，,")
            if prev.start - sent_start <= cs and not tail:
                condition = cond
    return condition


def _admit_individuals(attr: str, op: str, value: Any, before: str) -> Any:
    """"个人或成组（2-6人）": a group range offered as an alternative to going alone admits one
    person, so the range starts at 1 (the cue words are data: individual_alternative)."""
    cues = patterns().get("individual_alternative", {})
    if op != "between" or attr not in cues.get("attributes", []) or not isinstance(value, list):
        return value
    if any(word in before for word in cues.get("words", [])):
        return [1, value[1]]
    return value


def _reported_count(span, clause_text: str) -> bool:
    """培训专业技术人员1.4万余人次: a count with 余/多 and no binding word reports what was done."""
    words = patterns().get("reported_count", {})
    if not (span.approximate and span.op == ">=" and any(w in span.text for w in words.get("markers", []))):
        return False
    return not (_MODAL.search(clause_text) or any(w in clause_text for w in patterns()["strength"]["required"]))


def _cell_of(unit: Unit) -> tuple[int, int, int] | None:
    if unit.kind == "cell" and unit.table is not None and unit.row is not None and unit.col is not None:
        return unit.table, unit.row, unit.col
    return None


def _firm_equality(text: str, clause: Piece, s: int) -> bool:
    """A bare number is a requirement only when the clause says so (须、应、为、一般…)."""
    before = text[clause.start:s]
    return bool(_MODAL.search(clause.text) or _guideline_words().search(clause.text)
                or compiled(patterns()["firm_equality_lead"]).search(before))


def _clause_index(pieces: list[Piece], offset: int) -> int:
    for i, p in enumerate(pieces):
        if p.start <= offset < max(p.end, p.start + 1):
            return i
    for i in range(len(pieces) - 1, -1, -1):
        if pieces[i].start <= offset:
            return i
    return 0


# --------------------------------------------------------------------------- special patterns


def _fill(template: Any, m: re.Match, value_map: dict | None) -> Any:
    if isinstance(template, dict):
        return {k: _fill(v, m, value_map) for k, v in template.items()}
    if isinstance(template, str) and "{" in template:
        out = template.format(**{k: (v or "") for k, v in m.groupdict().items()})
        return (value_map or {}).get(out, out)
    return template


def _title(value: str) -> str:
    data = attributes()["titles"]
    return data["aliases"].get(value, value)


def _split_list(text: str) -> list[str]:
    items = [p.strip() for p in re.split(r"[、，,；;]", text) if p.strip()]
    if items:
        last = re.split(r"以及|及|和|与", items[-1])
        items = items[:-1] + [p.strip() for p in last if p.strip()]
    if items and "的" in items[0]:
        items[0] = items[0].rsplit("的", 1)[1]
    return [i for i in items if len(i) >= 2]


def special_candidates(doc: Document, ctx: SentenceContext, annexes: dict[int, str], index: ProgramIndex,
                       claimed: list[tuple[int, int]] = ()) -> tuple[list[Candidate], list[tuple[int, int]]]:
    unit, sent = ctx.unit, ctx.sentence
    out: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    per_attr: dict[str, list[tuple[int, int]]] = {}
    # 培训对象 | 具有中级及以上职称的…: the row label is the subject the cell's sentence leaves out
    lead = f"{ctx.label}：" if ctx.label else ""
    text = lead + sent.text
    for spec in patterns()["patterns"]:
        rx = compiled(spec["regex"])
        for m in rx.finditer(text):
            if m.end() <= len(lead):
                continue
            if any(text[: m.start()].endswith(w) for w in spec.get("not_after", [])):
                continue
            if spec.get("require_words") and not any(w in text for w in spec["require_words"]):
                continue
            if spec.get("require_regex") and not compiled(spec["require_regex"]).search(text):
                continue
            if spec.get("forbid_regex") and compiled(spec["forbid_regex"]).search(text):
                continue
            if spec.get("forbid_before") and compiled(spec["forbid_before"]).search(text[: m.start()]):
                continue  # another role is the subject (项目负责人应…，具有…职称)
            s, e = sent.start + max(0, m.start() - len(lead)), sent.start + m.end() - len(lead)
            if any(a < e and s < b for a, b in per_attr.get(spec["attribute"], [])):
                continue
            if spec["attribute"] in _CLAIMABLE and any(a < unit.start + e and unit.start + s < b
                                                       for a, b in claimed):
                continue  # read with its body or pair condition
            made = _build(spec, m, annexes)
            if not made:
                continue
            per_attr.setdefault(spec["attribute"], []).append((s, e))
            if spec.get("claims_numbers", True):
                taken.append((unit.start + s, unit.start + e))
            programs = ctx.programs[_clause_index(ctx.clauses, s)]
            named = m.groupdict().get("program")
            resolved = index.resolve(named) if named else None
            if resolved:
                programs = [resolved]
            elif spec.get("require_program"):
                continue
            ev_end = e
            label = _fill(spec.get("label"), m, None)  # an open requirement's name
            condition = _group_condition(spec, m)
            either = _either_document(spec, m, made)
            for attr, op, value, unit_name in either:
                strength = strength_for(ctx, s, e, None, op)
                named_by = index.resolve(value[0]) if either is not made else None
                for program in [named_by] if named_by else programs:
                    out.append(Candidate(program, attr, op, value, unit_name, strength, condition,
                                         unit.start + s, unit.start + ev_end, _cell_of(unit), label))
    return out, taken


def _either_document(spec: dict, m: re.Match, made: list) -> list:
    """在线填报《A申报表》（附件1）或《B申报书》（附件2）: either document, each its programme's (the
    caller resolves the programme from the title); one requirement a document."""
    if spec.get("kind") != "attachment_titles" or len(made) != 1 or not re.search(r"》\s*(?:[（(][^）)]*[）)])?\s*或\s*《",
                                                                                   m.group("list")):
        return made
    attr, op, titles, unit_name = made[0]
    return [(attr, op, [t], unit_name) for t in titles]


def _group_condition(spec: dict, m: re.Match) -> Condition | None:
    """每个研究所限报1个项目: the body a pattern's cap counts per, as its condition."""
    group = spec.get("condition_group")
    words = m.groupdict().get(group) if group else None
    if not words or words in spec.get("generic_conditions", []):
        return None
    return scope_condition(words)


# Attributes the per-body and 分别 readers read with their condition.
_CLAIMABLE = {"max_per_unit", "quota", "funding_cap_cny", "trainee_title"}

_NUM = r"[\d一二三四五六七八九十]+"


def _annex_numbers(text: str) -> list[str]:
    """附件1、附件3 / 附件1、2 / 申请表（附件1）和汇总表（附件2） -> the annex numbers; a bare list of numbers as is."""
    if "附件" not in text:
        return re.findall(_NUM, text)
    out: list[str] = []
    for m in re.finditer(rf"附件\s*(?P<first>{_NUM})(?P<more>(?:\s*[、和及,，]\s*{_NUM}(?!\s*[年月日]))*)", text):
        out.append(m.group("first"))
        out.extend(re.findall(_NUM, m.group("more")))
    return out


def _annex_titles_named(text: str, annexes: dict[int, str]) -> list[str]:
    """《A》（附件1）和《B》（附件）: the annex list's title for a numbered reference, else the 《》 title."""
    out = []
    for m in re.finditer(rf"《(?P<title>[^》]+)》\s*[（(]附件\s*(?P<n>{_NUM})?[）)]", text):
        n = parse_number(m.group("n")) if m.group("n") else None
        title = "".join(line.strip() for line in m.group("title").split("\n"))  # a title wrapped over lines
        listed = annexes.get(n) if n is not None else None
        # the annex list may add a note the sentence leaves out: 境外研修计划书（参考格式）
        out.append(title if listed is None or _TRAILING_NOTE.fullmatch(listed[len(title):]) and listed.startswith(title)
                   else listed)
    return out


_TRAILING_NOTE = lazy_compile(r"\s*[（(][^（）()]{1,10}[）)]\s*")


_BARE_TITLE = lazy_compile(r"\s*(?:[、和及与]|[，,]?连同|[，,]?同时(?:上传|提交|报送))\s*(?P<t>[^，。；、和及与《（(]{2,30}?)"
                         r"(?=一式|纸质版|电子版|扫描件各|[，。；、和及与（(]|报送|提交|上报|交(?!流)|$)")


def _bare_annex_titles(after: str, annexes: dict[int, str]) -> list[str]:
    """《A》（附件1）、《B》（附件2）及推荐汇总表, …，连同邀请函复印件: further documents named bare: an
    annex by its title, or any item that ends with a document word (corpus: material_heads)."""
    out: list[str] = []
    pos = 0
    while (m := _BARE_TITLE.match(after, pos)) is not None:
        title = m.group("t").strip()
        known = next((t for t in annexes.values() if t and (t == title or t.endswith(title))), None)
        if known is None and not _names_document(title):
            break
        out.append(known or title)
        pos = m.end()
    return out


def _names_document(item: str) -> bool:
    return len(item) >= 2 and item.endswith(tuple(patterns()["material_heads"]))


def _last_split(items: list[str]) -> list[str]:
    """A、B、C和D: 和/及 join only the last two items; inside an earlier one (X证书及Y复印件) they stay."""
    items = [i.strip() for i in items if i.strip()]
    if items:
        items = items[:-1] + [p.strip() for p in re.split(r"以及|及|和", items[-1]) if p.strip()]
    return items


def _material_items(text: str) -> list[str]:
    """申报表、A复印件、B报告和C花名册 -> the items, when every one names a document (one at least
    two items long, so that 须提交申报 is no list); the list ends where an item stops naming one."""
    items = _last_split(re.split(r"、", text))
    kept: list[str] = []
    for item in items:
        if not _names_document(item):
            break
        kept.append(item)
    return kept if len(kept) >= 2 and len(kept) == len(items) else []


def plain_numerals(text: str) -> str:
    """贰 -> 二: formal (大写) digits as the plain ones the number reader knows (corpus data)."""
    table = patterns().get("formal_numerals") or {}
    return "".join(table.get(ch, ch) for ch in text)


def _build(spec: dict, m: re.Match, annexes: dict[int, str]) -> list[tuple[str, str, Any, str | None]]:
    kind = spec.get("kind", "text")
    unit = _fill(spec.get("unit"), m, None)
    if "emit" in spec:
        made = []
        for item in spec["emit"]:
            n = parse_number(m.group(item["group"]))
            if n is None:
                return []
            made.append((item["attribute"], spec["op"], n, item.get("unit")))
        return made
    if kind == "list":
        items = _split_list(m.group("list"))
        return [(spec["attribute"], spec["op"], items, None)] if items else []
    if kind == "choice_list":  # A、B或C: the items, 或 joining the last ones
        items = [i.strip() for i in re.split(r"、|或者|或", m.group("list")) if len(i.strip()) >= 2]
        return [(spec["attribute"], spec["op"], items, None)] if len(items) >= 2 else []
    if kind == "material_list":
        items = _material_items(m.group("list"))
        return [(spec["attribute"], spec["op"], items, None)] if items else []
    if kind == "attachment_titles":
        titles = _annex_titles_named(m.group("list"), annexes)
        titles += [t for t in _bare_annex_titles(m.string[m.end("list"):], annexes) if t not in titles]
        return [(spec["attribute"], spec["op"], titles, None)] if titles else []
    if kind == "attachment_numbers":
        numbers = [parse_number(n) for n in _annex_numbers(m.group("list"))]
        titles = [annexes.get(n, f"附件{n}") for n in numbers if n is not None]
        titles += [t for t in _bare_annex_titles(m.string[m.end("list"):], annexes) if t not in titles]
        return [(spec["attribute"], spec["op"], titles, None)] if titles else []
    value = _fill(spec.get("value"), m, spec.get("value_map"))
    if kind == "number":
        value = parse_number(plain_numerals(str(value)))
        if value is None:
            return []
    elif kind == "title":
        value = _title(value)
    return [(spec["attribute"], spec["op"], value, unit)]


# --------------------------------------------------------------------------- driver


def _states_rules(unit: Unit) -> bool:
    """A numbered line that is a whole sentence (（二）培训时长：21天或30天。) states rules like a paragraph."""
    text = unit.text.strip()
    return text.endswith(("。", "；", ";")) or bool(re.search(r"[：:]\s*\S{2,}", text))


def _run_in_programme(unit: Unit, index: ProgramIndex) -> str | None:
    """（一）国家级高级研修项目。研修时间…: the programme the paragraph's run-in heading names."""
    lead = run_in_title(unit)
    if lead is None:
        return None
    hits = index.mentions(lead[0])
    if len(hits) == 1 and hits[0][0] == 0 and hits[0][1] == len(lead[0]):
        return hits[0][2]
    return None


def _lists_facts(unit: Unit) -> bool:
    """（一）X研修班，赴英国培训，在外培训21天，团组规模25人；: an entry of a programme list whose run-in
    name is followed by a comma, not a sentence (（一）X项目。研修时间…)."""
    lead = run_in_title(unit)
    if lead is None:
        return False
    after = unit.text[lead[1] + len(lead[0]):]
    return after[:1] in "，,：:" and not _BINDING.search(after)


# A modal that makes a list entry a sentence of rules; 主要/重要 and 可 (可选) do not.
_BINDING = lazy_compile(r"须|应(?!用)|必须|不得|不能|严禁|只能|(?<![主重需])要(?!求|点)")


def _cell_context(unit: Unit, layouts: dict[int, TableLayout]) -> tuple[list[str | None] | None, str | None, bool]:
    """(programmes of the cell's rows, its column header, whether it may state a rule) for a table cell."""
    layout = layouts.get(unit.table) if unit.table is not None else None
    if layout is None or unit.row is None or unit.col is None:
        return None, None, True
    if not layout.is_rule_cell(unit.row, unit.col):
        return None, None, False
    programs = layout.programs_of(unit.row, unit.col)
    return (list(programs) if programs else None), layout.headers.get(unit.col), True


def sentence_contexts(units: list[Unit], index: ProgramIndex, layouts: dict[int, TableLayout] | None = None,
                      labels: dict[tuple[int, int], str] | None = None):
    """Every sentence of the rule-bearing text with the programmes of its clauses.

    ``labels``: the row labels of requirement tables (tables.row_labels).
    """
    layouts = layouts or {}
    labels = labels or {}
    reset_re = compiled(rf"(?:^|[，。；]|申报|凡|对)(?:{programs_data()['all_programs']})")
    reset_at: int | None = None
    for unit in units:
        if unit.form_annex:
            continue
        if unit.kind not in ("paragraph", "cell") and not (unit.kind == "heading" and _states_rules(unit)):
            continue
        top = unit.headings[-1].index if unit.headings else -1
        base = section_programs(unit, index)
        if reset_at is not None and reset_at == top:
            base = [None]
        elif reset_re.search(unit.text):
            reset_at = top
            base = [None]
        else:
            reset_at = None if reset_at != top else reset_at
        header = label = None
        if unit.kind == "cell":
            row_programs, header, rule_cell = _cell_context(unit, layouts)
            if not rule_cell:
                continue
            base = row_programs or base
            if header is None and unit.col:
                label = labels.get((unit.table, unit.row))
                header = label
        run_in = _run_in_programme(unit, index)
        if run_in:
            base = [run_in]
        for sent in sentences(unit.text):
            pieces = clauses(unit.text, sent)
            if not pieces:
                continue
            progs = clause_programs(unit.text, sent, pieces, base, index)
            yield SentenceContext(unit=unit, sentence=sent, clauses=pieces, programs=progs, header=header,
                                  label=label, listed=bool(run_in) and _lists_facts(unit))


def extract(doc: Document, units: list[Unit], index: ProgramIndex, programs: list[ProgramInfo],
            annexes: dict[int, str], contexts: list[SentenceContext]) -> list[Candidate]:
    found: list[Candidate] = []
    for info in programs:
        if info.quota and not info.is_tier:
            found.extend(_quota_from_heading(info))
    caps_of: dict[int, list] = {}
    for ctx in contexts:
        scoped, claimed = scoped_candidates(ctx, index, caps_of)
        special, taken = special_candidates(doc, ctx, annexes, index, claimed)
        in_sentence = (scoped + special
                       + _mark_alternatives(ctx, comparison_candidates(doc, ctx, taken + claimed, index))
                       + _enrollment_list(ctx, special))
        _hold_after_event(ctx, in_sentence)
        _summary_sender(ctx, in_sentence)
        found.extend(in_sentence)
    return found


def _summary_sender(ctx: SentenceContext, cands: list[Candidate]) -> None:
    """各省级主管部门于…前将《推荐汇总表》报送: the bodies that send a summary table are its condition."""
    spec = patterns()["summary_sender"]
    m = compiled(spec["subject"]).search(ctx.sentence.text)
    if m is None:
        return
    for cand in cands:
        if (cand.attribute == "required_attachments" and cand.condition is None and cand.value
                and all(str(item).endswith(tuple(spec["tables"])) for item in cand.value)):
            cand.condition = scope_condition(m.group("who"))


def _hold_after_event(ctx: SentenceContext, cands: list[Candidate]) -> None:
    """回国后10个工作日内提交总结报告: the rules after an event the sentence names hold from that
    event on; each without a condition of its own takes the event as its condition."""
    sent_start = ctx.unit.start + ctx.sentence.start
    spec = patterns()["after_event"]
    events = list(compiled(spec["regex"]).finditer(ctx.sentence.text))
    if not events:
        return
    for cand in cands:
        if cand.condition is not None or cand.attribute in spec["skip_attributes"]:
            continue
        before = [m for m in events if sent_start + m.start("event") < cand.end]
        if before and before[-1].group("event") not in (cand.label or ""):  # 回国后在…服务: its own name
            cand.condition = scope_condition(before[-1].group("event"))


def _enrollment_list(ctx: SentenceContext, special: list[Candidate]) -> list[Candidate]:
    """一、培训对象 / 各级水行政主管部门从事工程建设管理的人员，项目法人单位负责人、…及安全管理人员。:
    the section's opening sentence, a bare list of roles, is the enrolment scope."""
    spec = patterns()["enrollment_section"]
    unit, sent = ctx.unit, ctx.sentence
    heading = unit.headings[-1].title.strip(" ：:。") if unit.headings else ""
    if heading not in spec["headings"] or unit.kind != "paragraph" or sent.start != 0:
        return []
    if re.search(r"\d|[一二两三四五六七八九十]+\s*(?:人|名|周岁|岁)|具有|具备|以上|以下|^\s*[（(]", sent.text) \
            or _MODAL.search(sent.text):
        return []  # counts, ages, titles or rules, a numbered item: read by the other readers
    if any(c.attribute == "enrollment_scope" for c in special):
        return []
    parts = [p for seg in re.split(r"[，,；;]", sent.text) for p in _last_split(seg.split("、"))]
    items = [compiled(spec["strip"]).sub("", p.strip(" 。；;")) for p in parts]
    items = [i for i in items if len(i) >= 2]
    if len(items) < 2:
        return []
    return [Candidate(program, "enrollment_scope", "in", items, None, "required", None,
                      unit.start + sent.start, unit.start + sent.end, _cell_of(unit))
            for program in ctx.programs[0]]


_ALTERNATIVE_LEAD = lazy_compile(r"^\s*(?:或者|或)(?!以上|以下)")
_CLAUSE_MARKER = lazy_compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])?\s*(?:或者|或|并且|并|且)?")


def _mark_alternatives(ctx: SentenceContext, cands: list[Candidate]) -> list[Candidate]:
    """企业上年度研发投入不低于500万元，或研发投入占主营业务收入比例不低于3%: either clause suffices,
    so each requirement keeps the other clause, in the notice's words, as its condition (or…)."""
    by_clause: dict[int, list[Candidate]] = {}
    for cand in cands:
        by_clause.setdefault(_clause_index(ctx.clauses, cand.start - ctx.unit.start), []).append(cand)
    for ci, later in by_clause.items():
        earlier = by_clause.get(ci - 1)
        if not earlier or not _ALTERNATIVE_LEAD.match(ctx.clauses[ci].text):
            continue
        if len(earlier) != 1 or len(later) != 1 or earlier[0].condition or later[0].condition:
            continue
        earlier[0].condition = scope_condition(f"或{_clause_words(ctx.clauses[ci].text)}")
        later[0].condition = scope_condition(f"或{_clause_words(ctx.clauses[ci - 1].text)}")
    return cands


def _clause_words(text: str) -> str:
    return _CLAUSE_MARKER.sub("", text).strip().rstrip("，,；;。")


def scoped_candidates(ctx: SentenceContext, index: ProgramIndex,
                      caps_of: dict[int, list]) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """Per-body caps of the sentence's paragraph and 分别 pairs of the sentence, with their
    conditions; the spans they read (document offsets), which the other readers leave alone."""
    unit, sent = ctx.unit, ctx.sentence
    if id(unit) not in caps_of:
        caps_of[id(unit)] = scoped_caps(unit.text)
    out: list[Candidate] = []
    claimed: list[tuple[int, int]] = []
    for cap in caps_of[id(unit)]:
        if not sent.start <= cap.start < sent.end:
            continue
        named = index.resolve(cap.program_text) or index.resolve(cap.tail)
        programs = [named] if named else ctx.programs[_clause_index(ctx.clauses, cap.start)]
        strength = strength_for(ctx, cap.start, cap.end, "required", "<=")
        for program in programs:
            out.append(Candidate(program, "max_per_unit", "<=", cap.value, cap.unit, strength,
                                 scope_condition(cap.body), unit.start + cap.start, unit.start + cap.end,
                                 _cell_of(unit)))
        claimed.append((unit.start + cap.start, unit.start + cap.end))
    for pair in respective_pairs(sent.text):
        s, e = sent.start + pair.start, sent.start + pair.end
        named = index.resolve(pair.head)
        programs = [named] if named else ctx.programs[_clause_index(ctx.clauses, s)]
        strength = strength_for(ctx, s, e, "required", pair.op)
        for program in programs:
            out.append(Candidate(program, pair.attribute, pair.op, pair.value, pair.unit, strength,
                                 scope_condition(pair.qualifier), unit.start + s, unit.start + e, _cell_of(unit)))
        claimed.extend((unit.start + sent.start + a, unit.start + sent.start + b) for a, b in pair.claims)
    for alt in title_alternatives(sent.text):
        s, e = sent.start + alt.start, sent.start + alt.end
        strength = strength_for(ctx, s, e, "required", ">=")
        for program in ctx.programs[_clause_index(ctx.clauses, s)]:
            out.append(Candidate(program, alt.attribute, ">=", alt.value, alt.unit, strength,
                                 scope_condition(alt.condition), unit.start + s, unit.start + e, _cell_of(unit),
                                 alt.label))
        claimed.append((unit.start + s, unit.start + e))
    return out, claimed


def _quota_from_heading(info: ProgramInfo) -> list[Candidate]:
    start, end, text = info.quota
    spans = find_comparisons(text)
    if not spans:
        return []
    span = spans[0]
    return [Candidate(info.name, "quota", "==" if span.op in (None, "==") else span.op, span.value, span.unit,
                      "required" if span.op != "approx" else "guideline", None, start, end)]


def _evidence(doc: Document, c: Candidate):
    if c.cell is None:
        return doc.evidence(c.start, c.end)
    table, row, col = c.cell
    return doc.evidence(c.start, c.end, table=table, row=row, col=col)


def to_requirements(doc: Document, candidates: list[Candidate]) -> list[Requirement]:
    """Unique requirements with ids that stay the same when only the value changes."""
    seen: set[str] = set()
    counts: dict[str, int] = {}
    out: list[Requirement] = []
    for c in candidates:
        cond = c.condition.model_dump() if c.condition else None
        # two open requirements are the same one only under the same name (近三年未参加… ≠ 近三年考核合格)
        named = c.label if c.attribute == "other" else None
        key = json.dumps([c.program, c.attribute, c.op, c.value, cond, named], ensure_ascii=False, sort_keys=True)
        if key in seen:
            continue
        seen.add(key)
        base = json.dumps([c.program, c.attribute, cond], ensure_ascii=False, sort_keys=True)
        n = counts[base] = counts.get(base, 0) + 1
        rid = f"{c.attribute}-{hashlib.sha1(base.encode()).hexdigest()[:8]}" + (f"-{n}" if n > 1 else "")
        out.append(Requirement(id=rid, program=c.program, attribute=c.attribute, op=c.op, value=c.value,
                               unit=c.unit, strength=c.strength, condition=c.condition,
                               evidence=_evidence(doc, c), label=c.label))
    return out

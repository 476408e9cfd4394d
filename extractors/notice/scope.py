"""Topic scope (选题范围) and priority directions (附表 重点支持方向).

A category is the word after the numbering (（一）服务重大战略。… / 一是服务重大战略。…);
its items are the enumerated terms of the body with the leading verbs (服务, 围绕,
重点支持…) taken off and the trailing generic words (等…战略, 开展的班次) cut.
Verbs are recognised on jieba tokens, so 服务业 stays a term while 服务 is a verb.
"""

from __future__ import annotations

import re

from ...lazyre import lazy_compile
from ...models import Document, PriorityDirection, TopicScope
from ...normalizers.text import compact
from ..nlp import get_nlp
from .programs import ProgramIndex
from .resources import alternation, compiled, topic_rules
from .sections import Unit
from .text_utils import Piece, _split

_CATEGORY = lazy_compile(
    r"(?:^|(?<=[。\n]))\s*(?P<marker>[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+是|[一二三四五六七八九十]+、)"
    r"\s*(?P<cat>[^。；\n]{2,24}?)[。：:]"
)
# A scope run into one paragraph: …以下六个领域：一是电子信息，重点围绕集成电路、新型显示等方向；二是…
# (一是 after a colon or semicolon, the category closed by a comma).
_RUN_IN_CATEGORY = lazy_compile(
    r"(?:^|(?<=[。\n：:；;]))\s*(?P<marker>[一二三四五六七八九十]+是)\s*(?P<cat>[^。；;，,\n]{2,16}?)[，,]"
)
# Under a run-in topic lead (…聚焦以下重点领域：) the categories may also be numbered 1. 2. 3.
_LEAD_CATEGORY = lazy_compile(
    r"(?:^|(?<=[。\n]))\s*(?P<marker>[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d{1,2}[.．、](?!\d))"
    r"\s*(?P<cat>[^。；\n]{2,14}?)[。：:]"
)
_BRACKETS = lazy_compile(r"[（(][^（）()]*[）)]")


def topic_items(body: str) -> list[str]:
    """The enumerated terms of a topic body."""
    rules = topic_rules()
    items: list[str] = []
    for piece in _split(body, "，；。,;"):
        clause = _BRACKETS.sub("", piece.text).strip(" ，；。,;")
        if not clause:
            continue
        for cut in rules["leading_cuts"] + rules["trailing_cuts"]:
            clause = compiled(cut).sub("", clause)
        clause, verb_kind = _strip_verbs(clause)
        if not clause or verb_kind == "drop":
            continue
        enumerates = bool(compiled(rules["separators"]).search(clause))
        if verb_kind == "enumeration" and not enumerates:
            continue
        if verb_kind is None and not enumerates:
            continue
        for term in _terms(clause, enumerates):
            if term not in items:
                items.append(term)
    return items


def _strip_verbs(clause: str) -> tuple[str, str | None]:
    """(clause without its leading verbs, how the clause began: keep|enumeration|drop|None)."""
    rules = topic_rules()
    tokens = [t.text for t in get_nlp()(clause)]
    kind = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok in rules["adverbs"] and (nxt in rules["keep_verbs"] or nxt in rules["enumeration_verbs"]):
            i += 1
            continue
        if tok in rules["drop_verbs"] and i == 0:
            return "", "drop"
        if tok in rules["keep_verbs"]:
            kind = kind or "keep"
        elif tok in rules["enumeration_verbs"]:
            kind = kind or "enumeration"
        else:
            break
        i += 1
    if i == len(tokens):
        return "", kind
    return "".join(tokens[i:]), kind


def _terms(clause: str, enumerates: bool) -> list[str]:
    rules = topic_rules()
    parts = [p.strip() for p in compiled(rules["separators"]).split(clause) if p.strip()]
    out: list[str] = []
    for n, part in enumerate(parts):
        pieces = compiled(rules["joiners"]).split(part)
        if enumerates and n == len(parts) - 1:
            pieces = [q for p in pieces for q in _split_last(p, rules)]
        out.extend(p.strip() for p in pieces if len(p.strip()) >= 2)
    return out


# A piece this short before 与/和 modifies the noun after it (细胞与基因治疗 is 细胞治疗 and
# 基因治疗): the item is kept whole rather than cut into a bare 细胞. Likewise a piece this short
# after it shares the modifier before it (碳排放核算与交易 is 碳排放核算 and 碳排放交易): whole.
SHARED_HEAD_MAX = 2


def _split_last(piece: str, rules: dict) -> list[str]:
    parts = compiled(rules["last_joiners"]).split(piece)
    if len(parts) > 1 and min(len(parts[0].strip()), len(parts[-1].strip())) <= SHARED_HEAD_MAX:
        return [piece]
    return parts


def categories(text: str, rx: re.Pattern = _CATEGORY) -> list[tuple[str, int, int, int]]:
    """(category, start, body start, end) for each numbered category in a text."""
    found = list(rx.finditer(text))
    out = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        out.append((m.group("cat").strip(), m.start("marker"), m.end(), end))
    return out


def _scope_section(unit: Unit) -> bool:
    words = topic_rules()["scope_headings"]
    return any(h.program is None and any(w in h.title for w in words) for h in unit.headings)


def _under_scope_lead(unit: Unit, lead_level: int | None) -> tuple[bool, int | None]:
    """（一）研修主题。项目应聚焦以下重点领域： - a numbered paragraph that opens a topic list run in:
    the deeper numbered paragraphs after it enumerate topics. Returns (in such a list, the lead's level)."""
    level = unit.marker_level
    if lead_level is not None and unit.kind == "paragraph" and level is not None and level > lead_level:
        return True, lead_level
    text = unit.text.rstrip()
    if (unit.kind == "paragraph" and level is not None and text.endswith(("：", ":"))
            and any(w in text for w in topic_rules()["scope_headings"])):
        return False, level
    return False, None


def parse_scope(doc: Document, units: list[Unit], index: ProgramIndex
                ) -> tuple[list[TopicScope], list[PriorityDirection]]:
    scopes: list[TopicScope] = []
    lead_level: int | None = None
    for unit in units:
        in_lead, lead_level = _under_scope_lead(unit, lead_level)
        if unit.kind != "paragraph" or unit.form_annex or unit.in_annex_table or not (
                in_lead or _scope_section(unit)):
            continue
        cats = categories(unit.text, _LEAD_CATEGORY if in_lead else _CATEGORY)
        if not cats and not in_lead:  # a scope section numbered 1. 2. 3. (1. 数字经济：数据要素、云计算)
            cats = categories(unit.text, _LEAD_CATEGORY)
        if not cats and not in_lead:
            cats = categories(unit.text, _RUN_IN_CATEGORY)
        if cats:
            for cat, s, b, e in cats:
                items = topic_items(unit.text[b:e])
                if items:
                    scopes.append(TopicScope(category=cat, program=None, items=items,
                                             evidence=doc.evidence(unit.start + s, unit.start + _rstrip(unit.text, s, e))))
        elif unit.headings and unit.headings[-1].title and any(
                w in unit.headings[-2].title if len(unit.headings) > 1 else False
                for w in topic_rules()["scope_headings"]):
            items = topic_items(unit.text)
            if items:
                scopes.append(TopicScope(category=unit.headings[-1].title.rstrip("。："), items=items,
                                         evidence=doc.evidence(unit.start, unit.end)))
    table_scopes, directions = _annex_directions(doc, units, index)
    return scopes + table_scopes, directions


def _rstrip(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in " \n":
        e -= 1
    return e


def _annex_directions(doc: Document, units: list[Unit], index: ProgramIndex
                      ) -> tuple[list[TopicScope], list[PriorityDirection]]:
    """Rows of an annex table: a programme's name, then the text of its directions."""
    default = topic_rules()["default_category"]
    names = {compact(a): p.name for p in index.leaves for a in [p.name, *p.aliases]}
    tiers = {compact(t) for t in index.tier_names()}
    texts: dict[str, list[Unit]] = {}
    current: str | None = None
    shorts: list[str] = []
    for unit in units:
        if unit.kind not in ("paragraph", "cell") or unit.form_annex or not (unit.in_annex_table or unit.kind == "cell"):
            continue
        t = compact(unit.text)
        if t in names:
            current, shorts = names[t], []
            continue
        if len(t) <= 16 and not re.search(r"[、，。；]", t):
            shorts.append(t)
            joined = [("".join(shorts[k:])) for k in range(len(shorts))]
            hit = next((names[j] for j in joined if j in names), None)
            current = hit
            if hit or t in tiers:
                shorts = [] if hit else shorts
            continue
        shorts = []
        if current and len(t) >= 8:
            texts.setdefault(current, []).append(unit)
    scopes: list[TopicScope] = []
    directions: list[PriorityDirection] = []
    for program, parts in texts.items():
        for unit in parts:
            cats = categories(unit.text)
            if cats:
                for cat, s, b, e in cats:
                    items = topic_items(unit.text[b:e])
                    ev = doc.evidence(unit.start + s, unit.start + _rstrip(unit.text, s, e), table=unit.table,
                                      row=unit.row, col=unit.col)
                    if items:
                        scopes.append(TopicScope(category=cat, program=program, items=items, evidence=ev))
                    directions.append(PriorityDirection(program=program, text=unit.text[b:e].strip(),
                                                        keywords=items, evidence=ev))
            else:
                items = topic_items(unit.text)
                ev = doc.evidence(unit.start, unit.end, table=unit.table, row=unit.row, col=unit.col)
                if not items:
                    continue
                scopes.append(TopicScope(category=default, program=program, items=items, evidence=ev))
                directions.append(PriorityDirection(program=program, text=unit.text, keywords=items, evidence=ev))
    return scopes, directions


__all__ = ["parse_scope", "topic_items", "categories", "alternation", "Piece"]

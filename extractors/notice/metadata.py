"""Notice metadata: title, issuer, document number, date, year, kind, addressees, disclosure."""

from __future__ import annotations

import re
from collections import Counter

from ...lazyre import lazy_compile
from ...models import Document, Evidence, NoticeMeta
from ...normalizers.dates import parse_date
from ...normalizers.docnumber import find_doc_number
from .resources import alternation, compiled, notice_kinds
from .sections import ANNEX_LINE, MARKER

_FULL_DATE = lazy_compile(r"^\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$")
# a signature line with its date glued on (a web page's text): 辽宁省人力资源和社会保障厅2028年4月3日
_GLUED_SIGNATURE = lazy_compile(r"^\s*(?P<issuer>[\u4e00-\u9fff（）()]{4,40}?)\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$")
# 2027—2029年: a span of years is about its first year
_YEAR = lazy_compile(r"(20\d{2}|19\d{2})(?:\s*[—–\-~～至到]\s*(?:20|19)\d{2})?\s*年")
_HEAD_LINES = 12


def _lines(doc: Document) -> list[tuple[int, int, str]]:
    """Text lines with their offsets; a block holding line breaks (an HTML <br>) gives one line each."""
    out = []
    for b in doc.blocks:
        if b.kind == "table":
            continue
        if "\n" not in b.text or doc.text[b.start:b.end] != b.text:
            out.append((b.start, b.end, b.text))
            continue
        pos = b.start
        for part in b.text.split("\n"):
            if part.strip():
                out.append((pos, pos + len(part), part))
            pos += len(part) + 1
    return out


def _before_doc_number(text: str) -> str | None:
    """A title line run together with the document number after it: the part before the number."""
    dn = find_doc_number(text)
    if dn is None or text[dn.end:].strip():
        return None
    return text[:dn.start].rstrip() or None


# A bracketed note after the title word: 申报指南（2027年度）, 管理办法（试行）, 通知（征求意见稿）.
_TITLE_NOTE = r"(?:[（(][^（）()]{1,12}[）)])"
_TITLE_SUFFIX = lazy_compile(_TITLE_NOTE + "$")


def find_title(doc: Document) -> tuple[str, int, int] | None:
    """The notice's title: 1–3 consecutive lines near the top ending with a title word (通知, 指南…).

    A single line is preferred to a joined one, and a line with 关于 to one without,
    so that a masthead or a document number above the title is left out.
    """
    data = notice_kinds()
    ending = re.compile(rf"(?:{alternation(data['title_endings'])}){_TITLE_NOTE}?$")
    lines = [ln for ln in (_without_chrome(ln) for ln in _lines(doc)[:_HEAD_LINES]) if ln is not None]
    candidates: list[tuple[int, int, str, int, int]] = []
    for i in range(len(lines)):
        if MARKER.match(lines[i][2]) or ANNEX_LINE.match(lines[i][2]):
            continue
        if find_doc_number(lines[i][2]):
            head = _before_doc_number(lines[i][2])
            if head and ending.search(head) and len(head) >= 6 and not re.search(r"[。；：:，]", head):
                rank = 0 if "关于" in head else 1
                candidates.append((rank, 0, head, lines[i][0], lines[i][0] + len(head)))
            continue
        joined = ""
        for j in range(i, min(i + 3, len(lines))):
            text = lines[j][2]
            if j > i and (MARKER.match(text) or len(text) > 60 or find_doc_number(text)):
                break
            joined += text
            if len(joined) > 90 or re.search(r"[。；：:，]", joined):
                break
            if ending.search(joined) and len(_TITLE_SUFFIX.sub("", joined)) >= 6:
                rank = (0 if "关于" in joined else 1, j - i)
                candidates.append((rank[0], rank[1], joined, lines[i][0], lines[j][1]))
                break
    if not candidates:
        return None
    best = min(candidates, key=lambda c: (c[0], c[1], c[3]))
    return best[2], best[3], best[4]


def _without_chrome(line: tuple[int, int, str]) -> tuple[int, int, str] | None:
    """A line of a notice copied from a web page without the site's chrome; None for navigation."""
    spec = notice_kinds().get("web_chrome") or {}
    start, end, text = line
    if spec.get("nav_line") and compiled(spec["nav_line"]).match(text):
        return None
    lead = compiled(spec["lead"]).match(text) if spec.get("lead") else None
    if lead:
        start, text = start + lead.end(), text[lead.end():]
    tail = compiled(spec["trailing_fields"]).search(text) if spec.get("trailing_fields") else None
    if tail:
        text = text[: tail.start()]
    return start, start + len(text), text


def page_date(doc: Document) -> tuple[str, int, int] | None:
    """The date a web page's fields give the document (成文日期：2028-04-03), else its publication date."""
    spec = notice_kinds().get("web_chrome") or {}
    head = doc.text[:2000]
    for fields in (spec.get("issued_fields", []), spec.get("published_fields", [])):
        for field in fields:
            m = re.search(rf"{re.escape(field)}\s*[：:]\s*(?P<d>\d{{4}}\s*[-./年]\s*\d{{1,2}}\s*[-./月]\s*\d{{1,2}}日?)", head)
            span = parse_date(m.group("d")) if m else None
            if span is not None and isinstance(span.value, str):
                return span.value, m.start("d"), m.end("d")
    return None


def kind_of(title: str | None) -> str | None:
    if not title:
        return None
    title = _TITLE_SUFFIX.sub("", title)
    for rule in notice_kinds()["kinds"]:
        if rule.get("title_regex") and re.search(rule["title_regex"], title):
            return rule["kind"]
        if any(title.endswith(e) for e in rule.get("title_endings", [])):
            return rule["kind"]
    return None


def issuer_from_title(title: str) -> str | None:
    if "关于" in title:
        head = title.split("关于", 1)[0].strip()
        return head or None
    return None


def find_signature(doc: Document) -> tuple[str | None, tuple[int, int] | None, tuple[int, int] | None]:
    """(issued_on, date offsets, issuer-line offsets): the first line that is only a full date,
    and the issuing body on the line before it."""
    lines = _lines(doc)
    suffixes = notice_kinds()["issuer_suffixes"]
    for i, (s, e, text) in enumerate(lines):
        m = _FULL_DATE.match(text)
        glued = None if m else _GLUED_SIGNATURE.match(text)
        if glued and any(glued.group("issuer").endswith(x) for x in suffixes) \
                and not re.search(r"[，。：:；]", glued.group("issuer")):
            span = parse_date(glued.group("date"))
            if span is not None and isinstance(span.value, str):  # 辽宁省人力资源和社会保障厅2028年4月3日
                return span.value, (s + glued.start("date"), s + glued.end("date")), \
                    (s + glued.start("issuer"), s + glued.end("issuer"))
        if not m:
            continue
        span = parse_date(m.group(1))
        if span is None or not isinstance(span.value, str):
            continue
        issuer = None
        if i > 0:
            ps, pe, prev = lines[i - 1]
            if len(prev) <= 40 and any(prev.endswith(x) for x in suffixes) and not re.search(r"[，。：:]", prev):
                issuer = (ps, pe)
        return span.value, (s, e), issuer
    return None, None, None


def parse_metadata(doc: Document) -> tuple[NoticeMeta, list[str]]:
    warnings: list[str] = []
    meta = NoticeMeta()
    ev: dict[str, Evidence] = {}
    title = find_title(doc)
    if title:
        meta.title, ts, te = title
        ev["title"] = doc.evidence(ts, te)
        meta.kind = kind_of(meta.title)
    else:
        warnings.append("未找到通知标题 / title not found")
    issued_on, date_span, issuer_span = find_signature(doc)
    if not issued_on and (page := page_date(doc)) is not None:
        issued_on, date_span = page[0], page[1:]
    if issued_on:
        meta.issued_on = issued_on
        ev["issued_on"] = doc.evidence(*date_span)
    issuer = issuer_from_title(meta.title) if meta.title else None
    if issuer and title:
        meta.issuer = issuer
        ev["issuer"] = doc.evidence(title[1], title[1] + len(issuer)) if doc.text[title[1]:].startswith(issuer) \
            else ev["title"]
    elif issuer_span:
        meta.issuer = doc.text[issuer_span[0]:issuer_span[1]]
        ev["issuer"] = doc.evidence(*issuer_span)
    elif title:
        found = _issuer_from_preamble(doc, title)
        if found:
            meta.issuer, (s, e) = found
            ev["issuer"] = doc.evidence(s, e)
    head = doc.text[: (doc.blocks[min(len(doc.blocks) - 1, _HEAD_LINES)].end if doc.blocks else 0)]
    dn = find_doc_number(head)
    if dn:
        meta.doc_number = dn.value
        ev["doc_number"] = doc.evidence(dn.start, dn.end)
    meta.year = _year(doc, meta)
    addressees = _addressees(doc, title)
    if addressees:
        meta.addressees, (s, e) = addressees
        ev["addressees"] = doc.evidence(s, e)
    disclosure = re.search(rf"[（(]此件(?P<d>{alternation(notice_kinds()['disclosure'])})[）)]", doc.text)
    if disclosure:
        meta.disclosure = disclosure.group("d")
        ev["disclosure"] = doc.evidence(disclosure.start(), disclosure.end())
    meta.evidence = ev
    return meta, warnings


_TITLE_ORG = lazy_compile(r"^(?P<org>[\u4e00-\u9fff]{2,12}?(?:科学院|工程院|大学|委员会|部|厅|省|市|自治区))")
_AGENT = lazy_compile(r"(?<![\u4e00-\u9fff])(?P<agent>[\u4e00-\u9fff]{1,6}?(?:局|厅|处|办公室|委员会))"
                      r"(?=结合|根据|决定|制定|现将|特|经研究)")


def _issuer_from_preamble(doc: Document, title) -> tuple[str, tuple[int, int]] | None:
    """A guide without 关于 and without signature: the office acting in its preamble
    (人事局结合工作实际…) under the institution its title begins with (中国科学院…)."""
    org = _TITLE_ORG.match(title[0])
    if not org:
        return None
    for block in [b for b in doc.blocks if b.start >= title[2] and b.kind != "table"][:3]:
        m = _AGENT.search(block.text)
        if m:
            agent = m.group("agent")
            name = agent if agent.startswith(org.group("org")) else org.group("org") + agent
            return name, (block.start + m.start("agent"), block.start + m.end("agent"))
    return None


def _year(doc: Document, meta: NoticeMeta) -> int | None:
    """The year the notice is about: its title's year, else its date's, else the most cited year."""
    if meta.title:
        m = _YEAR.search(meta.title)
        if m:
            return int(m.group(1))
    if meta.issued_on:
        return int(meta.issued_on[:4])
    years = Counter(int(y) for y in _YEAR.findall(doc.text[:4000]))
    return years.most_common(1)[0][0] if years else None


def _addressees(doc: Document, title) -> tuple[list[str], tuple[int, int]] | None:
    """The line(s) after the title ending with ：, split on 、，."""
    if not title:
        return None
    lines = [ln for ln in _lines(doc) if ln[0] >= title[2]][:3]
    if not lines:
        return None
    s, e, text = lines[0]
    if MARKER.match(text) or len(text) > 120 or not re.match(r"^(各|院属|全|省|市|县|区|有关|[\u4e00-\u9fff]{2,12}(?:、|，))", text):
        return None
    if not text.rstrip().endswith(("：", ":")) and (re.search(r"[。]", text) or len(text) > 60):
        return None
    body = text.rstrip("：: ")
    parts = [p.strip() for p in re.split(r"[、，,；]", body) if p.strip()]
    return parts, (s, e)

"""Cell text -> normalised field values (one function per field kind).

The shared normalizers (shenbao.normalizers.dates / numerals / contacts) do
the typed reading; the functions here turn a cell's text into what a form
field holds (an ISO string, a phone with its validity, a list of items).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...normalizers.contacts import normalize_phone
from ...normalizers.dates import parse_date, parse_period
from ...normalizers.numerals import parse_number
from ...normalizers.text import compact, normalize_line
from .labels import form_labels

# --------------------------------------------------------------------------- text and paragraphs

_LATIN_EDGE = re.compile(r"[A-Za-z0-9]")


def join_wrapped(a: str, b: str) -> str:
    """Join two pieces of one wrapped line: no space between CJK, one between Latin words."""
    if a and b and _LATIN_EDGE.match(a[-1]) and _LATIN_EDGE.match(b[0]):
        return a + " " + b
    return a + b


def strip_leading_hint(text: str) -> str:
    """Remove an instruction left at the top of a value cell: "（包括但不限于…）\\n real text"."""
    cues = form_labels().get("hint_cues", [])
    s = text.lstrip()
    while s[:1] in ("（", "("):
        close = _matching_close(s)
        if close < 0:
            break
        inner = s[1:close]
        if not any(c in compact(inner) for c in cues):
            break
        s = s[close + 1:].lstrip()
    return s


def _matching_close(s: str) -> int:
    depth = 0
    for i, ch in enumerate(s):
        if ch in "（(":
            depth += 1
        elif ch in ")）":
            depth -= 1
            if depth == 0:
                return i
    return -1


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Non-empty, normalised paragraphs (the ingest has already rebuilt PDF paragraphs)."""
    lines = [normalize_line(p) for p in paragraphs]
    return [ln for ln in lines if ln]


def as_text(paragraphs: list[str]) -> str | None:
    """One-line text: paragraphs (wrapped lines) joined."""
    out = ""
    for p in paragraphs:
        out = join_wrapped(out, p) if out else p
    return out or None


def as_paragraphs(paragraphs: list[str]) -> str | None:
    return "\n".join(paragraphs) or None


_STAMP = re.compile(r"[（(]\s*(?:盖章|公章|签章|签字|盖\s*章)\s*[)）]")
_TRAILING_DATE = re.compile(r"(?:\d{4}|\s*)\s*年\s*(?:\d{1,2}|\s*)\s*月\s*(?:\d{1,2}|\s*)\s*日\s*$")


def as_opinion(paragraphs: list[str]) -> str | None:
    """An opinion cell without its stamp and date ((盖章) / 2025年2月17日 / 年 月 日)."""
    tails = {compact(t).rstrip("：:") for t in form_labels().get("opinion_tail", [])}
    kept = []
    for p in paragraphs:
        p = _TRAILING_DATE.sub("", _STAMP.sub("", p)).strip()
        # A signature or stamp line left blank ("负责人签字：", "经办人：") is form furniture, not opinion.
        if compact(p) and compact(p).rstrip("：:_＿ ") not in tails:
            kept.append(p)
    return "\n".join(kept) or None


_SPLIT_ITEMS = re.compile(r"[、，,;；\n/]+")
_ITEM_MARKER = re.compile(r"^\s*(?:\d{1,2}[.、．)）]|[（(]\d{1,2}[)）])\s*")


_INLINE_MARKER = re.compile(r"[（(](\d{1,2})[)）]|(?<![\d.])(\d{1,2})[、．.](?!\d)")


def split_inline_enumeration(text: str) -> str:
    """"（1）甲（2）乙" / "1.甲 2.乙" on one line -> one item per line.

    Only a run of markers counting 1, 2, 3… is taken as an enumeration, so a
    number inside an item (第2期, 3.5米) is left alone."""
    out, pos, expected = [], 0, 1
    for m in _INLINE_MARKER.finditer(text):
        if int(m.group(1) or m.group(2)) != expected:
            continue
        if m.start() > pos:
            out.append(text[pos:m.start()])
        pos, expected = m.start(), expected + 1
    if expected <= 2:  # fewer than two markers in sequence: not an enumeration
        return text
    out.append(text[pos:])
    return "\n".join(part for part in out if part.strip())


def as_list(text: str | None) -> list[str]:
    """"1. 钻石光源\\n2. 牛津大学" / "（1）甲（2）乙" / "牛津、伦敦" -> items, list markers dropped."""
    if not text:
        return []
    items = []
    for part in _SPLIT_ITEMS.split(split_inline_enumeration(text)):
        item = _ITEM_MARKER.sub("", part).strip(" 。.")
        if item:
            items.append(item)
    return items


# --------------------------------------------------------------------------- numbers

_BRACKET_NOTE = re.compile(r"[（(][^（()）]*[)）]")


def as_int(text: str | None) -> int | None:
    """"21" / "21天" / "三十" / 21.0 -> int; None when there is no single number."""
    value = as_number(text)
    if value is None or (isinstance(value, float) and not value.is_integer()):
        return None
    return int(value)


def as_number(text: str | None) -> int | float | None:
    """"2.5" / "2.5学时" / "21天" / "三十" -> the number (int when whole); None when there is no
    single number. For quantities that are decimals by nature (hours)."""
    if text is None:
        return None
    s = compact(str(text))
    if not s:
        return None
    value = parse_number(s)
    if value is None:
        # A remark in brackets is not part of the number: 21天（含往返路途）, 50人(暂定);
        # neither is a qualifier before it: 约60人, 计划招收50名.
        s = _BRACKET_NOTE.sub("", s) or s
        for word in sorted(form_labels().get("number_qualifiers", []), key=len, reverse=True):
            if s.startswith(word) and len(s) > len(word):
                s = s[len(word):]
                break
        m = re.fullmatch(r"(\d+(?:\.\d+)?|[一二三四五六七八九十百两零〇]+)\s*[天日人名次场个学时小时期]*(?:左右|以上|以内)?", s)
        if m:
            value = parse_number(m.group(1))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@lru_cache(maxsize=1)
def _participant_patterns() -> list[re.Pattern]:
    return [re.compile(p) for p in form_labels().get("participants_patterns", [])]


def find_participants(text: str | None) -> tuple[int, int, int] | None:
    """The planned number of trainees in free text (拟招收学员50人, 学员规模50人左右): (value, start, end)."""
    if not text:
        return None
    for pattern in _participant_patterns():
        for m in pattern.finditer(text):
            value = as_int(m.group(1))
            if value:
                return value, m.start(1), m.end(1)
    return None


# --------------------------------------------------------------------------- dates

_YEAR_ANYWHERE = re.compile(r"(20\d{2}|19\d{2})\s*年")


def as_date(text: str | None, default_year: int | None = None) -> str | None:
    """One exact date -> ISO ("2020年8月25日", "2021.03.14", "5月9日" with a default year).

    A month without a day (2025年1月) is not a date here: a form's date names a day."""
    span = parse_date(compact(text), default_year) if text else None
    return span.value if span and not span.approximate else None


def as_period(text: str | None, default_year: int | None = None) -> tuple[str, str] | None:
    """A period -> (start, end) ISO (5月9日至15日, 9.15-9.19); one date alone is a one-day period."""
    found = parse_period(compact(text), default_year) if text else None
    return (found[0].value, found[1].value) if found else None


def as_birth_month(text: str | None) -> str | None:
    """A birth month -> ISO first of the month ("1967年12月", "1967.12", "1967-12" -> "1967-12-01")."""
    span = parse_date(compact(text), month_start=True) if text else None
    return span.value if span else None


def year_in(text: str) -> int | None:
    m = _YEAR_ANYWHERE.search(text or "")
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------- phones, yes/no


def as_phone(text: str | None) -> tuple[str | None, bool]:
    """(phone, valid): the normalised number, or the text as written (spaces dropped) and False."""
    if not text:
        return None, True
    value = normalize_phone(text)
    return (value, True) if value else (compact(text), False)


_YES = {"是", "有", "y", "yes", "√", "✓", "☑", "1", "true"}
_NO = {"否", "无", "n", "no", "×", "0", "false", "不是"}


def as_yesno(text: str | None) -> str | None:
    if text is None:
        return None
    s = compact(str(text)).lower()
    if not s:
        return None
    if s in _YES:
        return "是"
    if s in _NO:
        return "否"
    return None

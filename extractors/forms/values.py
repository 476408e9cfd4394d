"""Cell text -> normalised field values (one function per field kind).

The shared normalizers (shenbao.normalizers.dates / numerals / contacts /
titles) do the typed reading where they exist; the small readers here cover
what is particular to forms (a date range whose end omits year and month,
"1967.12" as a birth month) and keep the form reader working when a shared
normalizer returns nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

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


def _parse_number(s: str) -> int | float | None:
    try:
        from ...normalizers.numerals import parse_number
    except ImportError:  # the shared reader is optional here
        parse_number = None
    if parse_number is not None:
        value = parse_number(s)
        if value is not None:
            return value
    s = compact(s)
    return int(s) if s.isdigit() else None


_BRACKET_NOTE = re.compile(r"[（(][^（()）]*[)）]")


def as_int(text: str | None) -> int | None:
    """"21" / "21天" / "三十" / 21.0 -> int; None when there is no single number."""
    if text is None:
        return None
    s = compact(str(text))
    if not s:
        return None
    value = _parse_number(s)
    if value is None:
        # A remark in brackets is not part of the number: 21天（含往返路途）, 50人(暂定);
        # neither is a qualifier before it: 约60人, 计划招收50名.
        s = _BRACKET_NOTE.sub("", s) or s
        for word in sorted(form_labels().get("number_qualifiers", []), key=len, reverse=True):
            if s.startswith(word) and len(s) > len(word):
                s = s[len(word):]
                break
        m = re.fullmatch(r"(\d+|[一二三四五六七八九十百两零〇]+)(?:\.0+)?\s*[天日人名次场个学时小时期]*(?:左右|以上|以内)?", s)
        if m:
            value = _parse_number(m.group(1))
    if value is None or (isinstance(value, float) and not value.is_integer()):
        return None
    return int(value)


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

_FULL_DATE = re.compile(r"(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?")
_YEAR_MONTH = re.compile(r"(\d{4})\s*[年./\-]\s*(\d{1,2})\s*月?")
_RANGE_SEP = r"\s*(?:至|到|~|～|—+|–|－|-)\s*"
_PARTIAL_END = re.compile(r"(?:(\d{4})\s*[年./\-]\s*)?(?:(\d{1,2})\s*[月./\-]\s*)?(\d{1,2})\s*日?")
_YEAR_ANYWHERE = re.compile(r"(20\d{2}|19\d{2})\s*年")


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str | None, default_year: int | None = None) -> str | None:
    """One date -> ISO ("2020年8月25日", "2021.03.14", "2020-08-03", "5月9日" with a default year)."""
    if not text:
        return None
    s = compact(text)
    m = _FULL_DATE.search(s)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.search(r"(\d{1,2})月(\d{1,2})日", s)
    if m and default_year:
        return _iso(default_year, int(m.group(1)), int(m.group(2)))
    return None


def parse_date_range(text: str | None, default_year: int | None = None) -> tuple[str, str] | None:
    """A period -> (start, end) ISO; the end inherits year and month from the start (5月9日至15日)."""
    if not text:
        return None
    s = compact(text)
    start = _FULL_DATE.search(s)
    year = None
    if start:
        year, month, day = int(start.group(1)), int(start.group(2)), int(start.group(3))
    else:
        # 9月15日 (or 9.15 before a range separator: 9.15-9.19) takes the year of the form's title.
        start = re.search(r"(\d{1,2})月(\d{1,2})日?", s) or re.match(r"(\d{1,2})[./](\d{1,2})(?=" + _RANGE_SEP + ")", s)
        if not start or not default_year:
            return None
        year, month, day = default_year, int(start.group(1)), int(start.group(2))
    rest = s[start.end():]
    sep = re.match(_RANGE_SEP, rest)
    first = _iso(year, month, day)
    if not sep:
        return (first, first) if first else None
    end = _PARTIAL_END.match(rest, sep.end())
    if not end or not first:
        return None
    end_year = int(end.group(1)) if end.group(1) else year
    end_month = int(end.group(2)) if end.group(2) else month
    last = _iso(end_year, end_month, int(end.group(3)))
    if last is None:
        return None
    return first, last


def parse_birth(text: str | None) -> str | None:
    """A birth month -> ISO first of the month ("1967年12月", "1967.12", "1967-12" -> "1967-12-01")."""
    if not text:
        return None
    s = compact(text)
    full = _FULL_DATE.search(s)
    if full:
        return _iso(int(full.group(1)), int(full.group(2)), int(full.group(3)))
    m = _YEAR_MONTH.search(s)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), 1)
    return None


def year_in(text: str) -> int | None:
    m = _YEAR_ANYWHERE.search(text or "")
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------- phones, titles, yes/no

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,5})?$")


def normalize_phone(text: str | None) -> tuple[str | None, bool]:
    """(phone, valid). Keeps the written area-code dash; drops spaces and brackets."""
    if not text:
        return None, True
    s = compact(text)
    s = re.sub(r"^[（(](0\d{2,3})[)）]", r"\1-", s)
    s = s.replace("—", "-").replace("－", "-")
    try:
        from ...normalizers.contacts import normalize_phone as shared
    except ImportError:
        shared = None
    if shared is not None:
        try:
            value = shared(s)
        except Exception:  # a shared normalizer's failure must not stop the form
            value = None
        if value:
            return value, True
    valid = bool(_MOBILE.match(s) or _LANDLINE.match(s))
    return s, valid


def normalize_title(text: str | None) -> str | None:
    """A professional title -> 正高级 / 副高级 / 中级 / 初级 (the shared normalizer)."""
    if not text:
        return None
    try:
        from ...normalizers.titles import normalize_title as shared
    except ImportError:
        return None
    try:
        return shared(text)
    except Exception:  # keep reading the form; the caller warns
        return None


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

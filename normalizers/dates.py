"""Dates and date ranges as written in Chinese official texts.

Values are ISO strings ``YYYY-MM-DD``. Forms read:

* ``2025年1月16日``, ``2025 年 1 月 16 日``, ``二〇二五年一月十三日``, ``2025年元月16日``
* ``2025.06.10``, ``2025/6/10``, ``2025-6-10``
* ``2022年11月底`` -> 2022-11-30 (approximate); ``2020年1月`` -> 2020-01-31 (month end,
  approximate); ``2025.06`` likewise; 上旬/中旬 -> the 10th/20th (approximate); ``2025年底``
* ``1月16日`` / ``11月底`` only with ``default_year`` (a year is never invented)

Ranges are a tuple ``(start Span, end Span)``; the end inherits year and month from the
start (``2025年6月10日至14日``, ``2025.06.10-06.14``, ``2025年9月28日至10月2日``). A range
written in months (``2025年6月至8月``) runs from the first day of the first month to the
last day of the last, both Spans approximate. A value that is only a period may open it
with a short numeric date (``9.15-9.19``, with ``default_year``); ``parse_period`` also
takes one exact date alone as a one-day period.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from shenbao.models import Span
from shenbao.normalizers.data import longest_first, section
from shenbao.normalizers.numerals import parse_number
from shenbao.normalizers.text import fold_width

_S = r"[ \t]*"
_YEAR = r"(?P<y>(?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3})"
_CN_MONTH = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|元|正|腊)"
_CN_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_NUM_MONTH = r"(?P<m>1[0-2]|0?[1-9])"
_NUM_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])"
_DAY_MARK = r"[日号]"
_WEEKDAY = r"(?:[ \t]*[（(](?:星期|周|礼拜)[一二三四五六日天][）)])"


@dataclass
class _Parts:
    """A date as read: missing parts are None; ``part`` is 底/上旬/... after 月."""

    start: int
    end: int
    y: int | None = None
    m: int | None = None
    d: int | None = None
    part: str | None = None
    style: str = "cn"  # cn (年月日) or num (2025.06.10)
    sep: str | None = None  # the separator of a numeric date
    year_end: bool = False  # 2025年底


def _month_parts() -> dict[str, int]:
    return section("dates")["month_parts"]


@lru_cache(maxsize=1)
def _part_regex() -> str:
    return "(?P<part>" + "|".join(re.escape(p) for p in longest_first(_month_parts())) + ")"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    """Named date patterns; each knows which parts it carries."""
    part = _part_regex()
    ym = rf"{_YEAR}{_S}年{_S}{_CN_MONTH}{_S}月"
    num_ymd = rf"(?<![\d.]){_YEAR}(?P<sep>[./\-．／－]){_NUM_MONTH}(?P=sep){_NUM_DAY}(?![\d])"
    raw = {
        "cn_full": rf"{ym}{_S}{_CN_DAY}{_S}{_DAY_MARK}",
        "cn_full_open": rf"{ym}{_S}{_CN_DAY}(?![\d日号])",
        "cn_ym": rf"{ym}(?:{_S}{part})?",
        "cn_ym_mopen": rf"{_YEAR}{_S}年{_S}{_CN_MONTH}(?![\d月])",
        "cn_y_end": rf"{_YEAR}{_S}年{_S}(?P<yend>底|末)",
        "cn_md": rf"(?<![\d.]){_CN_MONTH}{_S}月{_S}{_CN_DAY}{_S}{_DAY_MARK}",
        "cn_md_open": rf"(?<![\d.]){_CN_MONTH}{_S}月{_S}{_CN_DAY}(?![\d日号])",
        "cn_m_part": rf"(?<![\d.]){_CN_MONTH}{_S}月{_S}{part}",
        "cn_m": rf"(?<![\d.]){_CN_MONTH}{_S}月",
        "cn_d": rf"(?<![\d.]){_CN_DAY}{_S}{_DAY_MARK}",
        "num_full": num_ymd,
        "num_ym": rf"(?<![\d.]){_YEAR}(?P<sep>[./\-．／－]){_NUM_MONTH}(?!\d|(?P=sep)\d)",
        "num_md": rf"(?<![\d.]){_NUM_MONTH}(?P<sep>[./\-．／－]){_NUM_DAY}(?![\d]|[./\-]\d)",
        # 9.15 opening a range (9.15-9.19): the dash there separates the range, not the date.
        "num_md_start": rf"(?<![\d.]){_NUM_MONTH}(?P<sep>[./．／]){_NUM_DAY}(?!\d)",
        "num_d": rf"(?<![\d.]){_NUM_DAY}(?![\d.])",
        "compact": r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)",
    }
    return {name: re.compile(p) for name, p in raw.items()}


# Patterns that stand alone as dates in running text, most specific first.
_SINGLE = ("cn_full", "cn_y_end", "cn_ym", "cn_md", "cn_m_part", "num_full", "num_ym")
# Patterns that may open a range (the open ones only when the end has a 日).
_RANGE_START = ("cn_full", "cn_full_open", "cn_ym", "cn_ym_mopen", "cn_md", "cn_md_open", "num_full", "num_ym")
# A cell holding only a period may also open it with a short numeric date (9.15-9.19).
_VALUE_RANGE_START = _RANGE_START + ("num_md_start",)
# What may follow the separator of a range.
_RANGE_END = ("cn_full", "cn_ym", "cn_md", "cn_m_part", "cn_m", "cn_d", "num_full", "num_ym", "num_md", "num_d")


def _int(token: str | None) -> int | None:
    if token is None:
        return None
    words = section("dates")["month_words"]
    if token + "月" in words:
        return words[token + "月"]
    value = parse_number(token)
    return int(value) if isinstance(value, (int, float)) else None


def _parts_from(name: str, m: re.Match) -> _Parts:
    groups = m.groupdict()
    return _Parts(
        start=m.start(), end=m.end(),
        y=_int(groups.get("y")), m=_int(groups.get("m")), d=_int(groups.get("d")),
        part=groups.get("part"),
        style="num" if name.startswith(("num", "compact")) else "cn",
        sep=groups.get("sep"),
        year_end=bool(groups.get("yend")),
    )


def month_end(year: int, month: int) -> str:
    """ISO date of the last day of a month: month_end(2022, 11) -> "2022-11-30"."""
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def _iso(y: int | None, m: int | None, d: int | None) -> str | None:
    if y is None or m is None or d is None:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _resolve(p: _Parts, default_year: int | None, default_month: int | None = None,
             month_start: bool = False) -> tuple[str, bool] | None:
    """(ISO date, approximate) for read parts; None when a part is missing or invalid.

    A date without a day is its month's last day (or first, for the start of a month
    range) and approximate; 底/上旬/... give their day, approximate.
    """
    y = p.y if p.y is not None else default_year
    m = p.m if p.m is not None else default_month
    if p.year_end:
        return (_iso(y, 12, 31), True) if y else None
    if y is None or m is None or not 1 <= m <= 12:
        return None
    if p.d is not None:
        iso = _iso(y, m, p.d)
        return (iso, False) if iso else None
    if p.part:
        day = _month_parts()[p.part]
        if day == -1:
            return month_end(y, m), True
        return _iso(y, m, day), True
    if month_start:
        return _iso(y, m, 1), True
    return month_end(y, m), True


def _span(text: str, p: _Parts, iso: str, approximate: bool) -> Span:
    return Span(value=iso, text=text[p.start:p.end], start=p.start, end=p.end, approximate=approximate)


def _candidates(folded: str, names: tuple[str, ...]) -> list[tuple[str, re.Match]]:
    pats = _patterns()
    found = [(name, m) for name in names for m in pats[name].finditer(folded)]
    # Earliest first; at the same place the longest (most specific) wins.
    found.sort(key=lambda nm: (nm[1].start(), -(nm[1].end() - nm[1].start()), names.index(nm[0])))
    return found


def _non_overlapping(found):
    kept, last_end = [], -1
    for name, m in found:
        if m.start() >= last_end:
            kept.append((name, m))
            last_end = m.end()
    return kept


def find_dates(text: str, default_year: int | None = None) -> list[Span]:
    """All dates in ``text``, including both ends of ranges (an end inherits the start's
    year and month). Dates without a year are kept only with ``default_year``."""
    folded = fold_width(text)
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    for start, end in find_date_ranges(text, default_year):
        spans += [start, end]
        taken.append((start.start, end.end))
    for name, m in _non_overlapping(_candidates(folded, _SINGLE)):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        p = _parts_from(name, m)
        resolved = _resolve(p, default_year)
        if resolved:
            spans.append(_span(text, p, *resolved))
    return sorted(spans, key=lambda s: s.start)


def parse_date(s: str, default_year: int | None = None, default_month: int | None = None,
               month_start: bool = False) -> Span | None:
    """The first date in ``s`` as a Span with an ISO value; None if there is none or it is
    invalid (2月30日). ``default_month`` lets a bare ``16日`` be read (with a year).
    ``month_start`` reads a month without a day as its first day (a birth month: 1978.03 ->
    1978-03-01, approximate) instead of its last. A day written without 日 after a month
    (2020年8月25, 9月15 with a default year) is that day."""
    if s is None:
        return None
    folded = fold_width(str(s))
    names = _SINGLE + ("cn_full_open", "cn_md_open", "compact") + (("cn_d",) if default_month else ())
    for name, m in _non_overlapping(_candidates(folded, names)):
        p = _parts_from(name, m)
        resolved = _resolve(p, default_year, default_month, month_start=month_start)
        if resolved:
            return _span(str(s), p, *resolved)
        if name in ("cn_full", "cn_full_open", "num_full", "cn_md", "compact"):
            return None  # a written but impossible date (2月30日) is not replaced by a part of it
    return None


# --------------------------------------------------------------------------- ranges


@lru_cache(maxsize=1)
def _range_sep() -> re.Pattern:
    seps = "|".join(re.escape(w) for w in longest_first(section("dates")["range_separators"]))
    return re.compile(rf"{_WEEKDAY}?{_S}(?:起)?(?:{seps}){_S}")


def _match_end(folded: str, pos: int, start: _Parts) -> _Parts | None:
    """The end of a range written right at ``pos``, most specific reading first."""
    pats = _patterns()
    best: tuple[str, re.Match] | None = None
    for name in _RANGE_END:
        # After a written day, a short numeric end may follow any start (6月10日-6.14).
        if name.startswith("num") and start.style != "num" and not (name == "num_md" and start.d is not None):
            continue
        if name in ("num_md", "num_d") and start.d is None:
            continue
        if name in ("cn_d",) and start.d is None:
            continue
        m = pats[name].match(folded, pos)
        if m and (best is None or m.end() > best[1].end()):
            best = (name, m)
    if best is None:
        return None
    name, m = best
    end = _parts_from(name, m)
    if name == "num_md" and start.style == "num" and end.sep != start.sep:
        return None
    if name == "num_ym" and start.d is not None:
        return None
    return end


def _is_month_level(p: _Parts) -> bool:
    return p.d is None and not p.part and not p.year_end


def _resolve_range(start: _Parts, end: _Parts, default_year: int | None):
    """Both ends as (iso, approximate); the end inherits year and month from the start."""
    month_range = _is_month_level(start)
    if month_range and not _is_month_level(end) and end.d is not None:
        return None
    first = _resolve(start, default_year, month_start=month_range)
    if first is None:
        return None
    y0, m0 = int(first[0][:4]), int(first[0][5:7])
    inherit_month = None if month_range else m0
    last = _resolve(end, y0, inherit_month)
    if last is None:
        return None
    if last[0] < first[0] and end.y is None and end.m is not None:
        # 12月28日至1月3日: the end is in the next year.
        last = _resolve(end, y0 + 1, inherit_month)
        if last is None:
            return None
    if last[0] < first[0]:
        return None
    return first, last


def find_date_ranges(text: str, default_year: int | None = None,
                     starts: tuple[str, ...] = _RANGE_START) -> list[tuple[Span, Span]]:
    """Date ranges in ``text`` as (start, end) Span pairs with ISO values."""
    folded = fold_width(text)
    ranges: list[tuple[Span, Span]] = []
    last_end = -1
    for name, m in _candidates(folded, starts):
        if m.start() < last_end:
            continue
        start = _parts_from(name, m)
        sep = _range_sep().match(folded, m.end())
        if not sep:
            continue
        end = _match_end(folded, sep.end(), start)
        if end is None:
            continue
        if name.endswith("_open") and (end.d is None or folded[end.end - 1] not in "日号"):
            continue
        resolved = _resolve_range(start, end, default_year)
        if resolved is None:
            continue
        (iso0, approx0), (iso1, approx1) = resolved
        ranges.append((_span(text, start, iso0, approx0), _span(text, end, iso1, approx1)))
        last_end = end.end
    return ranges


def parse_date_range(s: str, default_year: int | None = None) -> tuple[Span, Span] | None:
    """The first date range in ``s`` as (start, end) Spans; None if there is none. As ``s``
    is one value, not running text, a short numeric start (9.15-9.19) is read too, with
    ``default_year``."""
    if s is None:
        return None
    ranges = find_date_ranges(str(s), default_year, _VALUE_RANGE_START)
    return ranges[0] if ranges else None


def parse_period(s: str, default_year: int | None = None) -> tuple[Span, Span] | None:
    """A value that is a period: a date range, or one exact date alone as a one-day period
    (a training held on 2025年6月10日). A month alone or a broken range is None."""
    found = parse_date_range(s, default_year)
    if found:
        return found
    day = parse_date(s, default_year)
    if day is None or day.approximate or _range_sep().match(fold_width(str(s)), day.end):
        return None
    return day, day


# --------------------------------------------------------------------------- arithmetic


def days_inclusive(start_iso: str, end_iso: str) -> int:
    """Days from start to end counting both (2025-10-06..2025-10-08 -> 3)."""
    return (date.fromisoformat(end_iso) - date.fromisoformat(start_iso)).days + 1


def age_at(birth_iso: str, on_iso: str) -> int:
    """Full years of age (周岁) on a day: the birthday must have been reached."""
    born, on = date.fromisoformat(birth_iso), date.fromisoformat(on_iso)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

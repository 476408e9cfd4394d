"""Amounts of money in CNY: 5万元, 最高15万, 3000元, 五万元, 伍万元, ￥5,000, 2亿.

Every value is in yuan (5万元 -> 50000). An amount needs a money unit (元, 万元, ...)
or a 万/亿 multiplier or a currency sign: a bare number is not money. 万/亿 without 元
is not money when a non-money unit follows (1.8万人).
"""

from __future__ import annotations

import re
from functools import lru_cache

from shenbao.models import Span
from shenbao.normalizers.data import longest_first, section
from shenbao.normalizers.numerals import ARABIC_MULTIPLIERS, number_pattern, parse_number
from shenbao.normalizers.text import fold_width

_LARGE = "万亿"


@lru_cache(maxsize=1)
def _money_regex() -> re.Pattern:
    data = section("money")
    currency = "|".join(re.escape(w) for w in longest_first(data["currency_words"]))
    units = "|".join(re.escape(w) for w in longest_first(data["units"]))
    return re.compile(
        rf"(?P<cur>(?:{currency})\s*)?(?P<num>{number_pattern(capital=True)})\s*(?P<unit>{units})?"
    )


@lru_cache(maxsize=1)
def _non_money_units() -> list[str]:
    """Units after 1.8万 that make it a count, not money (人, 次, 字...)."""
    words = [w for w, spec in section("units").items() if spec["unit"] != "元"]
    return longest_first(words)


def _unit_factor(unit: str | None) -> int:
    return section("money")["units"].get(unit, 1) if unit else 1


def _number_has_multiplier(num: str) -> bool:
    return bool(num) and any(ch in num for ch in _LARGE)


def _followed_by_count_unit(text: str, end: int) -> bool:
    rest = text[end:end + 6].lstrip(" ")
    return any(rest.startswith(u) for u in _non_money_units()) or _followed_by_foreign(text, end)


def _followed_by_foreign(text: str, end: int) -> bool:
    rest = text[end:end + 6].lstrip(" ")
    return rest.startswith(tuple(section("money")["foreign_units"]))


def _money_from_match(text: str, m: re.Match) -> tuple[float | int, int, int] | None:
    """(value in yuan, start, end) for one candidate match, or None when it is not money."""
    num, unit, cur = m.group("num"), m.group("unit"), m.group("cur")
    if num.startswith("百分之") or num.rstrip().endswith(("%", "％")):
        return None
    value = parse_number(num, capital=True)
    if value is None:
        return None
    end = m.end()
    if unit is None and _followed_by_foreign(text, end):
        return None
    bare_large = unit is not None and unit in _LARGE
    if unit is None or bare_large:
        # 万/亿 without 元: money only when nothing says it counts something else.
        has_large = bare_large or _number_has_multiplier(num)
        if not (has_large or cur):
            return None
        if _followed_by_count_unit(text, end):
            return None
    if unit is None and not cur and not _number_has_multiplier(num):
        return None
    amount = value * _unit_factor(unit)
    if isinstance(amount, float) and amount.is_integer():
        amount = int(amount)
    start = m.start("cur") if cur else m.start("num")
    return round(amount, 2) if isinstance(amount, float) else amount, start, end


def find_money(text: str) -> list[Span]:
    """Amounts of money in ``text``: Spans with unit "元" and the value in yuan."""
    folded = fold_width(text)
    spans = []
    for m in _money_regex().finditer(folded):
        found = _money_from_match(folded, m)
        if found is None:
            continue
        value, start, end = found
        end = start + len(folded[start:end].rstrip(" "))
        spans.append(Span(value=value, text=text[start:end], start=start, end=end, unit="元"))
    return spans


def parse_money(s: str, default_unit: str | None = None) -> int | float | None:
    """The first amount of money in ``s``, in yuan; None when there is none.

    "5万元" -> 50000, "最高15万" -> 150000, "15万/个" -> 150000, "五万元" -> 50000.
    ``default_unit`` ("元" or "万元") reads a bare number, for a cell under a header
    such as 金额（万元）: parse_money("5", default_unit="万元") -> 50000.
    """
    if s is None:
        return None
    s = str(s)
    spans = find_money(s)
    if spans:
        return spans[0].value
    if default_unit:
        value = parse_number(re.sub(r"[\s,，]", "", fold_width(s)).rstrip("元"), capital=True)
        if value is not None:
            amount = value * _unit_factor(default_unit)
            return int(amount) if float(amount).is_integer() else amount
    return None


__all__ = ["find_money", "parse_money", "ARABIC_MULTIPLIERS"]

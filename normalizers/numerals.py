"""Numbers as written in Chinese official texts: 3, 三, 十四, 两, 1.8万, 百分之五十, ５０%.

``parse_number`` reads a string that is only a number; ``find_numbers`` finds the
numbers inside running text. Chinese numerals that are part of ordinary words
(一般, 一线, 统一, 进一步, “十四五”) are listed in corpus/normalizers.yaml and are
never read as numbers; ordinals (第三批, 第1期) are not quantities and are skipped.

Percentages are returned as the number of percent: ``50%`` and ``百分之五十`` -> 50
(the Span's unit is ``"%"``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from shenbao.models import Span
from shenbao.normalizers.data import longest_first, section
from shenbao.normalizers.text import fold_width

# An Arabic number: 1,000 / 1.5 / 10 (full-width digits are folded before matching).
ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# Multipliers written after Arabic digits (1.8万, 2亿, 3千).
ARABIC_MULTIPLIERS = {"万": 10_000, "亿": 100_000_000, "千": 1_000}


@lru_cache(maxsize=1)
def _tables() -> dict:
    data = section("numerals")
    digits = dict(data["digits"])
    small = dict(data["small_units"])
    large = dict(data["large_units"])
    return {
        "digits": digits,
        "small": small,
        "large": large,
        "capital_digits": {**digits, **data["capital_digits"]},
        "capital_small": {**small, **data["capital_small_units"]},
        "not_numbers": longest_first(data["not_numbers"]),
        "ordinal_prefixes": tuple(data["ordinal_prefixes"]),
    }


def _cn_class(capital: bool = False) -> str:
    t = _tables()
    chars = set(t["digits"]) | set(t["small"]) | set(t["large"])
    if capital:
        chars |= set(t["capital_digits"]) | set(t["capital_small"])
    return "".join(sorted(chars))


@lru_cache(maxsize=2)
def chinese_numeral_pattern(capital: bool = False) -> str:
    """Regex for a run of Chinese numerals, optionally with a decimal part (一点五)."""
    cls = _cn_class(capital)
    t = _tables()
    digits = "".join(sorted(t["capital_digits"] if capital else t["digits"]))
    return rf"[{cls}]+(?:点[{digits}]+)?"


@lru_cache(maxsize=2)
def number_pattern(capital: bool = False) -> str:
    """Regex for any number this module reads (used by money and quantities too)."""
    cn = chinese_numeral_pattern(capital)
    mult = "".join(ARABIC_MULTIPLIERS)
    return (
        rf"百分之(?:{ARABIC}|{cn})"
        rf"|(?:{ARABIC}|[{_cn_class(capital)}]+)分之(?:{ARABIC}|{cn})"
        rf"|{ARABIC}(?:\s*[{mult}](?![{mult}]))?(?:\s*[%％])?"
        rf"|{cn}"
    )


def _as_number(value: float) -> int | float:
    """Integral values as int (1.8万 -> 18000), others as float."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _digit_string(s: str, digits: dict[str, int]) -> int | None:
    """二〇二五 -> 2025: digit-by-digit writing (years, codes). Needs three or more digits."""
    if len(s) >= 3 and all(ch in digits for ch in s):
        return int("".join(str(digits[ch]) for ch in s))
    return None


def parse_chinese_integer(s: str, capital: bool = False) -> int | None:
    """十四 -> 14, 一百零五 -> 105, 两万 -> 20000, 一亿五千万 -> 150000000; None if malformed.

    Two digits in a row without a unit between them (三四, 十四五) are ambiguous or a
    name, not a number, and give None, except the digit-by-digit style of 二〇二五.
    """
    t = _tables()
    digits = t["capital_digits"] if capital else t["digits"]
    small = t["capital_small"] if capital else t["small"]
    large = t["large"]
    if not s:
        return None
    as_digits = _digit_string(s, digits)
    if as_digits is not None:
        return as_digits
    total = section_value = 0
    number: int | None = None
    prev = ""  # kind of the previous character: digit, zero, small, large
    for ch in s:
        if ch in digits:
            if digits[ch] == 0:
                number, prev = None, "zero"
                continue
            if prev == "digit":
                return None
            number, prev = digits[ch], "digit"
        elif ch in small:
            if number is None:
                # 十 alone means 一十 (十四, 二十万零十); 百 and 千 need a digit.
                if ch not in ("十", "拾") or prev not in ("", "large", "zero"):
                    return None
                number = 1
            section_value += number * small[ch]
            number, prev = None, "small"
        elif ch in large:
            if prev == "":
                return None
            if large[ch] > 10_000:
                total = (total + section_value + (number or 0)) * large[ch]
            else:
                total += (section_value + (number or 0)) * large[ch]
            section_value, number, prev = 0, None, "large"
        else:
            return None
    return total + section_value + (number or 0)


def _parse_chinese(s: str, capital: bool = False) -> int | float | None:
    t = _tables()
    digits = t["capital_digits"] if capital else t["digits"]
    if "点" in s:
        whole, _, frac = s.partition("点")
        value = parse_chinese_integer(whole, capital)
        if value is None or not frac or any(ch not in digits for ch in frac):
            return None
        return _as_number(float(f"{value}.{''.join(str(digits[ch]) for ch in frac)}"))
    return parse_chinese_integer(s, capital)


def _parse_arabic(s: str) -> int | float | None:
    s = s.replace(",", "").replace(" ", "")
    factor = 1
    if s and s[-1] in ARABIC_MULTIPLIERS:
        factor = ARABIC_MULTIPLIERS[s[-1]]
        s = s[:-1]
    if not re.fullmatch(r"\d+(?:\.\d+)?", s):
        return None
    if "." in s:
        return _as_number(round(float(s) * factor, 6))
    return int(s) * factor


_BARE_DENOMINATORS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def _parse_fraction(s: str, capital: bool) -> int | float | None:
    """三分之一 -> 33.33, 千分之五 -> 0.5: a fraction as a number of percent."""
    denominator_text, _, numerator_text = s.partition("分之")
    denominator = _BARE_DENOMINATORS.get(denominator_text) or parse_number(denominator_text, capital)
    numerator = parse_number(numerator_text, capital)
    if not denominator or numerator is None or numerator > denominator:
        return None
    return _as_number(round(numerator * 100 / denominator, 2))


def parse_number(s: str, capital: bool = False) -> int | float | None:
    """The value of a string that is a number and nothing else; None otherwise.

    "3" -> 3, "三" -> 3, "十四" -> 14, "两" -> 2, "1.8万" -> 18000, "1.5" -> 1.5,
    "百分之五十" -> 50 and "50%" -> 50 (number of percent), "１０" -> 10, "零" -> 0.
    Fractions are percentages too: "三分之一" -> 33.33, "千分之五" -> 0.5.
    ``capital=True`` also reads financial digits (伍万 -> 50000), as money does.
    """
    if s is None:
        return None
    s = re.sub(r"\s+", "", fold_width(str(s)))
    if not s:
        return None
    if s.startswith("百分之"):
        return parse_number(s[3:], capital)
    if "分之" in s:
        return _parse_fraction(s, capital)
    if s[-1] in "%％":
        return parse_number(s[:-1], capital)
    if re.fullmatch(rf"{ARABIC}[{''.join(ARABIC_MULTIPLIERS)}]?", s):
        return _parse_arabic(s)
    if re.fullmatch(chinese_numeral_pattern(capital), s):
        return _parse_chinese(s, capital)
    return None


# --------------------------------------------------------------------------- finding numbers


def not_number_mask(text: str) -> list[tuple[int, int]]:
    """Spans of words like 一般/一线/统一 whose numeral characters are not numbers."""
    words = _tables()["not_numbers"]
    pattern = _not_number_regex(tuple(words))
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


@lru_cache(maxsize=4)
def _not_number_regex(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in words))


@lru_cache(maxsize=2)
def _find_regex(capital: bool) -> re.Pattern:
    return re.compile(number_pattern(capital))


def _starts_inside(start: int, spans: list[tuple[int, int]]) -> bool:
    """True when a non-number word covers the first character of a numeral run.

    一般/统一/十四五 cover the run's start; 一千万 is a number although 千万 is a word."""
    return any(s <= start < e for s, e in spans)


def _is_chinese_run(token: str) -> bool:
    return not re.search(r"\d", token)


def _next_to_latin(text: str, start: int, end: int) -> bool:
    """Digits glued to Latin letters are codes (5G, H1N1, ISO9001), not quantities."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(re.match(r"[A-Za-z]", before) or re.match(r"[A-Za-z]", after))


def is_ordinal(text: str, start: int) -> bool:
    """第三批, 第 1 期: an ordinal, not a quantity."""
    prefix = text[:start].rstrip(" ")
    return prefix.endswith(_tables()["ordinal_prefixes"])


def find_numbers(text: str, capital: bool = False, skip_ordinals: bool = True) -> list[Span]:
    """All numbers in ``text`` as Spans (value, text, start, end; unit "%" for percentages).

    Chinese numerals inside listed non-number words (一般, 一致, 之一, “十四五”) are skipped,
    as are ordinals (第一, 第3期) unless ``skip_ordinals`` is False, and digits glued to
    Latin letters (5G). A Chinese run must start with a digit or 十 (万一, 千万 are words).
    """
    folded = fold_width(text)
    masked = not_number_mask(folded)
    t = _tables()
    starters = set(t["capital_digits"] if capital else t["digits"]) | {"十", "拾", "百"}
    spans: list[Span] = []
    for m in _find_regex(capital).finditer(folded):
        token, start = m.group(), m.start()
        if "分之" in token:
            spans_text = token
        elif _is_chinese_run(token):
            if _starts_inside(start, masked):
                continue
            if token[0] not in starters or (token[0] == "百" and not token.startswith("百分之")):
                continue
            spans_text = token
        else:
            spans_text = token
            if _next_to_latin(folded, start, start + len(token.rstrip("%％"))):
                continue
        end = start + len(spans_text)
        if skip_ordinals and is_ordinal(folded, start):
            continue
        value = parse_number(spans_text, capital)
        if value is None:
            continue
        is_percent = "分之" in spans_text or spans_text[-1] in "%％"
        spans.append(Span(value=value, text=text[start:end], start=start, end=end,
                          unit="%" if is_percent else None))
    return spans

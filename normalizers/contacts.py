"""Phone numbers and e-mail addresses in notices and forms.

Normalised phone values:

* mobile: 11 digits starting 1[3-9] -> ``13746001635`` (a +86/86 prefix is dropped);
* landline with area code -> ``0591-87543855`` (010/02x have 3-digit codes, others 4);
* 400/800 service numbers -> ``400-123-4567``;
* a local number without area code (7-8 digits) is read only right after a phone label
  (电话：87543855) and kept as written digits;
* an extension (转123, 分机123, -123 after a full number) is appended as ``转123``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from shenbao.models import Span
from shenbao.normalizers.data import longest_first, section
from shenbao.normalizers.text import fold_width

_DASH = r"[-－—–‐ ]"
_MOBILE = r"(?:(?:\+|００)?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}"
_AREA = r"(?:[(（]\s*0\d{2,3}\s*[)）]|0\d{2,3})"
_LANDLINE = rf"{_AREA}\s*{_DASH}?\s*[2-9]\d{{2,3}}{_DASH}?\d{{4}}"
_SERVICE = rf"[48]00{_DASH}?\d{{3}}{_DASH}?\d{{4}}"
_EXTENSION = r"(?:\s*(?:转|分机|ext\.?|EXT\.?|-)\s*(?P<ext>\d{1,5}))?"


@lru_cache(maxsize=1)
def _phone_regex() -> re.Pattern:
    return re.compile(
        # A number starts after a non-digit, or right after a glued neighbour when it
        # opens with an area code and a dash.
        rf"(?:(?<![\dA-Za-z])|(?<=\d)(?=0\d{{2,3}}[-－—]))(?:(?P<mobile>{_MOBILE})|(?P<service>{_SERVICE})|(?P<landline>{_LANDLINE}))"
        # A number ends at a non-digit, or where the next one's area code starts: PDF
        # table cells glue neighbours together (0592-24400620592-3390477).
        rf"(?:{_EXTENSION})(?:(?!\d)|(?=0\d{{2,3}}[-－—]))"
    )


@lru_cache(maxsize=1)
def _local_regex() -> re.Pattern:
    labels = "|".join(re.escape(w) for w in longest_first(section("contacts")["phone_labels"]))
    return re.compile(rf"(?:{labels})\s*[:：]?\s*(?P<local>[2-9]\d{{6,7}})(?!\d)")


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _area_length(digits: str) -> int:
    """Beijing (010) and the 02x cities have 3-digit area codes; the rest 4."""
    return 3 if digits.startswith(("010", "02")) else 4


def _normalize_digits(digits: str) -> str | None:
    if digits.startswith("0086"):
        digits = digits[4:]
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if re.fullmatch(r"1[3-9]\d{9}", digits):
        return digits
    if re.fullmatch(r"[48]00\d{7}", digits):
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if digits.startswith("0") and 10 <= len(digits) <= 12:
        cut = _area_length(digits)
        local = digits[cut:]
        if re.fullmatch(r"[2-9]\d{6,7}", local):
            return f"{digits[:cut]}-{local}"
    if re.fullmatch(r"[2-9]\d{6,7}", digits):
        return digits
    return None


def normalize_phone(s: str) -> str | None:
    """One phone number in normalised form (see the module docstring), or None."""
    if s is None:
        return None
    # Any dash spelling may separate an extension (0591—87543855—123).
    s = re.sub(r"[－—–‐]", "-", fold_width(str(s)).strip())
    ext = None
    m = re.search(r"(?:转|分机|ext\.?|EXT\.?)\s*(\d{1,5})\s*$", s)
    if m:
        ext, s = m.group(1), s[:m.start()]
    digits = _digits(s)
    base = _normalize_digits(digits)
    if base is None and "-" in s:
        # 0591-87543855-123: a dash extension after a complete landline.
        head, _, tail = s.rpartition("-")
        base = _normalize_digits(_digits(head)) if tail.strip().isdigit() and len(tail.strip()) <= 5 else None
        ext = tail.strip() if base else None
    if base is None:
        return None
    return f"{base}转{ext}" if ext else base


def is_valid_phone(s: str) -> bool:
    """True when ``s`` is one well-formed mobile, landline or 400/800 number."""
    return normalize_phone(s) is not None


def find_phones(text: str) -> list[Span]:
    """Phone numbers in ``text`` with normalised values (lists split on 、 ， ; / etc.)."""
    folded = fold_width(text)
    spans: list[Span] = []
    for m in _phone_regex().finditer(folded):
        raw = m.group("mobile") or m.group("service") or m.group("landline")
        value = _normalize_digits(_digits(raw))
        if value is None:
            continue
        end = m.end()
        if m.group("ext"):
            value = f"{value}转{m.group('ext')}"
        else:
            end = m.start() + len(m.group(0).rstrip())
        spans.append(Span(value=value, text=text[m.start():end], start=m.start(), end=end))
    spans += _continued_locals(text, folded, spans)
    for m in _local_regex().finditer(folded):
        start, end = m.start("local"), m.end("local")
        if any(s.start <= start < s.end for s in spans):
            continue
        spans.append(Span(value=m.group("local"), text=text[start:end], start=start, end=end))
    return sorted(spans, key=lambda s: s.start)


_CONTINUATION = re.compile(r"\s*[、，,/;；或及和]\s*(?P<local>[2-9]\d{6,7})(?!\d)")


def _continued_locals(text: str, folded: str, spans: list[Span]) -> list[Span]:
    """0591-87543855、87543856: a bare local number after a landline shares its area code."""
    extra: list[Span] = []
    for span in spans:
        if "-" not in span.value or not span.value.startswith("0"):
            continue
        area = span.value.split("-")[0]
        pos = span.end
        while (m := _CONTINUATION.match(folded, pos)) is not None:
            local = m.group("local")
            if len(local) != len(span.value.split("-")[1].split("转")[0]):
                break
            start, end = m.start("local"), m.end("local")
            extra.append(Span(value=f"{area}-{local}", text=text[start:end], start=start, end=end))
            pos = end
    return extra


_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+\s*[@＠]\s*[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def find_emails(text: str) -> list[Span]:
    """E-mail addresses; value lower-cased with ＠ and spaces removed."""
    folded = fold_width(text)
    spans = []
    for m in _EMAIL.finditer(folded):
        raw = m.group(0)
        value = re.sub(r"\s+", "", raw).replace("＠", "@").lower()
        spans.append(Span(value=value, text=text[m.start():m.end()], start=m.start(), end=m.end()))
    return spans

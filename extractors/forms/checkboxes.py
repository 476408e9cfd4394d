"""Tick-box groups in a value cell -> the chosen options.

The ingest renders every box as ☑ (ticked) or ☐ whatever the file used (Word
content controls, ■/□, √, [√], ☒), so this module reads only those two glyphs.
An option is the text from its box to the next box (line breaks inside it are
PDF wrapping and are joined). A blank written after an option ("自筹经费来源：
____", "第_2_批") is read by the pattern the corpus gives for it; underscores
alone mean the blank was left empty (null).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from ...normalizers.text import compact
from .labels import drop_option_gloss

CHECKED = "☑"
UNCHECKED = "☐"
CHECK_MARKS = "√✓✔"
FILLED_MARKS = "■▣▪◼"
_BLANK = re.compile(r"[_＿﹍]+")
_CATEGORY_SPLIT = re.compile(r"[：:]")
_BRACKETED_DETAIL = re.compile(r"^(.+?)[（(](.*)[)）]$")


@dataclass
class Option:
    checked: bool
    label: str  # the option's text, whitespace and line breaks removed
    start: int  # offsets of the box and its label within the text that was read
    end: int


def _is_box(text: str, i: int) -> bool:
    ch = text[i]
    if ch in (CHECKED, UNCHECKED):
        return True
    # A check mark glued to the previous option (…项目√自筹经费) is a tick in a cell
    # that has boxes: the renderer may leave it when the spaces around it were lost.
    if ch in FILLED_MARKS:
        # The ingest decides ■ cell by cell; a group laid out one option per row
        # (■ alone in its cell, ☐ in the cells beside it) is read here as a whole.
        return has_options(text)
    return ch in CHECK_MARKS and i + 1 < len(text) and not text[i + 1].isdigit() and has_options(text)


def read_options(text: str) -> list[Option]:
    """Every box in ``text`` with the label after it."""
    positions = [i for i in range(len(text)) if _is_box(text, i)]
    options = []
    for n, i in enumerate(positions):
        stop = positions[n + 1] if n + 1 < len(positions) else len(text)
        raw = text[i + 1:stop]
        label = compact(drop_option_gloss(raw))
        end = i + 1 + len(raw.rstrip())
        options.append(Option(checked=text[i] != UNCHECKED, label=label, start=i, end=end))
    return options


def has_options(text: str) -> bool:
    return CHECKED in text or UNCHECKED in text


def blank_value(text: str) -> str | None:
    """The filled-in part of a blank; None when only underscores (or nothing) are there."""
    value = _BLANK.sub("", text).strip()
    return value or None


def canonical_option(label: str, options: dict[str, list[str]] | None) -> str:
    """The canonical value of an option label, from the corpus's option wordings.

    The longest wording contained in the label wins (是第2批国家级继续教育基地 ->
    国家级); one-character wordings (否) must be the whole label. Without a match
    the label itself is the value, with its blank and brackets removed.
    """
    plain = _strip_blank_part(label)
    if options:
        best, best_len = None, 0
        for value, wordings in options.items():
            for wording in wordings:
                w = compact(wording)
                hit = plain == w if len(w) <= 1 else w in plain
                if hit and len(w) > best_len:
                    best, best_len = value, len(w)
        if best is not None:
            return best
        scored = [(fuzz.ratio(plain, compact(w)), v) for v, ws in options.items() for w in ws]
        if scored:
            score, value = max(scored)
            if score >= 80:
                return value
    return plain


def _strip_blank_part(label: str) -> str:
    """"自筹经费项目（自筹经费来源：___）" -> "自筹经费项目"; a trailing "：___" is cut too."""
    s = re.sub(r"[（(][^（()）]*[：:][^（()）]*[)）]?$", "", label)
    s = re.sub(r"[：:][^：:]*$", "", s) if _BLANK.search(s) else s
    return _BLANK.sub("", s).strip() or label


def split_category(label: str, categories: list[str]) -> tuple[str, str | None]:
    """"突出数字技术：人工智能" or "突出数字技术（人工智能）" -> ("突出数字技术", "人工智能").

    The detail is None when blank."""
    bracketed = _BRACKETED_DETAIL.match(label)
    if bracketed and not _CATEGORY_SPLIT.search(bracketed.group(1)):
        # "对接产业需求（海洋生物医药）": the detail written in brackets after the category.
        head, inner = bracketed.group(1), bracketed.group(2)
        inner_parts = _CATEGORY_SPLIT.split(inner, maxsplit=1)  # （请注明：____）
        detail = blank_value(inner_parts[-1])
        if len(inner_parts) == 1 and _is_hint(inner):  # （请注明） is an instruction, not a detail
            detail = None
    else:
        parts = _CATEGORY_SPLIT.split(label, maxsplit=1)
        head = parts[0]
        detail = blank_value(parts[1]) if len(parts) > 1 else None
    if categories:
        scored = max((fuzz.ratio(head, c), c) for c in categories)
        if scored[0] >= 80:
            head = scored[1]
        elif detail is None:
            # "对接产业需求 盐碱地特色农业" (the detail in the next cell or after a space):
            # a known category starting the label, the rest is the detail.
            prefix = next((c for c in sorted(categories, key=len, reverse=True) if head.startswith(c)), None)
            if prefix is not None:
                head, detail = prefix, blank_value(head[len(prefix):])
    return head, detail


def _is_hint(text: str) -> bool:
    from .labels import form_labels

    return any(cue in compact(text) for cue in form_labels().get("hint_cues", []))


def read_blank(label: str, spec: dict[str, Any]) -> str | None:
    """The text written in an option's blank, by the corpus pattern (group 1)."""
    m = re.search(spec["pattern"], label)
    if not m:
        return None
    return blank_value(m.group(1))

"""Text clean-up: small pure functions applied to every line a backend reads.

Why: the same notice comes as PDF, DOCX and text, with full-width digits,
stray spaces between CJK characters (``2025 年 1 月 16 日``) and non-breaking
spaces. Downstream patterns and evidence offsets need one spelling.
CJK punctuation (（）：，；) is kept: it is part of the sentences we quote.
"""

from __future__ import annotations

import re
import unicodedata

# Full-width digits and Latin letters -> ASCII; CJK punctuation stays as written.
_WIDTH_MAP = {cp: cp - 0xFEE0 for rng in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
              for cp in range(rng[0], rng[1] + 1)}
_SPACES = "\u00a0\u2002\u2003\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"))

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# A space with CJK (or CJK punctuation) on at least one side carries no meaning.
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}]) +|  *(?=[{_CJK}])")
_MULTI_SPACE = re.compile(r" {2,}")


def fold_width(text: str) -> str:
    """Full-width digits and letters to ASCII (０１２ -> 012, ＡＢ -> AB)."""
    return text.translate(_WIDTH_MAP)


def fold_spaces(text: str) -> str:
    """Every kind of space to one ASCII space; zero-width characters removed."""
    text = text.translate(_ZERO_WIDTH)
    return "".join(" " if ch in _SPACES else ch for ch in text)


def drop_cjk_spaces(text: str) -> str:
    """Remove spaces next to CJK characters, keep single spaces between Latin words."""
    text = _SPACE_NEAR_CJK.sub("", text)
    return _MULTI_SPACE.sub(" ", text)


def normalize_line(text: str) -> str:
    """The clean-up applied to one line of a document."""
    text = unicodedata.normalize("NFC", text)
    return drop_cjk_spaces(fold_spaces(fold_width(text))).strip(" ")


def normalize_text(text: str) -> str:
    """Clean every line of a multi-line text; line breaks are kept."""
    return "\n".join(normalize_line(line) for line in text.split("\n"))


def compact(text: str) -> str:
    """All whitespace removed: for comparing labels such as ``项 目 名 称``."""
    return re.sub(r"\s+", "", fold_spaces(fold_width(text)))

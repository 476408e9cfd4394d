"""How alike two names are: programme names, form labels, issuing bodies.

Each caller first puts both names in its own comparable spelling (a label
without its hint, a programme without quotes); the score below is shared so that
"equal", "one inside the other" and "a close spelling" mean the same everywhere.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .text import fold_width

_PUNCT = re.compile(r"[\s\"'“”‘’「」『』《》〈〉【】\[\]·•、，,。.:：;；!！?？\-—_/（）()]+")


def canonical(text: str | None) -> str:
    """Spelling-insensitive form of a name: no spaces, quotes or punctuation, half-width, lower case."""
    if not text:
        return ""
    return _PUNCT.sub("", fold_width(text)).lower()


def name_similarity(a: str, b: str, *, containment: bool = False, min_len: int = 1) -> float:
    """0-100 for two names already normalised: 0 when either is empty, 100 when equal.

    With ``containment`` one name inside the other scores 90-100 (closer lengths score
    more, never 100). Names shorter than ``min_len`` only match exactly: a fuzzy match
    on two or three characters is a coin toss. Otherwise the edit ratio."""
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    if containment and (a in b or b in a):
        return 90.0 + 10.0 * min(len(a), len(b)) / max(len(a), len(b)) - 0.01
    if min(len(a), len(b)) < min_len:
        return 0.0
    return float(fuzz.ratio(a, b))

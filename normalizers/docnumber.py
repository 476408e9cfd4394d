"""Official document numbers (发文字号): 闽人社办〔2025〕7号, 人社部发〔2021〕73号.

The year may be bracketed by 〔〕 [] 【】 （） () ［］ 〈〉 or written with spaces; the value
always uses 〔〕 and no spaces: ``人社部发[2021] 73 号`` -> ``人社部发〔2021〕73号``.
Words that often stand before an issuer's abbreviation (根据, 按照, 转发...) are listed
in corpus/normalizers.yaml and are not part of the number.
"""

from __future__ import annotations

import re
from functools import lru_cache

from shenbao.models import Span
from shenbao.normalizers.data import longest_first, section
from shenbao.normalizers.text import fold_width

_OPEN = "〔[【（(［〈<{｛"
_CLOSE = "〕]】）)］〉>}｝"
# The issuer abbreviation and the document kind: CJK characters only (闽人社办, 国办发).
_PREFIX = r"[\u4e00-\u9fff]{1,12}"
_DOC_NUMBER = re.compile(
    rf"(?P<prefix>{_PREFIX})\s*[{re.escape(_OPEN)}]\s*(?P<year>(?:19|20)\d{{2}})\s*[{re.escape(_CLOSE)}]"
    rf"\s*第?\s*(?P<serial>\d{{1,5}})\s*号"
)


@lru_cache(maxsize=1)
def _lead_words() -> list[str]:
    return longest_first(section("doc_numbers")["lead_words"])


def _strip_lead_words(prefix: str) -> tuple[str, int]:
    """Remove leading words that are not part of the issuer (根据闽人社办 -> 闽人社办).

    Returns the cleaned prefix and how many characters were cut from its start. A lead
    word found inside the prefix cuts everything up to it (关于印发…通知闽人社发 is rare,
    but 《…》（闽人社发 is handled by the bracket, not here).
    """
    cut = 0
    changed = True
    while changed and prefix:
        changed = False
        for word in _lead_words():
            at = prefix.rfind(word)
            if at >= 0 and len(prefix) - (at + len(word)) >= 2:
                prefix, cut = prefix[at + len(word):], cut + at + len(word)
                changed = True
                break
    return prefix, cut


def find_doc_numbers(text: str) -> list[Span]:
    """All document numbers in ``text``; values in the 〔〕 form without spaces."""
    folded = fold_width(text)
    spans = []
    for m in _DOC_NUMBER.finditer(folded):
        prefix, cut = _strip_lead_words(m.group("prefix"))
        if not prefix:
            continue
        start = m.start("prefix") + cut
        value = f"{prefix}〔{m.group('year')}〕{int(m.group('serial'))}号"
        spans.append(Span(value=value, text=text[start:m.end()], start=start, end=m.end()))
    return spans


def find_doc_number(text: str) -> Span | None:
    """The first document number in ``text`` (a notice's own number is near its top)."""
    spans = find_doc_numbers(text)
    return spans[0] if spans else None


def normalize_doc_number(s: str) -> str | None:
    """The normalised form of one document number, or None if ``s`` holds none."""
    span = find_doc_number(s) if s else None
    return span.value if span else None

"""Professional titles (职称) and their four ranks: 初级 < 中级 < 副高级 < 正高级.

``normalize_title`` maps a written title (高级工程师, 副教授, 主治医师, 副高级及以上) to one
of the four levels. The ordered rules live in corpus/normalizers.yaml: the first
word found in the compacted title decides, exceptions before the words they contain
(助理研究员 is 中级 although it contains 助理 and 研究员; 高级 alone means 副高级).
"""

from __future__ import annotations

from functools import lru_cache

from shenbao.normalizers.data import section
from shenbao.normalizers.text import compact


@lru_cache(maxsize=1)
def _rules() -> list[tuple[str, str]]:
    return [(word, level) for word, level in section("titles")["rules"]]


@lru_cache(maxsize=1)
def _ranks() -> dict[str, int]:
    return dict(section("titles")["ranks"])


def normalize_title(s: str) -> str | None:
    """One of 正高级/副高级/中级/初级 for a written title; None when none is recognised."""
    if not s:
        return None
    text = compact(str(s))
    for word, level in _rules():
        if word in text:
            return level
    return None


def title_rank(s: str) -> int | None:
    """1 (初级) .. 4 (正高级) for a title or a level name; None when unknown."""
    level = normalize_title(s)
    return _ranks().get(level) if level else None


def meets_title(actual: str, required: str) -> bool | None:
    """True when ``actual`` is at least the ``required`` level; None if either is unknown."""
    have, need = title_rank(actual), title_rank(required)
    if have is None or need is None:
        return None
    return have >= need

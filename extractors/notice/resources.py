"""The notice extractor's data from corpus/, loaded once per process."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ...config import corpus_yaml


@cache
def load_yaml(name: str) -> dict[str, Any]:
    return corpus_yaml(name)


def attributes() -> dict[str, Any]:
    return load_yaml("attributes.yaml")


def patterns() -> dict[str, Any]:
    return load_yaml("requirement_patterns.yaml")


def programs_data() -> dict[str, Any]:
    return load_yaml("programs.yaml")


def notice_kinds() -> dict[str, Any]:
    return load_yaml("notice_kinds.yaml")


def topic_rules() -> dict[str, Any]:
    return load_yaml("topic_scope.yaml")


@cache
def compiled(regex: str) -> re.Pattern:
    return re.compile(regex)


def alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first (so 研修项目 wins over 项目)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

"""The word lists of corpus/normalizers.yaml, loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from shenbao.config import corpus_yaml


@lru_cache(maxsize=1)
def normalizer_data() -> dict[str, Any]:
    return corpus_yaml("normalizers.yaml")


def section(name: str) -> dict[str, Any]:
    return normalizer_data()[name]


def longest_first(words) -> list[str]:
    """Alternatives for a regex: longer words must be tried before their prefixes."""
    return sorted(set(words), key=lambda w: (-len(w), w))

"""The word lists of corpus/normalizers.yaml, loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from shenbao.config import corpus_file


@lru_cache(maxsize=1)
def normalizer_data() -> dict[str, Any]:
    with open(corpus_file("normalizers.yaml"), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def section(name: str) -> dict[str, Any]:
    return normalizer_data()[name]


def longest_first(words) -> list[str]:
    """Alternatives for a regex: longer words must be tried before their prefixes."""
    return sorted(set(words), key=lambda w: (-len(w), w))

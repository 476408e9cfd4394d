"""Paths and settings. Everything a bureau might change lives in corpus/ as data."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CORPUS_DIR = PACKAGE_DIR / "corpus"


def shared_dir() -> Path:
    """The samples and seed notices the tests and evaluations read (override with SHENBAO_SHARED).

    The repository carries its own copy under tests/data/shared, so a fresh clone needs nothing beside it.
    """
    env = os.environ.get("SHENBAO_SHARED")
    return Path(env) if env else PACKAGE_DIR / "tests" / "data" / "shared"


def registry_path() -> Path:
    """The SQLite rule-set registry (override with SHENBAO_DB)."""
    env = os.environ.get("SHENBAO_DB")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "shenbao" / "rules.db"


def corpus_file(name: str) -> Path:
    return CORPUS_DIR / name

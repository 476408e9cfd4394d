"""Paths and settings. Everything a bureau might change lives in corpus/ as data."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

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


@cache
def corpus_yaml(name: str) -> Any:
    """A corpus YAML file, parsed once per process with libyaml's C loader where it is built
    (ten times the pure-Python one). Callers share the object: treat it as read-only.
    A missing file reads as an empty mapping."""
    import yaml

    path = corpus_file(name)
    if not path.exists():
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}


# Address space a screening worker may use (SHENBAO_WORKER_MEMORY_MB; 0 for no cap). Parsing one
# form takes well under 300 MB; a file that needs more is hostile or broken.
DEFAULT_WORKER_MEMORY_MB = 2048


# Seconds one file may take in a worker (SHENBAO_FILE_TIMEOUT_S; 0 for no cap). A born-digital form
# takes well under a second and a scanned page a few; a file that takes ten minutes is stuck.
DEFAULT_FILE_TIMEOUT_S = 600


def file_timeout() -> int | None:
    raw = os.environ.get("SHENBAO_FILE_TIMEOUT_S", "").strip()
    seconds = int(raw) if raw.isdigit() else DEFAULT_FILE_TIMEOUT_S
    return seconds if seconds > 0 else None


def worker_memory_limit() -> int | None:
    raw = os.environ.get("SHENBAO_WORKER_MEMORY_MB", "").strip()
    mb = int(raw) if raw.isdigit() else DEFAULT_WORKER_MEMORY_MB
    return mb * 1024 * 1024 if mb > 0 else None

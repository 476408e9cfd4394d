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
    """A corpus YAML file, parsed once per process. Callers share the object: treat it as
    read-only. A missing file reads as an empty mapping.

    The parsed data is kept in the user's cache folder (shenbao/cache.py) under a digest of the
    file's bytes, so a start-up unpickles it instead of parsing YAML again; an edited file has a
    new digest and is parsed anew (with libyaml's C loader where it is built, ten times the
    pure-Python one)."""
    path = corpus_file(name)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    from . import cache as disk_cache

    stem = name.replace("/", "_")
    entry = disk_cache.folder() / "corpus" / f"{stem}-{disk_cache.digest(YAML_CACHE_FORMAT, name, raw)}.pickle"
    found = disk_cache.load(entry)
    if isinstance(found, tuple) and len(found) == 2 and found[0] == YAML_CACHE_FORMAT:
        return found[1]
    # as read_text would: universal newlines
    data = parse_yaml(raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))
    disk_cache.store(entry, (YAML_CACHE_FORMAT, data), stale=f"{stem}-*.pickle")
    return data


YAML_CACHE_FORMAT = "shenbao-corpus-yaml-1"


def parse_yaml(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader) or {}


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

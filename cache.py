"""Derived data kept between runs in the user's cache folder (``SHENBAO_CACHE``, else
``$XDG_CACHE_HOME/shenbao`` or ``~/.cache/shenbao``).

What is kept is only ever a faster way to the same answer: the parsed corpus files, the topic
index, jieba's prefix table by first character. Every entry is named by a digest of everything
it was computed from (the files' bytes, the package version, the code that computes it), so a
changed corpus file or a new release is simply a new entry. An entry that cannot be read (cut
short, damaged, from another Python) reads as missing and is computed again; a folder that cannot
be written leaves the work to be redone at every start, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from . import __version__

PACKAGE_DIR = Path(__file__).resolve().parent


def folder() -> Path:
    env = os.environ.get("SHENBAO_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "shenbao"


def digest(*parts: bytes | str) -> str:
    """A short hex digest of the parts, with the package version (each part delimited)."""
    h = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:24]


def code_stamp(*modules: str) -> str:
    """Size and modification time of the package's own source files that compute an entry
    (paths relative to the package), so that editing the code invalidates what it computed."""
    out = []
    for rel in modules:
        try:
            stat = (PACKAGE_DIR / rel).stat()
            out.append(f"{rel}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            out.append(f"{rel}:-")
    return "|".join(out)


def load(path: Path) -> Any | None:
    """The object pickled at ``path``, or None when there is none or it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - a damaged entry is a missing entry
        return None


def store(path: Path, value: Any, stale: str | None = None, keep: int = 1) -> None:
    """Pickle ``value`` to ``path`` atomically (readers see the whole file or none). ``stale``,
    a glob in the same folder, names earlier entries of the same thing: all but the ``keep``
    most recently written (this one included) are removed. Any failure to write is ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:  # noqa: BLE001 - unpicklable or unwritable: nothing is kept
        return
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    if stale:
        others = []
        for old in path.parent.glob(stale):
            with contextlib.suppress(OSError):
                if old != path:
                    others.append((old.stat().st_mtime_ns, old))
        for _, old in sorted(others, reverse=True)[max(0, keep - 1):]:
            with contextlib.suppress(OSError):
                old.unlink()

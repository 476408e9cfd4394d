"""Regular expressions compiled on first use.

Compiling a pattern with CJK ranges (``[\\u4e00-\\u9fff]{2,6}``) costs a millisecond or more, and
a module of the notice stage holds a dozen such patterns at module level, most of which a short
notice never reaches (contacts, tick boxes, tables). ``lazy_compile`` stands for ``re.compile``
there: the pattern is compiled the first time one of its methods or attributes is asked for, and
from then on answers as the compiled pattern does (``search``, ``match``, ``finditer``, ``sub``,
``pattern``, ``groupindex`` …). Only attribute access is supported: pass ``.pattern`` or the
compiled pattern itself (``lazy.compiled``) where a function of ``re`` wants one.
"""

from __future__ import annotations

import re


class LazyPattern:
    """A ``re.Pattern`` compiled on first use (attributes are looked up on it once, then kept)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.__dict__["_source"] = (pattern, flags)

    @property
    def compiled(self) -> re.Pattern:
        return re.compile(*self.__dict__["_source"])  # re's own cache holds it after the first time

    def __getattr__(self, name: str):
        if name.startswith("__") or "_source" not in self.__dict__:
            raise AttributeError(name)
        value = getattr(self.compiled, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        pattern, flags = self.__dict__["_source"]
        return f"lazy_compile({pattern!r}, {flags!r})"


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)

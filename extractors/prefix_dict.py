"""jieba's prefix dictionary, read one first character at a time.

jieba keeps its dictionary as one dict of about 500 000 words and prefixes and loads all of it
(``marshal.load`` of its cache, about 0.6 s and 70 MB) before cutting a single sentence, so every
command that reads a notice or a topic paid that at start-up. The dictionary is only ever asked
about strings of the text being cut, and jieba asks for a string only after its first character
(``get_DAG`` walks prefixes from each position). So the table is split by first character into
one file (an index, then one marshalled shard per character), written once per jieba version in
the user's cache folder, and ``ShardedPrefixDict`` loads a shard the first time a string starting
with that character is looked up. A short text touches a few dozen shards; a long one most of
them, never more than the whole table. Lookups answer exactly as the full dict would.

Where the cache cannot be written (a read-only home), jieba's own loading is used unchanged.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path

from .. import cache

FORMAT = b"shenbao-jieba-prefix-1\n"


class ShardedPrefixDict(dict):
    """A dict of jieba's prefix table whose entries for a first character load on first use.

    Only what jieba does with its table is supported lazily (``in``, ``[]``, ``get``,
    ``[]=``); anything that walks the whole table (``len``, iteration, ``copy``) sees only the
    shards loaded so far: call ``load_all`` first.

    Each lookup costs a Python call that a plain dict's does not (segmenting is about 1.5x
    slower), which pays only while few shards are in. ``when_mostly_loaded`` is called once
    when half of the table's bytes have been read: the owner then swaps in a plain dict.
    """

    def __init__(self, path: Path, index: dict[str, tuple[int, int]], when_mostly_loaded=None) -> None:
        super().__init__()
        self._path, self._pending = path, dict(index)
        self._overlay: dict[str, dict[str, int]] = {}  # entries set before their shard was read
        self.journal: dict[str, int] | None = None  # while a dict: every entry set, with its last value
        self._unread = self._half = sum(length for _, length in index.values()) // 2
        self.when_mostly_loaded = when_mostly_loaded

    def _load(self, key: str) -> None:
        span = self._pending.pop(key[:1], None)
        if span is None:
            return
        with open(self._path, "rb") as fh:
            fh.seek(span[0])
            shard = marshal.loads(fh.read(span[1]))
        # No entry of this first character can be here yet: every write loads its shard first
        # (or waits in the overlay, applied over the shard).
        dict.update(self, shard)
        dict.update(self, self._overlay.pop(key[:1], {}))
        self._unread -= span[1]
        if self._unread <= 0 and self.when_mostly_loaded is not None:
            hook, self.when_mostly_loaded = self.when_mostly_loaded, None
            hook()

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str) and key[:1] in self._pending:
            self._load(key)
        return dict.__contains__(self, key)

    def __getitem__(self, key: str) -> int:
        if key[:1] in self._pending:
            self._load(key)
        return dict.__getitem__(self, key)

    def get(self, key: str, default=None):
        if key[:1] in self._pending:
            self._load(key)
        return dict.get(self, key, default)

    def __setitem__(self, key: str, value: int) -> None:
        if key[:1] in self._pending:
            self._load(key)
        if self.journal is not None:
            self.journal[key] = value
        dict.__setitem__(self, key, value)

    def overlay(self, entries: dict[str, int]) -> None:
        """Set many entries without reading their shards now: each is applied over its shard when
        that is read (as if set after it), so the table answers as if every entry had been set."""
        for key, value in entries.items():
            first = key[:1]
            if first in self._pending:
                self._overlay.setdefault(first, {})[key] = value
            else:
                dict.__setitem__(self, key, value)

    def load_all(self) -> None:
        for first in list(self._pending):
            self._load(first)


def _cache_folder() -> Path:
    return cache.folder()


def _cache_path(dictionary: Path) -> Path:
    stat = dictionary.stat()
    key = hashlib.sha256(f"{dictionary}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    return _cache_folder() / f"jieba-prefix-{key}.bin"


def _write_shards(path: Path, freq: dict[str, int], total: int) -> None:
    by_first: dict[str, dict[str, int]] = {}
    for word, count in freq.items():
        by_first.setdefault(word[:1], {})[word] = count
    blobs = {first: marshal.dumps(shard) for first, shard in by_first.items()}
    index, offset = {}, 0
    for first, blob in blobs.items():
        index[first] = (offset, len(blob))
        offset += len(blob)
    header = marshal.dumps((index, total))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".jieba-prefix-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(FORMAT + len(header).to_bytes(8, "little") + header)
            for blob in blobs.values():
                fh.write(blob)
        os.replace(temporary, path)  # readers see a whole file or none
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _read_index(path: Path) -> tuple[dict[str, tuple[int, int]], int] | None:
    try:
        with open(path, "rb") as fh:
            if fh.read(len(FORMAT)) != FORMAT:
                return None
            size = int.from_bytes(fh.read(8), "little")
            index, total = marshal.loads(fh.read(size))
    except (OSError, ValueError, EOFError, TypeError):
        return None
    base = len(FORMAT) + 8 + size
    return {first: (base + offset, length) for first, (offset, length) in index.items()}, total


def sharded_table(jieba) -> tuple[ShardedPrefixDict, int] | None:
    """jieba's default prefix table as a ShardedPrefixDict and its total, building the shard file
    on first use; None where it cannot be written or read (jieba then loads its own way)."""
    dictionary = Path(jieba.DEFAULT_DICT_NAME if os.path.isabs(jieba.DEFAULT_DICT_NAME)
                      else Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME)
    try:
        path = _cache_path(dictionary)
        found = _read_index(path)
        if found is None:
            with open(dictionary, "rb") as fh:
                freq, total = jieba.Tokenizer.gen_pfdict(fh)
            _write_shards(path, freq, total)
            found = _read_index(path)
    except OSError:
        return None
    if found is None:
        return None
    index, total = found
    return ShardedPrefixDict(path, index), total


def initialize(tokenizer, jieba) -> None:
    """Initialise ``tokenizer`` (jieba's default dictionary) with the sharded table, or the usual way."""
    if tokenizer.initialized:
        return
    table = sharded_table(jieba)
    if table is None:
        tokenizer.initialize()
        return
    with tokenizer.lock:
        install(tokenizer, table)


def install(tokenizer, table: tuple[ShardedPrefixDict, int]) -> None:
    """``tokenizer`` initialised with a sharded table, which becomes a plain dict (all shards
    read) once most of it has been asked for: long documents and bulk work keep dict speed."""
    tokenizer.FREQ, tokenizer.total = table
    tokenizer.FREQ.when_mostly_loaded = lambda: whole_table(tokenizer)
    tokenizer.initialized = True


def set_entries(tokenizer, entries: dict[str, int], total_delta: int) -> None:
    """Give ``tokenizer`` these table entries (words and their prefixes, as ``add_word`` leaves
    them) and add ``total_delta`` to its total, without reading the shards they fall in."""
    if isinstance(tokenizer.FREQ, ShardedPrefixDict):
        tokenizer.FREQ.overlay(entries)
    else:
        tokenizer.FREQ.update(entries)
    tokenizer.total += total_delta


WORDS_FORMAT = "shenbao-jieba-words-1"
WORDS_KEEP = 4  # entries kept: the shared dictionary's, the topic segmenter's, and a change or two


def added_words(tokenizer, key: str, add):
    """Run ``add()``, which adds words to ``tokenizer`` (``load_userdict``, ``add_word``) and
    returns something picklable, or replay what it did the last time under the same ``key``.

    The entries ``add`` sets in the table (each word and its new prefixes), what it adds to the
    total and to the tag table, and what it returned are kept in the user's cache named by
    ``key``: replaying them sets the same entries without reading the shards they fall in (a
    user dictionary touches a few hundred first characters; a short text, a few dozen). ``key``
    must name everything ``add`` depends on. Only a sharded table is recorded.
    """
    if not isinstance(tokenizer.FREQ, ShardedPrefixDict) or tokenizer.FREQ.journal is not None:
        return add()
    path = cache.folder() / f"jieba-words-{cache.digest(WORDS_FORMAT, key, tokenizer.FREQ._path.name)}.pickle"
    found = cache.load(path)
    if isinstance(found, tuple) and len(found) == 5 and found[0] == WORDS_FORMAT:
        _, entries, total_delta, tags, result = found
        set_entries(tokenizer, entries, total_delta)
        tokenizer.user_word_tag_tab.update(tags)
        return result
    table, total_before, tags_before = tokenizer.FREQ, tokenizer.total, dict(tokenizer.user_word_tag_tab)
    finalseg = getattr(sys.modules.get(type(tokenizer).__module__), "finalseg", None)
    forced_before = set(getattr(finalseg, "Force_Split_Words", ()))
    table.journal = {}
    try:
        result = add()
        entries = table.journal
    finally:
        table.journal = None
    # Nothing is kept when the table was swapped for a plain dict meanwhile, or a word of frequency
    # 0 was added (jieba then also changes a module-wide set of words to split).
    if tokenizer.FREQ is table and set(getattr(finalseg, "Force_Split_Words", ())) == forced_before:
        tags = {w: t for w, t in tokenizer.user_word_tag_tab.items() if tags_before.get(w) != t}
        cache.store(path, (WORDS_FORMAT, entries, tokenizer.total - total_before, tags, result),
                    stale="jieba-words-*.pickle", keep=WORDS_KEEP)
    return result


def whole_table(tokenizer) -> None:
    """Give ``tokenizer`` its whole prefix table as a plain dict (no Python call per lookup)."""
    if isinstance(tokenizer.FREQ, ShardedPrefixDict):
        tokenizer.FREQ.load_all()
        tokenizer.FREQ = dict(tokenizer.FREQ)

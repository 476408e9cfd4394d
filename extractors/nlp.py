"""The process-wide segmentation pipeline: jieba with the domain dictionary, and a
blank spaCy ``zh`` pipeline whose tokenizer is jieba.

The domain dictionary has two parts: corpus/jieba_user.txt (domain terms, shared
with the topic classifier) and the cue phrases of the notice corpus
(corpus/attributes.yaml cues, corpus/programs.yaml suffixes, the strength words of
corpus/requirement_patterns.yaml). Every cue phrase is made a jieba word so that it
comes out as one token and spaCy's PhraseMatcher can find it (不少于 would
otherwise be cut 不少/于, 参训人员 参训/人员).

Where the one-time cost goes (about 1.3 s on the reference machine, measured by
benchmarks/bench_notice.py): ``import spacy`` about 0.6 s, jieba's prefix dictionary
about 0.6 s (unmarshalling its 500 000-entry cache from the temp dir is hardly
cheaper than building it from dict.txt), the domain words a few milliseconds.
Both happen once per process; every extractor asks ``get_nlp()`` for the shared
instance. No pretrained model is needed (none is installable here).

API (kept small on purpose, other stages rely on it): ``get_nlp()``,
``load_user_dict()``, ``domain_words()``.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import types
from functools import lru_cache

from ..config import corpus_file, corpus_yaml
from . import prefix_dict

_LOCK = threading.Lock()
_USER_DICT_LOADED = False
# Each cue phrase added to jieba's dictionary with the frequency it had before (0 = not a word),
# so that a tokenizer without the cue phrases can be derived without loading jieba twice.
CUE_PRIOR: dict[str, int] = {}
# Frequency given to a cue phrase: high enough that jieba keeps it whole against
# the split into its parts, as a user dictionary entry should.
CUE_FREQ = 2000


def _yaml(name: str) -> dict:
    return corpus_yaml(name)


@lru_cache(maxsize=1)
def domain_words() -> tuple[str, ...]:
    """The cue phrases of the notice corpus, each to be one token."""
    words: list[str] = []
    for spec in (_yaml("attributes.yaml").get("attributes") or {}).values():
        words += spec.get("cues", []) if isinstance(spec, dict) else []
    programs = _yaml("programs.yaml")
    words += programs.get("suffixes", [])
    patterns = _yaml("requirement_patterns.yaml")
    for group in (patterns.get("strength") or {}).values():
        words += group
    words += patterns.get("token_words", [])
    return tuple(dict.fromkeys(w for w in words if isinstance(w, str) and len(w) >= 2))


def load_user_dict() -> None:
    """Load corpus/jieba_user.txt and the cue phrases into jieba once (later calls do nothing)."""
    global _USER_DICT_LOADED
    with _LOCK:
        if _USER_DICT_LOADED:
            return
        jieba = import_jieba()
        jieba.setLogLevel(logging.WARNING)
        prefix_dict.initialize(jieba.dt, jieba)
        path = corpus_file("jieba_user.txt")
        words = domain_words()

        def add() -> dict[str, int]:
            if path.exists():
                jieba.load_userdict(str(path))
            freq = jieba.dt.FREQ
            prior = {}
            for word in words:
                prior.setdefault(word, freq.get(word, 0))
                jieba.add_word(word, freq=max(freq.get(word, 0), CUE_FREQ))
            return prior

        # Replayed from the user's cache when the dictionary and the cue phrases are unchanged.
        prior = prefix_dict.added_words(jieba.dt, _words_key(path, words), add)
        for word, value in prior.items():
            CUE_PRIOR.setdefault(word, value)
        _USER_DICT_LOADED = True


def private_tokenizer():
    """A jieba tokenizer of its own with the default dictionary and corpus/jieba_user.txt, but
    not the notice stage's cue phrases (for a stage that adds words of its own).

    Its table is read shard by shard like the shared one's (extractors/prefix_dict.py). Where
    that cannot be, it starts as a copy of the shared table less the cue phrases, so that
    jieba's dictionary is still loaded only once per process.
    """
    jieba = import_jieba()
    tokenizer = jieba.Tokenizer()
    table = prefix_dict.sharded_table(jieba)
    if table is not None:
        prefix_dict.install(tokenizer, table)
        path = corpus_file("jieba_user.txt")
        if path.exists():
            prefix_dict.added_words(tokenizer, _words_key(path, ()), lambda: tokenizer.load_userdict(str(path)))
        return tokenizer
    load_user_dict()
    shared = jieba.dt
    freq, total = dict(shared.FREQ), shared.total
    for word, prior in CUE_PRIOR.items():
        total -= freq.get(word, 0)  # add_word added the whole frequency; the prior one stays
        freq[word] = prior
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return tokenizer


def _words_key(user_dict, words) -> str:
    """What the words added to a tokenizer depend on: the user dictionary, the cue phrases, the code."""
    from .. import cache

    try:
        raw = user_dict.read_bytes()
    except OSError:
        raw = b""
    return "|".join([cache.code_stamp("extractors/nlp.py", "extractors/prefix_dict.py"),
                     cache.digest(raw, "\n".join(words))])


def import_jieba():
    """``import jieba``, without pkg_resources.

    jieba opens its dictionary through pkg_resources when that imports, and importing it costs
    about 0.2 s of every command's start-up; when it does not import, jieba opens the same file
    by its path (jieba/_compat.py). Nothing else here uses pkg_resources.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # makes ``import pkg_resources`` raise ImportError
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def import_spacy():
    """``import spacy``, without its command line.

    spacy/__init__.py imports ``spacy.cli.info`` for one convenience function, and with it every
    CLI command (model download over HTTP, project templates): about 0.4 s of start-up that a
    pipeline never uses. A placeholder stands in for the package while spaCy imports and is
    removed after, so ``spacy.cli`` still imports for real if anything asks for it.
    """
    if "spacy" in sys.modules:
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info = types.ModuleType("spacy.cli.info")
    info.info = None
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy
    finally:
        for name in ("spacy.cli.info", "spacy.cli"):
            if sys.modules.get(name) in (cli, info):
                del sys.modules[name]
    for name in ("cli", "info"):
        if getattr(spacy, name, None) in (cli, info, None):
            with contextlib.suppress(AttributeError):
                delattr(spacy, name)
    return spacy


@lru_cache(maxsize=1)
def get_nlp():
    """The shared ``spacy.blank("zh")`` pipeline with the jieba segmenter and the domain dictionary."""
    spacy = import_spacy()
    load_user_dict()
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


PHRASES_FORMAT = "shenbao-phrase-tokens-1"


def phrase_docs(phrases: list[str]) -> list:
    """``get_nlp().make_doc`` of each phrase (the patterns of a PhraseMatcher).

    Cutting a few hundred cue phrases reads jieba's table for every character in them; the tokens
    depend only on the dictionaries, so they are kept in the user's cache (named by the user
    dictionary, the cue phrases, the phrases and the code) and the Docs are made from them
    directly, as the tokenizer makes its own.
    """
    from spacy.tokens import Doc

    from .. import cache

    nlp = get_nlp()
    jieba = import_jieba()
    spacy = import_spacy()
    unique = sorted(set(phrases))  # the key must not depend on the order (some come from a set)
    key = cache.digest(PHRASES_FORMAT, _words_key(corpus_file("jieba_user.txt"), domain_words()),
                       cache.code_stamp("extractors/notice/cues.py"), getattr(jieba, "__version__", ""),
                       getattr(spacy, "__version__", ""), "\n".join(unique))
    path = cache.folder() / f"phrase-tokens-{key}.pickle"
    found = cache.load(path)
    if isinstance(found, dict) and all(phrase in found for phrase in unique):
        try:
            return [Doc(nlp.vocab, words=list(found[p][0]), spaces=list(found[p][1])) for p in phrases]
        except (TypeError, ValueError, IndexError):
            pass
    docs = [nlp.make_doc(phrase) for phrase in phrases]
    tokens = {phrase: ([t.text for t in doc], [bool(t.whitespace_) for t in doc])
              for phrase, doc in zip(phrases, docs, strict=True)}
    cache.store(path, tokens, stale="phrase-tokens-*.pickle", keep=PHRASES_KEEP)
    return docs


PHRASES_KEEP = 4  # the attribute cues, the programme suffixes, and a change or two

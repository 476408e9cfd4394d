"""The process-wide segmentation pipeline: jieba with the domain dictionary, and a
blank spaCy ``zh`` pipeline whose tokenizer is jieba.

Loading jieba's dictionary and building a spaCy pipeline costs about a second, so
both happen once per process; every extractor asks ``get_nlp()`` for the shared
instance. No pretrained model is needed (none is installable here).

API (kept small on purpose, other stages rely on it): ``get_nlp()``,
``load_user_dict()``.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

from ..config import corpus_file

_LOCK = threading.Lock()
_USER_DICT_LOADED = False


def load_user_dict() -> None:
    """Load corpus/jieba_user.txt into jieba once (later calls do nothing)."""
    global _USER_DICT_LOADED
    with _LOCK:
        if _USER_DICT_LOADED:
            return
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        path = corpus_file("jieba_user.txt")
        if path.exists():
            jieba.load_userdict(str(path))
        _USER_DICT_LOADED = True


@lru_cache(maxsize=1)
def get_nlp():
    """The shared ``spacy.blank("zh")`` pipeline with the jieba segmenter and the domain dictionary."""
    import spacy

    load_user_dict()
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})

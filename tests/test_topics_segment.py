"""The word boundaries classification uses are exactly those of jieba's ``cut(text, HMM=False)``
(extractors/topics/segment.py computes them its own, faster way)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from shenbao.config import shared_dir
from shenbao.extractors.nlp import private_tokenizer
from shenbao.extractors.topics import Classifier
from shenbao.extractors.topics.matcher import normalize, segmenter
from shenbao.extractors.topics.segment import WordBoundaries

DATA = Path(__file__).parent / "data"

# Letters and digits in a row, the characters jieba treats as words of their own, "\r\n".
ODD_TEXTS = ["5g+ai 工业\r\n互联网", "abc123中文ab", "  \r\r\n  x", "c++与python3.11混合编程", "a-b_c%d&e#f",
             "（一）人工智能：大模型。", "", "x", "2026年度高级研修项目"]


@lru_cache(maxsize=1)
def texts() -> list[str]:
    found = list(ODD_TEXTS)
    files = [*DATA.glob("topics*.jsonl"), *DATA.glob("topics*/proposals.jsonl"),
             *(shared_dir() / "samples" / "topics").glob("*.jsonl")]
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                found += [record["title"], record.get("description") or ""]
    for path in DATA.glob("topics*/notice.txt"):
        found += path.read_text(encoding="utf-8").splitlines()
    return [normalize(t) for t in found]


def jieba_marks(text: str, tokenizer=None) -> list[bool]:
    marks = [False] * (len(text) + 1)
    marks[0], position = True, 0
    for word in (tokenizer or segmenter()).cut(text, HMM=False):
        position += len(word)
        marks[position] = True
    return marks


@pytest.fixture(scope="module")
def boundaries() -> WordBoundaries:
    Classifier()  # the terms a classifier adds to the dictionary are part of what is compared
    return WordBoundaries(segmenter())


def test_same_boundaries_as_jieba(boundaries):
    assert len(texts()) > 1000
    differ = [t for t in texts() if boundaries.of(t) != jieba_marks(t)]
    assert differ == []


def test_only_the_runs_holding_a_span_are_cut(boundaries):
    text = normalize("人工智能研修班，量子通信网络建设")
    marks = boundaries.of(text, [(0, 4)])
    full = jieba_marks(text)
    assert marks[:8] == full[:8]
    assert all(marks[8:])  # the second run was not cut: every mark there stays set


def test_words_added_later_are_seen():
    tokenizer = private_tokenizer()  # not the classifier's: adding a word changes every route
    boundaries = WordBoundaries(tokenizer)
    text = normalize("钙钛矿叠层组件封装")
    before = boundaries.of(text)
    tokenizer.add_word("层组件封", freq=10**7)
    assert boundaries.of(text) == jieba_marks(text, tokenizer)
    assert boundaries.of(text) != before

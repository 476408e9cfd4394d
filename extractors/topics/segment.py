"""Word boundaries of a text exactly as jieba's ``cut(text, HMM=False)`` draws them, computed faster.

Classification asks one thing of the segmentation: where words begin and end (a match must not
cut through a word). jieba answers through generators, with a tuple per edge of its word graph
and a ``log`` of every edge's frequency at every call; that was a third of the time spent on a
proposal. Here the same route is computed in one plain loop that looks each prefix up once, and
only the boundaries are returned. The route is jieba's, tie for tie: tests/test_topics_segment.py
compares both on every text of the topic sets.
"""

from __future__ import annotations

import re
from math import log

# jieba's re_han_default: the runs of text cut through the dictionary; every other character is
# a word of its own, except that "\r\n" is one (jieba's re_skip_default).
_HAN = re.compile("[\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+")
# A one-character word of these joins the next one (jieba's re_eng): 5g, ai.
_ENG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_LOG_ONE = log(1)
# log of a dictionary count, kept: a word's count is one of a few thousand values, and the log is
# the same float however it is reached.
_LOGS: dict[int, float] = {}


class WordBoundaries:
    """``of(text)``: for each position 0..len(text), whether a word starts or ends there.

    The dictionary is read as it is at each call (words added since are seen)."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def of(self, text: str, spans: list[tuple] | None = None) -> list[bool]:
        """With ``spans`` (tuples starting with start and end), only the runs of text that hold a
        part of one are cut (jieba cuts each run on its own): elsewhere the marks say nothing and
        must not be asked."""
        tokenizer = self.tokenizer
        tokenizer.check_initialized()
        n = len(text)
        marks = [True] * (n + 1)  # outside the runs every character is a word
        crlf = text.find("\r\n")
        while crlf >= 0:
            marks[crlf + 1] = False
            crlf = text.find("\r\n", crlf + 2)
        freq, logtotal = tokenizer.FREQ, log(tokenizer.total)
        for run in _HAN.finditer(text):
            start, end = run.span()
            if spans is None or any(span[0] < end and start < span[1] for span in spans):
                self._mark_run(run.group(), start, marks, freq, logtotal)
        return marks

    @staticmethod
    def _mark_run(block: str, offset: int, marks: list[bool], freq, logtotal: float) -> None:
        n = len(block)
        marks[offset + 1 : offset + n] = [False] * (n - 1)
        # jieba's get_DAG and calc in one pass from the end: from each position, the dictionary
        # words starting there (walking prefixes while the table knows them), each scored by its
        # log-probability plus the best route after it; a tie goes to the longer word, as
        # jieba's max over (score, end) does.
        get, logs = freq.get, _LOGS
        best = [0.0] * (n + 1)
        step = [0] * n
        for idx in range(n - 1, -1, -1):
            top, top_x = None, idx
            i, count = idx, get(block[idx])
            while count is not None:
                if count:
                    ln = logs.get(count)
                    if ln is None:
                        ln = logs[count] = log(count)
                    score = ln - logtotal + best[i + 1]
                    if top is None or score >= top:
                        top, top_x = score, i
                i += 1
                if i >= n:
                    break
                count = get(block[idx : i + 1])
            if top is None:  # no word starts here: the character alone, with a count of 1
                top = _LOG_ONE - logtotal + best[idx + 1]
            best[idx], step[idx] = top, top_x
        # The words of the route; one-character letters and digits in a row make one word.
        x, eng_before = 0, False
        while x < n:
            y = step[x] + 1
            eng = y - x == 1 and block[x] in _ENG
            if x and not (eng and eng_before):
                marks[offset + x] = True
            eng_before, x = eng, y

"""Printed lines of a PDF cell, recovered from the words' coordinates.

The ingest joins the lines of a PDF cell into paragraphs, which is right for
prose but wrong for a list written one item per line without markers
("日本理化学研究所" / "东京大学" become one string). For list fields the
words of the cell (pdfplumber keeps one CJK run per word) are found again in
``Document.words`` and grouped by their vertical position into lines.
"""

from __future__ import annotations

from ...models import Document, Word
from ...normalizers.text import compact

MAX_SKIPPED_WORDS = 8  # words of neighbouring cells interleaved in reading order
SAME_LINE_PT = 2.0


def pdf_lines(doc: Document, text: str) -> list[str] | None:
    """The printed lines of ``text`` (a cell's value), or None when its words cannot be found."""
    target = compact(text)
    if not target or not doc.words:
        return None
    words = doc.words
    for i, first in enumerate(words):
        head = compact(first.text)
        if not head or not target.startswith(head):
            continue
        matched = _follow(words, i, target)
        if matched:
            return _group_lines(matched)
    return None


def _follow(words: list[Word], i: int, target: str) -> list[Word] | None:
    matched = [words[i]]
    pos = len(compact(words[i].text))
    skipped = 0
    j = i + 1
    while pos < len(target) and j < len(words) and skipped <= MAX_SKIPPED_WORDS:
        piece = compact(words[j].text)
        if piece and target.startswith(piece, pos):
            matched.append(words[j])
            pos += len(piece)
            skipped = 0
        else:
            skipped += 1
        j += 1
    return matched if pos == len(target) else None


def _group_lines(words: list[Word]) -> list[str]:
    lines: list[tuple[int, float, list[Word]]] = []
    for w in words:
        for page, top, group in lines:
            if page == w.page and abs(top - w.top) <= SAME_LINE_PT:
                group.append(w)
                break
        else:
            lines.append((w.page, w.top, [w]))
    lines.sort(key=lambda x: (x[0], x[1]))
    return ["".join(w.text for w in sorted(group, key=lambda w: w.x0)) for _, _, group in lines]

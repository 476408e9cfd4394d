"""Cutting a unit's text into sentences and clauses, keeping offsets."""

from __future__ import annotations

from dataclasses import dataclass

from .resources import patterns

_OPEN = "（(“《【"
_CLOSE = "）)”》】"


@dataclass
class Piece:
    start: int  # offsets into the unit text
    end: int
    text: str


def _split(text: str, breaks: str, start: int = 0, end: int | None = None) -> list[Piece]:
    """Split text[start:end] after each break character that is not inside brackets or quotes."""
    end = len(text) if end is None else end
    out: list[Piece] = []
    depth = 0
    s = start
    for i in range(start, end):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in breaks and depth == 0:
            if text[s:i + 1].strip():
                out.append(Piece(s, i + 1, text[s:i + 1]))
            s = i + 1
    if s < end and text[s:end].strip():
        out.append(Piece(s, end, text[s:end]))
    return out


def sentences(text: str) -> list[Piece]:
    pieces = _split(text, patterns()["sentence_breaks"] + "\n")
    return [_trim(text, p) for p in pieces if p.text.strip()]


def clauses(text: str, sentence: Piece) -> list[Piece]:
    return [_trim(text, p) for p in _split(text, patterns()["clause_breaks"], sentence.start, sentence.end)]


def _trim(text: str, p: Piece) -> Piece:
    s, e = p.start, p.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "，,；;。"):
        e -= 1
    return Piece(s, e, text[s:e])

"""The one interface every format backend implements, and the builder that lays
out ``Document.text`` so that offsets mean the same thing for every format.

Layout of ``Document.text``: each block is followed by one newline. A table is
laid out cell by cell in reading order (anchor cells only, so a merged cell is
written once), each cell on its own line(s): that is how a person copying the
document would read it, and how the samples' .txt renderings read.
Tick boxes are rendered as ☑ (ticked) or ☐ (not ticked) whatever the file used.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Protocol

from ..models import Block, BlockKind, Cell, Checkbox, Document, Format, Source, Table, Word

CHECKED = "☑"
UNCHECKED = "☐"


@dataclass
class CellSpec:
    """A cell as a backend reads it, before it gets offsets."""

    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    paragraphs: list[str] = field(default_factory=list)
    glyphs: list[str] = field(default_factory=list)  # original glyph of each box in ``text``, in order
    nested: list[list[CellSpec]] = field(default_factory=list)  # tables nested in this cell


class Backend(Protocol):
    """One backend per input format: bytes on disk -> Document."""

    format: ClassVar[Format]

    def load(self, path: Path, source: Source, data: bytes | None = None) -> Document: ...


def make_source(path: Path, fmt: Format, data: bytes | None = None) -> Source:
    data = path.read_bytes() if data is None else data
    return Source(file=str(path), sha256=hashlib.sha256(data).hexdigest(), format=fmt)


class DocumentBuilder:
    """Appends blocks and tables to the text, keeping every offset exact."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._parts: list[str] = []
        self._pos = 0
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.checkboxes: list[Checkbox] = []
        self.warnings: list[str] = []
        self.words: list[Word] = []

    # -- text

    def _append(self, text: str) -> tuple[int, int]:
        start = self._pos
        self._parts.append(text)
        self._pos += len(text)
        return start, self._pos

    def _record_boxes(self, text: str, start: int, glyphs: list[str], page: int | None, **where: int | None) -> None:
        n = 0
        for i, ch in enumerate(text):
            if ch not in (CHECKED, UNCHECKED):
                continue
            label_end = len(text)
            for j in range(i + 1, len(text)):
                if text[j] in (CHECKED, UNCHECKED) or text[j] == "\n":
                    label_end = j
                    break
            glyph = glyphs[n] if n < len(glyphs) else ch
            n += 1
            self.checkboxes.append(Checkbox(
                checked=ch == CHECKED, glyph=glyph, label=text[i + 1:label_end].strip(),
                start=start + i, end=start + i + 1, page=page, **where,
            ))

    def add_block(self, kind: BlockKind, text: str, page: int | None = None, level: int | None = None,
                  glyphs: list[str] | None = None) -> Block | None:
        text = text.strip("\n")
        if not text.strip():
            return None
        start, end = self._append(text)
        self._append("\n")
        self._record_boxes(text, start, glyphs or [], page)
        block = Block(kind=kind, text=text, start=start, end=end, page=page, level=level)
        self.blocks.append(block)
        return block

    # -- tables

    def add_table(self, cells: list[CellSpec], page: int | None = None, header: list[str] | None = None,
                  parent: int | None = None) -> Table:
        """Add a table given its anchor cells (any order); nested tables follow their cell."""
        index = len(self.tables)
        placeholder = Table(index=index, page=page, n_rows=0, n_cols=0, cells=[], start=self._pos, end=self._pos,
                            parent=parent, header=header)
        self.tables.append(placeholder)
        table_start = self._pos
        laid: list[Cell] = []
        for spec in sorted(cells, key=lambda c: (c.row, c.col)):
            text = spec.text.strip("\n")
            start = self._pos
            if text.strip():
                start, end = self._append(text)
                self._append("\n")
                self._record_boxes(text, start, spec.glyphs, page, table=index, row=spec.row, col=spec.col)
            else:
                end = start
                text = ""
            nested = []
            for inner in spec.nested:
                nested.append(self.add_table(inner, page=page, parent=index).index)
            laid.append(Cell(text=text, row=spec.row, col=spec.col, row_span=spec.row_span, col_span=spec.col_span,
                             start=start, end=end, paragraphs=spec.paragraphs or ([text] if text else []),
                             nested=nested))
        n_rows = max((c.row + c.row_span for c in laid), default=0)
        n_cols = max((c.col + c.col_span for c in laid), default=0)
        table = placeholder.model_copy(update={"n_rows": n_rows, "n_cols": n_cols, "cells": laid,
                                               "start": table_start, "end": self._pos})
        self.tables[index] = table
        if parent is None:
            self.blocks.append(Block(kind="table", text=self.text[table_start:self._pos].rstrip("\n"),
                                     start=table_start, end=max(table_start, self._pos - 1), page=page, table=index))
        return table

    # -- result

    @property
    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    def build(self, pages: int | None = None, unread_pages: list[int] | None = None) -> Document:
        return Document(source=self.source, text=self.text, blocks=self.blocks, tables=self.tables,
                        checkboxes=self.checkboxes, pages=pages, words=self.words, warnings=self.warnings,
                        unread_pages=unread_pages or [])

"""HTML -> Document with the standard library's html.parser.

Notices are often published as web pages. Page furniture (script, style, nav,
header, footer, aside, form buttons) is dropped; headings, paragraphs, list
items and tables are read as blocks; ``<br>`` breaks a block into lines;
``rowspan``/``colspan`` give merged anchor cells; ``<input type="checkbox"
checked>`` becomes ☑ (unchecked ☐).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from ..errors import NoTextError
from ..models import Document, Format, Source
from .base import CellSpec, DocumentBuilder
from .checkbox import MARKUP_CHECKED, MARKUP_UNCHECKED, render_normalized
from .text import classify_block, read_text_file

_SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "button", "select",
         "textarea", "iframe", "svg", "head"}
_BLOCK = {"p", "div", "li", "section", "article", "blockquote", "pre", "dd", "dt", "center", "main", "body",
          "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "form", "address", "figure", "figcaption",
          "caption"}
_HEADING = re.compile(r"^h([1-6])$")
_VOID = {"br", "img", "input", "hr", "meta", "link", "col", "area", "base", "wbr", "source"}


@dataclass
class _HtmlCell:
    parts: list[str] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1
    markup: list[str] = field(default_factory=list)


@dataclass
class _HtmlTable:
    rows: list[list[_HtmlCell]] = field(default_factory=list)
    cell: _HtmlCell | None = None


class _Reader(HTMLParser):
    """Collects ('block', kind, level, text, markup) and ('table', rows) items in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple] = []
        self._skip = 0
        self._buf: list[str] = []
        self._markup: list[str] = []
        self._kind: tuple[str, int | None] = ("paragraph", None)
        self._tables: list[_HtmlTable] = []

    # -- text sink: the innermost open cell, else the current block
    def _sink(self) -> tuple[list[str], list[str]]:
        if self._tables and self._tables[-1].cell is not None:
            cell = self._tables[-1].cell
            return cell.parts, cell.markup
        return self._buf, self._markup

    def _flush(self) -> None:
        if self._tables:
            return
        text = "".join(self._buf)
        if text.strip():
            kind, level = self._kind
            self.items.append(("block", kind, level, text, list(self._markup)))
        self._buf.clear()
        self._markup.clear()
        self._kind = ("paragraph", None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            if tag not in _VOID:
                self._skip += 1
            return
        if self._skip:
            return
        attr = dict(attrs)
        if tag == "table":
            self._flush()
            self._tables.append(_HtmlTable())
        elif tag == "tr" and self._tables:
            self._tables[-1].rows.append([])
        elif tag in ("td", "th") and self._tables:
            table = self._tables[-1]
            if not table.rows:
                table.rows.append([])
            table.cell = _HtmlCell(rowspan=_span(attr.get("rowspan")), colspan=_span(attr.get("colspan")))
            table.rows[-1].append(table.cell)
        elif tag == "br":
            self._sink()[0].append("\n")
        elif tag == "input" and (attr.get("type") or "").lower() in ("checkbox", "radio"):
            parts, markup = self._sink()
            parts.append(MARKUP_CHECKED if "checked" in attr else MARKUP_UNCHECKED)
            markup.append("input")
        elif tag in _BLOCK or _HEADING.match(tag):
            if self._tables and self._tables[-1].cell is not None:
                self._tables[-1].cell.parts.append("\n")
                return
            self._flush()
            heading = _HEADING.match(tag)
            if heading:
                self._kind = ("heading", int(heading.group(1)))
            elif tag == "li":
                self._kind = ("list_item", None)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            if tag not in _VOID:
                self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag == "table" and self._tables:
            table = self._tables.pop()
            if self._tables and self._tables[-1].cell is not None:
                # A table nested in a cell: read its cells as lines of the outer cell.
                for row in table.rows:
                    self._tables[-1].cell.parts.append("\n" + "\t".join("".join(c.parts) for c in row))
            else:
                self.items.append(("table", table.rows))
        elif tag in ("td", "th") and self._tables:
            self._tables[-1].cell = None
        elif tag in _BLOCK or _HEADING.match(tag):
            if self._tables and self._tables[-1].cell is not None:
                self._tables[-1].cell.parts.append("\n")
            else:
                self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        # Source line breaks and indentation in HTML are just spaces.
        self._sink()[0].append(re.sub(r"\s+", " ", data))

    def close(self) -> None:
        super().close()
        while self._tables:
            self.items.append(("table", self._tables.pop().rows))
        self._flush()


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


def _grid_cells(rows: list[list[_HtmlCell]]) -> list[CellSpec]:
    """Place cells on the grid the way browsers do: a rowspan reserves positions in the rows below."""
    taken: set[tuple[int, int]] = set()
    specs = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            rowspan = min(cell.rowspan, len(rows) - r)
            for dr in range(rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            text, glyphs = render_normalized("".join(cell.parts), cell.markup, drop_empty=True)
            specs.append(CellSpec(text=text, row=r, col=c, row_span=rowspan, col_span=cell.colspan,
                                  paragraphs=text.split("\n") if text else [], glyphs=glyphs))
            c += cell.colspan
    return specs


class HtmlBackend:
    format: ClassVar[Format] = "html"

    def load(self, path: Path, source: Source, data: bytes | None = None) -> Document:
        return build_html_document(read_text_file(path, data), source)


def build_html_document(markup: str, source: Source) -> Document:
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    builder = DocumentBuilder(source)
    for item in reader.items:
        if item[0] == "table":
            if item[1] and any(item[1]):
                builder.add_table(_grid_cells(item[1]))
            continue
        _, kind, level, text, boxes = item
        rendered, glyphs = render_normalized(text, boxes, drop_empty=True)
        if not rendered:
            continue
        if kind == "paragraph":
            kind, level = classify_block(rendered.split("\n")[0])
        builder.add_block(kind, rendered, level=level, glyphs=glyphs)
    if not builder.blocks:
        raise NoTextError(source.file)
    return builder.build()

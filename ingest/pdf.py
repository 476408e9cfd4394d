"""PDF -> Document with pdfplumber: reading order, paragraphs, ruled tables, tick boxes.

Why the layout is rebuilt from characters rather than taken from
``page.extract_text()``: the printed line breaks of a Chinese notice fall in the
middle of words and numbers (``不少于\\n3 天``), table cells must be read cell by
cell (a merged label cell once, not once per line it spans), and text inside a
table must not be read a second time as body text. One pass over ``page.chars``
assigns every character to a table cell or to the body; lines are clustered
by vertical position and paragraphs rebuilt from the page geometry (first-line
indent, lines that stop short of the right margin, numbering markers).
Running headers, footers and page numbers are dropped.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from ..errors import CorruptFileError, EncryptedFileError, ScannedDocumentError
from ..models import Document, Format, Source, Word
from ..normalizers.text import normalize_line
from .base import CellSpec, DocumentBuilder
from .text import classify_block, ends_sentence, join_lines, render_boxes, starts_new_block

# Ruled tables (the forms and annex tables are printed with borders).
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
                  "join_tolerance": 3, "intersection_tolerance": 3}

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_·\s]*\d{1,4}[-—–－_·\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$"
)
_LABELLED = re.compile(r"[：:]\S")  # "label：value", a form field rather than a title
_MARGIN_ZONE = 0.1  # fraction of the page height where running headers/footers live


# --------------------------------------------------------------------------- geometry


@dataclass
class _Line:
    text: str  # raw, spaces where the glyphs have gaps
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int

    @property
    def norm(self) -> str:
        return normalize_line(self.text)


@dataclass
class _CellPart:
    x0: float
    top: float
    x1: float
    bottom: float
    lines: list[_Line] = field(default_factory=list)


@dataclass
class _TablePart:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    cells: list[_CellPart]


@dataclass
class _Page:
    number: int
    height: float
    lines: list[_Line]
    tables: list[_TablePart]


def _char_size(ch: dict) -> float:
    return float(ch.get("size") or (ch["bottom"] - ch["top"]) or 10.0)


def _build_lines(chars: list[dict], page: int, words: list[Word] | None) -> list[_Line]:
    """Cluster characters into lines (by vertical middle), left to right within a line."""
    if not chars:
        return []
    rows: list[list[dict]] = []
    row_mid = 0.0
    row_h = 0.0
    for ch in sorted(chars, key=lambda c: c["top"] + c["bottom"]):
        mid = (ch["top"] + ch["bottom"]) / 2
        h = ch["bottom"] - ch["top"]
        if rows and abs(mid - row_mid) <= max(1.5, 0.45 * min(h, row_h)):
            rows[-1].append(ch)
            continue
        rows.append([ch])
        row_mid, row_h = mid, h
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        lines.append(_line_from_chars(row, page, words))
    lines.sort(key=lambda ln: (round(ln.top), ln.x0))
    return lines


def _line_from_chars(row: list[dict], page: int, words: list[Word] | None) -> _Line:
    sizes = [_char_size(c) for c in row]
    size = statistics.median(sizes)
    parts: list[str] = []
    word_start = 0
    for i, ch in enumerate(row):
        if i and ch["x0"] - row[i - 1]["x1"] > 0.3 * size:
            parts.append(" ")
            if words is not None:
                words.append(_word(row[word_start:i], page))
            word_start = i
        parts.append(ch["text"])
    if words is not None:
        words.append(_word(row[word_start:], page))
    return _Line(text="".join(parts), x0=row[0]["x0"], x1=max(c["x1"] for c in row),
                 top=min(c["top"] for c in row), bottom=max(c["bottom"] for c in row), size=size, page=page)


def _word(chars: list[dict], page: int) -> Word:
    return Word(text="".join(c["text"] for c in chars), page=page, x0=round(chars[0]["x0"], 2),
                x1=round(max(c["x1"] for c in chars), 2), top=round(min(c["top"] for c in chars), 2),
                bottom=round(max(c["bottom"] for c in chars), 2))


# --------------------------------------------------------------------------- one page


def _read_page(page, number: int, words: list[Word]) -> _Page:
    chars = [c for c in page.chars if c.get("upright", True) and c["text"].strip()]
    tables = []
    for found in page.find_tables(TABLE_SETTINGS) if chars else []:
        cells = [c for c in found.cells if c]
        if len(cells) >= 2:
            tables.append(_TablePart(page=number, x0=found.bbox[0], top=found.bbox[1], x1=found.bbox[2],
                                     bottom=found.bbox[3], cells=[_CellPart(*bbox) for bbox in cells]))
    body: list[dict] = []
    per_cell: dict[tuple[int, int], list[dict]] = {}
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        placed = False
        for ti, table in enumerate(tables):
            if table.x0 <= cx <= table.x1 and table.top <= cy <= table.bottom:
                for ci, cell in enumerate(table.cells):
                    if cell.x0 <= cx <= cell.x1 and cell.top <= cy <= cell.bottom:
                        per_cell.setdefault((ti, ci), []).append(ch)
                        placed = True
                        break
                if placed:
                    break
        if not placed:
            body.append(ch)
    for (ti, ci), cell_chars in per_cell.items():
        tables[ti].cells[ci].lines = _build_lines(cell_chars, number, words)
    return _Page(number=number, height=float(page.height), lines=_build_lines(body, number, words), tables=tables)


# --------------------------------------------------------------------------- running headers and footers


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page numbers and text repeated at the same place on most pages."""
    def in_margin(line: _Line, page: _Page) -> bool:
        return line.bottom < page.height * _MARGIN_ZONE or line.top > page.height * (1 - _MARGIN_ZONE)

    repeated: Counter = Counter()
    for page in pages:
        keys = {_running_key(ln) for ln in page.lines if in_margin(ln, page)}
        repeated.update(keys)
    threshold = max(3, 0.5 * len(pages))
    for page in pages:
        page.lines = [ln for ln in page.lines
                      if not (in_margin(ln, page) and (_PAGE_NUMBER.match(ln.norm) or
                                                       repeated[_running_key(ln)] >= threshold))]


def _running_key(line: _Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", line.norm), round(line.top / 6)


# --------------------------------------------------------------------------- paragraphs


@dataclass
class _Layout:
    body_size: float
    left: float
    right: float
    indented: bool  # the document marks paragraphs with a first-line indent


def _measure(pages: list[_Page]) -> _Layout:
    lines = [ln for p in pages for ln in p.lines]
    if not lines:
        return _Layout(12.0, 0.0, 0.0, False)
    # The body size counts table text too: a form's few lines outside its table are titles.
    cell_lines = [ln for p in pages for t in p.tables for c in t.cells for ln in c.lines]
    size_weight: Counter = Counter()
    for ln in lines + cell_lines:
        size_weight[round(ln.size)] += len(ln.text)
    body_size = float(size_weight.most_common(1)[0][0])
    body = [ln for ln in lines if abs(ln.size - body_size) < 1.0] or lines
    left = Counter(round(ln.x0) for ln in body).most_common(1)[0][0]
    rights = sorted(ln.x1 for ln in body)
    right = rights[int(0.9 * (len(rights) - 1))]
    indented = sum(1 for ln in body if 1.5 * body_size <= ln.x0 - left <= 2.6 * body_size) >= max(2, len(body) // 20)
    return _Layout(body_size, float(left), right, indented)


def _is_full(line: _Line, layout: _Layout) -> bool:
    return line.x1 >= layout.right - 1.5 * max(line.size, 1.0)


def _continues(prev: _Line, nxt: _Line, layout: _Layout) -> bool:
    """Whether ``nxt`` goes on with the paragraph that ``prev`` ends."""
    text = nxt.norm
    if not text or starts_new_block(text):
        return False
    big = prev.size > layout.body_size * 1.15
    if abs(prev.size - nxt.size) > (0.5 if big else 1.0):
        return False
    if nxt.page == prev.page and nxt.top - prev.bottom > 1.5 * max(prev.size, nxt.size):
        return False
    if big:  # a title over several lines; "申报单位：..." lines under a title are fields
        return not ends_sentence(prev.norm) and not _LABELLED.search(prev.norm) and not _LABELLED.search(text)
    if not _is_full(prev, layout):
        return False
    if layout.indented:
        return nxt.x0 - layout.left < 1.2 * nxt.size
    return not ends_sentence(prev.norm)


def _paragraph_text(lines: list[_Line]) -> str:
    text = ""
    for line in lines:
        text = join_lines(text, line.norm) if text else line.norm
    return text


# --------------------------------------------------------------------------- tables


def _snap(values: list[float], tolerance: float = 2.0) -> list[float]:
    """Distinct coordinates, values closer than ``tolerance`` merged."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _index(edges: list[float], value: float) -> int:
    i = bisect_right(edges, value + 2.0) - 1
    return max(i, 0)


def _cell_paragraphs(lines: list[_Line]) -> list[str]:
    """Lines of one cell -> its paragraphs: wrapped lines are joined, a marker or a short line
    closing a sentence starts a new paragraph."""
    if not lines:
        return []
    right = max(ln.x1 for ln in lines)
    paragraphs: list[str] = []
    prev: _Line | None = None
    for line in lines:
        text = line.norm
        if not text:
            continue
        new = prev is None or starts_new_block(text) or (
            ends_sentence(prev.norm) and prev.x1 < right - 1.5 * prev.size)
        if new:
            paragraphs.append(text)
        else:
            paragraphs[-1] = join_lines(paragraphs[-1], text)
        prev = line
    return paragraphs


def _edge_row(cells: list[_CellPart], top: bool) -> list[_CellPart]:
    """The cells touching the top (or bottom) edge of a table part, left to right."""
    edge = min(c.top for c in cells) if top else max(c.bottom for c in cells)
    row = [c for c in cells if abs((c.top if top else c.bottom) - edge) < 2.0]
    return sorted(row, key=lambda c: c.x0)


def _texts(row: list[_CellPart]) -> list[str]:
    return ["".join(ln.norm for ln in c.lines) for c in row]


def _same_columns(a: _CellPart, b: _CellPart) -> bool:
    return abs(a.x0 - b.x0) < 2.0 and abs(a.x1 - b.x1) < 2.0


def _append_part(cells: list[_CellPart], part: _TablePart, header: list[str]) -> None:
    """Stack a table's continuation on the next page under what was read so far: a repeated
    header row is dropped and a row split by the page break is joined back into one."""
    own = [_CellPart(c.x0, c.top, c.x1, c.bottom, c.lines) for c in part.cells]
    first = _edge_row(own, top=True)
    if _texts(first) == header and len(first) < len(own):
        own = [c for c in own if c not in first]
        first = _edge_row(own, top=True)
    shift = max(c.bottom for c in cells) - min(c.top for c in own)
    for c in own:
        c.top += shift
        c.bottom += shift
    last = _edge_row(cells, top=False)
    pairs = [(a, b) for b in first for a in last if _same_columns(a, b)]
    split_row = any(a.lines and not b.lines for a, b in pairs)
    if split_row:
        for a, b in pairs:
            a.bottom = b.bottom
            a.lines = a.lines + b.lines
            own.remove(b)
    cells.extend(own)


def _table_cells(parts: list[_TablePart]) -> list[CellSpec]:
    """Anchor cells of a table (possibly continued over pages) on the grid of its distinct edges."""
    cells = [_CellPart(c.x0, c.top, c.x1, c.bottom, c.lines) for c in parts[0].cells]
    header = _texts(_edge_row(cells, top=True))
    for part in parts[1:]:
        _append_part(cells, part, header)
    xs = _snap([v for c in cells for v in (c.x0, c.x1)])
    ys = _snap([v for c in cells for v in (c.top, c.bottom)])
    specs = []
    for cell in cells:
        row, col = _index(ys, cell.top), _index(xs, cell.x0)
        row_end, col_end = _index(ys, cell.bottom), _index(xs, cell.x1)
        paragraphs = _cell_paragraphs(cell.lines)
        text, glyphs = render_boxes("\n".join(paragraphs))
        specs.append(CellSpec(text=text, row=row, col=col, row_span=max(1, row_end - row),
                              col_span=max(1, col_end - col), paragraphs=text.split("\n") if text else [],
                              glyphs=glyphs))
    return specs


def _continues_table(prev: _TablePart, part: _TablePart) -> bool:
    return part.page == prev.page + 1 and abs(prev.x0 - part.x0) < 3 and abs(prev.x1 - part.x1) < 3


# --------------------------------------------------------------------------- backend


class PdfBackend:
    format: ClassVar[Format] = "pdf"

    def load(self, path: Path, source: Source, data: bytes | None = None) -> Document:
        words: list[Word] = []
        pages, n_pages = _read_pdf(Path(path), words)  # pdfplumber streams from disk; data unused
        if not any(p.lines or p.tables for p in pages):
            raise ScannedDocumentError(path)
        _drop_running_lines(pages)
        builder = DocumentBuilder(source)
        builder.words = words
        _lay_out(pages, _measure(pages), builder)
        for page in pages:
            if not page.lines and not page.tables:
                builder.warnings.append(f"第{page.number}页无文本层（可能是扫描页） / page {page.number} has no text")
        return builder.build(pages=n_pages)


def _read_pdf(path: Path, words: list[Word]) -> tuple[list[_Page], int]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(path) as pdf:
            pages = []
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(_read_page(page, number, words))
                page.flush_cache()
            return pages, len(pages)
    except PdfminerException as err:
        cause = err.args[0] if err.args else err
        if isinstance(cause, PDFEncryptionError):
            raise EncryptedFileError(path) from err
        raise CorruptFileError(path, type(cause).__name__) from err
    except PDFEncryptionError as err:
        raise EncryptedFileError(path) from err
    except (ValueError, TypeError, KeyError, AttributeError, AssertionError, EOFError) as err:
        # pdfminer lets these through on truncated or malformed object streams
        raise CorruptFileError(path, type(err).__name__) from err
    except Exception as err:
        if type(err).__module__.startswith(("pdfminer", "pdfplumber")):
            raise CorruptFileError(path, type(err).__name__) from err
        raise


def _lay_out(pages: list[_Page], layout: _Layout, builder: DocumentBuilder) -> None:
    """Emit paragraphs and tables in reading order, joining paragraphs and tables split by page breaks."""
    paragraph: list[_Line] = []
    table_parts: list[_TablePart] = []

    def flush_paragraph() -> None:
        if paragraph:
            _emit_paragraph(paragraph, layout, builder)
            paragraph.clear()

    def flush_table() -> None:
        if table_parts:
            builder.add_table(_table_cells(table_parts), page=table_parts[0].page)
            table_parts.clear()

    for page in pages:
        items: list[tuple[float, int, object]] = [(ln.top, 1, ln) for ln in page.lines]
        items += [(t.top, 0, t) for t in page.tables]
        items.sort(key=lambda it: (it[0], it[1]))
        for _, is_line, item in items:
            if is_line:
                line: _Line = item  # type: ignore[assignment]
                if table_parts:
                    flush_table()
                if paragraph and _continues(paragraph[-1], line, layout):
                    paragraph.append(line)
                else:
                    flush_paragraph()
                    paragraph.append(line)
            else:
                part: _TablePart = item  # type: ignore[assignment]
                flush_paragraph()
                if table_parts and not _continues_table(table_parts[-1], part):
                    flush_table()
                table_parts.append(part)
    flush_paragraph()
    flush_table()


def _emit_paragraph(lines: list[_Line], layout: _Layout, builder: DocumentBuilder) -> None:
    text = _paragraph_text(lines)
    if not text:
        return
    kind, level = classify_block(text)
    if lines[0].size > layout.body_size * 1.15 and kind != "heading" and len(text) <= 60 \
            and not _LABELLED.search(text):
        kind, level = "heading", 1
    rendered, glyphs = render_boxes(text)
    builder.add_block(kind, rendered, page=lines[0].page, level=level, glyphs=glyphs)

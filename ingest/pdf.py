"""PDF -> Document with pdfplumber: reading order, paragraphs, ruled tables, tick boxes.

Why the layout is rebuilt from characters rather than taken from
``page.extract_text()``: the printed line breaks of a Chinese notice fall in the
middle of words and numbers (``不少于\\n3 天``), table cells must be read cell by
cell (a merged label cell once, not once per line it spans), and text inside a
table must not be read a second time as body text. One pass over ``page.chars``
assigns every character to a table cell or to the body; lines are clustered
by vertical position and paragraphs rebuilt from the page geometry (first-line
indent, lines that stop short of the right margin, numbering markers).
Inside a cell a line break is kept only where the author made it: a line is
joined to the next only when it filled the cell up to where the next line's
first unbreakable piece would no longer fit.
A table running over a page break is read as one table; a cell is joined with
its continuation on the next page only where the geometry says the page break
cut it (see ``_cut_cells``), so rows that merely meet at the break stay apart.
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
    lead: float = 0.0  # width of the line's first unit that cannot be broken (see _lead_width)

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
    open_bottom: bool = False  # the last row has no bottom ruling: it goes on on the next page
    open_top: bool = False  # the first row has no top ruling: it comes from the previous page


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
    stream_order = {id(ch): i for i, ch in enumerate(chars)}
    lines = []
    for row in rows:
        line = _line_from_chars(_reading_order(row, stream_order), page, words)
        if line is not None:
            lines.append(line)
    lines.sort(key=lambda ln: (round(ln.top), ln.x0))
    return lines


def _reading_order(row: list[dict], stream_order: dict[int, int]) -> list[dict]:
    """The characters of one line left to right, except where runs of text overprint one another.

    A renderer that misplaces a run in a fallback font (LibreOffice setting the
    Latin digits of a CJK line) draws it over its neighbours: ordering by position
    then interleaves the two runs (深南大道 and 6008号 read as 深6南0...), while the
    content stream still holds them in the order they were written. So the line is
    cut into runs, pieces of the stream where each glyph follows the one before
    without a gap; runs are placed by position, and runs that overlap one another
    are read in stream order. (Cutting at gaps keeps a piece written later into a
    gap of the line, such as a tick box, in its place.)
    """
    runs: list[list[dict]] = []
    for ch in sorted(row, key=lambda c: stream_order[id(c)]):
        if runs and _follows(runs[-1][-1], ch):
            runs[-1].append(ch)
        else:
            runs.append([ch])
    if len(runs) == 1:
        return runs[0]
    runs.sort(key=lambda run: run[0]["x0"])
    out: list[dict] = []
    cluster: list[list[dict]] = []
    reach = 0.0
    for run in runs:
        end = max(c["x1"] for c in run)
        if cluster and min(reach, end) - run[0]["x0"] <= _OVERPRINT * _char_size(run[0]):
            out += _in_stream_order(cluster, stream_order)
            cluster = []
        reach = max(reach, end) if cluster else end
        cluster.append(run)
    return out + _in_stream_order(cluster, stream_order)


# How much (in font sizes) two runs must overlap to count as drawn over one another. A glyph of a
# fallback font that is merely a little too wide for the advance the renderer gave it (a DejaVu ☐
# under the quote set after it, about 0.3) keeps the order of positions, which is the right one there.
_OVERPRINT = 0.5
_KERNING = 0.25  # how far (in font sizes) a glyph may start off where the one before it ended, in one run


def _follows(prev: dict, ch: dict) -> bool:
    """``ch`` starts where ``prev`` ends, give or take kerning: no overprint and no word gap."""
    slack = _KERNING * _char_size(ch)
    return -slack <= ch["x0"] - prev["x1"] <= slack


def _in_stream_order(cluster: list[list[dict]], stream_order: dict[int, int]) -> list[dict]:
    if len(cluster) > 1:
        cluster = sorted(cluster, key=lambda run: stream_order[id(run[0])])
    return [ch for run in cluster for ch in run]


def _line_from_chars(row: list[dict], page: int, words: list[Word] | None) -> _Line | None:
    """One printed line; a space char or a gap wider than a third of the font size separates words
    (a Latin space is narrower than that gap, so the space glyphs themselves count)."""
    glyphs = [c for c in row if not c["text"].isspace()]
    if not glyphs:
        return None
    size = statistics.median(_char_size(c) for c in glyphs)
    spaced: set[int] = set()  # indices into glyphs that follow a space
    seen = 0
    for ch in row:
        if not ch["text"].isspace():
            if seen and glyphs[seen - 1]["x1"] + 0.3 * size < ch["x0"]:
                spaced.add(seen)
            seen += 1
        elif seen:
            spaced.add(seen)
    parts: list[str] = []
    word_start = 0
    for i, ch in enumerate(glyphs):
        if i in spaced:
            parts.append(" ")
            if words is not None:
                words.append(_word(glyphs[word_start:i], page))
            word_start = i
        parts.append(ch["text"])
    if words is not None:
        words.append(_word(glyphs[word_start:], page))
    return _Line(text="".join(parts), x0=glyphs[0]["x0"], x1=max(c["x1"] for c in glyphs),
                 top=min(c["top"] for c in glyphs), bottom=max(c["bottom"] for c in glyphs), size=size, page=page,
                 lead=_lead_width(glyphs, spaced))


# Line breaking as Chinese layout does it (and as the renderers of these forms do): no break
# after an opening bracket, before closing punctuation, on either side of a curly quote
# (“智慧” stays with its neighbours), inside a Latin word or number, nor between punctuation
# and a Latin word written right after it (、EDA).
_NO_BREAK_AFTER = "（(《〈「『【〔［[{"
_NO_BREAK_BEFORE = "，。、；：！？）)》〉」』】〕］]}…·,.;:!?%％"
_QUOTES = "“”‘’\"'"


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _can_break(a: dict, b: dict) -> bool:
    x, y = a["text"], b["text"]
    if x in _NO_BREAK_AFTER or y in _NO_BREAK_BEFORE or x in _QUOTES or y in _QUOTES:
        return False
    if _latin(y) and (_latin(x) or x in _NO_BREAK_BEFORE or x in "-/+_@#&"):
        return False
    return not (_latin(x) and y in "-/+_@#&")


def _lead_width(glyphs: list[dict], spaced: set[int]) -> float:
    """Width of the first piece of a line that a renderer cannot break: what the previous line
    would have had to hold for this line to start later."""
    end = 0
    while end + 1 < len(glyphs) and end + 1 not in spaced and not _can_break(glyphs[end], glyphs[end + 1]):
        end += 1
    return float(glyphs[end]["x1"] - glyphs[0]["x0"])


def _word(chars: list[dict], page: int) -> Word:
    return Word(text="".join(c["text"] for c in chars), page=page, x0=round(chars[0]["x0"], 2),
                x1=round(max(c["x1"] for c in chars), 2), top=round(min(c["top"] for c in chars), 2),
                bottom=round(max(c["bottom"] for c in chars), 2))


# --------------------------------------------------------------------------- one page


def _read_page(page, number: int, words: list[Word]) -> _Page:
    # Space glyphs are kept: they separate Latin words whose gap is narrower than a CJK one.
    chars = [c for c in page.chars if c.get("upright", True) and c["text"]]
    tables = []
    for found in page.find_tables(TABLE_SETTINGS) if any(c["text"].strip() for c in chars) else []:
        cells = _without_frames([c for c in found.cells if c])
        if len(cells) >= 2:
            tables.append(_TablePart(page=number, x0=found.bbox[0], top=found.bbox[1], x1=found.bbox[2],
                                     bottom=found.bbox[3], cells=[_CellPart(*bbox) for bbox in cells]))
    if tables:
        verticals = [e for e in page.edges if e["orientation"] == "v"]
        for table in tables:
            _add_open_rows(table, verticals)
    return place_chars(chars, tables, number, float(page.height), words)


def place_chars(chars: list[dict], tables: list[_TablePart], number: int, height: float,
                words: list[Word]) -> _Page:
    """A page from its glyphs: each one inside a table cell becomes part of that cell's lines,
    the others the page's own lines (born-digital and OCR'd pages alike)."""
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
    return _Page(number=number, height=height, lines=_build_lines(body, number, words), tables=tables)


def _encloses(outer: tuple, inner: tuple, tolerance: float = 1.0) -> bool:
    return (outer != inner and outer[0] - tolerance <= inner[0] and outer[1] - tolerance <= inner[1]
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)


def _without_frames(cells: list[tuple]) -> list[tuple]:
    """Cells minus those that enclose other cells: the frame of a table nested in a cell.

    pdfplumber returns both the outer cell and the cells drawn inside it; the text
    belongs to the inner cells, which then take the outer cell's place in the grid."""
    return [c for c in cells if not any(_encloses(c, other) for other in cells)]


_OPEN_ROW_MIN = 8.0  # how far (pt) column rulings must run past the table's last ruling to make a row


def _add_open_rows(table: _TablePart, verticals: list[dict]) -> None:
    """Rows that a page break leaves without their bottom (or top) ruling.

    pdfplumber makes cells only where four rulings meet, so the part of a row cut
    by a page break, drawn without a closing ruling, is not a cell; its column
    rulings still run past the table's last (first) horizontal ruling. Such a row
    is added from those rulings and the part is marked open on that side.
    """
    inside = [e for e in verticals if table.x0 - 2.0 <= e["x0"] <= table.x1 + 2.0]
    below = [e for e in inside if e["top"] <= table.bottom + 2.0 and e["bottom"] > table.bottom + _OPEN_ROW_MIN]
    if _spans(below, table):
        bottom = max(e["bottom"] for e in below)
        table.cells += _row_between(below, table.bottom, bottom)
        table.bottom, table.open_bottom = bottom, True
    above = [e for e in inside if e["bottom"] >= table.top - 2.0 and e["top"] < table.top - _OPEN_ROW_MIN]
    if _spans(above, table):
        top = min(e["top"] for e in above)
        table.cells += _row_between(above, top, table.top)
        table.top, table.open_top = top, True


def _spans(edges: list[dict], table: _TablePart) -> bool:
    """The rulings include the table's left and right borders."""
    return any(abs(e["x0"] - table.x0) <= 2.0 for e in edges) and any(abs(e["x0"] - table.x1) <= 2.0 for e in edges)


def _row_between(edges: list[dict], top: float, bottom: float) -> list[_CellPart]:
    xs = _snap([e["x0"] for e in edges])
    return [_CellPart(x0, top, x1, bottom) for x0, x1 in zip(xs, xs[1:], strict=False)]


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


def _paragraph_text(lines: list[_Line], raw: bool = False) -> str:
    """The lines joined; ``raw``: before the clean-up (spaces kept), which is what boxes are read from."""
    text = ""
    for line in lines:
        piece = line.text if raw else line.norm
        text = join_lines(text, piece) if text else piece
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


def _cell_paragraphs(lines: list[_Line], left: float, right: float) -> list[str]:
    """Lines of one cell (text area ``left``..``right``) -> its paragraphs, raw (spaces kept).

    A line is joined to the one before only when the renderer had to wrap there:
    the previous line filled the cell up to where this line's first unit would
    no longer fit. Any other line break was written by the author (a new
    paragraph, or items one per line), numbering marker or not.
    """
    paragraphs: list[str] = []
    prev: _Line | None = None
    opened_by: tuple[str, int] | None = None  # list number that starts the current paragraph
    leading = _line_gap(lines)
    for line in lines:
        if not line.text.strip():
            continue
        number = _list_number(line.norm)
        next_item = number is not None and opened_by is not None and number == (opened_by[0], opened_by[1] + 1)
        # A list's first item after a finished sentence starts a paragraph even where the sentence filled the line.
        first_item = number is not None and number[1] == 1 and prev is not None and ends_sentence(prev.norm)
        if prev is not None and not next_item and not first_item and _wrapped(prev, line, left, right, leading):
            paragraphs[-1] = join_lines(paragraphs[-1], line.text)
        else:
            paragraphs.append(line.text)
            opened_by = number
        prev = line
    return paragraphs


_CN_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")}
_LIST_NUMBERS = (
    ("1.", re.compile(r"^(\d{1,3})(?:[．、]|\.(?!\d))")),
    ("(1)", re.compile(r"^[（(](\d{1,3})[）)]")),
    ("(一)", re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]")),
    ("一、", re.compile(r"^([一二三四五六七八九十]{1,3})[、．.]")),
)


def _list_number(text: str) -> tuple[str, int] | None:
    """(style, value) of the list number a line starts with: "5.专题研讨" -> ("1.", 5).

    A line that starts with the number after the one that opened the paragraph
    is the next item even when the item before happened to fill its last line.
    """
    if text[:1] and "\u2460" <= text[0] <= "\u2473":
        return "①", ord(text[0]) - 0x245F
    for style, pattern in _LIST_NUMBERS:
        m = pattern.match(text)
        if m:
            value = m.group(1)
            return style, int(value) if value.isdigit() else _chinese_number(value)
    return None


def _chinese_number(text: str) -> int:
    """一..九十九 (the numbers of list markers)."""
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _line_gap(lines: list[_Line]) -> float:
    """The cell's line spacing: the smallest gap between two lines on one page."""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if a.page == b.page]
    return max(min(gaps), 0.0) if gaps else 0.0


def _wrapped(prev: _Line, line: _Line, left: float, right: float, leading: float) -> bool:
    """Whether ``line`` goes on where ``prev`` was wrapped for lack of room."""
    size = max(prev.size, 1.0)
    if line.page == prev.page and line.top - prev.bottom > leading + 0.6 * size:
        return False  # a blank line or paragraph spacing between them
    if prev.x0 - left > 2.6 * size:
        return False  # centred or right-aligned short text, not a line that filled the cell
    return right - prev.x1 <= line.lead + 0.3 * size


def _cell_padding(cells: list[_CellPart]) -> float:
    """Space between a cell's left ruling and its text, as the table's left-aligned text shows it."""
    gaps = sorted(ln.x0 - c.x0 for c in cells for ln in c.lines if ln.x0 >= c.x0)
    return gaps[len(gaps) // 10] if gaps else 0.0


def _edge_row(cells: list[_CellPart], top: bool) -> list[_CellPart]:
    """The cells touching the top (or bottom) edge of a table part, left to right."""
    edge = min(c.top for c in cells) if top else max(c.bottom for c in cells)
    row = [c for c in cells if abs((c.top if top else c.bottom) - edge) < 2.0]
    return sorted(row, key=lambda c: c.x0)


def _texts(row: list[_CellPart]) -> list[str]:
    return ["".join(ln.norm for ln in c.lines) for c in row]


def _same_columns(a: _CellPart, b: _CellPart) -> bool:
    return abs(a.x0 - b.x0) < 2.0 and abs(a.x1 - b.x1) < 2.0


def _append_part(cells: list[_CellPart], part: _TablePart, header: list[str], open_break: bool) -> None:
    """Stack a table's continuation on the next page under what was read so far: a repeated
    header row is dropped, and a cell cut in two by the page break is joined back into one."""
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
    for a, b in _cut_cells(last, first, open_break):
        a.bottom = b.bottom
        a.lines = a.lines + b.lines
        own.remove(b)
    cells.extend(own)


def _cut_cells(last: list[_CellPart], first: list[_CellPart], open_break: bool) -> list[tuple[_CellPart, _CellPart]]:
    """Pairs (cell at the bottom of the page, cell at the top of the next) that are one cell.

    Where the page break left the row without a ruling it is one row. Where the
    renderer closed the table at the break (as LibreOffice does) the rulings say
    nothing, so the layout decides: the whole row was cut when its first column
    does not start again and the text of every other column runs on from the
    page bottom to the top of the next; otherwise only a vertically merged cell
    that crosses the break (a label such as 申报单位 | 信息) is joined.
    """
    pairs = [(a, b) for b in first for a in last if _same_columns(a, b)]
    if open_break or _row_cut(last, first, pairs):
        return pairs
    return [(a, b) for a, b in pairs if _merged_cell_cut(a, b, last, first)]


def _row_cut(last: list[_CellPart], first: list[_CellPart], pairs: list[tuple[_CellPart, _CellPart]]) -> bool:
    if not pairs or len(pairs) != len(last) or len(pairs) != len(first):
        return False  # the rows are laid out differently: the next page starts a new row
    head_a, head_b = min(pairs, key=lambda p: p[0].x0)
    if head_b.lines and not (_runs_on(head_a, head_b) and _fills_width(head_a, head_b)
                             and not ends_sentence(_texts([head_a])[0])):
        return False  # the first column starts a new label
    if not head_b.lines and _reaches_below(head_b, first):
        return False  # an empty first column going on below is a merged cell: the rows are new
    filled = [(a, b) for a, b in pairs if b.lines]
    return bool(filled) and all(_runs_on(a, b) for a, b in filled)


def _runs_on(a: _CellPart, b: _CellPart) -> bool:
    """Text fills ``a`` to its bottom and starts ``b`` at its top: it flows over the break."""
    if not a.lines or not b.lines:
        return False
    end = max(a.lines, key=lambda ln: ln.bottom)
    start = min(b.lines, key=lambda ln: ln.top)
    return a.bottom - end.bottom <= 0.5 * end.size and start.top - b.top <= 0.5 * start.size


def _fills_width(a: _CellPart, b: _CellPart) -> bool:
    """The last line of ``a`` is full: ``b``'s first character would not have fitted after it (a label
    that ends well short of its cell, 继续教育基地情况 over 填报日期, did not flow over the break)."""
    end = max(a.lines, key=lambda ln: ln.bottom)
    start = min(b.lines, key=lambda ln: ln.top)
    pad = max(end.x0 - a.x0, 0.0)  # the cell's padding, taken as the same on both sides
    return end.x1 + max(start.lead or start.size, 1.0) > a.x1 - pad


def _merged_cell_cut(a: _CellPart, b: _CellPart, last: list[_CellPart], first: list[_CellPart]) -> bool:
    """A vertically merged cell crossing the break: its part on the next page is empty, or its
    text was cut (the part above is full to within a line and ends mid-sentence)."""
    if not (_reaches_above(a, last) or _reaches_below(b, first)):
        return False
    if not b.lines:
        return True
    if not a.lines:
        return False
    end = max(a.lines, key=lambda ln: ln.bottom)
    return a.bottom - end.bottom < 1.5 * end.size and not ends_sentence(_texts([a])[0])


def _reaches_above(cell: _CellPart, row: list[_CellPart]) -> bool:
    return cell.top < max(c.top for c in row) - 2.0


def _reaches_below(cell: _CellPart, row: list[_CellPart]) -> bool:
    return cell.bottom > min(c.bottom for c in row) + 2.0


def _table_cells(parts: list[_TablePart]) -> list[CellSpec]:
    """Anchor cells of a table (possibly continued over pages) on the grid of its distinct edges."""
    cells = [_CellPart(c.x0, c.top, c.x1, c.bottom, c.lines) for c in parts[0].cells]
    header = _texts(_edge_row(cells, top=True))
    for prev, part in zip(parts, parts[1:], strict=False):
        _append_part(cells, part, header, open_break=prev.open_bottom or part.open_top)
    pad = _cell_padding(cells)
    xs = _snap([v for c in cells for v in (c.x0, c.x1)])
    ys = _snap([v for c in cells for v in (c.top, c.bottom)])
    specs = []
    for cell in cells:
        row, col = _index(ys, cell.top), _index(xs, cell.x0)
        row_end, col_end = _index(ys, cell.bottom), _index(xs, cell.x1)
        paragraphs = _cell_paragraphs(cell.lines, cell.x0 + pad, cell.x1 - pad)
        text, glyphs = render_boxes("\n".join(paragraphs))
        specs.append(CellSpec(text=text, row=row, col=col, row_span=max(1, row_end - row),
                              col_span=max(1, col_end - col), paragraphs=text.split("\n") if text else [],
                              glyphs=glyphs))
    return specs


def _continues_table(prev: _TablePart, part: _TablePart) -> bool:
    return part.page == prev.page + 1 and abs(prev.x0 - part.x0) < 3 and abs(prev.x1 - part.x1) < 3


# --------------------------------------------------------------------------- backend


def page_ranges(numbers: list[int]) -> str:
    """Page numbers as a reader writes them: [1, 2, 3, 7, 9, 10] -> 1–3、7、9–10."""
    parts: list[str] = []
    run: list[int] = []
    for n in sorted(set(numbers)):
        if run and n != run[-1] + 1:
            parts.append(_run_text(run))
            run = []
        run.append(n)
    if run:
        parts.append(_run_text(run))
    return "、".join(parts)


def _run_text(run: list[int]) -> str:
    return str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}"


class PdfBackend:
    format: ClassVar[Format] = "pdf"

    def load(self, path: Path, source: Source, data: bytes | None = None) -> Document:
        words: list[Word] = []
        pages, n_pages = _read_pdf(Path(path), words)  # pdfplumber streams from disk; data unused
        scanned = [page.number for page in pages if not page.lines and not page.tables]
        if scanned:
            from . import ocr

            if ocr.available():
                return self._with_ocr(Path(path), source, data, pages, n_pages, scanned, words)
            if len(scanned) == len(pages):
                raise ScannedDocumentError(path, ocr.INSTALL_HINT)
        _drop_running_lines(pages)
        builder = DocumentBuilder(source)
        builder.words = words
        _lay_out(pages, _measure(pages), builder)
        unread = [page.number for page in pages if not page.lines and not page.tables]
        if unread:  # one warning for all such pages: a stack of scans must not give one per page
            builder.warnings.append(f"第{page_ranges(unread)}页无文本层（可能是扫描页，共 {len(unread)} 页），"
                                    f"未进行 OCR（pip install -e '.[ocr]'） / {len(unread)} pages have no text")
        return builder.build(pages=n_pages, unread_pages=unread)

    @staticmethod
    def _with_ocr(path: Path, source: Source, data: bytes | None, pages: list[_Page], n_pages: int,
                  scanned: list[int], words: list[Word]) -> Document:
        """Pages without a text layer OCR'd, the others read as they are; the Document says which were OCR'd."""
        from . import ocr

        data = path.read_bytes() if data is None else data
        ocr_pages, texts = ocr.ocr_pdf_pages(path, data, scanned, words)
        by_number = {p.number: p for p in ocr_pages}
        merged = [by_number.get(p.number, p) for p in pages]
        if not any(p.lines or p.tables for p in merged):
            raise ScannedDocumentError(path, "OCR 未识别出任何文字 / OCR found no text")
        warnings = [f"第{n}页为扫描页，已 OCR 识别 / page {n} read by OCR" for n in scanned] if len(scanned) < n_pages \
            else []
        return ocr.build_document(source, merged, texts, n_pages, scanned, words, warnings)


def _corrupt(path: Path, cause: object) -> CorruptFileError:
    # pdfminer's exception names (PSEOF, PDFSyntaxError) mean nothing to bureau staff: say what they mean.
    return CorruptFileError(path, f"PDF 结构损坏或被截断 / broken or truncated PDF structure: {type(cause).__name__}")


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
        raise _corrupt(path, cause) from err
    except PDFEncryptionError as err:
        raise EncryptedFileError(path) from err
    except (ValueError, TypeError, KeyError, AttributeError, AssertionError, EOFError) as err:
        # pdfminer lets these through on truncated or malformed object streams
        raise _corrupt(path, err) from err
    except Exception as err:
        if type(err).__module__.startswith(("pdfminer", "pdfplumber")):
            raise _corrupt(path, err) from err
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
    rendered, glyphs = render_boxes(_paragraph_text(lines, raw=True))
    builder.add_block(kind, rendered, page=lines[0].page, level=level, glyphs=glyphs)

"""XLSX -> Document: each visible sheet is a heading (the sheet name) and one table.

Plan lists exported from application systems are a header row and one row per
class; hand-made ones add a title row above the header and two-row headers
whose parent cell is merged across its children (``是否申请`` over ``资助`` and
``专项技术支持``). The header is found from the content, merged parents are
combined with their children into one label per column (``是否申请资助``), and
``Table.header`` / ``Table.header_rows`` tell extractors where the data start.
Cell values are written as a person reads them: dates as ISO strings, integral
numbers without ``.0``, percentages with ``%``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from ..errors import CorruptFileError, NoTextError, TooLargeError
from ..models import Document, Format, Source
from ..normalizers.text import normalize_text
from .base import CellSpec, DocumentBuilder
from .checkbox import render_normalized

_MAX_HEADER_SCAN = 10  # the header is within the first rows of a sheet
# A plan list holds one row per class: a unit lists dozens, a bureau's export some thousands.
# A sheet beyond this is not a plan list to screen in one go (and would need gigabytes).
MAX_ROWS = 20_000
_NUMBER_TEXT = re.compile(r"^[\d\s.,%+\-]*$")


@dataclass
class _GridCell:
    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    is_number: bool = False


# --------------------------------------------------------------------------- values


def format_value(value, number_format: str = "General") -> str:
    """A cell value as text the way a person reads it in Excel."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        return _format_number(value, number_format or "General")
    return str(value)


def _format_number(value: float, number_format: str) -> str:
    if "%" in number_format:
        pct = value * 100
        return f"{_plain_number(round(pct, 6))}%"
    return _plain_number(value)


def _plain_number(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return format(value, ".15g")
    return str(value)


def _cell_text(cell) -> tuple[str, list[str], bool]:
    """(rendered text, box glyphs, is numeric) for an openpyxl cell."""
    value = cell.value
    if value is None:
        return "", [], False
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if is_number:
        return _format_number(value, cell.number_format or "General"), [], True
    # Boxes first: the clean-up drops the spaces that separate a tick from the option before it.
    text, glyphs = render_normalized(format_value(value, getattr(cell, "number_format", "General")))
    return text.strip("\n"), glyphs, is_number


# --------------------------------------------------------------------------- sheet -> grid


_MERGE_CELL = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")


def _merged_ranges(data: bytes, sheet_path: str) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col), 1-based, of each ``<mergeCell ref=…>`` of a sheet.

    openpyxl's read-only (streaming) mode does not read merges; they are one short element list
    after the sheet's rows, found here without parsing the rows a second time."""
    from openpyxl.utils.cell import range_boundaries

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(sheet_path.lstrip("/"))
    start = xml.rfind(b"sheetData>")  # the merges follow the rows (a cell's text may say anything)
    out = []
    for ref in _MERGE_CELL.findall(xml, max(0, start)):
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii"))
        out.append((min_row, min_col, max_row, max_col))
    return out


def _sheet_rows(ws, max_rows: int) -> tuple[list[list], int, int]:
    """Rows of openpyxl cells as streamed, and the last row and column holding a value
    (formatting alone inflates the sheet's dimensions). Refuses a sheet of more than ``max_rows``."""
    rows: list[list] = []
    last_row = last_col = 0
    for r, row in enumerate(ws.iter_rows(), start=1):
        rows.append(row)
        for c, cell in enumerate(row, start=1):
            value = cell.value
            if value is not None and (not isinstance(value, str) or value.strip()):
                last_row, last_col = r, max(last_col, c)
        if last_row > max_rows + _MAX_HEADER_SCAN:  # the cap counts data rows, not a title and header
            raise TooManyRowsError(ws.title, max_rows)
    return rows[:last_row], last_row, last_col


class TooManyRowsError(Exception):
    def __init__(self, sheet: str, limit: int) -> None:
        super().__init__(sheet, limit)
        self.sheet, self.limit = sheet, limit


def _sheet_cells(ws, merges: list[tuple[int, int, int, int]], max_rows: int = 0
                 ) -> tuple[list[_GridCell], list[list[str]], dict[tuple[int, int], list[str]]]:
    """Anchor cells (0-based grid), the plain grid with merged text repeated, and glyphs per anchor."""
    rows, last_row, last_col = _sheet_rows(ws, max_rows or MAX_ROWS)
    if not last_row:
        return [], [], {}
    covered: dict[tuple[int, int], tuple[int, int]] = {}  # grid pos -> anchor pos
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for min_row, min_col, max_row, max_col in merges:
        r0, c0 = min_row - 1, min_col - 1
        if r0 >= last_row or c0 >= last_col:
            continue
        r1, c1 = min(max_row, last_row), min(max_col, last_col)
        spans[(r0, c0)] = (r1 - r0, c1 - c0)
        for r in range(r0, r1):
            for c in range(c0, c1):
                covered[(r, c)] = (r0, c0)
    cells: list[_GridCell] = []
    glyphs: dict[tuple[int, int], list[str]] = {}
    grid = [["" for _ in range(last_col)] for _ in range(last_row)]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row[:last_col]):
            pos = (r, c)
            if covered.get(pos, pos) != pos:
                continue
            text, marks, is_number = _cell_text(cell)
            rs, cs = spans.get(pos, (1, 1))
            cells.append(_GridCell(text, r, c, rs, cs, is_number))
            glyphs[pos] = marks
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    grid[rr][cc] = text
        # Streamed rows may stop short of the last column: the grid keeps its empty cells.
        for c in range(len(row), last_col):
            if covered.get((r, c), (r, c)) == (r, c):
                cells.append(_GridCell("", r, c))
                glyphs[(r, c)] = []
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return cells, grid, glyphs


# --------------------------------------------------------------------------- header


def _is_label(cell: _GridCell) -> bool:
    return bool(cell.text) and not cell.is_number and not _NUMBER_TEXT.match(cell.text)


def _find_header(cells: list[_GridCell], n_rows: int, n_cols: int) -> int | None:
    """Index of the first row that reads as a header: most columns hold text labels."""
    by_row: dict[int, list[_GridCell]] = {}
    for cell in cells:
        by_row.setdefault(cell.row, []).append(cell)
    for r in range(min(n_rows, _MAX_HEADER_SCAN)):
        row = by_row.get(r, [])
        labels = [c for c in row if _is_label(c)]
        covered_cols = sum(c.col_span for c in labels)
        values = [c for c in row if c.text]
        if len(labels) >= 2 and covered_cols >= max(2, n_cols // 2) and len(labels) >= 0.6 * len(values):
            return r
    return None


def _header_depth(cells: list[_GridCell], header: int, n_rows: int) -> int:
    """1, or 2 when the header row has merged parents with child labels below them."""
    if header + 1 >= n_rows:
        return 1
    row = [c for c in cells if c.row == header]
    below = {c.col: c for c in cells if c.row == header + 1}
    tall = any(c.row_span >= 2 for c in row)
    parents = [c for c in row if c.col_span >= 2]
    children_under_parent = any(
        all(col in below and _is_label(below[col]) for col in range(p.col, p.col + p.col_span)) for p in parents)
    if children_under_parent or (tall and any(_is_label(c) for c in below.values())):
        return 2
    return 1


def _join_label(parts: list[str]) -> str:
    out = ""
    for part in parts:
        part = part.replace("\n", "")
        if not part or out.endswith(part):
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out


def header_labels(grid: list[list[str]], header: int, depth: int) -> list[str]:
    """One label per column, parent and child labels combined."""
    n_cols = len(grid[0]) if grid else 0
    return [_join_label([grid[r][c] for r in range(header, header + depth)]) for c in range(n_cols)]


# --------------------------------------------------------------------------- backend


def _open_workbook(path: Path, data: bytes):
    import openpyxl  # imported here so other formats do not pay for it

    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except (zipfile.BadZipFile, KeyError, EOFError) as err:
        raise CorruptFileError(path, "XLSX 结构损坏 / broken XLSX package") from err
    except Exception as err:  # openpyxl raises many kinds on malformed parts
        raise CorruptFileError(path, f"XLSX 无法解析 / cannot parse XLSX: {type(err).__name__}") from err


class XlsxBackend:
    format: ClassVar[Format] = "xlsx"

    def load(self, path: Path, source: Source, data: bytes | None = None) -> Document:
        path = Path(path)
        data = path.read_bytes() if data is None else data
        workbook = _open_workbook(path, data)
        builder = DocumentBuilder(source)
        try:
            for ws in workbook.worksheets:
                if ws.sheet_state != "visible":
                    builder.warnings.append(f"{path.name}: 已跳过隐藏工作表“{ws.title}” / hidden sheet skipped")
                    continue
                ws.reset_dimensions()  # stream every row: a stored dimension may be wrong
                self._add_sheet(builder, ws, _merged_ranges(data, ws._worksheet_path))
        except TooManyRowsError as err:
            raise TooLargeError(path, f"工作表“{err.sheet}”超过 {err.limit} 行，请拆分后再提交 / "
                                      f"more than {err.limit} rows in one sheet") from None
        finally:
            workbook.close()
        if not builder.tables and not builder.blocks:
            # Nothing downstream can use an empty workbook: say so here, not as an empty result.
            raise NoTextError(path, "工作簿中没有数据 / the workbook holds no data")
        return builder.build(pages=None)

    @staticmethod
    def _add_sheet(builder: DocumentBuilder, ws, merges: list[tuple[int, int, int, int]]) -> None:
        cells, grid, glyphs = _sheet_cells(ws, merges)
        if not cells or not any(c.text for c in cells):
            return
        builder.add_block("heading", normalize_text(ws.title), level=1)
        n_rows, n_cols = len(grid), len(grid[0])
        header = _find_header(cells, n_rows, n_cols)
        top = 0
        labels = None
        depth = 0
        if header is not None:
            # Rows above the header are titles and notes: paragraphs, not table rows.
            for cell in sorted((c for c in cells if c.row < header), key=lambda c: (c.row, c.col)):
                builder.add_block("paragraph", cell.text, glyphs=glyphs[(cell.row, cell.col)])
            top = header
            depth = _header_depth(cells, header, n_rows)
            labels = header_labels(grid, header, depth)
        specs = []
        for cell in cells:
            if cell.row < top:
                continue
            paragraphs = [p for p in cell.text.split("\n") if p.strip()]
            specs.append(CellSpec(text=cell.text, row=cell.row - top, col=cell.col, row_span=cell.row_span,
                                  col_span=cell.col_span, paragraphs=paragraphs,
                                  glyphs=glyphs[(cell.row, cell.col)]))
        table = builder.add_table(specs, header=labels)
        builder.tables[table.index] = table.model_copy(update={"header_rows": depth})

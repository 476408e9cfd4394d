"""Notice tables that list programmes with their rules, one programme a row.

    项目类别     | 举办时间  | 培训人数    | 资助标准
    市级重点项目 | 不少于3天 | 不少于100人 | 不超过8万元

The header row is the first row (of the first few) with a cell that reads like a
programme column header (corpus/programs.yaml ``table_program_headers``); a title
row merged across the table above it is skipped. Each data row's cell in that
column names a programme when it ends like one; the other cells of the row state
that programme's rules, and their column header says which attribute a bare
number is (a cell merged down several rows holds for each of their programmes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...models import Document, Table
from ...normalizers.quantities import find_comparisons
from ...normalizers.text import compact
from .cues import ends_like_programme
from .resources import programs_data

_HEADER_ROWS = 3  # a header row is among the first rows of a table
_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9“”\"（）()·]{3,30}")


@dataclass
class TableLayout:
    table: int
    header_row: int
    program_col: int
    headers: dict[int, str] = field(default_factory=dict)  # column -> header text
    row_programs: dict[int, tuple[str, int, int]] = field(default_factory=dict)  # row -> (name, start, end)
    row_spans: dict[tuple[int, int], int] = field(default_factory=dict)  # anchor (row, col) -> rows covered

    def programs_of(self, row: int, col: int) -> list[str]:
        """The programmes of the rows a cell covers."""
        span = self.row_spans.get((row, col), 1)
        return [self.row_programs[r][0] for r in range(row, row + span) if r in self.row_programs]

    def is_rule_cell(self, row: int, col: int) -> bool:
        return row > self.header_row and col != self.program_col and col in self.headers


def _program_column(table: Table) -> tuple[int, int] | None:
    words = {compact(w) for w in programs_data()["table_program_headers"]}
    for row in range(min(_HEADER_ROWS, table.n_rows)):
        for cell in table.cells:
            if cell.row == row and cell.col_span < table.n_cols and compact(cell.text) in words:
                return row, cell.col
    return None


def _states_quantities(table: Table, layout: TableLayout) -> bool:
    """A programme table states rules (3天, 50人左右); a table of directions only names programmes."""
    return any(layout.is_rule_cell(c.row, c.col) and find_comparisons(c.text) for c in table.cells)


def table_layouts(doc: Document) -> dict[int, TableLayout]:
    """The programme tables of a document, by table index."""
    out: dict[int, TableLayout] = {}
    for table in doc.tables:
        found = _program_column(table)
        if found is None:
            continue
        header_row, program_col = found
        layout = TableLayout(table=table.index, header_row=header_row, program_col=program_col,
                             row_spans={(c.row, c.col): c.row_span for c in table.cells})
        for col in range(table.n_cols):
            cell = table.cell_at(header_row, col)
            if cell is not None and cell.text.strip():
                layout.headers[col] = compact(cell.text)
        for row in range(header_row + 1, table.n_rows):
            cell = table.cell_at(row, program_col)
            if cell is None or cell.row != row:
                continue
            name = compact(cell.text)
            if _NAME.fullmatch(name) and ends_like_programme(name, heading=True):
                layout.row_programs[row] = (name, cell.start, cell.end)
        if layout.row_programs and _states_quantities(table, layout):
            out[table.index] = layout
    return out

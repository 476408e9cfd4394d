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

from dataclasses import dataclass, field

from ...lazyre import lazy_compile
from ...models import Document, Table
from ...normalizers.quantities import find_comparisons
from ...normalizers.text import compact
from .cues import ends_like_programme, has_attribute_cue
from .resources import programs_data

_HEADER_ROWS = 3  # a header row is among the first rows of a table
_NAME = lazy_compile(r"[\u4e00-\u9fffA-Za-z0-9“”\"（）()·]{3,30}")


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


# A cell that is a bare count (计划名额 | 12): its column header says what is counted.
BARE_COUNT = lazy_compile(r"[\d一二两三四五六七八九十百]+")


def _states_quantities(table: Table, layout: TableLayout) -> bool:
    """A programme table states rules (3天, 50人左右, or bare counts under a header naming an
    attribute); a table of directions only names programmes."""
    return any(layout.is_rule_cell(c.row, c.col)
               and (find_comparisons(c.text) or (BARE_COUNT.fullmatch(compact(c.text))
                                                 and has_attribute_cue(layout.headers[c.col])))
               for c in table.cells)


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


# A row label: a short name of what the row rules on (培训规模, 经费补助), no numbers.
_LABEL = lazy_compile(r"[\u4e00-\u9fff（）()、/]{2,10}")


def row_labels(doc: Document, layouts: dict[int, TableLayout]) -> dict[tuple[int, int], str]:
    """(table, row) -> label for the rows of a requirement table that is not a programme table.

        项目     | 要求                 | 备注
        培训规模 | 每期不少于60人       | 原则上不超过150人

    The first column names what each row rules on, so its label stands before every
    number of the row's other cells, as a column header does in a programme table. A
    table qualifies when most of its rows (two at least) open with such a label.
    """
    out: dict[tuple[int, int], str] = {}
    for table in doc.tables:
        if table.index in layouts or table.n_cols < 2 or table.n_rows < 2:
            continue
        labels = {}
        for row in range(table.n_rows):
            cell = table.cell_at(row, 0)
            if cell is None or cell.row != row or cell.col_span >= table.n_cols:
                continue
            text = compact(cell.text)
            if _LABEL.fullmatch(text):
                labels[row] = text
        if len(labels) >= 2 and len(labels) * 3 >= table.n_rows * 2:
            out.update({(table.index, row): text for row, text in labels.items()})
    return out

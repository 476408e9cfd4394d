"""Worksheets that print as they are forwarded: A4, fitted to the page width, the header row
repeated on every page, and rows tall enough for the text they wrap."""

from __future__ import annotations

import math

from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# Wide tables print across the page; an A4 row of a CJK font holds about 1.8 points per
# character of width at 11 pt, and a wrapped line is about 15 points tall.
LANDSCAPE_MIN_COLUMNS = 5
LINE_HEIGHT = 15.0
CJK_WIDTH = 2.0  # a Chinese character takes about two units of Excel column width


def text_width(text: str) -> float:
    return sum(CJK_WIDTH if ord(ch) > 0x2E80 else 1.0 for ch in text)


def fit_row_heights(ws: Worksheet, first_row: int) -> None:
    """Rows from ``first_row`` on made tall enough for their wrapped text (openpyxl keeps a fixed height)."""
    widths = {i: (ws.column_dimensions[get_column_letter(i)].width or 10) for i in range(1, ws.max_column + 1)}
    for row in ws.iter_rows(min_row=first_row, max_row=ws.max_row):
        lines = 1
        for cell in row:
            if cell.value is None or isinstance(cell, MergedCell):
                continue
            width = max(widths.get(cell.column, 10) - 1, 1)
            lines = max(lines, sum(max(1, math.ceil(text_width(part) / width)) for part in str(cell.value).split("\n")))
        ws.row_dimensions[row[0].row].height = LINE_HEIGHT * lines + 4


def print_ready(ws: Worksheet, header_row: int | None = None) -> None:
    """A4, fitted to one page wide (as many pages tall as it takes), header rows repeated."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if ws.max_column >= LANDSCAPE_MIN_COLUMNS else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if header_row is not None:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"

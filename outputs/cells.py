"""Values from documents written into spreadsheets stay values.

A unit may type ``=HYPERLINK(…)`` or ``=cmd|' /C calc'!A0`` into a form; written as it is,
Excel runs it as a formula. shenbao writes no formulas, so every cell of its workbooks is
made text, and a CSV cell that a spreadsheet would read as a formula gets the leading
apostrophe spreadsheet users know for "this is text".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl is imported by the writers that make workbooks, not by every command
    from openpyxl import Workbook

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A CSV cell that no spreadsheet evaluates: text starting like a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def csv_row(values: list[Any]) -> list[Any]:
    return [csv_safe(v) for v in values]


def text_only(workbook: Workbook) -> Workbook:
    """Every cell openpyxl took for a formula (a string starting with =) stored as text instead."""
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return workbook

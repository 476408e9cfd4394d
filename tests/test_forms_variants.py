"""Form reader on forms it has never seen: re-worded, re-ordered layouts built here.

The builders write DOCX (python-docx) and XLSX (openpyxl) files. A layout is a
list of rows; a row is a list of cell texts, ``None`` merging a cell into its
left neighbour; ``\\n`` makes separate paragraphs; ``{SDT:1}`` / ``{SDT:0}``
becomes a Word checkbox content control (ticked / not), which has no glyph in
the paragraph's plain text.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from shenbao.errors import UnknownFormError
from shenbao.extractors.forms import parse_form_file

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
_SDT = re.compile(r"\{SDT:([01])\}")


def _sdt_checkbox(checked: bool):
    glyph = "☒" if checked else "☐"
    return parse_xml(
        f'<w:sdt xmlns:w="{W_NS}" xmlns:w14="{W14_NS}"><w:sdtPr><w14:checkbox>'
        f'<w14:checked w14:val="{1 if checked else 0}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
        f'</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>'
    )


def _fill_paragraph(paragraph, text: str) -> None:
    pos = 0
    for m in _SDT.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos:m.start()])
        paragraph._p.append(_sdt_checkbox(m.group(1) == "1"))
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def _fill_cell(cell, text: str) -> None:
    parts = text.split("\n")
    _fill_paragraph(cell.paragraphs[0], parts[0])
    for part in parts[1:]:
        _fill_paragraph(cell.add_paragraph(), part)


def build_docx(path: Path, title: str | None, rows: list[list[str | None]],
               paragraphs_before: list[str] = (), vertical_merges: list[tuple[int, int, int]] = ()) -> Path:
    """Write a form; ``vertical_merges`` lists (col, first_row, last_row) to merge downwards."""
    document = docx.Document()
    if title:
        document.add_paragraph(title)
    for p in paragraphs_before:
        document.add_paragraph(p)
    n_cols = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=n_cols)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            text = row[c]
            end = c
            while end + 1 < len(row) and row[end + 1] is None:
                end += 1
            cell = table.cell(r, c)
            if end > c:
                cell = cell.merge(table.cell(r, end))
            if text:
                _fill_cell(cell, text)
            c = end + 1
    for col, first, last in vertical_merges:
        top = table.cell(first, col)
        keep = top.text
        merged = top.merge(table.cell(last, col))
        for p in merged.paragraphs[1:]:
            p._p.getparent().remove(p._p)
        if merged.text != keep:
            merged.paragraphs[0].text = keep
    document.save(path)
    return path


def build_xlsx(path: Path, rows: list[list[object]], title: str | None = None) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "计划"
    if title:
        ws.append([title])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path

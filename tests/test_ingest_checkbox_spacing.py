"""Tick marks are read before the whitespace clean-up, in every backend.

The clean-up removes spaces next to CJK. In "□财政资助项目  √自筹经费" the spaces
are what tell a tick before the next option from a mark written after the
previous one ("是√否"); read after the clean-up, the √ would stay a √.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shenbao.ingest import load
from shenbao.ingest.base import DocumentBuilder, make_source
from shenbao.ingest.checkbox import render_normalized

LINE = "□财政资助项目  √自筹经费（来源：单位自筹）"
EXPECTED = "☐财政资助项目☑自筹经费（来源：单位自筹）"


def _boxes(doc) -> list[tuple[bool, str, str]]:
    return [(b.checked, b.glyph, b.label) for b in doc.checkboxes]


EXPECTED_BOXES = [(False, "□", "财政资助项目"), (True, "√", "自筹经费（来源：单位自筹）")]


@pytest.mark.parametrize("raw", [LINE, LINE.replace("  ", "\t"), LINE.replace("  ", "\u3000\u3000"),
                                 LINE.replace("  ", "\u00a0")])
def test_render_normalized_reads_ticks_before_dropping_spaces(raw):
    assert render_normalized(raw) == (EXPECTED, ["□", "√"])


def test_mark_after_its_option_is_still_left_alone():
    assert render_normalized("是√否") == ("是√否", [])
    assert render_normalized("是√ 否") == ("是√否", [])


def test_docx_paragraph_and_cell(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_paragraph("项目类别：" + LINE)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "项目类别"
    table.cell(0, 1).text = LINE
    path = tmp_path / "form.docx"
    document.save(str(path))
    doc = load(path)
    assert doc.blocks[0].text == "项目类别：" + EXPECTED
    assert doc.tables[0].cell_at(0, 1).text == EXPECTED
    assert _boxes(doc) == [(False, "□", "财政资助项目"), (True, "√", "自筹经费（来源：单位自筹）")] * 2


def test_text_paragraph_and_tables(tmp_path: Path):
    path = tmp_path / "form.md"
    path.write_text(f"项目类别：{LINE}\n\n| 项目类别 | {LINE} |\n| --- | --- |\n\n项目类别\t{LINE}\t备注\n",
                    encoding="utf-8")
    doc = load(path)
    assert doc.blocks[0].text == "项目类别：" + EXPECTED
    assert [t.cell_at(0, 1).text for t in doc.tables] == [EXPECTED, EXPECTED]
    assert _boxes(doc) == EXPECTED_BOXES * 3


def test_html_paragraph_and_cell(tmp_path: Path):
    path = tmp_path / "form.html"
    html_line = LINE.replace("  ", "&nbsp;&nbsp;")
    path.write_text(f"<html><body><p>项目类别：{html_line}</p><table><tr><td>项目类别</td><td>{html_line}</td></tr>"
                    "</table></body></html>", encoding="utf-8")
    doc = load(path)
    assert doc.blocks[0].text == "项目类别：" + EXPECTED
    assert doc.tables[0].cell_at(0, 1).text == EXPECTED
    assert _boxes(doc) == EXPECTED_BOXES * 2


def test_xlsx_cell(tmp_path: Path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["项目类别", LINE])
    path = tmp_path / "plan.xlsx"
    book.save(str(path))
    doc = load(path)
    assert EXPECTED in doc.text
    assert _boxes(doc) == EXPECTED_BOXES


def test_pdf_lines_keep_their_gaps_until_boxes_are_read(tmp_path: Path):
    # A PDF line's text has a space wherever the glyphs have a gap; body paragraphs and cells
    # are both rendered from that text.
    from shenbao.ingest.pdf import _CellPart, _emit_paragraph, _Layout, _Line, _table_cells, _TablePart

    line = _Line(text="项目类别：□财政资助项目  √自筹经费（来源：单位自筹）", x0=90, x1=400, top=100, bottom=112,
                 size=12, page=1)
    builder = DocumentBuilder(make_source(tmp_path / "x.pdf", "pdf", b""))
    _emit_paragraph([line], _Layout(12.0, 90.0, 500.0, False), builder)
    cell_line = _Line(text=LINE, x0=205, x1=480, top=100, bottom=112, size=12, page=1)
    part = _TablePart(page=1, x0=100, top=95, x1=500, bottom=120,
                      cells=[_CellPart(100, 95, 200, 120), _CellPart(200, 95, 500, 120, [cell_line])])
    builder.add_table(_table_cells([part]), page=1)
    doc = builder.build(pages=1)
    assert doc.blocks[0].text == "项目类别：" + EXPECTED
    assert doc.tables[0].cell_at(0, 1).text == EXPECTED
    assert _boxes(doc) == EXPECTED_BOXES * 2

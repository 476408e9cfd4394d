"""XLSX ingest: header detection, two-row merged headers, typed cell values."""

from __future__ import annotations

import datetime as dt
import json

from shenbao.config import shared_dir
from shenbao.ingest import load

FORMS = shared_dir() / "samples" / "forms"

# expected field key -> the column label the sample plan list uses for it
_COLUMNS = {"unit": "单位名称", "class_name": "培训班名称", "category": "培训类别", "days": "培训天数",
            "participants": "计划人数", "apply_funding": "是否申请资助", "phone": "联系电话"}


def test_plan_list_header_and_rows():
    doc = load(FORMS / "cas_plan_01.xlsx")
    assert doc.source.format == "xlsx"
    assert doc.blocks[0].kind == "heading"
    table = doc.tables[0]
    assert table.header_rows == 1
    assert table.header[:3] == ["序号", "单位名称", "培训班名称"]
    assert "是否申请专项技术支持" in table.header
    expected = json.loads((FORMS / "expected" / "cas_plan_01.json").read_text(encoding="utf-8"))
    grid = table.grid()
    data = grid[table.header_rows:]
    assert len(data) == len(expected)
    for row, want in zip(data, expected, strict=True):
        for key, label in _COLUMNS.items():
            value = want["fields"][key]
            assert row[table.header.index(label)] == ("" if value is None else str(value))
    # cells point back into the text
    for cell in table.cells:
        assert doc.text[cell.start:cell.end] == cell.text


def _two_row_header_workbook(path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "年度计划"
    ws["A1"] = "2025年度培训计划汇总表"
    ws.merge_cells("A1:G1")
    ws.append(["序号", "培训班名称", "是否申请", None, "开班日期", "经费执行率", "备注"])
    ws.append([None, None, "资助", "专项技术支持", None, None, None])
    for rng in ("A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3", "G2:G3"):
        ws.merge_cells(rng)
    ws.append([1, "数据分析 研修班", "是", "否", dt.datetime(2025, 3, 1), 0.85, True])
    ws.append([2.0, "纳米表征培训班", "否", "是", dt.date(2025, 4, 2), 0.5, "☑线下 □线上"])
    ws.append([3, "跨行备注班", "是", "是", None, 1.25, None])
    ws.merge_cells("G5:G6")
    ws["F4"].number_format = "0%"
    hidden = wb.create_sheet("代码表")
    hidden.append(["是", "否"])
    hidden.sheet_state = "hidden"
    wb.create_sheet("空表")
    wb.save(path)


def test_title_row_and_two_row_merged_header(tmp_path):
    path = tmp_path / "plan.xlsx"
    _two_row_header_workbook(path)
    doc = load(path)
    assert [b.text for b in doc.blocks[:2]] == ["年度计划", "2025年度培训计划汇总表"]
    assert doc.blocks[0].kind == "heading" and doc.blocks[1].kind == "paragraph"
    assert len(doc.tables) == 1  # the hidden code sheet and the empty sheet give no table
    assert any("代码表" in w for w in doc.warnings)
    table = doc.tables[0]
    assert table.header == ["序号", "培训班名称", "是否申请资助", "是否申请专项技术支持", "开班日期", "经费执行率", "备注"]
    assert table.header_rows == 2
    parent = table.cell_at(0, 3)
    assert parent.text == "是否申请" and (parent.col, parent.col_span) == (2, 2)
    rows = table.grid()[2:]
    assert rows[0] == ["1", "数据分析研修班", "是", "否", "2025-03-01", "85%", "TRUE"]
    assert rows[1][:6] == ["2", "纳米表征培训班", "否", "是", "2025-04-02", "0.5"]
    assert rows[1][6] == "☑线下☐线上"
    assert [(b.checked, b.label) for b in doc.checkboxes] == [(True, "线下"), (False, "线上")]
    assert rows[2][5] == "1.25"
    merged = table.cell_at(3, 6)
    assert merged.row_span == 2 and merged.row == 3

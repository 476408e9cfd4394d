"""The Excel report: a row per submission, a sheet of findings, a sheet of batch findings.

Frozen header, filters, colours by verdict and wrapped text, so a reviewer can
sort and filter without touching the layout.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..models import RuleSet, ScreeningReport
from .cells import text_only
from .labels import (
    attribute_label,
    form_type_label,
    format_value,
    labels,
    location,
    reasons,
    result_title,
    result_unit,
    ruleset_line,
    status_label,
    verdict_label,
)
from .print_setup import fit_row_heights, print_ready

VERDICT_FILL = {"pass": "E3F4E1", "fail": "FBE3E1", "review": "FFF4D6", "error": "E8E8E8"}
SEVERITY_FILL = {"error": "FBE3E1", "warning": "FFF4D6", "info": "EEF3FB"}
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
THIN = Side(style="thin", color="D0D7DE")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet(ws: Worksheet, header: list[str], widths: list[int], rows: list[list], fills: list[str | None]) -> None:
    ws.append(header)
    for cell in ws[1]:
        cell.fill, cell.font, cell.border = HEADER_FILL, HEADER_FONT, BORDER
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for values, fill in zip(rows, fills, strict=True):
        ws.append(values)
        for cell in ws[ws.max_row]:
            cell.alignment, cell.border = WRAP, BORDER
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{ws.max_row}"
    fit_row_heights(ws, 2)
    print_ready(ws, header_row=1)


def _overview(ws: Worksheet, report: ScreeningReport, ruleset: RuleSet | None) -> None:
    ws.title = "概览"
    title = report.ruleset.title or (ruleset.notice.title if ruleset else "") or ""
    ws.append(["形式审查报告"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["依据通知", title])
    ws.append(["所用规则集", ruleset_line(report.ruleset) or "—"])
    ws.append(["通知文件指纹", (report.ruleset.sha256 or "")[:16]])
    ws.append([])
    ws.append(["结论", "份数"])
    for cell in ws[ws.max_row]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    s = report.summary
    for verdict, count in (("pass", s.pass_), ("fail", s.fail), ("review", s.review), ("error", s.error)):
        ws.append([verdict_label(verdict), count])
        ws.cell(ws.max_row, 1).fill = PatternFill("solid", fgColor=VERDICT_FILL[verdict])
    ws.append(["合计", s.total])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 70


def write_xlsx(report: ScreeningReport, path: Path, ruleset: RuleSet | None = None) -> None:
    wb = Workbook()
    _overview(wb.active, report, ruleset)

    rows, fills = [], []
    for i, r in enumerate(report.results, start=1):
        problems = [f for f in r.findings if f.status != "satisfied"]
        rows.append([i, location(r), form_type_label(r.form_type), r.program or "", result_title(r), result_unit(r),
                     verdict_label(r.verdict), sum(f.severity == "error" for f in problems),
                     sum(f.severity != "error" for f in problems), reasons(r), "；".join(r.notes)])
        fills.append(VERDICT_FILL.get(r.verdict))
    _sheet(wb.create_sheet("审查结果"),
           ["序号", "文件", "表格类型", "项目类别", "项目名称", "单位", "结论", "错误", "提醒", "问题", "说明"],
           [6, 28, 20, 20, 36, 24, 10, 6, 6, 60, 30], rows, fills)

    rows, fills = [], []
    severities = labels()["severities"]
    for r in report.results:
        for f in r.findings:
            if f.status == "satisfied":
                continue
            rows.append([location(r), result_title(r), attribute_label(f.attribute), status_label(f.status),
                         severities.get(f.severity, f.severity), f.message, format_value(f.form_value),
                         f.form_evidence.text if f.form_evidence else "",
                         f.notice_evidence.text if f.notice_evidence else ""])
            fills.append(SEVERITY_FILL.get(f.severity))
    _sheet(wb.create_sheet("问题明细"),
           ["文件", "项目名称", "审查项", "状态", "级别", "说明", "表单填写值", "表单原文", "通知原文"],
           [28, 32, 16, 10, 8, 50, 24, 36, 50], rows, fills)

    rows = [[attribute_label(b.attribute), b.unit or "", "\n".join(b.files), b.message,
             b.notice_evidence.text if b.notice_evidence else ""] for b in report.batch_findings]
    _sheet(wb.create_sheet("批量问题"), ["审查项", "单位", "涉及文件", "说明", "通知原文"], [16, 28, 40, 60, 50],
           rows, ["FBE3E1"] * len(rows))
    print_ready(wb["概览"])
    text_only(wb).save(path)

"""The 汇总表: the passing submissions in the layout of the notice's summary annex.

Column layouts are data (corpus/summary_table.yaml); the title is the notice's
own 汇总表 annex title when the rule set names one.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..config import corpus_yaml
from ..models import RuleSet, ScreeningReport, ScreeningResult
from .cells import text_only
from .labels import format_value
from .print_setup import fit_row_heights, print_ready

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
PROGRAMME_HEADER = "项目类别"
FILES_HEADER = "材料文件"


@lru_cache(maxsize=1)
def layouts() -> dict[str, Any]:
    return corpus_yaml("summary_table.yaml")


def field_value(fields: dict[str, Any], dotted: str) -> Any:
    value: Any = fields
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if dotted == "group_size" and value is None and fields.get("leader"):
        value = 1 + len(fields.get("members") or [])
    return value


def first_value(fields: dict[str, Any], candidates: list[str]) -> str | int | float:
    """The first filled candidate field; numbers stay numbers so Excel can add them up."""
    for dotted in candidates:
        value = field_value(fields, dotted)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        if value not in (None, "", []):
            return format_value(value)
    return ""


def table_title(ruleset: RuleSet | None) -> str:
    conf = layouts()
    if ruleset:
        for attachment in ruleset.attachments:
            if conf["title_keyword"] in attachment.title:
                return attachment.title
    return conf["fallback_title"]


def layout_for(form_type: str | None) -> tuple[str, dict[str, Any]] | None:
    for name, layout in layouts()["layouts"].items():
        if form_type in layout["form_types"]:
            return name, layout
    return None


def submission_key(result: ScreeningResult) -> tuple[str, int | None]:
    """One submission handed in as a.docx and a.pdf is one row: the file without its suffix, and the row."""
    return str(Path(result.file).with_suffix("")), result.row


def passing_by_layout(report: ScreeningReport) -> dict[str, tuple[dict[str, Any], list[ScreeningResult]]]:
    groups: dict[str, tuple[dict[str, Any], list[ScreeningResult]]] = {}
    seen: set[tuple[str, int | None]] = set()
    for result in report.results:
        found = layout_for(result.form_type) if result.verdict == "pass" else None
        if found and submission_key(result) not in seen:
            seen.add(submission_key(result))
            name, layout = found
            groups.setdefault(name, (layout, []))[1].append(result)
    return groups


def files_by_submission(report: ScreeningReport) -> dict[tuple[str, int | None], str]:
    """For each submission, every file it was handed in as (a.docx、a.pdf)."""
    names: dict[tuple[str, int | None], dict[str, None]] = {}
    for r in report.results:
        names.setdefault(submission_key(r), {})[Path(r.file).name] = None
    return {key: "、".join(files) for key, files in names.items()}


def write_summary(report: ScreeningReport, path: Path, ruleset: RuleSet | None = None) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    title = table_title(ruleset)
    issuer = ruleset.notice.issuer if ruleset else None
    files = files_by_submission(report)
    groups = passing_by_layout(report) or {"seminar": (layouts()["layouts"]["seminar"], [])}
    for name, (layout, results) in groups.items():
        ws = wb.create_sheet(layout.get("sheet_name") or name)
        # 国家级 and 省级 projects share a sheet: a 类别 column tells them apart (unless the layout has one)
        programme = any(r.program for r in results) and not any("类别" in c["header"] for c in layout["columns"])
        headers = (["序号"] + ([PROGRAMME_HEADER] if programme else []) + [c["header"] for c in layout["columns"]]
                   + [FILES_HEADER])
        last = get_column_letter(len(headers))
        ws.append([title])
        ws.merge_cells(f"A1:{last}1")
        ws["A1"].font, ws["A1"].alignment = Font(bold=True, size=14), CENTER
        ws.row_dimensions[1].height = 30
        for line in layouts()["preamble"]:
            ws.append([line])
            ws.merge_cells(f"A{ws.max_row}:{last}{ws.max_row}")
        ws.append(headers)
        header_row = ws.max_row
        for i, result in enumerate(results, start=1):
            ws.append([i] + ([result.program or ""] if programme else [])
                      + [first_value(result.fields, c["fields"]) for c in layout["columns"]]
                      + [files[submission_key(result)]])
        for row in ws.iter_rows(min_row=header_row, max_row=ws.max_row):
            for cell in row:
                cell.border, cell.alignment = BOX, CENTER
                if cell.row == header_row:
                    cell.font = Font(bold=True)
        ws.column_dimensions["A"].width = 6
        for i in range(2, len(headers) + 1):
            ws.column_dimensions[get_column_letter(i)].width = 24
        ws.freeze_panes = ws.cell(header_row + 1, 1)
        if issuer:
            ws.append([])
            ws.append([f"发文单位：{issuer}"])
        fit_row_heights(ws, header_row)
        print_ready(ws, header_row)
    text_only(wb).save(path)

"""CSV: one row per submission (verdict and reasons), UTF-8 with BOM so Excel opens it cleanly."""

from __future__ import annotations

import csv
from pathlib import Path

from ..models import RuleSet, ScreeningReport
from .cells import csv_row
from .labels import form_type_label, reasons, result_title, result_unit, verdict_label

# Headed in Chinese for the staff who open the file in Excel; 结论代码 keeps the machine value.
HEADER = ["文件", "行号", "表格类型", "项目类别", "项目名称", "单位", "结论代码", "结论", "问题数", "提示数", "原因"]


def write_csv(report: ScreeningReport, path: Path, ruleset: RuleSet | None = None) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for r in report.results:
            problems = [f for f in r.findings if f.status != "satisfied"]
            writer.writerow(csv_row([
                r.file, "" if r.row is None else r.row, form_type_label(r.form_type) or "", r.program or "",
                result_title(r), result_unit(r), r.verdict, verdict_label(r.verdict),
                sum(f.severity == "error" for f in problems), sum(f.severity != "error" for f in problems),
                reasons(r).replace("\n", "；"),
            ]))

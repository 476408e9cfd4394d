"""Report writers: what a reviewer sees in each format."""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook

from shenbao.models import (
    Attachment,
    BatchFinding,
    Evidence,
    Finding,
    RuleSet,
    RuleSetRef,
    ScreeningReport,
    ScreeningResult,
    Source,
    Summary,
)
from shenbao.outputs import write_report, write_summary_table
from shenbao.outputs.html_report import render_html

NOTICE_QUOTE = "每期研修时间一般为5至7天（含报到返程时间）"


@pytest.fixture()
def report() -> ScreeningReport:
    notice_ev = Evidence(text=NOTICE_QUOTE, page=1, start=10, end=31)
    form_ev = Evidence(text="2026年9月6日至8日", start=40, end=52, table=0, row=1, col=1)
    failing = ScreeningResult(
        file="in/a.docx", form_type="fj_national_seminar", program="国家级项目", verdict="fail",
        findings=[
            Finding(requirement_id="r1", attribute="duration_days", status="violated", severity="error",
                    message="办班时间 3 天，不在通知要求的 5–7 天之间", form_value=3, form_evidence=form_ev,
                    notice_evidence=notice_ev),
            Finding(requirement_id="r2", attribute="participants", status="satisfied", severity="info",
                    message="学员 48 人，符合", form_value=48),
        ],
        fields={"project_name": "海洋装备高级研修班", "host": {"name": "甲大学", "contact": "王五",
                                                             "mobile": "13800000000"}, "industry_field": "海洋"},
    )
    passing = ScreeningResult(
        file="in/b.docx", form_type="fj_provincial_seminar", verdict="pass",
        fields={"project_name": "乡村规划研修班", "host": {"name": "乙学院", "contact": "赵六",
                                                         "office_phone": "0591-1234567"}, "industry_field": "农业"},
    )
    review = ScreeningResult(file="in/plan.xlsx", row=4, form_type="cas_training_plan", verdict="review",
                             fields={"class_name": "显微成像培训班", "unit": "某研究所"},
                             findings=[Finding(attribute="participants", status="unknown", severity="warning",
                                               message="缺少参训人数，无法判断")])
    broken = ScreeningResult(file="in/c.pdf", verdict="error", error="c.pdf: 文件已损坏或不完整 / file is corrupt")
    return ScreeningReport(
        ruleset=RuleSetRef(title="某省关于申报2026年高级研修项目的通知", sha256="f" * 64),
        results=[failing, passing, review, broken],
        batch_findings=[BatchFinding(attribute="max_per_unit", unit="某研究所", files=["in/plan.xlsx"] * 2,
                                     rows=[2, 4], message="每个单位最多申报一项，该单位有两行")],
        summary=Summary(total=4, **{"pass": 1}, fail=1, review=1, error=1),
    )


def test_json_report_is_the_contract(report, tmp_path):
    path = write_report(report, tmp_path / "r.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["summary"] == {"total": 4, "pass": 1, "fail": 1, "review": 1, "error": 1}
    assert data["results"][0]["findings"][0]["notice_evidence"]["text"] == NOTICE_QUOTE
    assert "某省" in path.read_text(encoding="utf-8")  # Chinese is not escaped


def test_csv_has_a_row_per_submission_with_reasons(report, tmp_path):
    path = write_report(report, tmp_path / "r.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert [r["结论代码"] for r in rows] == ["fail", "pass", "review", "error"]
    assert [r["结论"] for r in rows][:2] == ["不通过", "通过"]
    assert rows[0]["项目名称"] == "海洋装备高级研修班"
    assert "不在通知要求的 5–7 天之间" in rows[0]["原因"]
    assert rows[2]["行号"] == "4"
    assert "损坏" in rows[3]["原因"]
    assert all(not ch.isascii() for name in rows[0] for ch in name)  # no English header reaches a clerk


def test_xlsx_report_is_filterable_and_coloured(report, tmp_path):
    wb = load_workbook(write_report(report, tmp_path / "r.xlsx"))
    assert wb.sheetnames == ["概览", "审查结果", "问题明细", "批量问题"]
    results = wb["审查结果"]
    assert results.freeze_panes == "A2"
    assert results.auto_filter.ref.startswith("A1:")
    assert results["G2"].value == "不通过" and results["G2"].fill.fgColor.rgb.endswith("FBE3E1")
    assert results["G3"].value == "通过" and results["G3"].fill.fgColor.rgb.endswith("E3F4E1")
    findings = wb["问题明细"]
    assert findings["I2"].value == NOTICE_QUOTE  # the notice's sentence next to the form's value
    assert findings["H2"].value == "2026年9月6日至8日"
    assert findings.max_row == 3  # satisfied findings are not listed as problems


def test_html_report_shows_notice_sentence_next_to_form_value(report):
    html = render_html(report)
    assert "<script src" not in html and "<link" not in html  # self-contained
    failing_section = html.split('id="sub-1"')[1].split("</section>")[0]
    assert "海洋装备高级研修班" in failing_section
    assert NOTICE_QUOTE in failing_section and "2026年9月6日至8日" in failing_section
    assert "不通过" in failing_section  # failing submissions come first
    assert "每个单位最多申报一项" in html


def test_html_escapes_form_text(report):
    report.results[1].fields["project_name"] = "<script>alert(1)</script>"
    assert "<script>alert(1)</script>" not in render_html(report)


def test_summary_table_lists_only_passing_submissions_in_annex_layout(report, tmp_path):
    ruleset = RuleSet(source=Source(file="n.pdf", sha256="0" * 64, format="pdf"),
                      attachments=[Attachment(number=3, title="某省2026年高级研修项目汇总表")])
    wb = load_workbook(write_summary_table(report, tmp_path / "s.xlsx", ruleset))
    assert wb.sheetnames == ["研修项目"]  # sheet tabs are named in Chinese
    ws = wb["研修项目"]
    assert ws["A1"].value == "某省2026年高级研修项目汇总表"
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(r for r in rows if r[0] == "序号")
    assert header == ["序号", "研修选题", "承办单位", "联系人", "联系电话", "所属专业技术领域", "材料文件"]
    data = [r for r in rows[rows.index(header) + 1:] if r[0] is not None]
    assert data == [[1, "乡村规划研修班", "乙学院", "赵六", "0591-1234567", "农业", "b.docx"]]


def test_one_submission_in_two_formats_is_one_row_naming_both_files(report, tmp_path):
    twin = report.results[1].model_copy(update={"file": "in/b.pdf"})
    report.results.append(twin)
    ws = load_workbook(write_summary_table(report, tmp_path / "s.xlsx")).worksheets[0]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(r for r in rows if r[0] == "序号")
    data = [r for r in rows[rows.index(header) + 1:] if isinstance(r[0], int)]
    assert len(data) == 1 and data[0][-1] == "b.docx、b.pdf"


def test_summary_table_and_report_are_set_up_for_a4(report, tmp_path):
    from shenbao.outputs import write_report

    for path in (write_summary_table(report, tmp_path / "s.xlsx"), write_report(report, tmp_path / "r.xlsx")):
        for ws in load_workbook(path).worksheets:
            assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4, (path.name, ws.title)
            assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
            assert ws.page_setup.fitToHeight == 0
            assert all(ch < "a" or ch > "z" for ch in ws.title.lower()), ws.title  # no English tab names
    sheet = load_workbook(tmp_path / "s.xlsx").worksheets[0]
    assert sheet.print_title_rows  # the header row repeats on every printed page


def test_summary_table_with_two_programmes_has_a_category_column(report, tmp_path):
    report.results[0].verdict = "pass"
    report.results[1].program = "省级项目"
    ws = load_workbook(write_summary_table(report, tmp_path / "s.xlsx")).worksheets[0]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(r for r in rows if r[0] == "序号")
    assert header[1] == "项目类别"
    assert {r[1] for r in rows[rows.index(header) + 1:] if r[0]} == {"国家级项目", "省级项目"}


def test_unknown_report_suffix_is_a_clear_error(report, tmp_path):
    from shenbao.errors import ShenbaoError

    with pytest.raises(ShenbaoError, match="r.pdf"):
        write_report(report, tmp_path / "r.pdf")

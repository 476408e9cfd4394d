"""Batch rules: per-unit limits and duplicate submissions."""

from __future__ import annotations

from shenbao.checker.batch import batch_findings
from shenbao.checker.screen import finish_report
from shenbao.models import Requirement, RuleSet, ScreeningReport, ScreeningResult, Source

RULES = RuleSet(source=Source(file="n.txt", sha256="5" * 64, format="txt"), programs=[{"name": "联合项目"}],
                requirements=[Requirement(id="mpu", program="联合项目", attribute="max_per_unit", op="<=", value=1)])


def result(file: str, row: int | None, unit: str, programs: list[str], title: str) -> ScreeningResult:
    return ScreeningResult(file=file, row=row, unit=unit, programs=programs, title=title, verdict="pass")


def test_max_per_unit_flags_every_row_of_the_unit():
    results = [result("plan.xlsx", 3, "甲所", ["研修班", "联合项目"], "一班"),
               result("plan.xlsx", 5, "甲所", ["培训班", "联合项目"], "二班"),
               result("plan.xlsx", 7, "乙所", ["培训班", "联合项目"], "三班"),
               result("plan.xlsx", 8, "甲所", ["培训班"], "四班")]
    report = finish_report(ScreeningReport(ruleset={"title": "t"}, results=results), RULES)
    [bf] = [b for b in report.batch_findings if b.attribute == "max_per_unit"]
    assert bf.unit == "甲所" and bf.rows == [3, 5] and "第 3 行" in bf.message and "第 5 行" in bf.message
    assert [r.verdict for r in report.results] == ["fail", "fail", "pass", "pass"]
    assert report.summary.fail == 2 and report.summary.pass_ == 2 and report.summary.total == 4


def test_duplicate_project_is_a_warning():
    results = [result("a.docx", None, "某大学", [], "“智能制造 高级研修班”"),
               result("b.docx", None, "某大学", [], "智能制造高级研修班"),
               result("c.docx", None, "另一大学", [], "智能制造高级研修班")]
    report = finish_report(ScreeningReport(ruleset={}, results=results), RULES)
    [bf] = report.batch_findings
    assert bf.attribute == "duplicate_submission" and len(bf.files) == 2
    assert [r.verdict for r in report.results] == ["review", "review", "pass"]


def test_same_file_in_two_formats_is_not_a_duplicate():
    results = [result("x/a.docx", None, "某大学", [], "同一个班"), result("x/a.pdf", None, "某大学", [], "同一个班")]
    found = batch_findings(results, RULES)
    assert len(found) == 1 and "不同格式" in found[0].message
    assert all(not r.findings for r in results)


def _scoped_caps() -> RuleSet:
    def cap(rid: str, value: int, bodies: str) -> Requirement:
        return Requirement(id=rid, program="联合项目", attribute="max_per_unit", op="<=", value=value,
                           condition={"attribute": "applies_to", "op": "==", "value": bodies})

    return RuleSet(source=Source(file="n.txt", sha256="5" * 64, format="txt"), programs=[{"name": "联合项目"}],
                   requirements=[cap("city", 3, "设区市"), cap("inst", 1, "高等院校、研究所")])


def test_a_cap_set_for_a_kind_of_unit_holds_where_the_name_says_the_kind():
    results = [result("a.docx", None, "甲研究所", ["联合项目"], "一班"),
               result("b.docx", None, "甲研究所", ["联合项目"], "二班")]
    report = finish_report(ScreeningReport(ruleset={"title": "t"}, results=results), _scoped_caps())
    [bf] = [b for b in report.batch_findings if b.attribute == "max_per_unit"]
    assert bf.requirement_id == "inst" and "最多 1 项" in bf.message
    assert [r.verdict for r in report.results] == ["fail", "fail"]  # 2 is within the 设区市 cap, not the 研究所 one


def test_a_unit_whose_kind_cannot_be_told_is_reviewed_not_failed():
    results = [result("a.docx", None, "某某大学", ["联合项目"], "一班"),
               result("b.docx", None, "某某大学", ["联合项目"], "二班")]
    report = finish_report(ScreeningReport(ruleset={"title": "t"}, results=results), _scoped_caps())
    [bf] = [b for b in report.batch_findings if b.attribute == "max_per_unit"]
    assert "无法判断" in bf.message and "高等院校、研究所" in bf.message
    assert [r.verdict for r in report.results] == ["review", "review"]

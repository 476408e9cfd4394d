"""Layout classes on invented forms committed in DOCX and their LibreOffice PDFs
(tests/data/forms_classes/, made by its make_forms.py; no soffice needed here), and form types of
other issuers told from their titles and labels.

Issue 11's seven classes and where each is tested in both formats: reworded labels, role-column
rosters, pair rows, tick boxes outside tables, a row continued on the next PDF page and a wrapped
"label：value" line (tests/test_forms_layout_classes.py, DOCX and LibreOffice PDF); decimal hours
(here). The classes blind set 7 brought (a units table with a role column, a unit's name beside its
label, details inside one cell, header facts above the table, a sub-heading before the value, a
one-end date label holding a period) are here too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_forms_assignment import _docx

from shenbao.checker.screen import screen_submission
from shenbao.extractors.forms import parse_form_file
from shenbao.extractors.notice import parse_notice_file

DATA = Path(__file__).parent / "data" / "forms_classes"
BOTH = pytest.mark.parametrize("suffix", ["docx", "pdf"])


@BOTH
def test_decimal_hours_in_a_word_table_plan_list(suffix):
    first, second = parse_form_file(DATA / f"plan_hours.{suffix}")
    assert first.form_type == "cas_training_plan"
    assert first.value("hours") == 2.5 and first.value("days") == 2 and first.value("participants") == 30
    assert second.value("hours") == 12.5 and second.value("class_name") == "同步辐射线站使用培训班"
    assert first.fields["hours"].evidence.text == "2.5"
    assert not any("学时" in w for w in first.warnings + second.warnings)


@BOTH
def test_a_units_table_with_a_column_naming_each_unit(suffix):
    [sub] = parse_form_file(DATA / f"units_table.{suffix}")
    assert sub.value("applicant") == {"name": "某省科学技术厅", "contact": "柏临风", "office_phone": "0571-86001234",
                                      "mobile": "13700001234", "fax": None, "address": "某市文一路1号"}
    assert sub.value("host")["name"] == "某海洋大学" and sub.value("host")["contact"] == "邝晴川"
    assert sub.value("purpose") == "掌握深海耐压结构设计方法。"  # 研修目标: 目标 a word for 目的


@BOTH
def test_header_facts_a_unit_name_beside_its_label_and_a_sub_heading(suffix):
    [sub] = parse_form_file(DATA / f"headed_rows.{suffix}")
    assert sub.value("project_name") == "竹木材料绿色加工技术高级研修班"
    assert sub.value("location") == "某省丽水市" and sub.value("participants") == 50
    assert (sub.value("start_date"), sub.value("end_date")) == ("2028-10-30", "2028-11-03")  # 拟开班时间 | a period
    assert sub.value("host")["name"] == "某林业职业学院" and sub.value("host")["mobile"] == "13800001111"
    assert sub.value("review_opinion") == "同意推荐。"
    assert sub.value("hours") == 24.5 and sub.fields["hours"].evidence.text == "24.5"  # class 7 on a seminar form
    assert sub.fields["project_name"].evidence.text == "竹木材料绿色加工技术高级研修班"


def test_details_written_inside_one_cell_are_split(tmp_path):
    path = _docx(tmp_path / "inline.docx", "2028年度专业技术人才知识更新工程高级研修项目申报表", [
        ["项目名称", "盐碱地改良技术高级研修班"],
        ["申报单位名称", "某省农业农村厅"],
        ["申报单位联系人及联系方式", "莫听澜办公电话：0531-8600123手机：13900001234"],
        ["承办单位名称", "某农业大学"],
        ["承办单位联系人", "柯映川"],
    ])
    [sub] = parse_form_file(path)
    assert sub.value("applicant")["contact"] == "莫听澜"
    assert sub.value("applicant")["office_phone"] == "0531-8600123" and sub.value("applicant")["mobile"] == "13900001234"
    assert sub.value("host")["name"] == "某农业大学" and sub.value("host")["contact"] == "柯映川"


# -- form types of other issuers (invented titles)

def test_another_provinces_provincial_seminar_form(tmp_path):
    [sub] = parse_form_file(_docx(tmp_path / "hn.docx", "2028年度湖南省省级高级研修项目申报表", [
        ["项目名称", "油茶良种繁育技术高级研修班"], ["举办时间", "2028年5月8日至12日"], ["研修对象", "面向全省林业技术人员"],
        ["承办单位", "某林业科学院"], ["审核意见", "同意推荐"]]))
    assert sub.form_type == "fj_provincial_seminar" and sub.type_undecided is None


def test_another_provinces_national_seminar_form(tmp_path):
    [sub] = parse_form_file(_docx(tmp_path / "gs.docx", "2028年度甘肃省专业技术人才知识更新工程高级研修项目申报表", [
        ["项目名称", "旱作农业节水技术高级研修班"], ["办班时间", "2028年6月5日至11日"],
        ["申报项目类别", "☑财政资助项目☐自筹经费项目"], ["申报单位信息", "某省人社厅"]]))
    assert sub.form_type == "fj_national_seminar" and sub.type_undecided is None


def test_another_academys_overseas_training_form(tmp_path):
    [sub] = parse_form_file(_docx(tmp_path / "cae.docx", "中国工程院2028年度因公出国（境）培训申请表", [
        ["项目名称", "氢能储运技术赴德国研修"], ["团组带头人", "卫临川"], ["培训天数", "21"], ["出访国家", "德国"]]))
    assert sub.form_type == "cas_overseas_training" and sub.type_undecided is None
    assert sub.value("duration_days") == 21 and sub.value("country") == "德国"


def test_a_type_that_cannot_be_decided_is_said_and_goes_to_review(tmp_path):
    # Neither 省级 nor 国家级 in the title, and labels of both tiers.
    [sub] = parse_form_file(_docx(tmp_path / "amb.docx", "2028年度某省高级研修项目申报表", [
        ["项目名称", "高原果蔬保鲜技术高级研修班"], ["办班时间", "2028年5月1日至5日"], ["选题所属行业领域", "农业"],
        ["审核意见", "同意"], ["研修目的和作用", "掌握果蔬保鲜技术。"]]))
    assert sub.type_undecided and "fj_national_seminar" in sub.type_undecided
    assert sub.type_undecided in sub.warnings
    ruleset = parse_notice_file(Path(__file__).parent / "data" / "forms_blind7" / "notice.txt")
    result = screen_submission(sub, ruleset)
    assert result.verdict != "pass"
    assert any(f.attribute == "form_type" and f.status == "unknown" for f in result.findings)

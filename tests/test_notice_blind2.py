"""A second set of notices written for testing only (tests/data/notices_blind2/), each
with its answer written by hand before the extractor saw it: a national notice, Chinese
numerals, programmes named in quotes with numbered rule lists, a continuing-education
base notice with a rules table (DOCX), and a PDF-like text cut every 28 characters with
page numbers in between."""

from pathlib import Path

import pytest

from shenbao.eval.notices import disagreements, evaluate
from shenbao.extractors.notice import parse_notice_file

BLIND = Path(__file__).parent / "data" / "notices_blind2"
NAMES = ["mohrss_2027_gaoyan_national.txt", "gd_2027_shifan_cn_numerals.txt", "hn_2027_zhuanji_numbered.html",
         "bj_2027_ce_base_plan.docx", "zj_2028_overseas_prenotice_broken.txt"]


@pytest.fixture(scope="module")
def blind_scores():
    return {r["file"]: r for r in evaluate(BLIND)["results"]}


def test_every_blind_notice_is_scored(blind_scores):
    assert sorted(blind_scores) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_blind_notice_scores(blind_scores, name):
    r = blind_scores[name]
    assert (r["precision"], r["recall"]) == (1.0, 1.0), (r["misses"], r["false_positives"])
    assert disagreements(r, ("deadlines", "attachments", "topic_scope")) == []


def _rules(rs, attribute):
    return {r.program: (r.op, r.value, r.strength) for r in rs.requirements if r.attribute == attribute}


def test_chinese_numerals_and_amounts_stated_per_programme():
    rs = parse_notice_file(BLIND / "gd_2027_shifan_cn_numerals.txt")
    assert _rules(rs, "funding_cap_cny") == {"重点示范班": ("<=", 80000, "required"),
                                             "一般示范班": ("<=", 50000, "required")}
    # 2026年度…培训专业技术人员一万二千余人次 reports the past year: not a rule.
    assert _rules(rs, "participants") == {"重点示范班": (">=", 30, "required"),
                                          "一般示范班": ("approx", 40, "guideline")}
    assert _rules(rs, "completion_deadline") == {None: ("<=", "2027-11-30", "required")}


def test_numbered_rules_under_quoted_programme_headings():
    rs = parse_notice_file(BLIND / "hn_2027_zhuanji_numbered.html")
    assert [p.name for p in rs.programs] == ["高层次人才研修班", "青年骨干人才培训班", "紧缺急需人才专题培训班"]
    young = "青年骨干人才培训班"
    assert _rules(rs, "age_max") == {young: ("<=", 35, "required")}
    assert _rules(rs, "trainee_title")[young] == (">=", "中级", "required")
    # 累计不少于32学时 sums the programme's own hours; no year is named.
    assert _rules(rs, "training_hours") == {young: (">=", 32, "required")}
    assert "annual_training_hours" not in {r.attribute for r in rs.requirements}
    assert _rules(rs, "delivery_mode") == {"紧缺急需人才专题培训班": ("==", "线下", "guideline")}


def test_base_notice_rates_shares_and_table_rows():
    rs = parse_notice_file(BLIND / "bj_2027_ce_base_plan.docx")
    assert _rules(rs, "execution_rate_min") == {None: (">=", 80, "required")}
    assert _rules(rs, "online_hours_share_max") == {None: ("<=", 50, "required")}
    assert _rules(rs, "annual_training_hours") == {None: (">=", 90, "required")}
    assert _rules(rs, "report_due_workdays") == {None: ("<=", 10, "required")}
    assert _rules(rs, "sessions_per_year") == {"公益讲座": (">=", 10, "required")}
    lecture = next(r for r in rs.requirements if r.attribute == "session_hours")
    assert lecture.program == "公益讲座" and lecture.evidence.table == 0 and lecture.evidence.row == 3
    assert _rules(rs, "trainee_fee") == {None: ("==", "除往返交通费外不得收费", "required")}


def test_national_notice_caps_per_recommending_body():
    rs = parse_notice_file(BLIND / "mohrss_2027_gaoyan_national.txt")
    assert _rules(rs, "max_per_unit") == {None: ("<=", 8, "guideline")}
    assert "quota" not in {r.attribute for r in rs.requirements}
    assert _rules(rs, "completion_deadline") == {None: ("<=", "2027-11-30", "required")}
    assert _rules(rs, "delivery_mode") == {None: ("==", "线下为主", "required")}
    assert _rules(rs, "trainee_fee") == {None: ("==", "不得收费", "required")}
    assert [s.category for s in rs.topic_scope] == ["服务国家重大战略", "发展新质生产力", "保障和改善民生"]


def test_sentence_cut_by_a_page_number_is_joined():
    rs = parse_notice_file(BLIND / "zj_2028_overseas_prenotice_broken.txt")
    assert _rules(rs, "application_deadline") == {None: ("<=", "2027-09-30", "required")}
    assert _rules(rs, "required_attachments") == {None: ("==", ["2028年度出国（境）培训项目计划申请表"], "required")}
    assert _rules(rs, "countries") == {None: ("<=", 2, "required")}
    assert _rules(rs, "duration_days") == {None: ("in", [14, 21], "guideline")}
    inst = sorted((r.condition.value, r.value) for r in rs.requirements if r.attribute == "foreign_institutions")
    assert inst == [(14, 2), (21, 3)]

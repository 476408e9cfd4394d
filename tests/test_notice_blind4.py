"""A fourth set of notices written for testing only (tests/data/notices_blind4/), each with
its answer written by hand before the extractor saw it: a 继续教育基地 call whose 申报条件
are a numbered list (法人资格, 年均培训规模, 专职管理人员, 场地面积), a notice issued in one
year for the next with an online window, a mailing date and a completion date, a notice
with its numbers in Chinese numerals (十至十五天, 十五万元, 贰个), and a DOCX pre-notice whose
only rules are per-programme counts in a table, with two contacts below a bare 联系人："""

from pathlib import Path

import pytest

from shenbao.eval.notices import disagreements, evaluate
from shenbao.extractors.notice import parse_notice_file

BLIND = Path(__file__).parent / "data" / "notices_blind4"
NAMES = ["ha_2027_jixu_jidi.txt", "hb_2027_two_years.md", "gx_2027_cn_numerals.html",
         "cq_2027_quota_prenotice.docx"]


@pytest.fixture(scope="module")
def blind_scores():
    return {r["file"]: r for r in evaluate(BLIND)["results"]}


def test_every_blind_notice_is_scored(blind_scores):
    assert sorted(blind_scores) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_blind_notice_scores(blind_scores, name):
    r = blind_scores[name]
    assert (r["precision"], r["recall"]) == (1.0, 1.0), (r["misses"], r["false_positives"])
    assert disagreements(r, ("deadlines", "contacts", "attachments")) == []


def _rules(rs, attribute):
    return sorted(((r.program, r.op, r.value, r.unit, r.strength) for r in rs.requirements
                   if r.attribute == attribute), key=str)


def test_conditions_of_an_applicant_body():
    rs = parse_notice_file(BLIND / "ha_2027_jixu_jidi.txt")
    assert _rules(rs, "legal_person") == [(None, "==", True, None, "required")]
    assert _rules(rs, "annual_trainees_recent") == [(None, ">=", 3000, "人次", "required")]
    assert _rules(rs, "fulltime_staff") == [(None, ">=", 5, "名", "required")]
    assert _rules(rs, "venue_area_sqm") == [(None, ">=", 800, "平方米", "required")]
    assert _rules(rs, "participants") == []  # 年均培训规模 is the body's record, not a class size
    assert _rules(rs, "max_per_unit") == [(None, "<=", 1, "家", "required"), (None, "<=", 3, "家", "required")]
    assert _rules(rs, "quota") == [(None, "approx", 10, "家", "guideline")]


def test_online_window_and_mailing_date_are_separate_deadlines():
    rs = parse_notice_file(BLIND / "hb_2027_two_years.md")
    assert rs.notice.issued_on == "2026-12-28" and rs.notice.year == 2027
    assert _rules(rs, "application_deadline") == [(None, "<=", "2027-03-31", None, "required")]
    assert sorted(d.date for d in rs.deadlines) == ["2027-03-31", "2027-04-10", "2027-11-30"]
    assert [a.title for a in rs.attachments] == ["2027年度高级研修项目申报表", "2027年度高级研修项目汇总表"]


def test_chinese_numerals():
    rs = parse_notice_file(BLIND / "gx_2027_cn_numerals.html")
    assert _rules(rs, "duration_days") == [(None, "between", [10, 15], "天", "required")]
    assert _rules(rs, "funding_cap_cny") == [(None, "<=", 150000, "元", "required")]
    assert _rules(rs, "max_per_unit") == [(None, "<=", 2, "个", "required")]
    assert _rules(rs, "age_max") == [(None, "<=", 45, "周岁", "guideline")]
    assert _rules(rs, "trainee_title") == [(None, ">=", "中级", None, "required")]


def test_quota_table_and_two_contacts_below_a_bare_label():
    rs = parse_notice_file(BLIND / "cq_2027_quota_prenotice.docx")
    assert rs.notice.kind == "pre_notice"
    quotas = {r.program: r.value for r in rs.requirements if r.attribute == "quota"}
    assert quotas == {"高级研修班": 12, "急需紧缺人才培训班": 20, "乡村振兴人才专题班": 8}
    assert all(r.evidence.table is not None for r in rs.requirements if r.attribute == "quota")
    assert [(c.name, c.phone) for c in rs.contacts] == [
        ("黄志强", ["023-88652214", "13908361472"]), ("谭敏", ["023-88652279", "15823049918"])]

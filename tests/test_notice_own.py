"""Notices written for the tests: other provinces, years, names and numbers than the seeds.
The extraction must follow the text, not the seeds."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from shenbao.extractors.notice import parse_notice, parse_notice_file
from shenbao.ingest import load

DATA = Path(__file__).parent / "data" / "notices"


@cache
def parsed(name: str):
    doc = load(DATA / name)
    return doc, parse_notice(doc)


def table(rs):
    return {(r.program, r.attribute, r.op, str(r.value), r.strength) for r in rs.requirements}


def test_zhejiang_2026_follows_its_own_numbers():
    doc, rs = parsed("zj_2026_seminar_notice.txt")
    assert rs.notice.doc_number == "浙人社办〔2026〕12号"
    assert rs.notice.year == 2026 and rs.notice.issued_on == "2026-01-20"
    assert rs.notice.issuer == "浙江省人力资源和社会保障厅"
    assert [p.name for p in rs.programs] == ["省级高级研修项目", "市级高级研修项目"]
    prov, city = "省级高级研修项目", "市级高级研修项目"
    assert table(rs) == {
        (prov, "enrollment_scope", "==", "全省", "required"),
        (prov, "duration_days", ">=", "4", "required"),
        (prov, "participants", "approx", "40", "guideline"),
        (city, "enrollment_scope", "==", "全市", "required"),
        (city, "duration_days", "<=", "6", "guideline"),
        (city, "participants", ">=", "20", "required"),
        (None, "delivery_mode", "==", "线下为主", "guideline"),
        (None, "trainee_title", ">=", "中级", "required"),
        (None, "trainee_fee", "==", "除往返交通费外不得收费", "required"),
        (None, "completion_deadline", "<=", "2026-10-31", "required"),
        (prov, "application_deadline", "<=", "2026-03-10", "required"),
        (city, "application_deadline", "<=", "2026-04-15", "required"),
    }
    assert {t.category: t.items for t in rs.topic_scope}["聚焦产业发展"] == [
        "集成电路", "高端软件", "智能光伏", "节能环保", "合成生物", "未来网络", "类脑智能"]
    contact = rs.contacts[0]
    assert (contact.name, contact.phone, contact.email) == ("王晓明", ["0571-87051234"], "zjgyxx@zjhrss.gov.cn")
    assert [a.title for a in rs.attachments] == ["2026年度省级高级研修项目申报表", "2026年度市级高级研修项目申报表"]
    for r in rs.requirements:
        assert r.evidence.text == doc.text[r.evidence.start:r.evidence.end]


def test_cas_like_2027_markdown_guide():
    doc, rs = parsed("cas_2027_guide.md")
    assert rs.notice.kind == "application_guide" and rs.notice.year == 2027
    assert [(p.name, p.tier) for p in rs.programs] == [
        ("前沿技术研修班", "所级示范项目"), ("青年学者讲坛", "所级示范项目"), ("国际合作培训项目", None)]
    front, talk, intl = "前沿技术研修班", "青年学者讲坛", "国际合作培训项目"
    assert table(rs) == {
        (front, "duration_days", ">=", "5", "required"),
        (front, "participants", ">=", "80", "required"),
        (front, "enrollment_scope", "==", "院内", "required"),
        (front, "quota", "approx", "15", "guideline"),
        (front, "funding_cap_cny", "<=", "80000", "required"),
        (front, "system_flag", "==", str({"field": "是否申请院资助", "value": "是"}), "required"),
        (talk, "session_hours", ">=", "3", "required"),
        (talk, "sessions_per_year", "between", "[3, 5]", "required"),
        (talk, "quota", "approx", "12", "guideline"),
        (intl, "prior_runs", ">=", "2", "required"),
        (intl, "duration_days", "approx", "5", "guideline"),
        (intl, "participants", "approx", "120", "guideline"),
        (intl, "max_per_unit", "<=", "2", "required"),
        (intl, "funding_cap_cny", "<=", "200000", "required"),
        (None, "execution_rate_min", ">=", "60", "guideline"),
        (None, "application_deadline", "<=", "2027-02-28", "required"),
    }


def test_parse_notice_file_matches_parse_notice():
    a = parse_notice_file(DATA / "cas_2027_guide.md")
    _, b = parsed("cas_2027_guide.md")
    assert [r.model_dump() for r in a.requirements] == [r.model_dump() for r in b.requirements]

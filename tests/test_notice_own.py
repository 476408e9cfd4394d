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


def test_filled_form_is_not_read_as_a_notice(tmp_path):
    """A 申报表 given to `notice parse` is refused with one line, not turned into rules."""
    import subprocess

    from shenbao.config import shared_dir

    form = shared_dir() / "samples" / "forms" / "fj_national_01.docx"
    run = subprocess.run(["shenbao", "notice", "parse", str(form), "--json"], capture_output=True, text=True)
    assert run.returncode == 2 and run.stdout == ""
    assert "fj_national_01.docx" in run.stderr and "申报表" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_programme_named_as_subject_before_a_plain_verb():
    """"X项目面向全国招收" names X as the subject, like "X项目应面向…"; "每期X项目…" does not name a programme."""
    from shenbao.extractors.notice import parse_notice
    from shenbao.ingest.text import build_document
    from shenbao.models import Source

    text = ("某省关于申报2030年研修项目的通知\n"
            "（一）甲类研修项目面向全省招收学员，研修时间不少于6天。\n"
            "（二）乙类研修项目面向全市招收学员，每期乙类研修项目研修时间需3天左右。\n")
    rs = parse_notice(build_document(text, Source(file="t.txt", sha256="0" * 64, format="txt")))
    assert sorted(p.name for p in rs.programs) == ["乙类研修项目", "甲类研修项目"]
    got = {(r.program, r.attribute, r.op, str(r.value)) for r in rs.requirements}
    assert ("甲类研修项目", "duration_days", ">=", "6") in got
    assert ("乙类研修项目", "duration_days", "approx", "3") in got
    assert ("甲类研修项目", "enrollment_scope", "==", "全省") in got


def _parse_text(text: str):
    from shenbao.extractors.notice import parse_notice
    from shenbao.ingest.text import build_document
    from shenbao.models import Source

    return parse_notice(build_document(text, Source(file="t.txt", sha256="0" * 64, format="txt")))


def test_title_with_a_bracketed_year_note():
    rs = _parse_text("附件2\n某研究院专业技术人员继续教育项目\n申报指南（2031年度）\n"
                     "一、研修班\n研修班时间不少于3天。\n")
    assert rs.notice.title == "某研究院专业技术人员继续教育项目申报指南（2031年度）"
    assert (rs.notice.year, rs.notice.kind) == (2031, "application_guide")


def test_either_online_or_offline_is_no_delivery_rule():
    rs = _parse_text("某单位关于申报2031年讲坛项目的通知\n一、学术讲坛\n学术讲坛以线上或线下形式举办，单场讲座不少于2学时。\n")
    assert [r.attribute for r in rs.requirements if r.attribute == "delivery_mode"] == []
    assert any(r.attribute == "session_hours" and r.value == 2 for r in rs.requirements)


def test_topic_categories_with_a_comma_and_a_lead_in():
    rs = _parse_text("某省关于申报2031年高级研修项目的通知\n一、选题范围\n"
                     "（一）推进新型工业化，前瞻布局未来产业。重点方向包括：工业母机、生物制造。\n"
                     "（二）保障和改善民生。重点方向包括：应急管理、公共卫生。\n")
    assert [(t.category, t.items) for t in rs.topic_scope] == [
        ("推进新型工业化，前瞻布局未来产业", ["工业母机", "生物制造"]),
        ("保障和改善民生", ["应急管理", "公共卫生"]),
    ]


def test_a_rule_of_a_new_kind_is_a_requirement_or_unparsed_never_nowhere():
    """An invented normative sentence about a quantity nobody has a pattern for: the rule set
    either reads a requirement from it or lists it as unparsed, and `notice parse` shows it."""
    from shenbao.ingest.text import build_document
    from shenbao.models import Source
    from shenbao.outputs.text import ruleset_table

    sentence = "每个研修班配备的班主任不少于2名且须具有中级以上职称"
    text = ("某省人力资源和社会保障厅关于申报2031年度高级研修项目的通知\n\n各市人社局：\n\n"
            f"一、申报要求\n每期研修时间不少于5天。{sentence}。\n\n某省人力资源和社会保障厅\n2031年3月1日\n")
    ruleset = parse_notice(build_document(text, Source(file="n.txt", sha256="0" * 64, format="txt")))
    read = any(r.evidence and "班主任" in r.evidence.text for r in ruleset.requirements)
    listed = any("班主任" in e.text for e in ruleset.unparsed)
    assert read or listed
    if listed:
        assert "未能读出要求的规定" in ruleset_table(ruleset) and "班主任" in ruleset_table(ruleset)


def test_a_scope_run_into_one_paragraph_with_yi_shi_categories():
    rs = _parse_text("某自治区关于组织2031年度高级研修项目的通知\n三、重点支持方向\n"
                     "本年度项目重点支持以下三个领域：一是海洋经济，重点围绕深远海养殖、海洋工程装备等方向；"
                     "二是数字经济，重点围绕工业软件、数据标注与交易等方向；三是公共卫生，重点围绕传染病监测预警等方向。\n")
    assert [(t.category, t.items) for t in rs.topic_scope] == [
        ("海洋经济", ["深远海养殖", "海洋工程装备"]),
        ("数字经济", ["工业软件", "数据标注与交易"]),
        ("公共卫生", ["传染病监测预警"]),
    ]

"""Notice extraction on the seed notices and the sample notices (every format available)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from shenbao.config import shared_dir
from shenbao.extractors.notice import parse_notice_file

SEEDS = sorted((shared_dir() / "seeds").glob("*.txt"))
SAMPLES = sorted(p for p in (shared_dir() / "samples" / "notices").iterdir() if p.suffix in (".txt", ".docx", ".pdf"))


@cache
def parsed(path: str):
    from shenbao.ingest import load

    doc = load(path)
    from shenbao.extractors.notice import parse_notice

    return doc, parse_notice(doc)


def seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))


def reqs(rs, attribute, program="*"):
    return [r for r in rs.requirements if r.attribute == attribute and (program == "*" or r.program == program)]


def one(rs, attribute, program="*"):
    found = reqs(rs, attribute, program)
    assert len(found) == 1, (attribute, program, [(r.program, r.op, r.value) for r in found])
    return found[0]


@pytest.mark.parametrize("path", SEEDS + SAMPLES, ids=lambda p: p.name)
def test_every_evidence_is_the_text_at_its_offsets(path):
    doc, rs = parsed(str(path))
    evidences = [r.evidence for r in rs.requirements] + [p.evidence for p in rs.programs]
    evidences += [t.evidence for t in rs.topic_scope] + [d.evidence for d in rs.priority_directions]
    evidences += [d.evidence for d in rs.deadlines] + [c.evidence for c in rs.contacts]
    evidences += [a.evidence for a in rs.attachments] + list(rs.notice.evidence.values())
    assert rs.requirements or rs.notice.kind == "guideline"
    for ev in evidences:
        assert ev is not None
        assert ev.text == doc.text[ev.start:ev.end]
        assert ev.text.strip()


def test_requirement_ids_are_unique_and_stable():
    _, a = parsed(str(seed("002")))
    b = parse_notice_file(seed("002"))
    ids = [r.id for r in a.requirements]
    assert len(ids) == len(set(ids))
    assert ids == [r.id for r in b.requirements]


def test_seed_000_guide():
    _, rs = parsed(str(seed("000")))
    assert rs.notice.kind == "application_guide" and rs.notice.year == 2025
    names = [p.name for p in rs.programs]
    assert names == ["专业技术研修班", "专项技术短期培训班", "学术讲坛", "精品培训项目", "人力资源社会保障部高级研修项目"]
    assert {p.tier for p in rs.programs[:3]} == {"院级培育项目"}
    assert "人力资源社会和保障部高级研修项目" in rs.programs[4].aliases
    assert (one(rs, "duration_days", "专业技术研修班").op, one(rs, "duration_days", "专业技术研修班").value) == (">=", 3)
    cap = one(rs, "funding_cap_cny", "精品培训项目")
    assert (cap.op, cap.value, cap.unit) == ("<=", 100000, "元")
    spy = one(rs, "sessions_per_year", "学术讲坛")
    assert (spy.op, spy.value) == ("between", [4, 6])
    quota = one(rs, "quota", "学术讲坛")
    assert (quota.op, quota.value, quota.strength) == ("approx", 20, "guideline")
    hr = "人力资源社会保障部高级研修项目"
    assert one(rs, "max_per_unit", hr).value == 1
    assert one(rs, "funding_cap_cny", hr).value == 150000
    flags = {r.value["field"] for r in reqs(rs, "system_flag", "精品培训项目")}
    assert flags == {"是否申请资助", "精品项目"}
    att = one(rs, "required_attachments", "精品培训项目")
    assert "需求调研分析报告" in att.value and "宣传报道" in att.value
    pd = {d.program for d in rs.priority_directions}
    assert {"专业技术研修班", "学术讲坛", hr} <= pd
    cats = {t.category for t in rs.topic_scope if t.program == hr}
    assert cats == {"服务国家战略", "对接产业需求", "突出数字技术"}


def test_seed_001_notice_with_guide():
    _, rs = parsed(str(seed("001")))
    assert rs.notice.title == "中国科学院人事局关于做好2023年度全院继续教育与培训计划及报送工作的通知"
    assert rs.notice.issuer == "中国科学院人事局"
    assert rs.notice.issued_on == "2022-10-27" and rs.notice.year == 2023
    assert rs.notice.disclosure == "依申请公开"
    spy = one(rs, "sessions_per_year", "学术讲坛")
    assert (spy.op, spy.value) == (">=", 6)
    rate = one(rs, "execution_rate_min")
    assert (rate.op, rate.value, rate.strength) == (">=", 50, "guideline")
    dl = one(rs, "application_deadline")
    assert dl.value == "2022-11-14"
    names = {c.name for c in rs.contacts}
    assert {"刘杨", "张奇", "史豪"} <= names
    liu = next(c for c in rs.contacts if c.name == "刘杨")
    assert liu.role == "继续教育与干部监督处" and liu.email == "jypxc@cashq.ac.cn"


def test_seed_002_pre_notice():
    _, rs = parsed(str(seed("002")))
    assert rs.notice.kind == "pre_notice" and rs.notice.year == 2020
    programs = ["领军人才研修项目", "优秀青年人才培养项目", "关键技术专项培训项目", "重点领域专项计划"]
    assert [p.name for p in rs.programs] == programs
    assert [one(rs, "quota", p).value for p in programs] == [30, 60, 60, 50]
    assert [one(rs, "age_max", p).value for p in programs[:3]] == [55, 40, 50]
    sizes = [one(rs, "group_size", p) for p in programs[:3]]
    assert [(g.op, g.value, g.unit) for g in sizes] == [("between", [1, 6], "人")] + [("between", [2, 6], "人")] * 2
    assert one(rs, "leader_title", programs[0]).value == "正高级"
    assert one(rs, "leader_title", programs[1]).value == "副高级"
    dur = one(rs, "duration_days")
    assert (dur.program, dur.op, dur.value) == (None, "in", [14, 21, 30, 60, 90])
    inst = sorted(reqs(rs, "foreign_institutions"), key=lambda r: r.value)
    assert [(r.value, r.condition.op, r.condition.value) for r in inst] == [(2, "==", 14), (3, ">=", 21)]
    assert (one(rs, "countries").value, one(rs, "cities").value) == (1, 2)
    assert one(rs, "report_due_workdays").value == 15
    assert one(rs, "completion_deadline").value == "2020-12-31"
    app = one(rs, "application_deadline")
    assert app.value == "2020-01-31"
    assert any(d.approximate and d.date == "2020-01-31" for d in rs.deadlines)
    c = rs.contacts[0]
    assert (c.name, c.role) == ("杨大伟", "人事局继续教育与干部监督处")
    assert [a.number for a in rs.attachments] == [1, 2]


def test_seed_003_guideline_invents_nothing():
    _, rs = parsed(str(seed("003")))
    assert rs.notice.kind == "guideline"
    assert rs.programs == [] and rs.deadlines == []
    hours = [r for r in rs.requirements if r.attribute == "annual_training_hours"]
    assert any(r.op == ">=" and r.value == 100 for r in hours)
    assert {r.attribute for r in rs.requirements} == {"annual_training_hours"}


def test_seed_004_fujian():
    _, rs = parsed(str(seed("004")))
    meta = rs.notice
    assert meta.doc_number == "闽人社办〔2025〕7号" and meta.issued_on == "2025-01-13"
    assert meta.issuer == "福建省人力资源和社会保障厅办公室" and meta.disclosure == "主动公开"
    assert [p.name for p in rs.programs] == ["国家级高级研修项目", "省级高级研修项目"]
    d = one(rs, "duration_days", "国家级高级研修项目")
    assert (d.op, d.value, d.strength) == ("between", [5, 7], "guideline")
    assert one(rs, "enrollment_scope", "省级高级研修项目").value == "全省"
    assert one(rs, "participants", "省级高级研修项目").value == 30
    assert one(rs, "completion_deadline").program is None
    assert [c.name for c in rs.contacts if c.name] == ["翁国文", "胡逸超"]
    assert {t.category for t in rs.topic_scope} == {"服务重大战略", "对接产业需求", "突出数字技术"}


def test_individual_or_group_admits_one_person():
    """"个人或成组（2-6 人）" lets a leader go alone: the group range starts at 1; "成组（2-6 人）" does not."""
    from shenbao.extractors.notice import parse_notice_file

    ruleset = parse_notice_file(shared_dir() / "seeds" / "002_694fdc4915e6a238.txt")
    sizes = sorted(r.value for r in ruleset.requirements if r.attribute == "group_size")
    assert sizes == [[1, 6], [2, 6], [2, 6]]

"""Year-over-year rule-set diff: hand-built rule sets, the samples' expected rule
sets, and (once the notice extractor exists) the CAS 2023 notice against the 2025 guide."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

from shenbao.checker.diff import describe_rule, diff_rulesets, format_number, match_programs
from shenbao.config import shared_dir
from shenbao.models import (
    Condition,
    Deadline,
    Evidence,
    PriorityDirection,
    Program,
    Requirement,
    RuleSet,
    Source,
    TopicScope,
)

NOTICES = shared_dir() / "samples" / "notices"


def req(program, attribute, op, value, unit=None, strength="required", quote=None, condition=None, rid=None):
    quote = quote or f"{program or ''}{attribute}{op}{value}"
    return Requirement(
        id=rid or f"{program}-{attribute}-{value}", program=program, attribute=attribute, op=op, value=value,
        unit=unit, strength=strength, condition=condition,
        evidence=Evidence(text=quote, start=0, end=len(quote)),
    )


def ruleset(requirements, programs=None, year=2025, topic_scope=(), sha="a" * 64):
    names = programs if programs is not None else list(dict.fromkeys(r.program for r in requirements if r.program))
    return RuleSet(
        source=Source(file=f"notice_{year}.txt", sha256=sha, format="txt"),
        notice={"title": f"{year}年申报通知", "issuer": "某某人事局", "year": year},
        programs=[Program(name=n) for n in names],
        requirements=requirements,
        topic_scope=list(topic_scope),
    )


def expected_ruleset(name: str) -> RuleSet:
    """The samples' simplified expected rule set (quote, programme names) as a RuleSet."""
    path = NOTICES / "expected" / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    requirements = []
    for i, item in enumerate(data["requirements"]):
        item = dict(item)
        quote = item.pop("quote", None)
        item["id"] = f"{name}-{i}"
        item["evidence"] = {"text": quote, "start": 0, "end": len(quote)} if quote else None
        requirements.append(item)
    return RuleSet.model_validate({
        "source": {"file": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "format": "txt"},
        "notice": data["notice"],
        "programs": [{"name": p} for p in data["programs"]],
        "requirements": requirements,
        "topic_scope": data.get("topic_scope", []),
        "deadlines": data.get("deadlines", []),
        "attachments": data.get("attachments", []),
    })


def only(changes, kind=None, attribute=None, program=None):
    found = [c for c in changes if (kind is None or c.change == kind) and (attribute is None or c.attribute == attribute)
             and (program is None or c.program == program)]
    assert len(found) == 1, [c.summary for c in changes]
    return found[0]


# --------------------------------------------------------------------------- rendering


def test_describe_rule_words_rules_like_a_notice():
    assert describe_rule(">=", 6, "场") == "不少于6场"
    assert describe_rule("between", [4, 6], "场") == "4-6场"
    assert describe_rule("approx", 10, "个") == "10个左右"
    assert describe_rule("<=", 50000, "元") == "不超过5万元"
    assert describe_rule("<=", "2025-01-16") == "不晚于2025-01-16"
    assert describe_rule("in", [7, 14, 21], "天") == "7/14/21天"
    assert describe_rule("==", {"field": "是否申请资助", "value": "是"}) == "“是否申请资助”选“是”"
    assert format_number(150000, "元") == "15万元"
    assert format_number(2.5, "天") == "2.5天"


# --------------------------------------------------------------------------- hand-built rule sets


def test_identical_rulesets_have_no_changes():
    rs = ruleset([req("研修班", "duration_days", ">=", 3, "天"), req("研修班", "participants", ">=", 70, "人")])
    diff = diff_rulesets(rs, rs.model_copy(deep=True))
    assert diff.requirements == []
    assert diff.requirements_unchanged == 2
    assert diff.programs_added == diff.programs_removed == []


def test_value_and_op_change_is_one_changed_requirement_with_both_quotes():
    old = ruleset([req("学术讲坛", "sessions_per_year", ">=", 6, "场", quote="每年举办系列讲座或报告不少于6场")], year=2023)
    new = ruleset([req("学术讲坛", "sessions_per_year", "between", [4, 6], "场", quote="每年举办系列讲座或报告4-6场")])
    change = only(diff_rulesets(old, new).requirements)
    assert change.change == "changed"
    assert change.program == "学术讲坛"
    assert change.summary == "学术讲坛 每年讲座场次: 不少于6场 → 4-6场"
    assert change.old.evidence.text == "每年举办系列讲座或报告不少于6场"
    assert change.new.evidence.text == "每年举办系列讲座或报告4-6场"


def test_value_change_only():
    old = ruleset([req("精品培训项目", "participants", ">=", 70, "人")])
    new = ruleset([req("精品培训项目", "participants", ">=", 80, "人")])
    change = only(diff_rulesets(old, new).requirements, kind="changed")
    assert (change.old.value, change.new.value) == (70, 80)
    assert change.summary.endswith("不少于70人 → 不少于80人")


def test_strength_change_is_reported():
    old = ruleset([req("研修班", "duration_days", "approx", 5, "天", strength="guideline")])
    new = ruleset([req("研修班", "duration_days", "approx", 5, "天", strength="required")])
    change = only(diff_rulesets(old, new).requirements, kind="changed")
    assert "指导性 → 硬性要求" in change.summary


def test_added_and_removed_requirements():
    old = ruleset([req("研修班", "duration_days", ">=", 3, "天"), req("研修班", "prior_runs", ">=", 1, "次")])
    new = ruleset([req("研修班", "duration_days", ">=", 3, "天"), req("研修班", "funding_cap_cny", "<=", 50000, "元")])
    diff = diff_rulesets(old, new)
    added = only(diff.requirements, kind="added")
    removed = only(diff.requirements, kind="removed")
    assert added.attribute == "funding_cap_cny" and added.old is None and added.new.value == 50000
    assert added.summary == "研修班 资助上限: 新增 不超过5万元"
    assert removed.attribute == "prior_runs" and removed.new is None
    assert diff.requirements_unchanged == 1


def test_equal_values_in_other_number_types_are_unchanged():
    old = ruleset([req("研修班", "funding_cap_cny", "<=", 150000, "元")])
    new = ruleset([req("研修班", "funding_cap_cny", "<=", 150000.0, "元")])
    assert diff_rulesets(old, new).requirements == []


def test_renamed_programme_is_matched_fuzzily():
    old = ruleset([req("人力资源社会保障部高级研修项目", "duration_days", "approx", 5, "天", strength="guideline")])
    new = ruleset([req("人力资源社会和保障部高级研修项目", "duration_days", "approx", 7, "天", strength="guideline")])
    diff = diff_rulesets(old, new)
    assert diff.programs_added == [] and diff.programs_removed == []
    assert diff.programs_renamed == {"人力资源社会保障部高级研修项目": "人力资源社会和保障部高级研修项目"}
    change = only(diff.requirements, kind="changed")
    assert change.program == "人力资源社会和保障部高级研修项目"
    assert (change.old.value, change.new.value) == (5, 7)


def test_similar_but_different_programmes_are_not_merged():
    old = ruleset([req("国家级高级研修项目", "participants", "approx", 50, "人")])
    new = ruleset([req("省级高级研修项目", "participants", "approx", 50, "人")])
    diff = diff_rulesets(old, new)
    assert diff.programs_added == ["省级高级研修项目"]
    assert diff.programs_removed == ["国家级高级研修项目"]
    assert {c.change for c in diff.requirements} == {"added", "removed"}


def test_programme_matching_ignores_quotes_and_spacing():
    old = ruleset([], programs=["“精品培训项目”", "学术 讲坛"])
    new = ruleset([], programs=["精品培训项目", "学术讲坛"])
    mapping, added, removed = match_programs(old, new)
    assert mapping == {"“精品培训项目”": "精品培训项目", "学术 讲坛": "学术讲坛"}
    assert added == removed == []


def test_programme_aliases_match():
    old = ruleset([], programs=["人社部高研项目"])
    new = RuleSet(source=Source(file="n.txt", sha256="b" * 64, format="txt"),
                  programs=[Program(name="人力资源社会保障部高级研修项目", aliases=["人社部高研项目"])])
    mapping, _, _ = match_programs(old, new)
    assert mapping == {"人社部高研项目": "人力资源社会保障部高级研修项目"}


def test_several_requirements_of_one_attribute_pair_by_closest_value():
    cond14 = Condition(attribute="duration_days", op="==", value=14)
    cond21 = Condition(attribute="duration_days", op="==", value=21)
    old = ruleset([
        req("境外培训", "foreign_institutions", "<=", 2, "个", condition=cond14, rid="o14"),
        req("境外培训", "foreign_institutions", "<=", 3, "个", condition=cond21, rid="o21"),
    ])
    new = ruleset([
        req("境外培训", "foreign_institutions", "<=", 4, "个", condition=cond21, rid="n21"),
        req("境外培训", "foreign_institutions", "<=", 2, "个", condition=cond14, rid="n14"),
    ])
    change = only(diff_rulesets(old, new).requirements)
    assert (change.old.id, change.new.id) == ("o21", "n21")
    assert "当办班时间21天时" in change.summary


def test_several_quota_values_pair_by_closest_value():
    old = ruleset([req("项目", "quota", "approx", 10, "个", rid="o10"), req("项目", "quota", "approx", 100, "人", rid="o100")])
    new = ruleset([req("项目", "quota", "approx", 120, "人", rid="n120"), req("项目", "quota", "approx", 12, "个", rid="n12")])
    pairs = {(c.old.id, c.new.id) for c in diff_rulesets(old, new).requirements}
    assert pairs == {("o10", "n12"), ("o100", "n120")}


def test_system_flags_are_matched_by_field():
    old = ruleset([
        req("精品", "system_flag", "==", {"field": "是否申请资助", "value": "是"}, rid="o1"),
        req("精品", "system_flag", "==", {"field": "精品项目", "value": "是"}, rid="o2"),
    ])
    new = ruleset([
        req("精品", "system_flag", "==", {"field": "是否申请资助", "value": "是"}, rid="n1"),
        req("精品", "system_flag", "==", {"field": "是否精品", "value": "是"}, rid="n2"),
    ])
    diff = diff_rulesets(old, new)
    assert diff.requirements_unchanged == 1
    assert only(diff.requirements, kind="added").new.value["field"] == "是否精品"
    assert only(diff.requirements, kind="removed").old.value["field"] == "精品项目"


def test_attachment_lists_compare_as_sets():
    old = ruleset([req("精品", "required_attachments", "==", ["师资名单", "课程设置清单"])])
    same = ruleset([req("精品", "required_attachments", "==", ["课程设置清单", "师资名单"])])
    more = ruleset([req("精品", "required_attachments", "==", ["课程设置清单", "师资名单", "宣传报道"])])
    assert diff_rulesets(old, same).requirements == []
    assert only(diff_rulesets(old, more).requirements).change == "changed"


def test_topic_items_moved_between_categories_are_not_changes():
    old = ruleset([], programs=["高研"], topic_scope=[
        TopicScope(category="突出重点领域", program="高研", items=["人工智能", "生物技术", "脑科学"]),
    ])
    new = ruleset([], programs=["高研"], topic_scope=[
        TopicScope(category="对接产业需求", program="高研", items=["生物技术", "减排降碳"]),
        TopicScope(category="突出数字技术", program="高研", items=["人工智能", "数字化管理师"]),
    ])
    diff = diff_rulesets(old, new)
    assert diff.topic_items_added == {"对接产业需求（高研）": ["减排降碳"], "突出数字技术（高研）": ["数字化管理师"]}
    assert diff.topic_items_removed == {"突出重点领域（高研）": ["脑科学"]}


def test_priority_direction_keywords():
    old = ruleset([], programs=["精品培训项目"])
    new = ruleset([], programs=["精品培训项目"])
    old.priority_directions = [PriorityDirection(program="精品培训项目", text="…", keywords=["原始创新", "黑土粮仓"])]
    new.priority_directions = [PriorityDirection(program="精品培训项目", text="…", keywords=["原始创新", "重点人群"])]
    diff = diff_rulesets(old, new)
    assert diff.topic_items_added == {"重点支持方向（精品培训项目）": ["重点人群"]}
    assert diff.topic_items_removed == {"重点支持方向（精品培训项目）": ["黑土粮仓"]}


def test_deadline_changes():
    old = ruleset([])
    new = ruleset([])
    old.deadlines = [Deadline(what="国家级高级研修项目申报截止", date="2024-01-20"), Deadline(what="材料报送", date="2024-03-01")]
    new.deadlines = [Deadline(what="国家级高级研修项目申报截止", date="2025-01-16")]
    lines = diff_rulesets(old, new).deadlines_changed
    assert "国家级高级研修项目申报截止: 2024-01-20 → 2025-01-16" in lines
    assert "删除 材料报送: 2024-03-01" in lines


# --------------------------------------------------------------------------- samples


def test_expected_cas_2025_against_edited_copy():
    new = expected_ruleset("cas_2025_guide")
    old = new.model_copy(deep=True)
    forum = next(r for r in old.requirements if r.program == "学术讲坛" and r.attribute == "sessions_per_year")
    forum.op, forum.value = ">=", 6
    old.requirements = [r for r in old.requirements if r.attribute != "funding_cap_cny" or r.value == 150000]
    diff = diff_rulesets(old, new)
    summaries = {c.summary for c in diff.requirements}
    assert "学术讲坛 每年讲座场次: 不少于6场 → 4-6场" in summaries
    assert "专业技术研修班 资助上限: 新增 不超过5万元" in summaries
    assert "专项技术短期培训班 资助上限: 新增 不超过5万元" in summaries
    assert len(diff.requirements) == 4
    assert diff.requirements_unchanged == len(new.requirements) - 4


def test_diff_cli_json_and_table(tmp_path):
    new = expected_ruleset("cas_2025_guide")
    old = new.model_copy(deep=True)
    old.requirements = [r for r in old.requirements if r.attribute != "funding_cap_cny"]
    old_path, new_path = tmp_path / "old.json", tmp_path / "new.json"
    old_path.write_text(old.model_dump_json(), encoding="utf-8")
    new_path.write_text(new.model_dump_json(), encoding="utf-8")
    run = [sys.executable, "-m", "shenbao.cli", "rules", "diff", str(old_path), str(new_path)]
    out = subprocess.run([*run, "--json"], capture_output=True, text=True, encoding="utf-8", check=True).stdout
    data = json.loads(out)
    assert sorted(c["new"]["value"] for c in data["requirements"]) == [50000, 50000, 100000, 150000]
    assert all(c["change"] == "added" for c in data["requirements"])
    table = subprocess.run(run, capture_output=True, text=True, encoding="utf-8", check=True).stdout
    assert "精品培训项目 资助上限: 新增 不超过10万元" in table
    assert "新：入选院级培育项目，资助每个班次上限5万元" in table


def test_diff_cli_bad_file_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(expected_ruleset("cas_2025_guide").model_dump_json(), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "shenbao.cli", "rules", "diff", str(bad), str(good)],
                         capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 2
    assert "bad.json" in run.stderr and "JSON" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


# --------------------------------------------------------------------------- real notices

def test_cas_2023_notice_against_2025_guide():
    from shenbao.pipeline.rules import load_ruleset

    old = load_ruleset(NOTICES / "cas_2023_notice.txt")
    new = load_ruleset(NOTICES / "cas_2025_guide.txt")
    diff = diff_rulesets(old, new)
    summaries = [c.summary for c in diff.requirements]
    forum = [c for c in diff.requirements if c.attribute == "sessions_per_year" and c.change == "changed"]
    assert forum, summaries
    assert forum[0].summary.endswith("不少于6场 → 4-6场")
    assert "6场" in forum[0].old.evidence.text and "4-6场" in forum[0].new.evidence.text
    caps = [c for c in diff.requirements if c.attribute == "funding_cap_cny" and c.change == "added"]
    assert sum(1 for c in caps if c.new.value == 50000) == 2, summaries
    assert all("5万元" in c.new.evidence.text for c in caps if c.new.value == 50000)
    # the HR seminar programme (spelled 人力资源社会和保障部 in one 2025 heading) is not "new"
    assert not any("高级研修项目" in p for p in diff.programs_added), diff.programs_added


def test_notice_files_of_two_years_through_the_cli(tmp_path):
    """A 'last year' notice made by moving three numbers of the Fujian notice."""
    text = (NOTICES / "fj_2025_seminar_notice.txt").read_text(encoding="utf-8")
    edits = {"学员数量在50人左右": "学员数量在40人左右", "学员数量不少于30人": "学员数量不少于20人",
             "截止日期为2025年1月16日": "截止日期为2025年1月10日"}
    for before, after in edits.items():
        assert before in text
        text = text.replace(before, after)
    old = tmp_path / "last_year.txt"
    old.write_text(text, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "shenbao.cli", "rules", "diff", str(old),
                          str(NOTICES / "fj_2025_seminar_notice.txt"), "--json"],
                         capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    changed = {(c["program"], c["attribute"]): (c["old"]["value"], c["new"]["value"])
               for c in data["requirements"] if c["change"] == "changed"}
    assert changed.get(("国家级高级研修项目", "participants")) == (40, 50)
    assert changed.get(("省级高级研修项目", "participants")) == (20, 30)
    assert changed.get(("国家级高级研修项目", "application_deadline")) == ("2025-01-10", "2025-01-16")
    assert not [c for c in data["requirements"] if c["change"] != "changed"]
    assert data["programs_added"] == data["programs_removed"] == []
    assert any("2025-01-10 → 2025-01-16" in line for line in data["deadlines_changed"])

"""Which programmes a submission is held to, and which requirements apply."""

from __future__ import annotations

from shenbao.checker.applicability import applicable_programs, requirement_applies, resolve_program
from shenbao.checker.screen import screen_submission
from shenbao.models import Field_, Requirement, RuleSet, Source, Submission


def sub(form_type: str, **fields) -> Submission:
    return Submission(source=Source(file="f.xlsx", sha256="0" * 64, format="xlsx"), form_type=form_type,
                      fields={k: Field_(value=v) for k, v in fields.items()})


def flag(program: str, column: str) -> Requirement:
    return Requirement(id=f"flag-{program}-{column}", program=program, attribute="system_flag", op="==",
                       value={"field": column, "value": "是"})


def rule(program: str | None, attribute: str, op: str, value, strength: str = "required") -> Requirement:
    return Requirement(id=f"{program}-{attribute}-{op}", program=program, attribute=attribute, op=op, value=value,
                       strength=strength)


# Programme names deliberately unlike any real notice: the logic must not depend on them.
GUIDE = RuleSet(
    source=Source(file="guide.txt", sha256="2" * 64, format="txt"),
    notice={"year": 2031},
    programs=[{"name": "甲类研修班"}, {"name": "乙类讲坛"}, {"name": "优选示范项目"}, {"name": "部委联合项目"}],
    requirements=[
        rule("甲类研修班", "duration_days", ">=", 3),
        flag("甲类研修班", "是否申请资助"),
        rule("乙类讲坛", "sessions_per_year", "between", [4, 6]),
        flag("乙类讲坛", "是否申请专项技术支持"),
        rule("优选示范项目", "participants", ">=", 70),
        flag("优选示范项目", "是否申请资助"),
        flag("优选示范项目", "精品项目"),
        rule("部委联合项目", "duration_days", "approx", 5, "guideline"),
        flag("部委联合项目", "同时申报人力资源社会保障部高研项目"),
        rule("部委联合项目", "max_per_unit", "<=", 1),
    ],
)


def row(**fields) -> Submission:
    base = {"unit": "某所", "class_name": "某班", "category": "甲类研修班", "days": 3, "participants": 50,
            "apply_funding": "是", "apply_tech_support": "否", "flagship": "否", "also_mohrss": "否", "prior_runs": 1}
    return sub("cas_training_plan", **{**base, **fields})


def test_category_names_the_programme():
    app = applicable_programs(row(), GUIDE)
    assert app.primary == "甲类研修班" and app.programs == ["甲类研修班"]
    assert resolve_program("“甲类研修班”", GUIDE) == "甲类研修班"
    assert resolve_program("完全无关的名称", GUIDE) is None


def test_row_not_applying_is_unit_level_and_passes_with_note():
    res = screen_submission(row(days=1, apply_funding="否"), GUIDE)
    assert res.verdict == "pass"
    assert any("不适用" in n for n in res.notes)
    assert not any(f.attribute == "duration_days" for f in res.findings)


def test_applying_row_is_held_to_its_category():
    res = screen_submission(row(days=2), GUIDE)
    assert res.verdict == "fail"
    assert [f.attribute for f in res.findings if f.status == "violated"] == ["duration_days"]


def test_enrolment_flag_adds_the_programme_whose_requirement_names_the_column():
    app = applicable_programs(row(flagship="是"), GUIDE)
    assert app.programs == ["甲类研修班", "优选示范项目"]
    res = screen_submission(row(flagship="是", participants=60), GUIDE)
    bad = [f for f in res.findings if f.status == "violated"]
    assert [f.attribute for f in bad] == ["participants"] and "优选示范项目" in bad[0].message


def test_flag_requirement_violated_when_column_says_no():
    # enrolled for the showcase programme, which needs the funding column ticked
    res = screen_submission(row(flagship="是", participants=80, apply_funding="否", apply_tech_support="是",
                                category="乙类讲坛", sessions=5), GUIDE)
    bad = [f for f in res.findings if f.status == "violated"]
    assert [f.attribute for f in bad] == ["system_flag"]
    assert "是否申请资助" in bad[0].message


def test_form_type_cue_selects_programme():
    rs = RuleSet(source=Source(file="n.txt", sha256="3" * 64, format="txt"),
                 programs=[{"name": "国家级专家研修项目"}, {"name": "省级专家研修项目"}],
                 requirements=[rule("国家级专家研修项目", "participants", ">=", 40),
                               rule("省级专家研修项目", "participants", ">=", 20),
                               rule(None, "completion_deadline", "<=", "2031-11-30")])
    national = sub("fj_national_seminar", participants=30, end_date="2031-06-01")
    provincial = sub("fj_provincial_seminar", participants=30, end_date="2031-06-01")
    assert applicable_programs(national, rs).programs == ["国家级专家研修项目"]
    assert applicable_programs(provincial, rs).programs == ["省级专家研修项目"]
    assert screen_submission(national, rs).verdict == "fail"
    assert screen_submission(provincial, rs).verdict == "pass"
    app = applicable_programs(provincial, rs)
    assert requirement_applies(rs.requirements[2], app, rs)  # program null applies to all


def test_overseas_category_with_unknown_programme_is_noted():
    rs = RuleSet(source=Source(file="n.txt", sha256="4" * 64, format="txt"), programs=[{"name": "骨干研修项目"}])
    app = applicable_programs(sub("cas_overseas_training", category="另一类项目"), rs)
    assert app.programs == [] and app.notes


def test_general_programme_name_applies_to_every_programme_it_covers():
    rs = RuleSet(source=Source(file="n.txt", sha256="6" * 64, format="txt"),
                 programs=[{"name": "国家级专家研修项目"}, {"name": "省级专家研修项目"}],
                 requirements=[rule("专家研修项目", "participants", ">=", 20)])
    for form_type in ("fj_national_seminar", "fj_provincial_seminar"):
        res = screen_submission(sub(form_type, participants=10), rs)
        assert [f.status for f in res.findings] == ["violated"], form_type


# A notice whose national programme names the showcase column as well as a column of its own.
LAYERED = RuleSet(
    source=Source(file="layered.txt", sha256="3" * 64, format="txt"),
    notice={"year": 2031},
    programs=[{"name": "甲类研修班"}, {"name": "样板班项目"}, {"name": "部委联合项目"}],
    requirements=[
        flag("甲类研修班", "是否申请资助"),
        rule("样板班项目", "prior_runs", ">=", 2),
        flag("样板班项目", "是否示范项目"),
        rule("部委联合项目", "duration_days", "approx", 6, "guideline"),
        flag("部委联合项目", "是否示范项目"),
        flag("部委联合项目", "是否同时申报人社部高研"),
    ],
)


def test_showcase_column_named_by_two_programmes_enters_only_the_broader_one():
    app = applicable_programs(row(flagship="是", prior_runs=1, days=4), LAYERED)
    assert app.programs == ["甲类研修班", "样板班项目"]
    res = screen_submission(row(flagship="是", prior_runs=1, days=4), LAYERED)
    assert {f.attribute for f in res.findings if f.status == "violated"} == {"prior_runs"}


def test_programme_with_its_own_column_is_entered_through_it():
    app = applicable_programs(row(flagship="是", also_mohrss="是", prior_runs=3, days=6), LAYERED)
    assert app.programs == ["甲类研修班", "样板班项目", "部委联合项目"]
    res = screen_submission(row(flagship="否", also_mohrss="是", prior_runs=3, days=6), LAYERED)
    assert "部委联合项目" in res.programs
    assert [f.field for f in res.findings if f.status == "violated"] == ["flagship"]  # 是否示范项目 must be 是

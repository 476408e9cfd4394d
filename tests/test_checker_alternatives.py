"""Programme-less requirements that compete (a notice whose programme names were not recognised)."""

from __future__ import annotations

from shenbao.checker.applicability import unscoped_alternatives
from shenbao.checker.form_rules import check_form_rules
from shenbao.checker.screen import screen_submission
from shenbao.models import Evidence, Field_, Requirement, RuleSet, Source, Submission

FORM = "fj_provincial_seminar"


def sub(**fields) -> Submission:
    base = {"project_name": "某技术研修班", "start_date": "2031-05-10", "end_date": "2031-05-13",
            "participants": 45, "trainees": "面向全省招收相关专业技术人员。"}
    return Submission(source=Source(file="f.docx", sha256="0" * 64, format="docx"), form_type=FORM,
                      fields={k: Field_(value=v) for k, v in {**base, **fields}.items()})


def req(rid: str, attribute: str, op: str, value, strength: str = "required", at: int = 0) -> Requirement:
    return Requirement(id=rid, program=None, attribute=attribute, op=op, value=value, strength=strength,
                       evidence=Evidence(text=rid, start=at, end=at + 5))


def ruleset(*requirements: Requirement) -> RuleSet:
    return RuleSet(source=Source(file="n.txt", sha256="9" * 64, format="txt"), notice={"year": 2031},
                   requirements=list(requirements))


# Two programme paragraphs whose names the notice extractor missed: every rule is programme-less.
TWO_PARAGRAPHS = ruleset(
    req("a-scope", "enrollment_scope", "==", "全国", at=10),
    req("a-days", "duration_days", ">=", 6, "guideline", at=20),
    req("a-people", "participants", "approx", 80, "guideline", at=30),
    req("b-scope", "enrollment_scope", "==", "全省", at=40),
    req("b-days", "duration_days", "between", [2, 4], at=50),
    req("b-people", "participants", ">=", 40, at=60),
)


def violated(result) -> dict[str, str]:
    return {f.attribute: f.severity for f in result.findings if f.status == "violated"}


def test_competing_statements_are_grouped_by_notice_order():
    alt = unscoped_alternatives(TWO_PARAGRAPHS)
    assert alt["a-days"] == ("duration_days|", 0) and alt["b-days"] == ("duration_days|", 1)


def test_form_is_held_to_the_paragraph_its_enrolment_scope_names():
    ok = screen_submission(sub(), TWO_PARAGRAPHS)
    assert ok.verdict == "pass", violated(ok)
    few = screen_submission(sub(participants=30), TWO_PARAGRAPHS)
    assert violated(few) == {"participants": "error"} and few.verdict == "fail"
    national = screen_submission(sub(trainees="面向全国招收专业技术人员。", start_date="2031-05-10",
                                     end_date="2031-05-13", participants=80), TWO_PARAGRAPHS)
    assert violated(national) == {"duration_days": "warning"} and national.verdict == "review"


def test_without_a_telling_answer_any_statement_met_is_enough():
    no_scope = screen_submission(sub(trainees="相关专业技术人员。"), TWO_PARAGRAPHS)
    assert no_scope.verdict == "pass", violated(no_scope)
    # violating every statement: reported, with the mildest severity (the programme is unknown)
    short = screen_submission(sub(trainees="相关专业技术人员。", start_date="2031-05-10", end_date="2031-05-10",
                                  participants=20), TWO_PARAGRAPHS)
    assert violated(short) == {"duration_days": "warning", "participants": "warning"}


def test_lower_and_upper_bounds_stated_apart_hold_together():
    rules = ruleset(req("lo", "duration_days", ">=", 3, at=10), req("hi", "duration_days", "<=", 7, at=90))
    assert unscoped_alternatives(rules) == {}
    res = screen_submission(sub(start_date="2031-05-01", end_date="2031-05-10"), rules)
    assert violated(res) == {"duration_days": "error"}


def test_a_ticked_detail_the_notice_lists_under_its_category_is_not_contradicted():
    rules = RuleSet(source=Source(file="n.txt", sha256="8" * 64, format="txt"),
                    topic_scope=[{"category": "甲方向", "items": ["工业互联网", "大数据"]},
                                 {"category": "乙方向", "items": ["有色金属", "新材料"]}])
    form = sub(project_name="有色金属冶炼过程数字化转型研修班", purpose="有色金属冶炼企业数字化转型",
               content="有色金属冶炼过程智能控制", topic_scope=[{"category": "甲方向", "detail": "工业互联网"}])
    assert [f for f in check_form_rules(form, rules) if f.attribute == "topic_scope"] == []

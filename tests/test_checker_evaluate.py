"""Operators, strength, tolerance and messages of single requirements."""

from __future__ import annotations

from shenbao.checker.evaluate import compare, evaluate, tolerance
from shenbao.checker.measure import Measured, measure
from shenbao.checker.screen import screen_submission, verdict_of
from shenbao.models import Condition, Evidence, Field_, Requirement, RuleSet, Source, Submission


def ev(text: str) -> Evidence:
    return Evidence(text=text, start=0, end=len(text))


def sub(form_type: str, **fields) -> Submission:
    return Submission(source=Source(file="f.docx", sha256="0" * 64, format="docx"), form_type=form_type,
                      fields={k: Field_(value=v, evidence=ev(str(v))) for k, v in fields.items()})


def req(attribute: str, op: str, value, strength: str = "required", quote: str = "通知原文", **kw) -> Requirement:
    return Requirement(id=f"t-{attribute}", attribute=attribute, op=op, value=value, strength=strength,
                       evidence=ev(quote), **kw)


def ruleset(*reqs: Requirement, year: int | None = 2025, programs=()) -> RuleSet:
    return RuleSet(source=Source(file="n.txt", sha256="1" * 64, format="txt"), notice={"year": year},
                   programs=[{"name": p} for p in programs], requirements=list(reqs))


def plan_row(**fields) -> Submission:
    base = {"unit": "某研究所", "class_name": "某培训班", "category": "培训班"}
    return sub("cas_training_plan", **{**base, **fields})


def test_ge_violated_is_error_with_chinese_message_and_evidence():
    r = req("duration_days", ">=", 5, unit="天", quote="办班时间不少于5天")
    f = evaluate(r, measure(plan_row(days=3), "duration_days"), "cas_training_plan")
    assert f.status == "violated" and f.severity == "error"
    assert "3 天" in f.message and "少于通知要求的不少于 5 天" in f.message
    assert f.notice_evidence.text == "办班时间不少于5天"
    assert f.form_evidence.text == "3"
    assert f.field == "days"


def test_ge_satisfied_is_info():
    f = evaluate(req("duration_days", ">=", 3), measure(plan_row(days=3), "duration_days"))
    assert f.status == "satisfied" and f.severity == "info"


def test_le_and_eq():
    m = measure(plan_row(participants=120), "participants")
    assert evaluate(req("participants", "<=", 100), m).status == "violated"
    assert evaluate(req("participants", "<=", 120), m).status == "satisfied"
    assert evaluate(req("participants", "==", 120), m).status == "satisfied"


def test_between_message_names_the_range():
    f = evaluate(req("duration_days", "between", [5, 7], strength="guideline", unit="天"),
                 measure(sub("fj_national_seminar", start_date="2025-10-06", end_date="2025-10-08"), "duration_days"))
    assert f.status == "violated" and f.severity == "warning"
    assert "3 天" in f.message and "不在通知要求的 5–7 天之间" in f.message
    assert f.field == "start_date"


def test_date_span_counts_both_ends():
    m = measure(sub("fj_provincial_seminar", start_date="2025-05-09", end_date="2025-05-15"), "duration_days")
    assert m.value == 7


def test_approx_tolerance_from_corpus():
    assert tolerance("duration_days", 4) == 1
    assert tolerance("participants", 50) == 10
    m = Measured(attribute="participants", value=55, label="学员数量", shown="55 人")
    assert compare(req("participants", "approx", 50), m)
    m.value = 61
    assert not compare(req("participants", "approx", 50), m)
    days = Measured(attribute="duration_days", value=5)
    assert compare(req("duration_days", "approx", 4), days)
    days.value = 6
    assert not compare(req("duration_days", "approx", 4), days)


def test_approx_guideline_violation_is_warning_review():
    rs = ruleset(req("participants", "approx", 50, strength="guideline", unit="人", quote="学员数量在50人左右"))
    res = screen_submission(plan_row(participants=15), rs)
    assert res.verdict == "review"
    f = next(f for f in res.findings if f.attribute == "participants")
    assert f.severity == "warning" and "50 人左右" in f.message


def test_in_with_open_ended_last_value():
    r = req("duration_days", "in", [14, 21, 30, 60, 90], quote="可选择14天、21天、30天、60天或90天及以上")
    overseas = sub("cas_overseas_training", duration_days=120)
    assert evaluate(r, measure(overseas, "duration_days")).status == "satisfied"
    overseas = sub("cas_overseas_training", duration_days=10)
    f = evaluate(r, measure(overseas, "duration_days"))
    assert f.status == "violated" and "不在通知允许的" in f.message
    closed = req("duration_days", "in", [14, 21, 30], quote="可选择14天、21天或30天")
    assert evaluate(closed, measure(sub("cas_overseas_training", duration_days=60), "duration_days")).status == "violated"


def test_unknown_names_the_missing_value_and_reviews():
    rs = ruleset(req("participants", ">=", 30))
    res = screen_submission(plan_row(participants=None), rs)
    f = next(f for f in res.findings if f.attribute == "participants")
    assert f.status == "unknown" and "参训人数" in f.message or "学员数量" in f.message
    assert res.verdict == "review"


def test_requirement_without_measure_is_skipped():
    rs = ruleset(req("funding_cap_cny", "<=", 50000), req("quota", "approx", 10, strength="guideline"))
    res = screen_submission(plan_row(days=3), rs)
    assert res.findings == [] and res.verdict == "pass"


def test_title_rank_comparison():
    r = req("leader_title", ">=", "高级")
    person = {"name": "张三", "birth_date": "1980-01-01", "title": "工程师"}
    f = evaluate(r, measure(sub("cas_overseas_training", leader=person), "leader_title"))
    assert f.status == "violated" and "中级" in f.message
    person["title"] = "副研究员"
    assert evaluate(r, measure(sub("cas_overseas_training", leader=person), "leader_title")).status == "satisfied"
    assert evaluate(req("leader_title", ">=", "正高级"),
                    measure(sub("cas_overseas_training", leader=person), "leader_title")).status == "violated"


def test_age_at_programme_year_start_names_the_person():
    leader = {"name": "甲", "birth_date": "1983-07-01", "title": "副高级"}
    members = [{"name": "乙", "birth_date": "1975-11-01", "title": "副高级"},
               {"name": "丙", "birth_date": "1990-01-01", "title": "中级"}]
    form = sub("cas_overseas_training", leader=leader, members=members)
    m = measure(form, "age_max", year=2020)
    assert m.value == 44 and m.field == "members[0].birth_date"
    f = evaluate(req("age_max", "<=", 40, unit="周岁"), m)
    assert f.status == "violated" and "乙" in f.message and "44 周岁" in f.message
    assert measure(form, "group_size").value == 3


def test_age_rule_over_all_members_is_unknown_while_one_birth_date_is_missing():
    leader = {"name": "甲", "birth_date": "1983-07-01", "title": "副高级"}
    members = [{"name": "乙", "birth_date": None, "title": "副高级"},
               {"name": "丙", "birth_date": "1990-01-01", "title": "中级"}]
    form = sub("cas_overseas_training", leader=leader, members=members)
    f = evaluate(req("age_max", "<=", 45, unit="周岁"), measure(form, "age_max", year=2020))
    assert f.status == "unknown" and "无法确认全部符合" in f.message
    members[1]["birth_date"] = "1960-01-01"  # one member known to be too old: violated whatever the rest
    f = evaluate(req("age_max", "<=", 45, unit="周岁"), measure(form, "age_max", year=2020))
    assert f.status == "violated"


def test_a_value_whose_label_was_not_found_says_so():
    form = plan_row()
    form.fields["days"] = Field_(value=None, found=False)
    f = evaluate(req("duration_days", ">=", 5), measure(form, "duration_days"), "cas_training_plan")
    assert f.status == "unknown" and "未找到" in f.message and "未填写" not in f.message
    form.fields["days"] = Field_(value=None)  # found and left blank
    f = evaluate(req("duration_days", ">=", 5), measure(form, "duration_days"), "cas_training_plan")
    assert f.status == "unknown" and "未填写" in f.message


def test_completion_deadline_from_departure_plus_duration():
    rs = ruleset(req("completion_deadline", "<=", "2020-12-31"), year=2020)
    late = sub("cas_overseas_training", departure_date="2020-12-20", duration_days=14)
    res = screen_submission(late, rs)
    f = next(f for f in res.findings if f.attribute == "completion_deadline")
    assert f.status == "violated" and "2021-01-02" in f.message and res.verdict == "fail"
    ok = sub("cas_overseas_training", departure_date="2020-08-25", duration_days=21)
    assert screen_submission(ok, rs).verdict == "pass"


def test_end_date_deadline_and_optional_submitted_on():
    rs = ruleset(req("completion_deadline", "<=", "2025-11-30"), req("application_deadline", "<=", "2025-01-16"))
    form = sub("fj_national_seminar", start_date="2025-12-11", end_date="2025-12-14", submitted_on=None)
    res = screen_submission(form, rs)
    attrs = {(f.attribute, f.status) for f in res.findings if f.attribute.endswith("deadline")}
    assert attrs == {("completion_deadline", "violated")}  # no submitted_on: no unknown, no noise
    form = sub("fj_national_seminar", start_date="2025-05-11", end_date="2025-05-14", submitted_on="2025-01-20")
    res = screen_submission(form, rs)
    assert {(f.attribute, f.status) for f in res.findings if f.attribute.endswith("deadline")} == {
        ("completion_deadline", "satisfied"), ("application_deadline", "violated")}


def test_condition_limits_the_requirement():
    rs = ruleset(req("foreign_institutions", "<=", 2, condition=Condition(attribute="duration_days", op="==", value=14)),
                 req("foreign_institutions", "<=", 3, condition=Condition(attribute="duration_days", op=">=", value=21)))
    three = ["甲大学", "乙研究所", "丙实验室"]
    res14 = screen_submission(sub("cas_overseas_training", duration_days=14, institutions=three), rs)
    assert [f.status for f in res14.findings] == ["violated"]
    res21 = screen_submission(sub("cas_overseas_training", duration_days=21, institutions=three), rs)
    assert [f.status for f in res21.findings] == ["satisfied"]


def test_session_hours_is_hours_per_session():
    m = measure(plan_row(hours=6, sessions=4), "session_hours")
    assert m.value == 1.5
    assert evaluate(req("session_hours", ">=", 2), m).status == "violated"


def test_enrollment_scope_text_classes():
    form = sub("fj_national_seminar", trainees="面向全省招收从事储能研发的专业技术人员")
    f = evaluate(req("enrollment_scope", "==", "全国"), measure(form, "enrollment_scope"), "fj_national_seminar")
    assert f.status == "violated"
    form = sub("fj_national_seminar", trainees="面向全国招收专业技术人员")
    assert evaluate(req("enrollment_scope", "==", "全国"), measure(form, "enrollment_scope"),
                    "fj_national_seminar").status == "satisfied"
    silent = sub("fj_national_seminar", trainees="专业技术人员")
    assert evaluate(req("enrollment_scope", "==", "全国"), measure(silent, "enrollment_scope")) is None


def test_verdicts():
    assert verdict_of([]) == "pass"

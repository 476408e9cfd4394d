"""Invented sentences of the classes the fifth blind set showed: open requirements, per-body caps,
分别 pairs, subject-category hours, other closing dates, enrolment wording and title alternatives."""

import tempfile
from pathlib import Path

from shenbao.eval.notices import answer_conventions, same_requirement
from shenbao.extractors.notice import parse_notice_file


def _reqs(body: str) -> list[dict]:
    text = "某市人才中心关于开展2031年度示例工作的通知\n\n各单位：\n\n" + body + "\n\n某市人才中心\n2031年2月1日\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "invented.txt"
        path.write_text(text, encoding="utf-8")
        rs = parse_notice_file(path)
    return [r.model_dump(mode="json") for r in rs.requirements]


def _find(reqs, attribute, value):
    return [r for r in reqs if r["attribute"] == attribute and r["value"] == value]


def test_a_bound_quantity_no_attribute_names_is_an_open_requirement():
    reqs = _reqs("一、条件\n申报单位应有兼职讲师不少于40人，可同时容纳150人以上开展实操训练。")
    first = _find(reqs, "other", 40)
    assert first and first[0]["op"] == ">=" and first[0]["unit"] == "人" and "讲师" in first[0]["label"]
    assert _find(reqs, "other", 150)[0]["op"] == ">="


def test_an_age_qualifying_a_share_is_not_an_age_limit():
    reqs = _reqs("一、对象\n学员应具有中级及以上专业技术职称，其中40周岁以下的青年人才比例不低于25%。")
    assert not _find(reqs, "age_max", 40)
    assert _find(reqs, "other", 25)[0]["op"] == ">="


def test_caps_that_differ_by_body_keep_the_body_as_condition():
    reqs = _reqs("一、名额\n每个区县推荐项目不超过4个，市属高校、科研院所每个单位不超过2个。")
    caps = {r["value"]: r["condition"] for r in reqs if r["attribute"] == "max_per_unit"}
    assert caps[4]["value"] == "区县" and caps[2]["value"] == "市属高校、科研院所"


def test_a_lone_generic_cap_has_no_condition():
    reqs = _reqs("一、名额\n每个单位限报3个项目。")
    cap = [r for r in reqs if r["attribute"] == "max_per_unit"]
    assert cap and cap[0]["value"] == 3 and cap[0]["condition"] is None


def test_respectively_pairs_give_one_requirement_per_pair():
    reqs = _reqs("一、支持标准\n对认定的省级、市级示范基地，分别给予每个80万元、30万元的一次性补助。")
    grants = {r["condition"]["value"]: r["value"] for r in reqs if r["attribute"] == "funding_cap_cny"}
    assert grants == {"省级": 800000, "市级": 300000}
    assert all(r["op"] == "==" for r in reqs if r["attribute"] == "funding_cap_cny")


def test_hours_of_a_subject_category_apply_to_that_category():
    reqs = _reqs("一、学时\n每人每年累计不少于72学时，其中，专业科目不少于48学时。")
    hours = _find(reqs, "training_hours", 48)
    assert hours and hours[0]["condition"]["value"] == "专业科目" and hours[0]["op"] == ">="
    assert _find(reqs, "annual_training_hours", 72)


def test_a_date_closing_a_filing_is_not_the_application_deadline():
    reqs = _reqs("一、备案\n各区县教育部门应于2031年4月30日前将培训计划报市局备案。")
    other = [r for r in reqs if r["attribute"] == "other" and r["value"] == "2031-04-30"]
    assert other and other[0]["condition"]["value"] == "各区县教育部门"
    assert not [r for r in reqs if r["attribute"] == "application_deadline"]


def test_enrolment_wording_fee_length_and_cap():
    reqs = _reqs("一、安排\n会期4天。\n收费标准：每人2600元。\n本期培训班限额80人。")
    assert _find(reqs, "duration_days", 4)[0]["op"] == "=="
    assert _find(reqs, "trainee_fee", 2600)[0]["op"] == "=="
    assert _find(reqs, "participants", 80)[0]["op"] == "<="


def test_a_grant_after_an_opening_condition_keeps_it():
    reqs = _reqs("一、证书\n学员按时结业并通过测评的，可登记继续教育16学时。")
    hours = _find(reqs, "training_hours", 16)
    assert hours and "按时结业并通过测评" in hours[0]["condition"]["value"]


def test_a_title_or_rank_alternative_gives_both_branches():
    reqs = _reqs("一、条件\n报名人员须具有中级及以上专业技术职称或担任正科级及以上职务。")
    title = _find(reqs, "trainee_title", "中级")
    rank = _find(reqs, "other", "正科级")
    assert title and "正科级" in title[0]["condition"]["value"]
    assert rank and rank[0]["label"] == "职务" and "中级" in rank[0]["condition"]["value"]


def test_a_programme_list_entry_gives_its_facts():
    reqs = _reqs("一、项目\n（一）数字政务专题研修班，赴新加坡、马来西亚培训，在外培训12天，团组规模18人；")
    prog = "数字政务专题研修班"
    assert [r for r in reqs if r["program"] == prog and r["attribute"] == "countries"
            and r["value"] == ["新加坡", "马来西亚"]]
    assert [r for r in reqs if r["program"] == prog and r["attribute"] == "duration_days" and r["value"] == 12]
    assert [r for r in reqs if r["program"] == prog and r["attribute"] == "group_size" and r["value"] == 18]


def test_a_blended_mode_as_a_condition_is_no_rule():
    assert not [r for r in _reqs("一、方式\n采用线上线下相结合方式举办的，线上学时不超过总学时的20%。")
                if r["attribute"] == "delivery_mode"]
    assert _find(_reqs("一、方式\n鼓励采取线上线下相结合的方式开展。"), "delivery_mode", "线上线下相结合")


def test_scorer_conditions_in_words_and_older_answers():
    got = {"attribute": "max_per_unit", "op": "<=", "value": 2, "program": None,
           "condition": {"attribute": "applies_to", "op": "==", "value": "区县"}}
    assert same_requirement({"attribute": "max_per_unit", "op": "<=", "value": 2, "condition": "区县"}, got)
    assert not same_requirement({"attribute": "max_per_unit", "op": "<=", "value": 2, "condition": "高校"}, got)
    older = answer_conventions([{"requirements": [{"attribute": "quota", "condition": None}]}])
    assert older == {"open": False, "scope": False}

"""Rules from the forms themselves (填表说明)."""

from __future__ import annotations

from shenbao.checker.form_rules import check_form_rules
from shenbao.models import Field_, Source, Submission

FILLED = {"project_name": "某研修班", "start_date": "2031-05-01", "end_date": "2031-05-05", "location": "某市",
          "industry_field": "某领域", "authority": "某部", "purpose": "目的", "content": "内容", "experts": "专家",
          "trainees": "学员", "host": {"name": "某大学", "contact": "某人"},
          "applicant": {"name": None, "contact": None}, "funding_type": "财政资助", "self_funding_source": None,
          "topic_scope": [{"category": "某方向", "detail": "某项"}]}


def national(**changes) -> Submission:
    fields = {**FILLED, **changes}
    return Submission(source=Source(file="f.docx", sha256="0" * 64, format="docx"), form_type="fj_national_seminar",
                      fields={k: Field_(value=v) for k, v in fields.items()})


def attrs(sub: Submission) -> list[tuple[str, str]]:
    return [(f.attribute, f.severity) for f in check_form_rules(sub) if f.status == "violated"]


def test_compliant_form_has_no_findings():
    assert attrs(national()) == []


def test_funding_type_single_choice():
    assert attrs(national(funding_type=["财政资助", "自筹经费"], self_funding_source="单位自筹")) == [
        ("funding_type", "error")]


def test_self_funding_needs_source():
    assert attrs(national(funding_type="自筹经费")) == [("self_funding_source", "error")]
    assert attrs(national(funding_type="自筹经费", self_funding_source="单位自筹")) == []


def test_topic_scope_needs_a_tick():
    assert attrs(national(topic_scope=[])) == [("topic_scope", "error")]


def test_applicant_block_stays_blank_on_national_form():
    found = check_form_rules(national(applicant={"name": "某大学", "contact": None}))
    assert [(f.attribute, f.severity) for f in found] == [("applicant_blank", "warning")]
    assert "某大学" in found[0].message and found[0].notice_evidence.text.startswith("填表说明")


def test_required_field_empty():
    found = check_form_rules(national(experts=""))
    assert [(f.attribute, f.field) for f in found] == [("required_field", "experts")]
    assert "授课专家情况" in found[0].message


def test_topic_scope_disagreeing_with_the_title_is_a_warning():
    from shenbao.checker.form_rules import _classifier

    if _classifier(None) is None:
        import pytest

        pytest.skip("topic classifier not available")
    found = check_form_rules(national(project_name="集成电路设计与先进封装技术高级研修班",
                                      purpose="围绕芯片设计、EDA工具链", content="功率半导体器件、先进封装",
                                      topic_scope=[{"category": "服务重大战略", "detail": "乡村振兴"}]))
    assert [(f.attribute, f.severity) for f in found] == [("topic_scope", "warning")]
    assert "服务重大战略" in found[0].message


# --------------------------------------------------------------------------- a label not found is not a blank box


def _unfound(sub: Submission, key: str, unread: list[str] | None = None) -> Submission:
    field = sub.fields[key]
    update = {"unread": unread} if unread is not None else {"found": False, "value": None}
    sub.fields[key] = field.model_copy(update=update)
    return sub


def test_field_whose_label_was_not_found_is_unknown_not_empty():
    found = check_form_rules(_unfound(national(), "experts"))
    assert [(f.attribute, f.field, f.status, f.severity) for f in found] == [
        ("required_field", "experts", "unknown", "warning")]
    assert "未找到" in found[0].message and "未填写" not in found[0].message


def test_sub_field_whose_label_was_not_found_is_unknown():
    sub = _unfound(national(host={"name": "某大学", "contact": None}), "host", unread=["contact"])
    found = check_form_rules(sub)
    assert [(f.field, f.status) for f in found] == [("host.contact", "unknown")]


def test_found_but_blank_sub_field_is_still_a_violation():
    found = check_form_rules(national(host={"name": "某大学", "contact": None}))
    assert [(f.field, f.status, f.severity) for f in found] == [("host.contact", "violated", "error")]


def test_unfound_topic_scope_is_not_an_unticked_box():
    found = check_form_rules(_unfound(national(), "topic_scope"))
    assert [(f.attribute, f.status) for f in found] == [("topic_scope", "unknown")]


def test_unfound_source_of_self_funding_is_unknown():
    found = check_form_rules(_unfound(national(funding_type="自筹经费"), "self_funding_source"))
    assert [(f.attribute, f.status) for f in found] == [("self_funding_source", "unknown")]

"""The general reading rules of the form reader, one by one, on small inputs."""

from __future__ import annotations

import pytest

from shenbao.extractors.forms.checkboxes import split_category
from shenbao.extractors.forms.labels import match_label, type_spec
from shenbao.extractors.forms.values import as_int, as_list, as_opinion, as_period

CATEGORIES = ["服务重大战略", "对接产业需求", "突出数字技术"]


@pytest.mark.parametrize("label,key", [
    ("设区市人社部门\n审核意见", "review_opinion"),  # a qualifier before a known label
    ("项 目 类 型", None),  # not a provincial field (the provincial form has no 申报项目类别)
    ("选题方向", "topic_scope"),
    ("经费预算", None),
])
def test_provincial_labels(label, key):
    m = match_label(label, type_spec("fj_provincial_seminar")["fields"])
    assert (m.key if m else None) == key


def test_national_funding_label_synonym():
    assert match_label("项 目 类 型", type_spec("fj_national_seminar")["fields"]).key == "funding_type"


def test_suffix_match_needs_a_long_synonym():
    # 单位联系电话 ends with 电话 (2 characters): too short to decide on a suffix alone.
    fields = {"phone": {"labels": ["电话"]}}
    assert match_label("单位联系电话", fields) is None


@pytest.mark.parametrize("text,value", [
    ("21天（含往返路途）", 21), ("约60人", 60), ("计划招收50名", 50), ("50人(暂定)", 50), ("50-60人", None),
])
def test_counts_with_remarks_and_qualifiers(text, value):
    assert as_int(text) == value


@pytest.mark.parametrize("text,items", [
    ("（1）甲研究所（2）乙大学", ["甲研究所", "乙大学"]),
    ("1.甲研究所 2.乙大学", ["甲研究所", "乙大学"]),
    ("第2期光源3.5米线站", ["第2期光源3.5米线站"]),  # numbers inside one item are no enumeration
    ("柏林；德累斯顿", ["柏林", "德累斯顿"]),
])
def test_lists(text, items):
    assert as_list(text) == items


@pytest.mark.parametrize("label,expected", [
    ("对接产业需求（海洋生物医药）", ("对接产业需求", "海洋生物医药")),
    ("服务重大战略（请注明）", ("服务重大战略", None)),
    ("突出数字技术：______", ("突出数字技术", None)),
])
def test_topic_detail_after_colon_or_in_brackets(label, expected):
    assert split_category(label, CATEGORIES) == expected


def test_short_dotted_range_takes_the_title_year():
    assert as_period("9.15-9.19", 2026) == ("2026-09-15", "2026-09-19")
    assert as_period("9.15-9.19", None) is None


def test_blank_signature_lines_are_not_opinion():
    assert as_opinion(["同意推荐。", "负责人签字：", "经办人：____", "（盖章）", "2026年4月1日"]) == "同意推荐。"

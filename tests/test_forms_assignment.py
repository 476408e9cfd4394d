"""One label per field over the whole form, and a second look at filled labels that matched nothing.

Labels are matched to fields as a whole: where two labels of one form name the same field, the
better-scoring one keeps it (ties: the one met first), the other takes the next field it could
label when that is free, and a filled value left without a field is kept in ``unmatched`` with a
warning. A label no tier placed is looked at again: a long synonym inside it that names one field
only, then jieba tokens (token-set ratio), with the thresholds of corpus/form_labels.yaml.
"""

from __future__ import annotations

import copy

import docx
import pytest

from shenbao.extractors.forms import parse_form_file
from shenbao.extractors.forms.grid import GridReader
from shenbao.extractors.forms.labels import (
    TIER_CONTAINED,
    TIER_TOKEN,
    _validated,
    form_labels,
    label_candidates,
    match_label,
    rescue_label,
    type_spec,
)
from shenbao.ingest import load

PROVINCIAL_TITLE = "2027年专业技术人才知识更新工程省级高级研修项目申报表"


def _docx(path, title: str, rows: list[list[str]]):
    document = docx.Document()
    document.add_paragraph(title)
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(path)
    return path


def _plain(form_type: str) -> dict:
    return {k: v for k, v in type_spec(form_type)["fields"].items() if v["kind"] not in ("block", "people")}


def test_two_labels_of_one_field_the_first_keeps_it_and_the_other_is_kept_unmatched(tmp_path):
    path = _docx(tmp_path / "two.docx", PROVINCIAL_TITLE, [
        ["项目名称", "高原草地生态修复技术高级研修班"],
        ["办班地点", "四川省红原县"],
        ["办班时间", "2027年7月5日至9日"],
        ["培训地点", "四川省阿坝州"],
    ])
    [sub] = parse_form_file(path)
    assert sub.value("location") == "四川省红原县"
    assert [(u.label, u.value) for u in sub.unmatched] == [("培训地点", "四川省阿坝州")]
    assert sub.unmatched[0].evidence.text == "四川省阿坝州"
    assert any("培训地点" in w and "办班地点" in w and "四川省阿坝州" in w for w in sub.warnings)


def test_the_better_label_keeps_the_field_wherever_it_stands(tmp_path):
    path = _docx(tmp_path / "better.docx", PROVINCIAL_TITLE, [
        ["项目名称", "高原草地生态修复技术高级研修班"],
        ["选题所属行业", "农业"],  # a qualifier before 所属行业: a suffix match
        ["办班时间", "2027年7月5日至9日"],
        ["选题所属专业技术领域", "草业科学"],  # the exact synonym
    ])
    [sub] = parse_form_file(path)
    assert sub.value("industry_field") == "草业科学"
    assert [(u.label, u.value) for u in sub.unmatched] == [("选题所属行业", "农业")]


def test_a_label_that_loses_its_field_takes_its_next_one(tmp_path):
    spec = {"fields": {"a": {"kind": "text", "labels": ["举办研修班地点"]},
                       "b": {"kind": "text", "labels": ["拟举办研修班地址"]}}}
    assert [m.key for m in label_candidates("拟举办研修班地点", spec["fields"])] == ["a", "b"]
    path = _docx(tmp_path / "next.docx", PROVINCIAL_TITLE, [
        ["拟举办研修班地点", "成都市"],
        ["举办研修班地点", "绵阳市"],
    ])
    grid = GridReader(load(path), spec).read()
    assert grid.fields["a"].text == "绵阳市" and grid.fields["b"].text == "成都市"
    assert not grid.lost


def test_the_first_candidate_is_what_match_label_gives():
    fields = _plain("fj_national_seminar")
    for text in ["办班时间", "拟办班地点", "研修日期", "选题所属行业", "培训对象及人数", "结业时间", "办班起止时间"]:
        assert label_candidates(text, fields)[0] == match_label(text, fields), text


def test_a_long_synonym_inside_a_label_names_its_field_when_it_is_the_only_one():
    fields = _plain("fj_provincial_seminar")
    assert match_label("项目名称及编号", fields) is None
    m = rescue_label("项目名称及编号", fields)
    assert m.key == "project_name" and m.tier == TIER_CONTAINED
    # Two fields named in one label is no match.
    assert rescue_label("办班地点及研修目的", fields) is None


def test_jieba_tokens_place_a_label_with_its_words_reordered():
    fields = {"a": {"labels": ["行业主管部门"]}, "b": {"labels": ["研修项目名称"]}}
    m = rescue_label("主管部门行业", fields)
    assert m is not None and m.key == "a" and m.tier == TIER_TOKEN
    assert rescue_label("经费预算", _plain("fj_provincial_seminar")) is None


def test_an_unknown_label_stays_unknown():
    fields = _plain("fj_provincial_seminar")
    for text in ["经费预算", "邮政编码", "电子邮箱", "备注", "审核日期"]:
        assert rescue_label(text, fields) is None, text


@pytest.mark.parametrize("name,value", [("fuzzy_threshold", "high"), ("token_threshold", 140),
                                        ("short_label", 2.5), ("token_margin", -1)])
def test_matching_thresholds_are_checked_when_the_corpus_loads(name, value):
    data = copy.deepcopy(form_labels())
    data["label_matching"][name] = value
    with pytest.raises(ValueError, match=name):
        _validated(data)


def test_a_missing_or_unknown_threshold_is_refused():
    data = copy.deepcopy(form_labels())
    del data["label_matching"]["token_min_shared"]
    with pytest.raises(ValueError, match="token_min_shared"):
        _validated(data)
    data = copy.deepcopy(form_labels())
    data["label_matching"]["tokn_threshold"] = 90
    with pytest.raises(ValueError, match="unknown"):
        _validated(data)

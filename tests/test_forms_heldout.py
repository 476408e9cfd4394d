"""Form reader on held-out forms of other provinces and years (tests/data/forms_heldout).

The fixtures (DOCX, the PDF LibreOffice printed from each, XLSX) are committed;
make_forms.py in that folder rebuilds the DOCX/XLSX. Each NAME.json was written
by hand from the layout. Scored with the same leaf comparison as the shared
samples (shenbao.eval.forms), each file parsed once per session.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from shenbao.eval.forms import folder_files, mismatches, run
from shenbao.extractors.forms import parse_form_file

HELDOUT = Path(__file__).resolve().parent / "data" / "forms_heldout"
PAIRS = folder_files(HELDOUT)


@cache
def parsed(path: Path):
    return parse_form_file(path)


def _wrong(path: Path, expected_path: Path) -> list[tuple]:
    return mismatches(path, expected_path)


def test_heldout_folder_has_every_form_type_and_format():
    names = {p.name for p, _ in PAIRS}
    assert len({p.stem for p, _ in PAIRS}) >= 8
    assert {n.rsplit(".", 1)[1] for n in names} == {"docx", "pdf", "xlsx"}
    types = set()
    for _, expected_path in PAIRS:
        data = json.loads(expected_path.read_text(encoding="utf-8"))
        types.add((data[0] if isinstance(data, list) else data)["form_type"])
    assert types == {"fj_national_seminar", "fj_provincial_seminar", "cas_overseas_training", "cas_training_plan"}


@pytest.mark.parametrize("path,expected_path", PAIRS, ids=[p.name for p, _ in PAIRS])
def test_heldout_form_reads_as_expected(path, expected_path):
    assert _wrong(path, expected_path) == []


def test_eval_dir_option_scores_the_folder(capsys):
    from shenbao.eval.forms import main

    assert main(["--dir", str(HELDOUT), "--quiet", "--format", "xlsx"]) == 0
    assert "xlsx:cas_training_plan" in capsys.readouterr().out
    result = run(folder=HELDOUT, formats={"xlsx"}, show_mismatches=False)
    assert result["totals"]["format:xlsx"]["accuracy"] == 1.0


def test_missing_rows_give_nulls_and_chinese_warnings():
    [sub] = parsed(HELDOUT / "gx_provincial_missing.docx")
    for key in ("experts", "participants", "ce_base", "ce_base_batch", "submitted_on"):
        assert sub.fields[key].value is None, key
    assert sub.fields["host"].value["fax"] is None
    assert any("授课专家情况" in w for w in sub.warnings)
    assert any("是否继续教育基地" in w for w in sub.warnings)
    assert any("培训对象" in w and "participants" in w for w in sub.warnings)
    # 经费预算 is no field of the form and must not land in one.
    assert all("18万元" not in str(f.value) for f in sub.fields.values())


def test_missing_place_and_applicant_block():
    [sub] = parsed(HELDOUT / "nm_national_missing.docx")
    assert sub.value("location") is None
    assert sub.fields["applicant"].value == dict.fromkeys(
        ("name", "contact", "office_phone", "mobile", "fax", "address"))
    assert any("办班地点" in w for w in sub.warnings)
    assert any("申报单位信息" in w for w in sub.warnings)


def test_plan_list_skips_title_note_blank_and_total_rows():
    subs = parsed(HELDOUT / "cas_plan_h1.xlsx")
    assert [s.row for s in subs] == [1, 2, 3]
    assert [s.value("class_name") for s in subs][-1] == "科研仪器共享管理专题培训班"
    assert all("合计" not in str(s.value("class_name", "")) for s in subs)
    first = subs[0]
    # Columns under merged parents (培训安排 / 申请情况) are read by their child labels.
    assert (first.value("days"), first.value("hours"), first.value("apply_funding")) == (5, 40, "是")
    assert first.fields["days"].evidence.text == "5"
    assert first.fields["unit"].value is None
    assert any("单位名称" in w for w in first.warnings)


def test_content_control_ticks_and_title_year_dates():
    [sub] = parsed(HELDOUT / "hn_national_01.docx")
    assert sub.form_type == "fj_national_seminar"  # no hand-picked cue matches: recognised by its fields
    assert (sub.value("start_date"), sub.value("end_date")) == ("2026-09-15", "2026-09-19")
    assert sub.value("funding_type") == "自筹经费" and sub.value("self_funding_source") == "单位自筹"
    assert sub.value("ce_base_batch") == 5


def test_overseas_members_with_extra_columns_and_separators():
    [sub] = parsed(HELDOUT / "cas_overseas_h1.docx")
    assert [m["title"] for m in sub.value("members")] == ["副高级", "副高级", "中级"]
    assert [m["birth_date"] for m in sub.value("members")] == ["1978-03-01", "1985-11-01", "1990-07-01"]
    assert sub.value("institutions") == ["柏林工业大学", "马克斯·普朗克胶体与界面研究所", "德累斯顿工业大学"]
    ev = sub.fields["members"].evidence
    assert ev is not None and ev.table == 0


def test_qualified_labels_and_bracketed_topic_detail():
    [sub] = parsed(HELDOUT / "fj_provincial_h2.docx")
    assert sub.value("review_opinion") == "同意。"
    assert sub.value("topic_scope") == [{"category": "对接产业需求", "detail": "海洋生物医药"}]
    [jx] = parsed(HELDOUT / "jx_provincial_01.docx")
    assert jx.value("review_opinion") == "同意推荐。"  # 设区市人社部门审核意见 ends with a known label

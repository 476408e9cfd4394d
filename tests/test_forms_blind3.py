"""Form reader on the third blind batch (tests/data/forms_blind3).

These forms and their NAME.json were written before the reader was run on
them, in layouts no earlier fixture had (make_forms.py in that folder says
which). First blind score: 0.7815 of 572 leaves (DOCX 0.7672, PDF 0.7672,
XLSX 0.9375): a bilingual form was not recognised at all, ticks typed after
their options were read as boxes before the next option, a leader given as a
small table or as "姓名：…" cells was lost, a 30-row key/value form lost its
period, topic scope and unit, and a plan list's 期数 column had no synonym.
After the general rules they prompted: 572/572.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from shenbao.eval.forms import folder_files, mismatches, run
from shenbao.extractors.forms import parse_form_file
from shenbao.extractors.forms.labels import clean_label, drop_option_gloss
from shenbao.ingest.checkbox import render_normalized

BLIND = Path(__file__).resolve().parent / "data" / "forms_blind3"
PAIRS = folder_files(BLIND)


@cache
def parsed(path: Path):
    return parse_form_file(path)


def test_blind_batch_scores():
    totals = run(folder=BLIND, show_mismatches=False)["totals"]
    for group in ("format:docx", "format:pdf", "format:xlsx", "all"):
        assert totals[group]["accuracy"] == 1.0, group
    assert totals["all"]["total"] == 572


@pytest.mark.parametrize("path,expected_path", PAIRS, ids=[p.name for p, _ in PAIRS])
def test_blind_form_reads_as_expected(path, expected_path):
    assert mismatches(path, expected_path) == []


# -- ticks typed after their options


@pytest.mark.parametrize("raw,rendered", [
    ("财政资助项目（√）  自筹经费项目（ ）（自筹经费来源：　　）", "☑财政资助项目☐自筹经费项目（自筹经费来源：）"),
    ("服务重大战略( )  对接产业需求(✓)：煤炭清洁高效利用  突出数字技术( )",
     "☐服务重大战略☑对接产业需求：煤炭清洁高效利用☐突出数字技术"),
    # 第（ ）批 is a blank to fill in, not a box.
    ("是第（ ）批国家级继续教育基地（ ）  是省级继续教育基地（√）  否（ ）", "☐是第（）批国家级继续教育基地☑是省级继续教育基地☐否"),
    # Boxes in front of their labels keep the usual reading; the empty one is now a box too.
    ("（ ）财政资助项目  （√）自筹经费项目", "☐财政资助项目☑自筹经费项目"),
    # Brackets in ordinary text are no boxes.
    ("研究员（正高）", "研究员（正高）"),
    ("第（ ）批", "第（）批"),
])
def test_postfix_ticks_are_moved_before_their_options(raw, rendered):
    assert render_normalized(raw)[0] == rendered


def test_postfix_ticks_on_separate_paragraphs():
    # A DOCX cell is rendered paragraph by paragraph, told that the cell has boxes.
    assert render_normalized("对接产业需求（ ）：", boxes_nearby=True)[0] == "☐对接产业需求："
    assert render_normalized("服务重大战略（√）：东北全面振兴", boxes_nearby=True)[0] == "☑服务重大战略：东北全面振兴"


def test_hand_ticked_form_values_and_evidence():
    [sub] = parsed(BLIND / "ln_national_handtick.docx")
    assert sub.value("funding_type") == "财政资助" and sub.value("self_funding_source") is None
    assert sub.fields["funding_type"].evidence.text == "☑财政资助项目"
    assert sub.value("ce_base") == "省级" and sub.value("ce_base_batch") is None
    assert [t["category"] for t in sub.value("topic_scope")] == ["服务重大战略", "突出数字技术"]


# -- bilingual labels


def test_english_gloss_is_dropped_from_labels_and_option_names():
    assert clean_label("项目名称 Project title") == "项目名称"
    assert clean_label("办公电话 Office tel.") == "办公电话"
    assert clean_label("E-mail") == "E-mail"  # a label in English alone stays
    assert drop_option_gloss("突出数字技术 Digital technology：AI芯片") == "突出数字技术：AI芯片"


def test_bilingual_form_is_recognised_and_read():
    [sub] = parsed(BLIND / "yn_national_bilingual.pdf")
    assert sub.form_type == "fj_national_seminar"
    assert sub.value("self_funding_source") == "会员单位会费"
    assert sub.value("submitted_on") == "2026-03-18"
    assert sub.fields["submitted_on"].evidence.text == "2026年3月18日"
    assert sub.value("host")["contact"] == "普洁"


# -- a key/value list of 30 rows


def test_period_on_two_rows_topic_rows_and_unit_without_a_heading():
    [sub] = parsed(BLIND / "gz_provincial_kv30.docx")
    assert (sub.value("start_date"), sub.value("end_date")) == ("2026-10-19", "2026-10-23")
    ev = sub.fields["start_date"].evidence
    assert (ev.text, ev.row, ev.col) == ("2026年10月19日", 2, 1)
    assert not any("办班时间" in w for w in sub.warnings)
    assert sub.value("topic_scope") == [{"category": "对接产业需求", "detail": "山地特色农业"},
                                        {"category": "突出数字技术", "detail": "农业物联网"}]
    assert sub.fields["topic_scope"].evidence.text.startswith("选题范围：对接产业需求")
    host = sub.value("host")
    assert host["name"] == "贵州省农业科学院" and host["contact"] == "杨帆" and host["fax"] == "0851-83761235"
    assert sub.fields["host"].evidence.row == 16


# -- overseas: leader as a small table or as "label：value" cells, members over two pages


def test_members_table_over_a_page_break_with_repeated_header():
    [sub] = parsed(BLIND / "cas_overseas_longlist.pdf")
    members = sub.value("members")
    assert len(members) == 18 and "姓名" not in [m["name"] for m in members]
    # The row cut by the page break keeps its whole unit.
    assert members[2]["unit"] == "中国科学院大连化学物理研究所"
    assert sub.value("leader")["name"] == "吴昊天"


def test_leader_in_label_value_cells_and_members_continued_in_a_second_table():
    [sub] = parsed(BLIND / "cas_overseas_continued.docx")
    assert sub.value("leader") == {"name": "马骁", "birth_date": "1975-09-01", "title": "正高级",
                                   "unit": "中国科学院自动化研究所"}
    assert [m["name"] for m in sub.value("members")] == ["邹宁", "姜涛", "白雪", "董川", "谭琪"]
    assert [m["title"] for m in sub.value("members")] == ["副高级", "中级", "中级", "正高级", "中级"]
    assert sub.value("members")[0]["birth_date"] == "1980-05-01"


# -- plan list export


def test_plan_export_with_hidden_key_row():
    subs = parsed(BLIND / "cas_plan_b3_export.xlsx")
    assert [s.value("class_name") for s in subs] == ["遥感大数据应用技术培训班", "野外台站观测规范培训班",
                                                     "植物标本数字化技术培训班"]
    assert [s.value("sessions") for s in subs] == [1, 2, 1]
    assert [s.value("days") for s in subs] == [5, 3, 4]

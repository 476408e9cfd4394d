"""Layouts of filled forms that the fifth blind batch brought up, each on an invented form built here
(DOCX with python-docx, the PDF by LibreOffice from it): a roster with a role column, label/value
pair rows where only the first label names the person, tick-box groups outside any table, a table
row continued on the next PDF page, a "label：value" line the PDF wrapped into several blocks,
labels with a near-synonym word, and filled values under labels no field knows.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from shenbao.extractors.forms import parse_form_file
from shenbao.extractors.forms.labels import match_label, type_spec
from shenbao.ingest import legacy

needs_soffice = pytest.mark.skipif(legacy.find_soffice() is None, reason="LibreOffice (soffice) not installed")
UP = "^"


def _build(path: Path, parts: list) -> Path:
    """A str part is a paragraph, a (str, size) part a paragraph in that font size, a list a table;
    in a table row None merges into the left cell and "^" into the cell above."""
    document = docx.Document()
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
        elif isinstance(part, tuple):
            document.add_paragraph().add_run(part[0]).font.size = Pt(part[1])
        else:
            _table(document, part)
    document.save(path)
    return path


def _table(document, rows: list[list]) -> None:
    n_cols = max(len(r) for r in rows)
    grid = [list(r) + [None] * (n_cols - len(r)) for r in rows]
    table = document.add_table(rows=len(grid), cols=n_cols)
    table.style = "Table Grid"
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text is None or text == UP:
                continue
            c1 = c
            while c1 + 1 < n_cols and grid[r][c1 + 1] is None:
                c1 += 1
            r1 = r
            while r1 + 1 < len(grid) and grid[r1 + 1][c] == UP:
                r1 += 1
            cell = table.cell(r, c)
            if (r1, c1) != (r, c):
                cell = cell.merge(table.cell(r1, c1))
            cell.text = text


OVERSEAS_TITLE = "中国科学院2027年度因公出国（境）培训项目计划申请表"
SEMINAR_TITLE = "2027年专业技术人才知识更新工程高级研修项目申报表"
PROVINCIAL_TITLE = "2027年专业技术人才知识更新工程省级高级研修项目申报表"
LONG = "".join(f"第{i}单元：围绕盐湖资源综合利用开展专题讲授、现场观摩与分组研讨。" for i in range(1, 80))

FORMS = {
    "roles": [OVERSEAS_TITLE, [
        ["项目名称", "盐湖锂资源提取技术赴智利研修项目", None, None, None, None],
        ["项目类别", "☐领军人才研修项目  ☑关键技术专项培训项目", None, None, None, None],
        ["团组人员", None, None, None, None, None],
        ["序号", "姓名", "身份", "出生年月", "职称", "所在单位"],
        ["1", "沈砚秋", "团员", "1989年3月", "工程师", "中国科学院青海盐湖研究所"],
        ["2", "龚望舒", "团长", "1976年8月", "研究员", "中国科学院青海盐湖研究所"],
        ["3", "白露晞", "团员", "1992年12月", "助理研究员", "中国科学院过程工程研究所"],
        ["研修天数（天）", "21", None, "计划出访日期", "2027年3月2日", None],
        ["研修国家（地区）", "智利", None, "研修城市", "圣地亚哥、安托法加斯塔", None],
    ]],
    "unknown_column": [OVERSEAS_TITLE, [
        ["项目名称", "冰川遥感监测技术赴瑞士研修项目", None, None, None, None],
        ["团组成员", None, None, None, None, None],
        ["姓名", "护照号码", "角色", "出生年月", "职称", "工作单位"],
        ["温屿", "E12345678", "带头人", "1981年5月", "研究员", "中国科学院西北生态环境资源研究院"],
        ["季川", "E87654321", "成员", "1993年7月", "助理研究员", "中国科学院西北生态环境资源研究院"],
        ["培训天数", "15", None, "出访国家", "瑞士", None],
    ]],
    "pairs": [OVERSEAS_TITLE, [
        ["项目名称", "页岩气压裂监测技术赴加拿大研修项目", None, None, None, None, None, None],
        ["带头人姓名", "任晚舟", "出生年月", "1979.04", "职称", "研究员", "工作单位", "中国科学院武汉岩土力学研究所"],
        ["成员姓名", "郁青禾", "出生年月", "1990.10", "职称", "助理研究员", "工作单位", "中国科学院武汉岩土力学研究所"],
        ["成员姓名", "单星河", "出生年月", "1985.02", "职称", "高级工程师", "工作单位", "中国科学院地质与地球物理研究所"],
        ["培训天数", "18", None, None, "出访国家", "加拿大", None, None],
    ]],
    "boxes": [SEMINAR_TITLE,
              "申报项目类别：",
              "☑财政资助项目　　☐自筹经费项目（自筹经费来源：　　）",
              [["项目名称", "盐湖化工绿色工艺高级研修班"],
               ["办班时间", "2027年6月14日至18日"],
               ["办班地点", "青海省格尔木市"]],
              "是否符合选题范围：",
              "☐服务重大战略：　☑对接产业需求：盐湖化工　☐突出数字技术：",
              "是否继续教育基地：",
              "☐是第___批国家级继续教育基地　☑是省级继续教育基地　☐否"],
    "continued": [PROVINCIAL_TITLE, [
        ["项目名称", "盐湖资源综合利用技术高级研修班"],
        ["办班时间", "2027年7月5日至9日"],
        ["研修内容和方式", LONG],
        ["培训对象", "面向全省化工企业专业技术人员，计划招收50人。"],
    ]],
    "wrapped": [PROVINCIAL_TITLE,
                ("承办单位（盖章）：青海省盐湖资源综合利用工程技术研究中心暨柴达木循环经济试验区联合培训基地"
                 "　　　　　填报日期：2027年4月21日", 15),
                [["项目名称", "盐湖提锂装备运维技术高级研修班"],
                 ["承办单位联系方式", "联系人", "乔暮云"],
                 [UP, "手机", "13897012345"]]],
    "unknown": [PROVINCIAL_TITLE, [
        ["项目名称", "高原光伏电站运维技术高级研修班"],
        ["办班时间", "2027年9月6日至10日"],
        ["经费预算", "约12万元"],
        ["培训对象", "面向全省新能源企业专业技术人员。"],
    ]],
}


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("layouts")
    docs = [_build(folder / f"{name}.docx", parts) for name, parts in FORMS.items()]
    if legacy.find_soffice() is not None:
        profile = (folder / "profile").as_uri()
        subprocess.run([legacy.find_soffice(), "--headless", f"-env:UserInstallation={profile}", "--convert-to",
                        "pdf", "--outdir", str(folder), *map(str, docs)], check=True, capture_output=True,
                       timeout=240)
    return folder


def parsed(forms: Path, name: str, suffix: str):
    [sub] = parse_form_file(forms / f"{name}.{suffix}")
    return sub


BOTH = pytest.mark.parametrize("suffix", ["docx", pytest.param("pdf", marks=needs_soffice)])


@BOTH
def test_role_column_splits_leader_from_members(forms, suffix):
    sub = parsed(forms, "roles", suffix)
    assert sub.value("leader") == {"name": "龚望舒", "birth_date": "1976-08-01", "title": "正高级",
                                   "unit": "中国科学院青海盐湖研究所"}
    assert [m["name"] for m in sub.value("members")] == ["沈砚秋", "白露晞"]
    assert [m["title"] for m in sub.value("members")] == ["中级", "中级"]
    assert sub.value("members")[1]["unit"] == "中国科学院过程工程研究所"
    assert not any("团组带头人" in w for w in sub.warnings)
    # Reworded labels of the same form: a near-synonym word, a prefix, a bracketed unit.
    assert sub.value("duration_days") == 21
    assert sub.value("departure_date") == "2027-03-02"
    assert sub.value("country") == "智利"
    assert sub.value("cities") == ["圣地亚哥", "安托法加斯塔"]


@BOTH
def test_a_roster_with_a_column_the_corpus_does_not_know(forms, suffix):
    sub = parsed(forms, "unknown_column", suffix)
    assert sub.value("leader") == {"name": "温屿", "birth_date": "1981-05-01", "title": "正高级",
                                   "unit": "中国科学院西北生态环境资源研究院"}
    assert [(m["name"], m["title"]) for m in sub.value("members")] == [("季川", "中级")]
    assert sub.value("duration_days") == 15 and sub.value("country") == "瑞士"


@BOTH
def test_bare_detail_labels_after_a_pair_belong_to_its_person(forms, suffix):
    sub = parsed(forms, "pairs", suffix)
    assert sub.value("leader") == {"name": "任晚舟", "birth_date": "1979-04-01", "title": "正高级",
                                   "unit": "中国科学院武汉岩土力学研究所"}
    assert sub.value("members") == [
        {"name": "郁青禾", "birth_date": "1990-10-01", "title": "中级", "unit": "中国科学院武汉岩土力学研究所"},
        {"name": "单星河", "birth_date": "1985-02-01", "title": "副高级", "unit": "中国科学院地质与地球物理研究所"}]
    assert sub.value("duration_days") == 18 and sub.value("country") == "加拿大"


@BOTH
def test_tick_boxes_under_a_heading_paragraph_outside_the_table(forms, suffix):
    sub = parsed(forms, "boxes", suffix)
    assert sub.value("funding_type") == "财政资助"
    assert sub.value("self_funding_source") is None
    assert sub.value("topic_scope") == [{"category": "对接产业需求", "detail": "盐湖化工"}]
    assert sub.value("ce_base") == "省级"
    assert sub.fields["funding_type"].evidence.text.startswith("☑财政资助项目")
    assert not any("申报项目类别" in w or "继续教育基地" in w for w in sub.warnings)


@needs_soffice
def test_a_row_continued_on_the_next_pdf_page_is_one_value(forms):
    pdf, word = parsed(forms, "continued", "pdf"), parsed(forms, "continued", "docx")
    assert pdf.value("content") == word.value("content") == LONG
    assert pdf.value("trainees") == "面向全省化工企业专业技术人员，计划招收50人。"
    ev = pdf.fields["content"].evidence
    assert ev.text.startswith("第1单元") and ev.text.endswith("第79单元：围绕盐湖资源综合利用开展专题讲授、现场观摩与分组研讨。")


@BOTH
def test_a_label_value_line_above_the_table_wrapped_by_the_pdf(forms, suffix):
    sub = parsed(forms, "wrapped", suffix)
    assert sub.value("host")["name"] == "青海省盐湖资源综合利用工程技术研究中心暨柴达木循环经济试验区联合培训基地"
    assert sub.value("host")["contact"] == "乔暮云" and sub.value("host")["mobile"] == "13897012345"
    assert sub.value("submitted_on") == "2027-04-21"


@needs_soffice
def test_the_wrapped_line_is_several_blocks_in_the_pdf(forms):
    """The case the test above is about: the PDF has the line in more than one block."""
    from shenbao.ingest import load

    blocks = [b.text for b in load(forms / "wrapped.pdf").blocks if b.kind != "table"]
    assert not any("承办单位" in b and "填报日期：2027年4月21日" in b for b in blocks)


@BOTH
def test_filled_values_under_unknown_labels_are_kept(forms, suffix):
    sub = parsed(forms, "unknown", suffix)
    assert [(u.label, u.value) for u in sub.unmatched] == [("经费预算", "约12万元")]
    assert sub.unmatched[0].evidence.text == "约12万元"
    assert any("经费预算" in w and "约12万元" in w for w in sub.warnings)
    assert sub.value("start_date") == "2027-09-06"


def test_labels_with_a_near_synonym_word_or_a_tail():
    overseas = type_spec("cas_overseas_training")["fields"]
    assert match_label("研修天数（天）", overseas).key == "duration_days"
    assert match_label("计划出访日期", overseas).key == "departure_date"
    assert match_label("研修机构", overseas).key == "institutions"
    seminar = type_spec("fj_provincial_seminar")["fields"]
    assert match_label("培训日期", seminar).key == "dates"
    blocks = {k: v for k, v in seminar.items() if v["kind"] == "block"}
    assert match_label("承办单位联系方式", blocks).key == "host"


def test_a_swapped_word_that_would_name_two_fields_is_not_used():
    table = {"a": {"labels": ["培训场所时间"]}, "b": {"labels": ["研修场所日期"]}}
    assert match_label("研修场所日期", table).key == "b"  # the exact wording still decides
    # 研修场所时间 is 培训场所时间 with one word swapped and 研修场所日期 with another: neither is guessed.
    assert match_label("研修场所时间", table) is None

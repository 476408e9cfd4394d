"""Form reader on forms it has never seen: re-worded, re-ordered layouts built here.

The builders write DOCX (python-docx) and XLSX (openpyxl) files. A layout is a
list of rows; a row is a list of cell texts, ``None`` merging a cell into its
left neighbour; ``\\n`` makes separate paragraphs; ``{SDT:1}`` / ``{SDT:0}``
becomes a Word checkbox content control (ticked / not), which has no glyph in
the paragraph's plain text.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
from testkit import fill_cell

from shenbao.errors import UnknownFormError
from shenbao.extractors.forms import parse_form_file


def build_docx(path: Path, title: str | None, rows: list[list[str | None]],
               paragraphs_before: list[str] = (), vertical_merges: list[tuple[int, int, int]] = ()) -> Path:
    """Write a form; ``vertical_merges`` lists (col, first_row, last_row) to merge downwards."""
    document = docx.Document()
    if title:
        document.add_paragraph(title)
    for p in paragraphs_before:
        document.add_paragraph(p)
    n_cols = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=n_cols)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            text = row[c]
            end = c
            while end + 1 < len(row) and row[end + 1] is None:
                end += 1
            cell = table.cell(r, c)
            if end > c:
                cell = cell.merge(table.cell(r, end))
            if text:
                fill_cell(cell, text)
            c = end + 1
    for col, first, last in vertical_merges:
        top = table.cell(first, col)
        keep = top.text
        merged = top.merge(table.cell(last, col))
        for p in merged.paragraphs[1:]:
            p._p.getparent().remove(p._p)
        if merged.text != keep:
            merged.paragraphs[0].text = keep
    document.save(path)
    return path


def build_xlsx(path: Path, rows: list[list[object]], title: str | None = None) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "计划"
    if title:
        ws.append([title])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


# --------------------------------------------------------------------------- layouts

NATIONAL_TITLE = "专业技术人才知识更新工程2026年高级研修项目申报表"


def national_rows(funding: str, topic: str, base: str) -> list[list[str | None]]:
    """附件1 re-ordered and re-worded: place before time, labels with inner spaces, no applicant block."""
    return [
        ["研 修 项 目 名 称", "海上风电运维技术高级研修班", None, None, None],
        ["研修地点", "福建省莆田市", None, "研修时间", "2026年6月2日至6日"],
        ["所属行业主管部门", "国家能源局", None, "选题所属\n行业领域", "能源"],
        ["申报项目类别(仅单选)", funding, None, None, None],
        ["是否符合\n选题范围", topic, None, None, None],
        ["研修目的\n和作用", "目的第一段。\n目的第二段。", None, None, None],
        ["研修内容\n和方式", "（包括但不限于主题报告、专题研讨、学术交流、现场教学）\n主题报告与现场教学相结合。", None, None, None],
        ["授课专家情况", "拟邀请专家甲、专家乙授课。", None, None, None],
        ["培训对象", "面向全国招收风电运维技术人员。\n计划招收学员四十人。", None, None, None],
        ["承办单位信息", "单位名称", "莆田学院", "联 系 人", "林某"],
        ["承办单位信息", "办公电话", "0594-2662000", "手　机", "13800138000"],
        ["承办单位信息", "传　真", "", "通讯地址", "莆田市城厢区学园中街1133号"],
        ["承办单位信息", "是否继续\n教育基地", base, None, None],
    ]


def build_national(tmp_path: Path, name: str, funding: str, topic: str, base: str) -> Path:
    return build_docx(tmp_path / f"{name}.docx", NATIONAL_TITLE, national_rows(funding, topic, base),
                      paragraphs_before=["申报单位：（盖章）", "申报时间：    年  月  日"],
                      vertical_merges=[(0, 9, 12)])


GLYPH_STYLES = {
    "ballot": ("☑", "☐"),
    "square": ("■", "□"),
    "check": ("√", "□"),
    "bracket": ("[√]", "[ ]"),
    "ballot_x": ("☒", "☐"),
    "content_control": ("{SDT:1}", "{SDT:0}"),
}


@pytest.mark.parametrize("style", sorted(GLYPH_STYLES))
def test_reworded_national_layout_in_every_glyph_style(tmp_path, style):
    on, off = GLYPH_STYLES[style]
    path = build_national(
        tmp_path, style,
        funding=f"{off}财政资助项目  {on}自筹经费项目（自筹经费来源：学会会费）",
        topic=f"{on}服务重大战略：海洋强国  {off}对接产业需求：______  {off}突出数字技术：______",
        base=f"{on}是第3批国家级继续教育基地  {off}是省级继续教育基地  {off}否",
    )
    [sub] = parse_form_file(path)
    assert sub.form_type == "fj_national_seminar"
    v = sub.value
    assert v("project_name") == "海上风电运维技术高级研修班"
    assert (v("start_date"), v("end_date")) == ("2026-06-02", "2026-06-06")
    assert v("location") == "福建省莆田市"
    assert v("industry_field") == "能源"
    assert v("authority") == "国家能源局"
    assert v("funding_type") == "自筹经费"
    assert v("self_funding_source") == "学会会费"
    assert v("topic_scope") == [{"category": "服务重大战略", "detail": "海洋强国"}]
    assert v("ce_base") == "国家级"
    assert v("ce_base_batch") == 3
    assert v("purpose") == "目的第一段。\n目的第二段。"
    assert v("content") == "主题报告与现场教学相结合。"  # the hint left in the value cell is gone
    assert v("participants") == 40
    assert sub.fields["host"].value == {
        "name": "莆田学院", "contact": "林某", "office_phone": "0594-2662000", "mobile": "13800138000",
        "fax": None, "address": "莆田市城厢区学园中街1133号"}
    # No 申报单位信息 block in this layout: nulls and a warning naming it.
    assert sub.fields["applicant"].value == {k: None for k in
                                             ("name", "contact", "office_phone", "mobile", "fax", "address")}
    assert any("申报单位信息" in w for w in sub.warnings)


def test_evidence_points_at_the_value_cell(tmp_path):
    path = build_national(tmp_path, "ev", "☑财政资助项目 ☐自筹经费项目（自筹经费来源：____）",
                          "☐服务重大战略：____ ☑对接产业需求：海洋装备 ☐突出数字技术：____", "☐是第__批国家级继续教育基地 ☐是省级继续教育基地 ☑否")
    from shenbao.ingest import load

    doc = load(path)
    [sub] = parse_form_file(path)
    for key in ("project_name", "start_date", "location", "funding_type", "participants", "host"):
        ev = sub.fields[key].evidence
        assert ev is not None, key
        assert doc.text[ev.start:ev.end] == ev.text
        assert ev.table == 0
    assert sub.fields["project_name"].evidence.text == "海上风电运维技术高级研修班"
    assert sub.fields["project_name"].evidence.row == 0
    assert sub.fields["funding_type"].evidence.text.startswith("☑财政资助项目")
    assert sub.fields["participants"].evidence.text == "四十"
    assert sub.value("ce_base") == "否" and sub.value("ce_base_batch") is None


def test_two_ticks_in_a_single_choice_group_are_reported(tmp_path):
    path = build_national(tmp_path, "multi", "☑财政资助项目 ☑自筹经费项目（自筹经费来源：单位自筹）",
                          "☐服务重大战略：____ ☐对接产业需求：____ ☐突出数字技术：____", "☐是第__批国家级继续教育基地 ☑是省级继续教育基地 ☐否")
    [sub] = parse_form_file(path)
    assert sub.value("funding_type") == ["财政资助", "自筹经费"]
    assert sub.value("self_funding_source") == "单位自筹"
    assert any("单选" in w and "申报项目类别" in w for w in sub.warnings)
    assert sub.value("topic_scope") == []
    assert sub.value("ce_base") == "省级"


def test_degraded_layout_gives_nulls_and_warnings(tmp_path):
    rows = [
        ["项目名称", "智能制造高级研修班"],
        ["办班时间", "2025年9月1日-9月5日"],
        ["办班地点", "厦门市"],
        ["备注", "无"],
    ]
    path = build_docx(tmp_path / "partial.docx", "专业技术人员知识更新工程2025年高级研修项目申报表", rows)
    [sub] = parse_form_file(path)
    assert sub.form_type == "fj_national_seminar"
    assert sub.value("project_name") == "智能制造高级研修班"
    assert (sub.value("start_date"), sub.value("end_date")) == ("2025-09-01", "2025-09-05")
    for key in ("purpose", "content", "experts", "trainees", "funding_type", "industry_field"):
        assert sub.fields[key].value is None, key
    assert sub.fields["participants"].value is None
    assert any("研修目的和作用" in w for w in sub.warnings)
    assert any("选题所属行业领域" in w for w in sub.warnings)


def test_unknown_document_raises_unknown_form_error(tmp_path):
    path = build_docx(tmp_path / "minutes.docx", "会议纪要", [["姓名", "张三"], ["部门", "办公室"]])
    with pytest.raises(UnknownFormError) as err:
        parse_form_file(path)
    assert "minutes.docx" in str(err.value)


def test_unknown_document_via_cli_exits_2(tmp_path):
    path = build_docx(tmp_path / "letter.docx", "关于召开年度工作会议的函", [["时间", "2025年3月1日"]])
    proc = subprocess.run([sys.executable, "-m", "shenbao.cli", "form", "parse", str(path), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "letter.docx" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_overseas_form_with_pair_layout_and_other_wordings(tmp_path):
    rows = [
        ["项目名称", "储能材料赴德国研修项目", None, None, None],
        ["项目类别", "□领军人才研修项目 ■优秀青年人才培养项目\n□关键技术专项培训项目 □重点领域专项计划", None, None, None],
        ["重点领域\n专项类别", "□先进制造专项 □新材料专项", None, None, None],
        ["带头人", "姓  名", "李某", "出生日期", "1986年3月"],
        ["带头人", "职  称", "副研究员", "工作单位", "中国科学院某研究所"],
        ["团组成员", "姓名", "出生年月", "职称", "所在单位"],
        ["团组成员", "王某", "1990.05", "助理研究员", "中国科学院某研究所"],
        ["团组成员", "", "", "", ""],
        ["培训时长（天）", "14天", None, "拟出国（境）时间", "2026年7月1日"],
        ["国家", "德国", None, "城市", "柏林、慕尼黑"],
        ["境外培训机构", "1. 柏林工业大学\n2. 慕尼黑工业大学", None, None, None],
        ["培训内容", "学习储能材料表征技术。", None, None, None],
        ["预期成果", "提交总结报告。", None, None, None],
        ["优先条件", "■参与四类机构分类改革 □国家重大科技任务", None, None, None],
    ]
    path = build_docx(tmp_path / "overseas.docx", "中国科学院因公出国（境）培训项目计划申请表", rows,
                      vertical_merges=[(0, 3, 4), (0, 5, 7)])
    [sub] = parse_form_file(path)
    assert sub.form_type == "cas_overseas_training"
    v = sub.value
    assert v("category") == "优秀青年人才培养项目"
    assert v("special_fields") == []
    assert sub.fields["leader"].value == {"name": "李某", "birth_date": "1986-03-01", "title": "副高级",
                                          "unit": "中国科学院某研究所"}
    assert sub.fields["members"].value == [{"name": "王某", "birth_date": "1990-05-01", "title": "中级",
                                            "unit": "中国科学院某研究所"}]
    assert v("duration_days") == 14
    assert v("departure_date") == "2026-07-01"
    assert v("cities") == ["柏林", "慕尼黑"]
    assert v("institutions") == ["柏林工业大学", "慕尼黑工业大学"]
    assert v("priority_conditions") == ["参与四类机构分类改革"]


def test_plan_list_with_other_headers_and_a_title_row(tmp_path):
    rows = [
        ["编号", "班次名称", "单位", "类别", "天数", "学时", "人数", "场次", "是否申请资助",
         "是否申请专项技术支持", "精品项目", "同时申报人社部高研", "已举办次数", "招生范围", "联系人", "电话"],
        [1, "显微成像培训班", "中国科学院某所", "专项技术短期培训班", 3, 24, 40, None, "是", "否", "否", "否", 2,
         "院内", "张某", "010-62345678"],
        [2, "前沿学术讲坛", "中国科学院某所", "学术讲坛", 4, 8, 200, 4, "否", "是", "否", "否", 0, "全国", "张某",
         "13912345678"],
    ]
    path = build_xlsx(tmp_path / "plan.xlsx", rows, title="2026年度培训计划")
    subs = parse_form_file(path)
    assert [s.row for s in subs] == [1, 2]
    assert all(s.form_type == "cas_training_plan" for s in subs)
    first, second = subs
    assert first.value("class_name") == "显微成像培训班"
    assert first.value("unit") == "中国科学院某所"
    assert first.value("days") == 3 and first.value("hours") == 24 and first.value("participants") == 40
    assert first.fields["sessions"].value is None
    assert first.value("prior_runs") == 2 and first.value("audience_scope") == "院内"
    assert first.value("phone") == "010-62345678"
    assert second.value("sessions") == 4 and second.value("apply_tech_support") == "是"
    assert second.fields["class_name"].evidence.text == "前沿学术讲坛"


def test_hours_are_decimals_and_an_unusable_count_is_a_warning(tmp_path):
    rows = [
        ["编号", "班次名称", "单位", "类别", "天数", "学时", "人数"],
        [1, "冷冻电镜样品制备培训班", "中国科学院某所", "专项技术短期培训班", 2, "2.5学时", "约30人"],
        [2, "同步辐射线站使用培训班", "中国科学院某所", "专项技术短期培训班", "两天半", 12.5, "三十至四十"],
    ]
    first, second = parse_form_file(build_xlsx(tmp_path / "plan.xlsx", rows))
    assert first.value("hours") == 2.5 and first.value("participants") == 30 and first.value("days") == 2
    assert second.value("hours") == 12.5
    assert second.value("days") is None and second.value("participants") is None
    assert any("两天半" in w and "不是整数" in w for w in second.warnings)
    assert any("三十至四十" in w for w in second.warnings)

"""DOCX ingest: body order, merged cells, checkboxes (glyphs, content controls, form fields)."""

from __future__ import annotations

import difflib
import json
import re
import zipfile
from pathlib import Path

import pytest

from shenbao.config import shared_dir
from shenbao.ingest import load
from shenbao.models import Cell, Document, Table

SAMPLES = shared_dir() / "samples"
NOTICES = SAMPLES / "notices"
FORMS = SAMPLES / "forms"
SAMPLE_FORM = FORMS / "fj_national_01.docx"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _label_cell(table: Table, label: str) -> Cell | None:
    for cell in table.cells:
        if _squash(cell.text) == label:
            return cell
    return None


def _right_of(table: Table, label: str, nth: int = 0) -> str | None:
    """Text of the cell right of the nth cell reading ``label``."""
    hits = [c for c in table.cells if _squash(c.text) == label]
    if len(hits) <= nth:
        return None
    cell = hits[nth]
    right = table.cell_at(cell.row, cell.col + cell.col_span)
    return right.text if right else None


def _expected(name: str) -> dict:
    return json.loads((FORMS / "expected" / f"{name}.json").read_text(encoding="utf-8"))["fields"]


def _ticked(doc: Document) -> list[str]:
    return [box.label for box in doc.checkboxes if box.checked]


# --------------------------------------------------------------------------- notices


@pytest.mark.parametrize("name", ["cas_2025_guide", "cas_2023_notice", "fj_2025_seminar_notice"])
def test_notice_docx_reads_like_its_text_rendering(name):
    doc = load(NOTICES / f"{name}.docx")
    ours = _squash(doc.text)
    theirs = _squash((NOTICES / f"{name}.txt").read_text(encoding="utf-8"))
    assert difflib.SequenceMatcher(None, ours, theirs, autojunk=False).ratio() >= 0.97
    assert doc.source.format == "docx" and doc.pages is None


def test_fj_notice_application_forms_are_label_and_value_cells():
    doc = load(NOTICES / "fj_2025_seminar_notice.docx")
    national, provincial, summary = doc.tables[:3]
    name = _label_cell(national, "项目名称")
    assert (name.row, name.col) == (0, 0)
    value = national.cell_at(0, 1)
    assert value.text == "" and value.col_span == 4  # blank form: the value cell spans the rest of the row
    assert _right_of(national, "办班时间") == ""
    assert _squash(national.cell_at(1, 3).text) == "办班地点"
    # 申报单位信息 spans its three rows of contact fields
    applicant = _label_cell(national, "申报单位信息")
    assert applicant.row_span == 3 and applicant.col == 0
    assert _squash(national.cell_at(applicant.row + 2, 3).text) == "地址"
    assert _label_cell(provincial, "选题所属专业技术领域") is not None
    assert summary.header is None and [c.text for c in summary.row_cells(0)][:2] == ["序号", "研修选题"]
    # the blank forms' tick boxes are all unticked and keep their option labels
    labels = [box.label for box in doc.checkboxes]
    assert all(not box.checked for box in doc.checkboxes) and len(labels) == 14
    assert labels.count("财政资助项目") == 1
    assert any(label.startswith("突出数字技术") for label in labels)
    assert all(box.table is not None for box in doc.checkboxes)


def test_fj_notice_blocks_follow_body_order():
    doc = load(NOTICES / "fj_2025_seminar_notice.docx")
    kinds = [b.kind for b in doc.blocks]
    first_table = kinds.index("table")
    # 附件1 and its title come right before the first table
    assert doc.blocks[first_table - 4].text == "附件1"
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text
    for table in doc.tables:
        for cell in table.cells:
            assert doc.text[cell.start:cell.end] == cell.text


def test_cas_guide_annex_rows_pair_programmes_with_directions():
    doc = load(NOTICES / "cas_2025_guide.docx")
    annex = doc.tables[0]
    right = _right_of(annex, "专项技术短期培训班")
    assert right is not None and "国家重大战略" in right
    # 培育体系 spans the three programme rows; so does 院级培育项目
    tier = _label_cell(annex, "培育体系（院资助）")
    assert tier.row_span == 3
    sub = annex.cell_at(tier.row, tier.col + 1)
    assert sub.text == "院级培育项目" and sub.row_span == 3
    # a horizontally merged cell is one anchor cell, not repeated
    assert [c.text for c in annex.cells].count("精品培训项目") == 1
    assert annex.cell_at(5, 2).text == "精品培训项目"
    programs = json.loads((NOTICES / "expected" / "cas_2025_guide.json").read_text(encoding="utf-8"))["programs"]
    texts = {_squash(c.text) for c in annex.cells}
    assert all(_squash(p) in texts for p in programs)


# --------------------------------------------------------------------------- filled forms


FJ_FORMS = sorted(p.stem for p in FORMS.glob("fj_*.docx"))


@pytest.mark.parametrize("name", FJ_FORMS)
def test_fj_forms_values_sit_right_of_their_labels(name):
    doc = load(FORMS / f"{name}.docx")
    fields = _expected(name)
    table = doc.tables[0]
    assert _right_of(table, "项目名称") == fields["project_name"]
    assert _right_of(table, "办班地点") == fields["location"]
    # 单位名称 appears for the applicant (national only) and for the host; the host is the last one
    host_names = [c for c in table.cells if _squash(c.text) == "单位名称"]
    assert _right_of(table, "单位名称", len(host_names) - 1) == fields["host"]["name"]
    assert _right_of(table, "联系人", len(host_names) - 1) == fields["host"]["contact"]


@pytest.mark.parametrize("name", FJ_FORMS)
def test_fj_forms_ticked_boxes_match_expected_choices(name):
    doc = load(FORMS / f"{name}.docx")
    fields = _expected(name)
    ticked = _ticked(doc)
    for scope in fields["topic_scope"]:
        assert any(label.startswith(scope["category"]) and scope["detail"] in label for label in ticked)
    funding = fields.get("funding_type")
    if funding:
        wanted = funding if isinstance(funding, list) else [funding]
        assert sorted(w for w in wanted) == sorted(
            label[:4] for label in ticked if label.startswith(("财政资助", "自筹经费")))


@pytest.mark.parametrize("name", sorted(p.stem for p in FORMS.glob("cas_overseas_*.docx")))
def test_cas_overseas_forms_category_box(name):
    doc = load(FORMS / f"{name}.docx")
    fields = _expected(name)
    ticked = _ticked(doc)
    assert fields["category"] in ticked
    for condition in fields["priority_conditions"]:
        assert condition in ticked
    # the leader's name sits right of the first 姓名 label or, in column layouts, below it
    table = doc.tables[0]
    label = _label_cell(table, "姓名")
    right = table.cell_at(label.row, label.col + 1)
    below = table.cell_at(label.row + 1, label.col)
    assert fields["leader"]["name"] in (right.text, below.text)


def test_filled_square_glyph_counts_as_ticked():
    doc = load(FORMS / "cas_overseas_03.docx")
    box = next(b for b in doc.checkboxes if b.checked)
    assert box.glyph == "■" and box.label == _expected("cas_overseas_03")["category"]
    assert doc.text[box.start] == "☑"


# --------------------------------------------------------------------------- content controls and form fields


_GLYPH_RUN = re.compile(r"<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t>([☑☐])</w:t></w:r>")


def _content_control(match: re.Match) -> str:
    checked = match.group(1) == "☑"
    return (
        "<w:sdt><w:sdtPr><w14:checkbox>"
        f'<w14:checked w14:val="{1 if checked else 0}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
        "</w14:checkbox></w:sdtPr><w:sdtContent>"
        f"<w:r><w:rPr><w:rFonts w:ascii=\"MS Gothic\" w:hAnsi=\"MS Gothic\"/></w:rPr><w:t>{'☒' if checked else '☐'}</w:t></w:r>"
        "</w:sdtContent></w:sdt>"
    )


def _form_field(match: re.Match) -> str:
    checked = match.group(1) == "☑"
    return (
        '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/>'
        f'<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/><w:default w:val="0"/>'
        f'<w:checked w:val="{1 if checked else 0}"/></w:checkBox></w:ffData></w:fldChar></w:r>'
        '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _rewrite_boxes(src: Path, dst: Path, replace) -> int:
    """Copy a DOCX, turning each glyph box run into markup built by ``replace``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        count = 0
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml, count = _GLYPH_RUN.subn(replace, data.decode("utf-8"))
                data = xml.encode("utf-8")
            zout.writestr(item, data)
    return count


@pytest.mark.parametrize("replace,origin", [(_content_control, "sdt"), (_form_field, "formfield")])
def test_checkbox_markup_in_a_filled_form(tmp_path, replace, origin):
    name = "fj_national_01"
    target = tmp_path / f"{name}.docx"
    assert _rewrite_boxes(FORMS / f"{name}.docx", target, replace) == 8
    # python-docx's own paragraph text loses these boxes entirely
    import docx

    plain = "".join(c.text for row in docx.Document(str(target)).tables[0].rows for c in row.cells)
    assert "☑" not in plain and "☒" not in plain
    doc = load(target)
    glyph_doc = load(FORMS / f"{name}.docx")
    assert [b.glyph for b in doc.checkboxes] == [origin] * 8
    assert _ticked(doc) == _ticked(glyph_doc)
    fields = _expected(name)
    assert any(label.startswith(fields["funding_type"]) for label in _ticked(doc))
    scope = fields["topic_scope"][0]
    assert f"{scope['category']}：{scope['detail']}" in _ticked(doc)
    assert "☒" not in doc.text  # the glyph Word draws inside the control is not read twice


def _tiny_docx(tmp_path: Path) -> Path:
    """A DOCX with heading, list item, merged cells, nested table and every kind of box."""
    import docx
    from docx.oxml import parse_xml

    ns = f'xmlns:w="{W_NS}" xmlns:w14="{W14_NS}"'
    document = docx.Document()
    document.add_heading("申报须知", level=1)
    document.add_paragraph("第一条", style="List Number")
    para = document.add_paragraph("申请资助：")
    for checked, label in ((True, "是"), (False, "否")):
        para._p.append(parse_xml(
            f'<w:sdt {ns}><w:sdtPr><w14:checkbox><w14:checked w14:val="{int(checked)}"/></w14:checkbox></w:sdtPr>'
            f'<w:sdtContent><w:r><w:t>{"☒" if checked else "☐"}</w:t></w:r></w:sdtContent></w:sdt>'))
        para.add_run(label + " ")
    legacy = document.add_paragraph("线下：")
    for default, checked, label in (("1", None, "是"), ("0", "0", "否")):
        state = f'<w:checked w:val="{checked}"/>' if checked is not None else ""
        legacy._p.append(parse_xml(
            f'<w:r {ns}><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:sizeAuto/>'
            f'<w:default w:val="{default}"/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>'))
        legacy._p.append(parse_xml(f'<w:r {ns}><w:instrText> FORMCHECKBOX </w:instrText></w:r>'))
        legacy._p.append(parse_xml(f'<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>'))
        legacy.add_run(label)
    symbols = document.add_paragraph("性别：")
    symbols.add_run("\u00fe").font.name = "Wingdings"
    symbols.add_run("男")
    symbols._p.append(parse_xml(f'<w:r {ns}><w:sym w:font="Wingdings 2" w:char="F0A3"/></w:r>'))
    symbols.add_run("女")
    plain_sdt = document.add_paragraph("单位：")
    plain_sdt._p.append(parse_xml(
        f'<w:sdt {ns}><w:sdtPr><w:text/></w:sdtPr><w:sdtContent><w:r><w:t>某研究所</w:t></w:r></w:sdtContent></w:sdt>'))
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "培训计划"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "团组成员"
    table.cell(1, 1).text = "姓名"
    table.cell(1, 2).text = "张三"
    inner_cell = table.cell(2, 1)
    inner_cell.text = "名单"
    inner = inner_cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "李四"
    inner.cell(0, 1).text = "王五"
    table.cell(2, 2).text = "第一段"
    table.cell(2, 2).add_paragraph("第二段")
    document.add_paragraph("■ 附则")
    document.sections[0].header.paragraphs[0].text = "页眉文字"
    path = tmp_path / "tiny.docx"
    document.save(str(path))
    return path


def test_tiny_docx_structure_and_boxes(tmp_path):
    doc = load(_tiny_docx(tmp_path))
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].level == 1 and doc.blocks[0].text == "申报须知"
    assert doc.blocks[1].kind == "list_item"
    assert "申请资助：☑是☐否" in doc.text
    assert "线下：☑是☐否" in doc.text
    boxes = [(b.checked, b.glyph, b.label) for b in doc.checkboxes]
    assert boxes == [(True, "sdt", "是"), (False, "sdt", "否"), (True, "formfield", "是"), (False, "formfield", "否"),
                     (True, "Wingdings:00FE", "男"), (False, "Wingdings 2:F0A3", "女")]
    assert "单位：某研究所" in doc.text
    assert "性别：☑男☐女" in doc.text  # text inside a plain content control is kept
    assert "页眉文字" not in doc.text
    assert doc.blocks[-1].text == "■附则"  # a lone ■ before a heading is a bullet, not a box

    outer, inner = doc.tables
    assert inner.parent == outer.index and (inner.n_rows, inner.n_cols) == (1, 2)
    title = outer.cell_at(0, 1)
    assert title.text == "培训计划" and (title.row, title.col, title.col_span) == (0, 0, 3)
    assert [c.text for c in outer.cells].count("培训计划") == 1
    members = outer.cell_at(2, 0)
    assert members.text == "团组成员" and members.row_span == 2 and members.row == 1
    nested_in = outer.cell_at(2, 1)
    assert nested_in.nested == [inner.index]
    assert [c.text for c in inner.cells] == ["李四", "王五"]
    two = outer.cell_at(2, 2)
    assert two.paragraphs == ["第一段", "第二段"] and two.text == "第一段\n第二段"
    # the nested table's text follows its cell, before the next cell
    assert doc.text.index("名单") < doc.text.index("李四") < doc.text.index("第一段")


def test_word_list_numbers_are_rendered(tmp_path):
    """Section numbers drawn by Word's numbering (一、 （一） ①) are part of the text."""
    import docx
    from docx.oxml import parse_xml

    ns = f'xmlns:w="{W_NS}"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
        '<w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
        '<w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%3"/>'
        '</w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in ((0, "选题范围"), (1, "服务重大战略"), (1, "对接产业需求"), (2, "新材料"), (0, "研修方式"),
                        (1, "面向全国")):
        para = document.add_paragraph(text)
        para._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    doc = load(path)
    assert [b.text for b in doc.blocks] == ["一、选题范围", "（一）服务重大战略", "（二）对接产业需求", "①新材料",
                                            "二、研修方式", "（一）面向全国"]
    assert {b.kind for b in doc.blocks} == {"list_item"}


def test_macro_enabled_document_is_read_like_a_docx(tmp_path):
    target = tmp_path / "form.docm"
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    with zipfile.ZipFile(SAMPLE_FORM) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(main, b"application/vnd.ms-word.document.macroEnabled.main+xml")
            zout.writestr(item, data)
    assert load(target).text == load(SAMPLE_FORM).text


# --------------------------------------------------------------------------- checkbox rendering (shared by all backends)


@pytest.mark.parametrize("raw,text,glyphs", [
    ("■财政资助项目\u3000□自筹经费项目", "☑财政资助项目\u3000☐自筹经费项目", ["■", "□"]),
    ("类别：■财政资助", "类别：☑财政资助", ["■"]),  # after a label on its line: a box
    ("■ 一、总体要求", "■ 一、总体要求", []),  # a bullet before a heading
    ("√财政资助 □自筹", "☑财政资助 ☐自筹", ["√", "□"]),
    ("✓是 ✔否", "☑是 ☑否", ["✓", "✔"]),
    ("√2 约等于 1.414", "√2 约等于 1.414", []),
    ("是√ 否", "是√ 否", []),
    ("（√）财政资助（ ）自筹", "☑财政资助（ ）自筹", ["（√）"]),  # a mark after its option is left as written
    ("类别：√财政资助", "类别：☑财政资助", ["√"]),
    ("[√]是 [ ]否", "☑是 ☐否", ["[√]", "[ ]"]),
    ("[x] 线下 [X] 线上", "☑ 线下 ☑ 线上", ["[x]", "[X]"]),
    ("□√是 □否", "☑是 ☐否", ["□√", "□"]),
    ("☒同意 ☐不同意", "☑同意 ☐不同意", ["☒", "☐"]),
    ("√", "☑", ["√"]),
    ("\uf0fe是\uf0a8否", "☑是☐否", ["U+F0FE", "U+F0A8"]),
])
def test_render_checkboxes(raw, text, glyphs):
    from shenbao.ingest.checkbox import render_checkboxes

    assert render_checkboxes(raw) == (text, glyphs)


def test_render_checkboxes_markup_and_symbols():
    from shenbao.ingest.checkbox import MARKUP_CHECKED, MARKUP_UNCHECKED, render_checkboxes, symbol_box

    text, glyphs = render_checkboxes(f"{MARKUP_CHECKED}是{MARKUP_UNCHECKED}否■待定", ["sdt", "formfield"])
    assert text == "☑是☐否☑待定" and glyphs == ["sdt", "formfield", "■"]
    assert render_checkboxes("■ 附则", boxes_nearby=True) == ("☑ 附则", ["■"])
    assert symbol_box("Wingdings 2", "F052") == "☑" and symbol_box("Wingdings", "F0A8") == "☐"
    assert symbol_box("Wingdings", "00FE") == "☑" and symbol_box("宋体", "F052") is None

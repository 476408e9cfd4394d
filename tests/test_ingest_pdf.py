"""PDF backend: reading order, paragraphs, tables over page breaks, tick boxes, bad files."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from shenbao.config import shared_dir
from shenbao.errors import CorruptFileError, EncryptedFileError, ScannedDocumentError
from shenbao.ingest.base import make_source
from shenbao.ingest.pdf import PdfBackend

SAMPLES = shared_dir() / "samples"


@cache
def _load(rel: str):
    path = SAMPLES / rel
    return PdfBackend().load(path, make_source(path, "pdf"))


def _minimal_pdf(content: bytes, encrypt: bool = False) -> bytes:
    """A one-page PDF whose page draws ``content`` (no fonts: no text layer)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    enc = b""
    if encrypt:  # standard security handler whose user password is not empty
        enc = (b" /Encrypt << /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32
               + b"> /P -4 >> /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">]")
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, enc, xref)
    return out


def _text_pdf(pages: list[tuple[list[tuple[float, float, float, float]], list[tuple[float, float, str]]]]) -> bytes:
    """A PDF of A4 pages, each drawn from rulings (x0, top, x1, bottom) and Helvetica 10 pt text
    (x, top of the glyph box, text); coordinates measured from the top of the page as pdfplumber does."""
    size, height = 10, 842
    n = len(pages)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n)), n),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, (rulings, texts) in enumerate(pages):
        ops = [b"0.75 w"]
        ops += [b"%.2f %.2f m %.2f %.2f l S" % (x0, height - top, x1, height - bottom) for x0, top, x1, bottom in rulings]
        for x, top, text in texts:  # the glyph box is [baseline - 0.207 size, + size] in Helvetica
            baseline = height - top - size + 0.207 * size
            ops.append(b"BT /F1 %d Tf %.2f %.2f Td (%s) Tj ET" % (size, x, baseline, text.encode("latin-1")))
        content = b"\n".join(ops)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * i))
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def _grid(xs: list[float], ys: list[float], top_open: bool = False, bottom_open: bool = False,
          verticals: tuple[float, float] | None = None) -> list[tuple[float, float, float, float]]:
    """Rulings of a table with column edges ``xs`` and row edges ``ys``; an open side has no
    horizontal ruling, and the column rulings run on to ``verticals`` (top, bottom)."""
    rows = ys[1 if top_open else 0:len(ys) - (1 if bottom_open else 0)]
    top, bottom = verticals or (ys[0], ys[-1])
    return [(xs[0], y, xs[-1], y) for y in rows] + [(x, top, x, bottom) for x in xs]


def _load_bytes(tmp_path: Path, data: bytes):
    path = tmp_path / "table.pdf"
    path.write_bytes(data)
    return PdfBackend().load(path, make_source(path, "pdf"))


def _row_texts(table) -> list[list[str]]:
    rows: dict[int, list[str]] = {}
    for cell in table.cells:
        rows.setdefault(cell.row, []).append(cell.text)
    return [rows[r] for r in sorted(rows)]


def test_row_without_ruling_at_the_page_break_is_one_row(tmp_path: Path):
    xs = [100, 200, 500]
    page1 = (_grid(xs, [100, 130, 160, 780], bottom_open=True),
             [(105, 110, "Name"), (205, 110, "Alpha project"), (105, 140, "Phone"), (205, 140, "12345"),
              (105, 165, "Content"), (205, 765, "first half of the row")])
    page2 = (_grid(xs, [60, 90, 120], top_open=True),
             [(205, 62, "second half of the row"), (105, 100, "Fax"), (205, 100, "999")])
    doc = _load_bytes(tmp_path, _text_pdf([page1, page2]))
    assert len(doc.tables) == 1
    assert _row_texts(doc.tables[0]) == [["Name", "Alpha project"], ["Phone", "12345"],
                                         ["Content", "first half of the row\nsecond half of the row"],
                                         ["Fax", "999"]]
    assert "first half" not in "".join(b.text for b in doc.blocks if b.kind != "table")


def test_page_break_between_rows_keeps_the_rows_apart(tmp_path: Path):
    # Both parts closed by rulings, labels centred in their rows: the break falls between rows,
    # even where the first cell on the next page is empty (the old reading merged "Mobile" + "Fax").
    xs = [100, 200, 350, 500]
    page1 = (_grid(xs, [700, 730, 760]),
             [(105, 710, "Phone"), (205, 710, "12345"), (355, 710, "x1"),
              (105, 740, "Mobile"), (205, 740, "67890"), (355, 740, "x2")])
    page2 = (_grid(xs, [60, 90, 120]),
             [(105, 70, "Fax"), (355, 70, "x3"), (105, 100, "Address"), (205, 100, "Main Street"), (355, 100, "x4")])
    doc = _load_bytes(tmp_path, _text_pdf([page1, page2]))
    assert _row_texts(doc.tables[0]) == [["Phone", "12345", "x1"], ["Mobile", "67890", "x2"], ["Fax", "", "x3"],
                                         ["Address", "Main Street", "x4"]]


def test_row_cut_by_a_closed_page_break_is_joined(tmp_path: Path):
    # The renderer closed the table at the break; the text runs from the bottom of the page into
    # the top of the next, and the label column does not start again: one row.
    xs = [100, 200, 500]
    page1 = (_grid(xs, [700, 730, 790]),
             [(105, 710, "Name"), (205, 710, "Alpha project"), (105, 755, "Content"),
              (205, 732, "The programme covers"), (205, 746, "materials, devices and"), (205, 776, "then the")])
    page2 = (_grid(xs, [60, 80, 110]),
             [(205, 62, "applications."), (105, 90, "Fax"), (205, 90, "999")])
    doc = _load_bytes(tmp_path, _text_pdf([page1, page2]))
    rows = _row_texts(doc.tables[0])
    assert len(rows) == 3 and rows[2] == ["Fax", "999"]
    assert rows[1][0] == "Content"
    assert rows[1][1].startswith("The programme covers") and rows[1][1].endswith("applications.")


@cache
def _docx(rel: str):
    from shenbao.ingest import load

    return load(SAMPLES / rel)


FORMS = sorted(p.stem for p in (SAMPLES / "forms").glob("*.pdf"))


@pytest.mark.parametrize("name", FORMS)
def test_form_tables_have_the_cells_of_the_docx(name: str):
    """The PDF is the DOCX printed: same rows, same spans, same cell texts (modulo whitespace)."""
    def grid(doc):
        return [[(c.row, c.col, c.row_span, c.col_span, "".join(c.text.split())) for c in t.cells] for t in doc.tables]

    assert grid(_load(f"forms/{name}.pdf")) == grid(_docx(f"forms/{name}.docx"))


def test_label_cut_by_the_page_break_is_one_merged_cell():
    for name, label in (("fj_national_01", "申报单位信息"), ("fj_provincial_03", "承办单位信息")):
        table = _load(f"forms/{name}.pdf").tables[0]
        cell = next(c for c in table.cells if c.text.replace("\n", "") == label)
        assert cell.row_span >= 3, name
        # the rows beside it are still rows of their own
        assert [table.cell_at(cell.row + i, 1).text for i in range(3)] == ["单位名称", "办公电话", "传真"]


def test_page_break_between_host_rows_keeps_phone_and_fax_apart():
    table = _load("forms/fj_provincial_01.pdf").tables[0]
    host = next(c for c in table.cells if c.text == "承办单位信息")
    assert host.row_span == 4
    rows = [[table.cell_at(host.row + i, c).text for c in range(1, 5)] for i in range(3)]
    assert rows == [["单位名称", "福建医科大学", "联系人", "郑峰洁"],
                    ["办公电话", "0591-86774809", "手机", "15071256121"],
                    ["传真", "", "地址", "福州市闽侯县学府北路1号"]]


def _cell_with(doc, start: str):
    return next(c for t in doc.tables for c in t.cells if c.text.startswith(start))


def test_cell_paragraphs_break_only_where_the_author_did():
    # A list marker at the start of a wrapped line does not open a paragraph when the line
    # above was full: the DOCX has one paragraph here.
    content = _cell_with(_load("forms/fj_national_06.pdf"), "研修方式：")
    assert [p[:4] for p in content.paragraphs] == [p[:4] for p in _cell_with(_docx("forms/fj_national_06.docx"),
                                                                           "研修方式：").paragraphs]
    assert "现场观摩学习；（四）专题研讨" in content.paragraphs[0]
    # items one per line, without numbers, stay apart: the line above ends well short
    institutions = _cell_with(_load("forms/cas_overseas_04.pdf"), "日本理化学研究所")
    assert institutions.paragraphs == ["日本理化学研究所", "东京大学"]
    # a right-aligned stamp line and date are lines of their own
    opinion = _cell_with(_load("forms/fj_provincial_01.pdf"), "经审核")
    assert opinion.paragraphs == ["经审核，该项目符合申报条件，同意推荐。", "（盖章）", "2025年2月17日"]
    # a numbered item that happens to fill its last line is still followed by the next item
    steps = _cell_with(_load("forms/fj_national_05.pdf"), "（包括但不限于")
    assert [p[:2] for p in steps.paragraphs[2:]] == ["1.", "2.", "3.", "4.", "5."]
    # a tick box wrapped to the next line stays in its paragraph, as in the DOCX
    base = _cell_with(_load("forms/fj_national_01.pdf"), "☑是第2批")
    assert base.paragraphs == ["☑是第2批国家级继续教育基地☐是省级继续教育基地☐否"]


def test_content_cell_paragraphs_match_the_docx():
    """Every cell that holds more than a label reads in the same paragraphs as the DOCX."""
    for name in FORMS:
        pdf, docx = _load(f"forms/{name}.pdf"), _docx(f"forms/{name}.docx")
        for tp, td in zip(pdf.tables, docx.tables, strict=True):
            for cp, cd in zip(tp.cells, td.cells, strict=True):
                if len(cd.text) > 12:
                    assert ["".join(p.split()) for p in cp.paragraphs] == \
                           ["".join(p.split()) for p in cd.paragraphs], (name, cd.row, cd.col)


def test_pages_and_offsets_are_exact():
    doc = _load("notices/cas_2025_guide.pdf")
    assert doc.pages == 10
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text
        assert block.page is not None and 1 <= block.page <= 10
    for table in doc.tables:
        for cell in table.cells:
            assert doc.text[cell.start:cell.end] == cell.text


def test_wrapped_lines_become_one_paragraph():
    doc = _load("notices/cas_2025_guide.pdf")
    texts = [b.text for b in doc.blocks]
    # printed over several lines with the number on its own glyph run
    assert any("专业技术研修班时间不少于3天，参加人员为科研人员" in t for t in texts)
    assert "人事局结合工作实际，针对各级资助项目的组织实施要求，对各级资助项目的申报进行说明。" in doc.text
    intro = next(b for b in doc.blocks if b.text.startswith("为加强对各单位申报"))
    assert intro.text.endswith("进行说明。")


def test_headings_and_page_numbers():
    doc = _load("notices/cas_2025_guide.pdf")
    heading = next(b for b in doc.blocks if b.text == "一、关于“院级培育项目”申报")
    assert heading.kind == "heading" and heading.level == 1
    sub = next(b for b in doc.blocks if b.text == "（一）专业技术研修班")
    assert sub.kind == "heading" and sub.level == 2
    assert "— 1 —" not in doc.text and "—1—" not in doc.text
    assert not any(line.strip("—- ").isdigit() for line in doc.text.split("\n"))


def test_table_with_merged_cells_continued_over_a_page_break():
    doc = _load("notices/cas_2025_guide.pdf")
    assert len(doc.tables) == 1  # the annex table runs over two pages: one table
    table = doc.tables[0]
    assert table.page == 9
    tier = next(c for c in table.cells if c.text == "培育体系（院资助）")
    assert tier.row_span == 3 and tier.col == 0
    assert table.cell_at(tier.row + 2, 0) is tier
    # the repeated header row on the next page is not read twice
    assert sum(c.text == "重点支持方向" for c in table.cells) == 1
    # the row split by the page break is one cell with three paragraphs
    last = table.cells[-1]
    assert last.paragraphs[0].startswith("（一）服务国家战略") and last.paragraphs[2].startswith("（三）突出数字技术")
    assert "推动传统产业高端化、智能化、绿色化。" in last.paragraphs[1]


def test_table_text_is_not_read_twice():
    doc = _load("notices/cas_2025_guide.pdf")
    assert doc.text.count("专业技术研修班、专项技术短期培训班、学术讲坛") == 1
    table_block = next(b for b in doc.blocks if b.kind == "table")
    heading_before = doc.blocks[doc.blocks.index(table_block) - 1]
    assert heading_before.text == "培训项目体系及院级资助重点支持方向"


def test_form_cells_and_checkboxes():
    doc = _load("forms/fj_national_01.pdf")
    assert len(doc.tables) == 1
    table = doc.tables[0]
    label = next(c for c in table.cells if c.text == "项目名称")
    value = table.cell_at(label.row, label.col + 1)
    assert value.text == "人工智能大模型赋能制造业创新高级研修班"
    wrapped = next(c for c in table.cells if c.text.startswith("选题所属行业主管部"))
    assert wrapped.text == "选题所属行业主管部门"  # a label wrapped in a narrow cell is joined
    ticked = [b.label for b in doc.checkboxes if b.checked]
    assert any(label.startswith("财政资助项目") for label in ticked)
    assert any(label.startswith("突出数字技术") for label in ticked)
    assert all(b.table == 0 for b in doc.checkboxes)
    content = next(c for c in table.cells if c.text.startswith("研修方式："))
    assert [p[:2] for p in content.paragraphs[1:]] == ["1.", "2.", "3.", "4.", "5."]


BLIND2 = Path(__file__).resolve().parent / "data" / "forms_blind2"


def _load_path(path: Path):
    return PdfBackend().load(path, make_source(path, "pdf"))


def test_run_drawn_over_its_line_reads_in_written_order():
    # LibreOffice set the DejaVu digits of this line back over 区深南大道: by position the two
    # runs interleave; the content stream has them in the order they were written.
    doc = _load_path(BLIND2 / "gd_national_inline.pdf")
    assert _cell_with(doc, "地址：深圳市福田").text == "地址：深圳市福田区深南大道6008号"
    assert "地址：深圳市福田区深南大道6008号" in [w.text for w in doc.words]
    # a glyph only a little too wide for its advance (☐ under the quote after it) keeps its place
    boxes = _cell_with(_load_path(BLIND2 / "cas_overseas_b1.pdf"), "☐“卡脖子")
    assert boxes.text == "☐“卡脖子技术”相关领域☐战略高技术领域专项"


def test_filled_squares_are_ticks():
    doc = _load("forms/fj_national_02.pdf")
    ticked = [b for b in doc.checkboxes if b.checked]
    assert ticked and all(b.glyph == "■" for b in ticked)
    assert "■" not in doc.text and "□" not in doc.text


def test_words_keep_coordinates():
    doc = _load("forms/fj_national_01.pdf")
    word = next(w for w in doc.words if w.text == "项目名称")
    assert word.page == 1 and word.x0 < word.x1 and word.top < word.bottom
    assert "words" not in doc.model_dump()


def test_scanned_encrypted_and_corrupt(tmp_path: Path):
    cases = {
        "scan.pdf": (_minimal_pdf(b"0 0 1 rg 100 100 200 200 re f"), ScannedDocumentError),
        "locked.pdf": (_minimal_pdf(b"0 0 1 rg 100 100 200 200 re f", encrypt=True), EncryptedFileError),
        "truncated.pdf": ((SAMPLES / "notices/cas_2025_guide.pdf").read_bytes()[:60000], CorruptFileError),
        "junk.pdf": (b"%PDF-1.4\n" + bytes(range(256)) * 20, CorruptFileError),
    }
    for name, (data, error) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(error) as info:
            PdfBackend().load(path, make_source(path, "pdf"))
        assert name in str(info.value)

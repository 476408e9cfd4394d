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

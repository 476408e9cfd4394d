"""Hand-made files for tests and test-data scripts: tiny PDFs a scanner or an encryptor would
produce, a PNG, and the pieces to build filled DOCX forms (merged cells, checkbox content controls).
"""

from __future__ import annotations

import io
import re
import zlib


def build_pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF with a correct xref table from numbered object bodies (object 1 is the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, trailer_extra, xref))
    return out.getvalue()


def pdf_stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def image_only_pdf() -> bytes:
    """One page that paints an image and a rectangle but holds no text: what a scanner produces."""
    pixels = zlib.compress(bytes([0, 255, 255, 0] * 16))
    content = b"q 0.5 g 72 72 200 100 re f Q q 300 0 0 300 100 300 cm /Im1 Do Q"
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        pdf_stream(content),
        pdf_stream(pixels, b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                        b"/BitsPerComponent 8 /Filter /FlateDecode "),
    ])


def encrypted_pdf() -> bytes:
    """A PDF protected by the standard security handler with a user password we do not know."""
    owner = bytes(range(32))
    user = bytes(range(100, 132))
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        pdf_stream(b"\x8f\x12\xaa\x03\x77\x01\x99\x10"),
        b"<< /Filter /Standard /V 1 /R 2 /O <" + owner.hex().encode() + b"> /U <" + user.hex().encode()
        + b"> /P -44 >>",
    ], trailer_extra=b"/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ")


PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


# --------------------------------------------------------------------------- DOCX forms

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
_SDT = re.compile(r"\{SDT:([01])\}")
UP = "^"  # in a layout: this cell is merged with the one above


def sdt_checkbox(checked: bool):
    """A Word checkbox content control (w14:checkbox), the kind a cell's plain text does not show."""
    from docx.oxml import parse_xml

    glyph = "☒" if checked else "☐"
    return parse_xml(
        f'<w:sdt xmlns:w="{W_NS}" xmlns:w14="{W14_NS}"><w:sdtPr><w14:checkbox>'
        f'<w14:checked w14:val="{1 if checked else 0}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
        f'</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>'
    )


def fill_paragraph(paragraph, text: str) -> None:
    """Runs of ``text``, with each ``{SDT:1}`` / ``{SDT:0}`` marker made a checkbox content control."""
    pos = 0
    for m in _SDT.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos:m.start()])
        paragraph._p.append(sdt_checkbox(m.group(1) == "1"))
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def fill_cell(cell, text: str) -> None:
    """One paragraph per line of ``text``."""
    parts = text.split("\n")
    fill_paragraph(cell.paragraphs[0], parts[0])
    for part in parts[1:]:
        fill_paragraph(cell.add_paragraph(), part)


def table_spans(rows: list[list[str | None]]) -> list[tuple[int, int, int, int, str]]:
    """(row, col, last_row, last_col, text) of every anchor cell of a layout where ``None`` continues
    the cell to the left and ``UP`` the cell above."""
    n_cols = max(len(r) for r in rows)
    grid = [list(r) + [None] * (n_cols - len(r)) for r in rows]
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    anchors: dict[tuple[int, int], list] = {}
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text == UP:
                owner[(r, c)] = owner[(r - 1, c)]
            elif text is None and c > 0:
                owner[(r, c)] = owner[(r, c - 1)]
            else:
                owner[(r, c)] = (r, c)
                anchors[(r, c)] = [r, c, r, c, text or ""]
            a = anchors[owner[(r, c)]]
            a[2], a[3] = max(a[2], r), max(a[3], c)
    return [tuple(a) for a in anchors.values()]

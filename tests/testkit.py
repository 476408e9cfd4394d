"""Hand-made files for tests: tiny PDFs a scanner or an encryptor would produce, a PNG.

Shared by the bad-input tests of ingest and the robustness sweep over every command.
"""

from __future__ import annotations

import io
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

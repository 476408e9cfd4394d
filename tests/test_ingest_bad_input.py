"""Bad input: every unreadable file gives a typed error naming the file, through
``shenbao.ingest.load`` and through the CLI (exit code 2, one line, no traceback)."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from testkit import PNG_1x1, encrypted_pdf, image_only_pdf

from shenbao.config import shared_dir
from shenbao.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileMissingError,
    FormatMismatchError,
    IngestError,
    ScannedDocumentError,
    UnsupportedFormatError,
)
from shenbao.ingest import detect_format, load
from shenbao.ingest.detect import decode_text

SAMPLES = shared_dir() / "samples"
SAMPLE_PDF = SAMPLES / "notices" / "fj_2025_seminar_notice.pdf"
SAMPLE_DOCX = SAMPLES / "forms" / "fj_national_01.docx"


# --------------------------------------------------------------------------- hand-made files




def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _ole(stream_names: list[str]) -> bytes:
    # Enough of a compound file for content sniffing: the magic and directory entry names.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entries = b"".join(name.encode("utf-16-le").ljust(128, b"\x00") for name in stream_names)
    return header + entries


def _cases() -> dict[str, tuple[str, bytes | None, type[IngestError], str]]:
    """name -> (file name, content or None for "do not create", error type, a word of the message)."""
    pdf = SAMPLE_PDF.read_bytes()
    return {
        "empty": ("empty.pdf", b"", EmptyFileError, "0 字节"),
        "missing": ("missing.docx", None, FileMissingError, "不存在"),
        "truncated_pdf": ("truncated.pdf", pdf[: int(len(pdf) * 0.3)], CorruptFileError, "损坏"),
        "encrypted_pdf": ("locked.pdf", encrypted_pdf(), EncryptedFileError, "加密"),
        "text_named_pdf": ("notice.pdf", "关于申报的通知\n一、选题范围\n".encode(), FormatMismatchError, "文本文件"),
        "scanned_pdf": ("scan.pdf", image_only_pdf(), ScannedDocumentError, "OCR"),
        "zip_named_docx": ("form.docx", _zip({"a.txt": b"hello", "b/c.csv": b"1,2"}), FormatMismatchError,
                           "ZIP压缩包而不是DOCX"),
        "pdf_named_docx": ("form.docx", pdf, FormatMismatchError, "PDF"),
        "xlsx_named_docx": ("form.docx", (SAMPLES / "forms" / "cas_plan_01.xlsx").read_bytes(),
                            FormatMismatchError, "Excel"),
        "docx_named_pdf": ("form.pdf", SAMPLE_DOCX.read_bytes(), FormatMismatchError, "Word"),
        # Read by OCR (this one is too small or broken to decode), or the message says to install OCR.
        "png": ("scan.png", PNG_1x1, IngestError, "OCR"),
        "png_named_pdf": ("scan.pdf", PNG_1x1, FormatMismatchError, "图片"),
        "binary": ("data.bin", bytes(range(256)) * 40, UnsupportedFormatError, "二进制"),
        # A broken .doc: LibreOffice cannot convert it (or, where it is not installed, the message says to install it).
        "legacy_doc": ("old.doc", _ole(["Root Entry", "WordDocument", "1Table"]), IngestError, ".doc"),
        "encrypted_docx": ("locked.docx", _ole(["Root Entry", "EncryptionInfo", "EncryptedPackage"]),
                           EncryptedFileError, "加密"),
        "broken_zip_docx": ("broken.docx", SAMPLE_DOCX.read_bytes()[:2000], CorruptFileError, "损坏"),
        "plain_zip": ("bundle.zip", _zip({"a.txt": b"x"}), UnsupportedFormatError, "ZIP"),
    }


CASES = _cases()


def _make(tmp_path: Path, case: str) -> Path:
    name, content, _, _ = CASES[case]
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_load_raises_typed_error(tmp_path, case):
    path = _make(tmp_path, case)
    _, _, error, word = CASES[case]
    with pytest.raises(error) as caught:
        load(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and word in message
    assert "\n" not in message


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_ingest_reports_one_line_and_exit_code_2(tmp_path, case):
    path = _make(tmp_path, case)
    _, _, _, word = CASES[case]
    run = subprocess.run(["shenbao", "ingest", str(path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr
    assert path.name in lines[0] and word in lines[0]
    assert run.stdout == ""


# --------------------------------------------------------------------------- what is accepted


def test_text_encodings_and_kinds(tmp_path):
    text = "关于申报2025年高级研修项目的通知\r\n联系电话：0591-87543855\r\n"
    cases = {
        "utf8.txt": text.encode("utf-8"),
        "bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf16.txt": text.encode("utf-16"),
        "utf16le_no_bom.txt": text.encode("utf-16-le"),
        "gbk.txt": text.encode("gbk"),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        fmt, raw = detect_format(path)
        assert fmt == "txt" and raw == data
        assert decode_text(raw) == text.replace("\r\n", "\n")
    html = tmp_path / "page.txt"
    html.write_text("<!DOCTYPE html><html><body><p>通知</p></body></html>", encoding="utf-8")
    assert detect_format(html)[0] == "html"
    fragment = tmp_path / "fragment.html"
    fragment.write_text("<p>一、选题范围</p><p>二、申报要求</p>", encoding="utf-8")
    assert detect_format(fragment)[0] == "html"
    md = tmp_path / "notice.md"
    md.write_text("# 通知\n\n正文", encoding="utf-8")
    assert detect_format(md)[0] == "md"
    plain_html_named = tmp_path / "notice.html"
    plain_html_named.write_text("没有标签的纯文本", encoding="utf-8")
    assert detect_format(plain_html_named)[0] == "txt"  # text kinds may be named for one another


def test_real_formats_detected_from_content_whatever_the_name(tmp_path):
    assert detect_format(SAMPLE_PDF)[0] == "pdf"
    assert detect_format(SAMPLE_DOCX)[0] == "docx"
    assert detect_format(SAMPLES / "forms" / "cas_plan_01.xlsx")[0] == "xlsx"
    no_extension = tmp_path / "upload"
    no_extension.write_bytes(SAMPLE_DOCX.read_bytes())
    assert detect_format(no_extension)[0] == "docx"
    old_name = tmp_path / "form.doc"  # a DOCX saved as .doc opens in Word: accepted
    old_name.write_bytes(SAMPLE_DOCX.read_bytes())
    assert detect_format(old_name)[0] == "docx"


def test_cli_ingest_json_gives_a_document(tmp_path):
    run = subprocess.run(["shenbao", "ingest", str(SAMPLE_DOCX), "--json"], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["source"]["format"] == "docx" and doc["tables"] and doc["checkboxes"]
    assert "words" not in doc

"""Which format a file really is, read from its content (magic bytes), not its name.

Bureaus receive files renamed by hand: a PDF saved as ``.docx``, a text file
called ``.pdf``, a ZIP of attachments called ``.docx``. Reading such a file with
the backend its name suggests gives a confusing error deep inside a library, so
the content decides, and a file whose content and name disagree is refused with
a message that says what it really is.

``detect_format(path) -> (format, data)`` returns the bytes it read so that the
backend need not read the file again; ``decode_text(data)`` is the one place
text encodings are guessed (UTF-8 with or without BOM, UTF-16 with BOM, else
GB18030, the superset of GBK/GB2312 that Chinese Windows tools write).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileMissingError,
    FormatMismatchError,
    IngestError,
    UnsupportedFormatError,
)

TEXT_FORMATS = ("txt", "md", "html")

# Extensions whose owner expects a given kind of content. Text kinds are
# interchangeable (a .txt holding HTML is read as HTML, no error).
_EXTENSION_KIND = {
    ".pdf": "pdf",
    ".docx": "docx", ".docm": "docx", ".dotx": "docx",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text", ".html": "text", ".htm": "text",
    ".xhtml": "text",
    ".doc": "doc", ".xls": "xls", ".wps": "doc", ".et": "xls",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".tif": "image", ".tiff": "image",
    ".bmp": "image", ".webp": "image",
    ".zip": "zip",
}
_MARKDOWN_EXTENSIONS = {".md", ".markdown"}
_OFD_REASON = "OFD 版式文件暂不支持，请另存为 PDF 后提交 / an OFD file; save it as PDF"

# What each kind of content is called in messages (Chinese / English).
_KIND_NAMES = {
    "pdf": ("PDF 文件", "a PDF file"),
    "docx": ("Word 文档（DOCX）", "a Word document (DOCX)"),
    "xlsx": ("Excel 表格（XLSX）", "an Excel workbook (XLSX)"),
    "text": ("文本文件", "a text file"),
    "zip": ("ZIP 压缩包", "a ZIP archive"),
    "image": ("图片文件", "an image"),
    "ole": ("旧版 Office 文件（.doc/.xls）", "a legacy Office file (.doc/.xls)"),
    "binary": ("无法识别的二进制文件", "an unrecognised binary file"),
}

_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_ARCHIVE_MAGIC = (
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_HINT = re.compile(
    r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>])"
    r"|<html[\s>]|<body[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(r"<(p|div|table|h[1-6]|span|br|ul|ol|li|tr|td)(\s[^>]*)?/?>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _utf16_name(name: str) -> bytes:
    return name.encode("utf-16-le")


def decode_text(data: bytes) -> str:
    """Bytes of a text file -> str, guessing the encoding; line endings become ``\\n``.

    Order: UTF-8 BOM, UTF-16 BOM, strict UTF-8, GB18030. Raises
    UnicodeDecodeError when none fits (the caller treats that as binary).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif b"\x00" in data[:4096] and (guess := _utf16_without_bom(data)) is not None:
        text = guess
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark (some Windows tools do), else None."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        readable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
        if text and readable / len(text) > 0.98 and "\x00" not in text:
            return text
    return None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and _utf16_without_bom(data) is None:
        return True
    try:
        text = decode_text(data[:65536] if len(data) <= 65536 else _cut_at_char(data[:65536]))
    except UnicodeDecodeError:
        return True
    if not text:
        return False
    return len(_CONTROL.findall(text)) / len(text) > 0.02


def _cut_at_char(data: bytes) -> bytes:
    # A prefix cut mid-character would fail to decode: back off to a line end.
    cut = data.rfind(b"\n")
    return data[:cut] if cut > 0 else data


def _text_kind(data: bytes, suffix: str) -> str:
    sample = decode_text(_cut_at_char(data[:16384]) if len(data) > 16384 else data)
    head = sample[:4096]
    if _HTML_HINT.search(head) or (head.lstrip().startswith("<") and len(_HTML_TAG.findall(head)) >= 2):
        return "html"
    if suffix in _MARKDOWN_EXTENSIONS:
        return "md"
    return "txt"


# A DOCX/XLSX is a ZIP: what it unpacks to is bounded before anything parses it, so a small
# file that inflates to gigabytes (a zip bomb) is refused instead of exhausting the memory.
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_ENTRIES = 20_000


def _check_unpacked_size(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    total = sum(e.file_size for e in entries)
    if len(entries) > MAX_ENTRIES:
        raise CorruptFileError(path, f"文件解压后过大：含 {len(entries)} 个部件，上限 {MAX_ENTRIES} / too many parts")
    if total > MAX_UNPACKED_BYTES:
        raise CorruptFileError(path, f"文件解压后过大：{total // (1024 * 1024)} MB，上限 "
                                     f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB / unpacks too large")


def _zip_kind(path: Path, data: bytes) -> str:
    """'docx', 'xlsx', 'pptx' or 'zip' for a ZIP container."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as err:
        raise CorruptFileError(path, "ZIP 结构损坏 / broken ZIP structure") from err
    _check_unpacked_size(path, entries)
    names = {e.filename for e in entries}
    if "word/document.xml" in names or any(n.startswith("word/document") and n.endswith(".xml") for n in names):
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def _ole_error(path: Path, data: bytes, suffix: str) -> Exception:
    # Encrypted OOXML (a password-protected .docx/.xlsx) is stored as an OLE2 file
    # with an EncryptedPackage stream; old binary .doc/.xls are OLE2 as well.
    if _utf16_name("EncryptedPackage") in data or _utf16_name("EncryptionInfo") in data:
        return EncryptedFileError(path, "受密码保护的 Office 文件 / password-protected Office file")
    return UnsupportedFormatError(path, "旧版 Office 复合文档格式 / legacy Office compound file")


def _ole_kind(data: bytes, suffix: str) -> str | None:
    """'doc' (Word 97-2003, WPS 文字) or 'xls' (Excel 97-2003, WPS 表格) for a readable OLE2 file, else None."""
    if _utf16_name("EncryptedPackage") in data or _utf16_name("EncryptionInfo") in data:
        return None
    if _utf16_name("WordDocument") in data or (suffix in (".doc", ".wps") and _utf16_name("Workbook") not in data):
        return "doc"
    if _utf16_name("Workbook") in data or _utf16_name("Book") in data or suffix in (".xls", ".et"):
        return "xls"
    return None


def _mismatch(path: Path, actual_kind: str, extra: str = "") -> FormatMismatchError:
    zh, en = _KIND_NAMES[actual_kind]
    detail = f"实际是{zh}{extra} / actually {en}"
    return FormatMismatchError(path, detail)


def _expected_kind(suffix: str) -> str | None:
    return _EXTENSION_KIND.get(suffix)


def _check_extension(path: Path, suffix: str, actual_kind: str) -> None:
    """Refuse a file whose name promises another kind of content."""
    expected = _expected_kind(suffix)
    if expected is None or expected == actual_kind:
        return
    # A real DOCX/XLSX saved under the old extension opens fine in Office: accept it.
    if (expected, actual_kind) in {("doc", "docx"), ("xls", "xlsx")}:
        return
    raise _mismatch(path, actual_kind)


def _read(path: Path) -> bytes:
    if not path.exists():
        raise FileMissingError(path)
    if path.is_dir():
        raise UnsupportedFormatError(path, "这是一个文件夹 / this is a directory")
    try:
        data = path.read_bytes()
    except PermissionError as err:
        raise IngestError(path, "没有读取权限 / permission denied") from err
    except OSError as err:
        raise IngestError(path, str(err.strerror or err)) from err
    if not data:
        raise EmptyFileError(path)
    return data


def detect_format(path: str | Path) -> tuple[str, bytes]:
    """(format, bytes) for ``path``; format is one of pdf docx xlsx txt md html, doc/xls (legacy
    Office and WPS binaries, read through a conversion) or image (read through OCR).

    Raises a typed IngestError naming the file for anything the product cannot
    read: missing, empty, image, archive, legacy/encrypted Office, binary junk,
    or content that disagrees with the extension.
    """
    path = Path(path)
    data = _read(path)
    suffix = path.suffix.lower()

    if b"%PDF-" in data[:1024]:  # the header may follow a few junk bytes
        _check_extension(path, suffix, "pdf")
        return "pdf", data

    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        kind = _zip_kind(path, data)
        if kind in ("docx", "xlsx"):
            _check_extension(path, suffix, kind)
            return kind, data
        if kind == "pptx":
            raise UnsupportedFormatError(path, "是PPTX演示文稿，不是DOCX/XLSX / a PowerPoint file")
        if kind == "ofd":
            raise UnsupportedFormatError(path, _OFD_REASON)
        if _expected_kind(suffix) in ("docx", "xlsx"):
            raise FormatMismatchError(path, "是ZIP压缩包而不是DOCX / a ZIP archive, not a DOCX")
        raise UnsupportedFormatError(path, "是ZIP压缩包，请解压后逐个提交 / a ZIP archive; unpack it first")

    if data.startswith(_OLE_MAGIC):
        kind = _ole_kind(data, suffix)
        if kind is None:
            raise _ole_error(path, data, suffix)
        if _expected_kind(suffix) not in (None, kind):
            raise _mismatch(path, "ole")
        return kind, data

    for magic, name in _IMAGE_MAGIC:
        if data.startswith(magic):
            if _expected_kind(suffix) not in (None, "image"):
                raise _mismatch(path, "image", f"（{name}），需要OCR")
            if name == "GIF":
                raise UnsupportedFormatError(path, "GIF 图片，请另存为 PNG 或 JPG / a GIF image; save it as PNG or JPG")
            return "image", data

    for magic, name in _ARCHIVE_MAGIC:
        if data.startswith(magic):
            raise UnsupportedFormatError(path, f"是{name}压缩包 / a {name} archive")

    if data.lstrip()[:5].lower() == b"{\\rtf":
        raise UnsupportedFormatError(path, "RTF 格式，请另存为 .docx / RTF, save as .docx")

    if _looks_binary(data):
        if _expected_kind(suffix) in ("pdf", "docx", "xlsx"):
            raise CorruptFileError(path, "内容不是有效的文档格式 / not a valid document")
        raise UnsupportedFormatError(path, "无法识别的二进制文件 / unrecognised binary content")

    if suffix == ".ofd":  # an OFD is a ZIP container; anything else with that name is broken
        raise UnsupportedFormatError(path, _OFD_REASON)
    _check_extension(path, suffix, "text")
    return _text_kind(data, suffix), data

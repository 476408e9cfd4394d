"""Legacy Office files: .doc/.wps -> DOCX and .xls/.et -> XLSX, then the normal readers.

Units still send what an old Word, Excel or WPS saved. LibreOffice, where ``soffice``
is installed, converts them headless: every call gets its own throw-away user
profile in a temp dir (so concurrent calls do not fight over one profile and no
user settings or macros apply), a timeout, and converts many files at once (a
cold start costs about 2 s, a batch of 14 about the same). Without LibreOffice an
.xls/.et is still read through ``xlrd``; a .doc/.wps is refused with one line
saying what to install.

Converted files are cached on disk by content hash, so a batch converted up front
(``convert_batch``) is found again by the worker processes that read the files.
WPS's .wps and .et are the .doc and .xls binary formats under other names: the
copy handed to LibreOffice is named after the content, not the extension.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from ..errors import CorruptFileError, UnsupportedFormatError
from ..models import Document, Format, Source

SOFFICE_TIMEOUT = float(os.environ.get("SHENBAO_SOFFICE_TIMEOUT", "120"))  # seconds, one call
TARGET = {"doc": "docx", "xls": "xlsx"}
_FILTERS = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML"}
_INSTALL_LIBREOFFICE = ("需要安装 LibreOffice 才能读取旧版 Word/WPS 文档（.doc/.wps）：sudo apt-get install "
                        "libreoffice-writer（Windows 请从 https://zh-cn.libreoffice.org 下载安装），或将文件另存为 .docx"
                        " / install LibreOffice (apt-get install libreoffice-writer) or save as .docx")
_INSTALL_XLS = ("需要安装 LibreOffice（sudo apt-get install libreoffice-calc）或 xlrd（pip install xlrd）才能读取旧版"
                "表格（.xls/.et），或将文件另存为 .xlsx / install LibreOffice or xlrd, or save as .xlsx")


def find_soffice() -> str | None:
    """The LibreOffice binary (SHENBAO_SOFFICE, then PATH, then the usual install places), or None."""
    env = os.environ.get("SHENBAO_SOFFICE")
    if env is not None:  # set to "" to pretend LibreOffice is absent
        return env if env and Path(env).exists() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice",
                      r"C:\Program Files\LibreOffice\program\soffice.exe"):
        if Path(candidate).exists():
            return candidate
    return None


def cache_dir() -> Path:
    path = Path(os.environ.get("SHENBAO_CACHE") or Path(tempfile.gettempdir()) / f"shenbao-legacy-{os.getuid()}")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _cached(digest: str, target: str) -> Path:
    return cache_dir() / f"{digest}.{target}"


def soffice_convert(files: list[Path], target: str, outdir: Path, timeout: float = SOFFICE_TIMEOUT) -> dict[Path, Path]:
    """Convert ``files`` to ``target`` (docx/xlsx/pdf) in ONE soffice call; {input: output} for those converted.

    The inputs should have distinct stems (the outputs are named after them)."""
    soffice = find_soffice()
    if soffice is None:
        raise FileNotFoundError("soffice")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="shenbao-lo-") as profile:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--invisible",
               "--norestore", "--nolockcheck", "--nodefault", "--nologo",
               "--convert-to", _FILTERS.get(target, target), "--outdir", str(outdir), *map(str, files)]
        env = dict(os.environ, HOME=profile)
        # On a timeout, whatever was converted before it is used; the rest is reported by the caller.
        with contextlib.suppress(subprocess.TimeoutExpired):
            subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=timeout, env=env, check=False, start_new_session=True)
    out = {}
    for f in files:
        produced = outdir / f"{f.stem}.{target}"
        if produced.exists() and produced.stat().st_size > 0:
            out[f] = produced
    return out


def convert_batch(items: Iterable[tuple[Path, str, bytes | None]], timeout: float = SOFFICE_TIMEOUT) -> dict[Path, Path]:
    """Convert many legacy files in one soffice call per target format, into the content-hash cache.

    ``items``: (path, kind, data) with kind "doc" or "xls" (data may be None: read from disk).
    Returns {path: converted file} for the files converted (or already in the cache)."""
    result: dict[Path, Path] = {}
    pending: dict[str, list[tuple[Path, str, bytes]]] = {}
    for path, kind, data in items:
        data = Path(path).read_bytes() if data is None else data
        digest = hashlib.sha256(data).hexdigest()
        target = TARGET[kind]
        if _cached(digest, target).exists():
            result[Path(path)] = _cached(digest, target)
        else:
            pending.setdefault(kind, []).append((Path(path), digest, data))
    if not pending or find_soffice() is None:
        return result
    for kind, group in pending.items():
        target = TARGET[kind]
        with tempfile.TemporaryDirectory(prefix="shenbao-conv-") as tmp:
            copies: dict[str, Path] = {}  # one copy per content: the same file twice is converted once
            for _, digest, data in group:
                copy = Path(tmp) / "in" / f"{digest}.{kind}"  # named after the content: .wps -> .doc, .et -> .xls
                if digest not in copies:
                    copy.parent.mkdir(exist_ok=True)
                    copy.write_bytes(data)
                    copies[digest] = copy
            converted = soffice_convert(list(copies.values()), target, Path(tmp) / "out", timeout)
            for digest, copy in copies.items():
                if copy in converted:  # copied then renamed: a worker reading the cache never sees half a file
                    partial = cache_dir() / f".{digest}.{os.getpid()}.{target}"
                    shutil.copyfile(converted[copy], partial)
                    os.replace(partial, _cached(digest, target))
            for path, digest, _ in group:
                if _cached(digest, target).exists():
                    result[path] = _cached(digest, target)
    return result


def xls_to_xlsx(path: Path, data: bytes) -> bytes:
    """An .xls read by xlrd and rewritten as XLSX bytes: values, merged cells, sheet visibility."""
    import xlrd
    from openpyxl import Workbook

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception as err:  # xlrd raises its own XLRDError and struct errors on broken files
        raise CorruptFileError(path, f"旧版表格（.xls）无法读取 / unreadable .xls: {type(err).__name__}") from err
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in book.sheets():
        ws = wb.create_sheet(title=sheet.name[:31] or "Sheet")
        if getattr(sheet, "visibility", 0):
            ws.sheet_state = "hidden"
        for r in range(sheet.nrows):
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                value = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    with contextlib.suppress(ValueError, OverflowError):
                        value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                elif cell.ctype == xlrd.XL_CELL_NUMBER and float(value).is_integer():
                    value = int(value)
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(value)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    continue
                ws.cell(row=r + 1, column=c + 1, value=value)
        for r0, r1, c0, c1 in sheet.merged_cells:
            if r1 - r0 > 1 or c1 - c0 > 1:
                ws.merge_cells(start_row=r0 + 1, end_row=r1, start_column=c0 + 1, end_column=c1)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _xlrd_available() -> bool:
    try:
        import xlrd  # noqa: F401
    except ImportError:
        return False
    return True


class _LegacyBackend:
    kind: ClassVar[str]
    format: ClassVar[Format]

    def converted(self, path: Path, data: bytes) -> tuple[Path | None, bytes | None]:
        """(file, bytes) of the converted document."""
        if find_soffice() is None:
            return None, None
        done = convert_batch([(path, self.kind, data)])
        if path not in done:
            raise CorruptFileError(path, f"LibreOffice 无法转换此旧版文件（{path.suffix}），文件可能已损坏，请另存为 "
                                         f".{TARGET[self.kind]} / LibreOffice could not convert it")
        return done[path], done[path].read_bytes()


class LegacyDocBackend(_LegacyBackend):
    """.doc / .wps (Word 97-2003 binary) -> DOCX through LibreOffice -> the DOCX reader."""

    kind = "doc"
    format = "doc"

    def load(self, path: Path, source: Source, data: bytes | None = None) -> Document:
        from .docx import DocxBackend

        path = Path(path)
        data = path.read_bytes() if data is None else data
        converted, converted_data = self.converted(path, data)
        if converted is None:
            raise UnsupportedFormatError(path, _INSTALL_LIBREOFFICE)
        doc = DocxBackend().load(path, source, converted_data)
        doc.warnings.append(f"{path.name}: 旧版文件已经 LibreOffice 转换为 .docx 后读取 / converted from {path.suffix}")
        return doc


class LegacyXlsBackend(_LegacyBackend):
    """.xls / .et (Excel 97-2003 binary) -> XLSX through LibreOffice, else xlrd -> the XLSX reader."""

    kind = "xls"
    format = "xls"

    def load(self, path: Path, source: Source, data: bytes | None = None) -> Document:
        from .xlsx import XlsxBackend

        path = Path(path)
        data = path.read_bytes() if data is None else data
        converted, converted_data = self.converted(path, data)
        how = "LibreOffice"
        if converted is None:
            if not _xlrd_available():
                raise UnsupportedFormatError(path, _INSTALL_XLS)
            converted_data, how = xls_to_xlsx(path, data), "xlrd"
        doc = XlsxBackend().load(path, source, converted_data)
        doc.warnings.append(f"{path.name}: 旧版表格已经 {how} 转换为 .xlsx 后读取 / converted from {path.suffix}")
        return doc

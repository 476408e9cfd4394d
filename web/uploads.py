"""Uploads are hostile until proven otherwise.

Each file is copied under the data dir with a generated name (never a path the user
gave), within a size limit per file and per batch. A .zip is unpacked only after
every entry has been checked: no ``../``, no absolute path, no link, a bounded
entry count and a bounded unpacked size, counted while inflating (a header may lie).
Each refusal is one Chinese line.
"""

from __future__ import annotations

import re
import secrets
import shutil
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import ShenbaoError
from .settings import MB, Settings

CHUNK = 256 * 1024
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


class UploadError(ShenbaoError):
    reason_zh = "上传被拒绝"
    reason_en = "upload refused"
    status = 400


class UploadTooLarge(UploadError):
    reason_zh = "上传文件过大"
    reason_en = "upload too large"
    status = 413


@dataclass
class Stored:
    """One uploaded file as kept: its generated path and the name the user knows it by."""

    path: Path
    name: str  # the user's name, for display only (never used as a path)
    size: int


def display_name(name: str | None) -> str:
    """The user's file name made safe to show: the last path part, no control characters."""
    text = (name or "").replace("\\", "/").split("/")[-1]
    text = "".join(ch for ch in text if ch.isprintable()).strip()
    return text[:200] or "未命名文件"


def display_path(name: str | None) -> str:
    """A relative name inside a folder or zip, made safe to show (parts kept, nothing resolved)."""
    parts = [display_name(p) for p in (name or "").replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return "/".join(parts)[:300] or "未命名文件"


def safe_suffix(name: str | None) -> str:
    suffix = PurePosixPath(display_name(name)).suffix.lower()
    return suffix if _SUFFIX.match(suffix) else ""


class Batch:
    """Files of one upload, copied into ``folder`` as 0001.docx, 0002.pdf, ..."""

    def __init__(self, folder: Path, settings: Settings) -> None:
        self.folder = folder
        self.settings = settings
        self.files: list[Stored] = []
        self.total = 0
        folder.mkdir(parents=True, exist_ok=True)

    def _target(self, name: str) -> Path:
        if len(self.files) >= self.settings.max_batch_files:
            raise UploadError(display_name(name), f"一次最多上传 {self.settings.max_batch_files} 个文件")
        return self.folder / f"{len(self.files) + 1:04d}{safe_suffix(name)}"

    def _count(self, name: str, size: int) -> None:
        if size > self.settings.max_file_bytes:
            raise UploadTooLarge(display_name(name), f"文件超过大小上限 {self.settings.max_file_bytes // MB} MB")
        if self.total + size > self.settings.max_batch_bytes:
            raise UploadTooLarge(display_name(name), f"本次上传合计超过上限 {self.settings.max_batch_bytes // MB} MB")

    def add_stream(self, name: str, stream, shown: str | None = None) -> Stored:
        """Copy a file-like object in chunks, refusing it as soon as it is too large."""
        target = self._target(name)
        size = 0
        try:
            with open(target, "wb") as out:
                while True:
                    chunk = stream.read(CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    self._count(name, size)
                    out.write(chunk)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        self.total += size
        stored = Stored(path=target, name=shown or display_name(name), size=size)
        self.files.append(stored)
        return stored

    def add_upload(self, name: str, stream) -> list[Stored]:
        """One uploaded file; a .zip is checked and unpacked into the batch."""
        first = stream.read(4)
        stream.seek(0)
        if first.startswith(b"PK\x03\x04") and safe_suffix(name) == ".zip":
            return self.add_zip(name, stream)
        return [self.add_stream(name, stream, shown=display_path(name))]

    def add_zip(self, name: str, stream) -> list[Stored]:
        archive_name = display_name(name)
        spool = self.settings.data_dir / "tmp" / f"upload-{secrets.token_hex(8)}.zip"  # one per upload
        try:
            with open(spool, "wb") as out:
                size = 0
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    self._count(name, size)
                    out.write(chunk)
            try:
                archive = zipfile.ZipFile(spool)
            except (zipfile.BadZipFile, EOFError, ValueError) as err:
                raise UploadError(archive_name, "ZIP 压缩包已损坏，无法打开") from err
            with archive:
                entries = check_zip(archive, archive_name, self.settings)
                added = []
                for info in entries:
                    with archive.open(info) as member:
                        added.append(self._add_member(info, member, archive_name))
                return added
        finally:
            spool.unlink(missing_ok=True)

    def _add_member(self, info: zipfile.ZipInfo, member, archive_name: str) -> Stored:
        target = self._target(info.filename)
        size = 0
        limit = min(self.settings.max_file_bytes, info.file_size)
        try:
            with open(target, "wb") as out:
                while chunk := member.read(CHUNK):
                    size += len(chunk)
                    if size > limit:  # the entry inflates beyond what its header said, or the file limit
                        raise UploadError(archive_name, f"压缩包内文件 {display_path(info.filename)} 解压后超出声明大小或上限")
                    out.write(chunk)
        except (zipfile.BadZipFile, EOFError, OSError, RuntimeError) as err:
            target.unlink(missing_ok=True)
            raise UploadError(archive_name, f"压缩包内文件 {display_path(info.filename)} 无法解压") from err
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        self.total += size
        stored = Stored(path=target, name=f"{archive_name}/{display_path(info.filename)}", size=size)
        self.files.append(stored)
        return stored

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def check_zip(archive: zipfile.ZipFile, archive_name: str, settings: Settings) -> list[zipfile.ZipInfo]:
    """The file entries of a zip once every entry passes; else an UploadError with the reason."""
    infos = archive.infolist()
    if len(infos) > settings.max_zip_entries:
        raise UploadError(archive_name, f"压缩包含 {len(infos)} 个条目，超过上限 {settings.max_zip_entries}")
    total = 0
    files = []
    for info in infos:
        raw = info.filename
        name = raw.replace("\\", "/")
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
            raise UploadError(archive_name, f"压缩包内含绝对路径 {display_path(raw)}，已拒绝")
        if ".." in name.split("/"):
            raise UploadError(archive_name, f"压缩包内路径 {raw[:100]} 含“../”，试图跳出解压目录，已拒绝")
        if _is_link(info):
            raise UploadError(archive_name, f"压缩包内含符号链接 {display_path(raw)}，已拒绝")
        if info.flag_bits & 0x1:
            raise UploadError(archive_name, f"压缩包内文件 {display_path(raw)} 已加密，请提供未加密的压缩包")
        total += info.file_size
        if total > settings.max_zip_unpacked_bytes:
            raise UploadError(archive_name, f"压缩包解压后超过 {settings.max_zip_unpacked_bytes // MB} MB 上限"
                                            "（疑似压缩炸弹），已拒绝")
        if info.file_size > settings.max_file_bytes:
            raise UploadTooLarge(archive_name, f"压缩包内文件 {display_path(raw)} 超过大小上限 "
                                            f"{settings.max_file_bytes // MB} MB")
        if info.is_dir():
            continue
        files.append(info)
    if not files:
        raise UploadError(archive_name, "压缩包中没有文件")
    return files

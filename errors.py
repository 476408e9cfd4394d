"""Typed errors. Each carries a one-line message naming the file and the reason,
in Chinese for bureau staff with an English gloss; the CLI prints it and exits 2."""

from __future__ import annotations

from pathlib import Path


class ShenbaoError(Exception):
    """Base class: ``str(err)`` is the one line a user sees."""

    reason_zh = "无法处理"
    reason_en = "cannot be processed"

    def __init__(self, file: str | Path | None = None, detail: str = "") -> None:
        self.file = str(file) if file is not None else None
        self.detail = detail
        super().__init__(self.message())

    def message(self) -> str:
        where = f"{self.file}: " if self.file else ""
        extra = f" ({self.detail})" if self.detail else ""
        return f"{where}{self.reason_zh} / {self.reason_en}{extra}"


class IngestError(ShenbaoError):
    reason_zh = "文件无法读取"
    reason_en = "file cannot be read"


class FileMissingError(IngestError):
    reason_zh = "文件不存在"
    reason_en = "file not found"


class EmptyFileError(IngestError):
    reason_zh = "文件为空（0 字节）"
    reason_en = "file is empty (0 bytes)"


class CorruptFileError(IngestError):
    reason_zh = "文件已损坏或不完整"
    reason_en = "file is corrupt or truncated"


class EncryptedFileError(IngestError):
    reason_zh = "文件已加密，请提供未加密的版本"
    reason_en = "file is encrypted"


class ScannedDocumentError(IngestError):
    reason_zh = "扫描件无文本层，需要先进行 OCR 识别"
    reason_en = "scanned document without a text layer; it needs OCR"


class FormatMismatchError(IngestError):
    reason_zh = "文件内容与扩展名不符"
    reason_en = "content does not match the file extension"


class UnsupportedFormatError(IngestError):
    reason_zh = "不支持的文件类型"
    reason_en = "unsupported file type"


class NoTextError(IngestError):
    reason_zh = "文件中没有可读文本"
    reason_en = "no readable text in the file"


class TooLargeError(IngestError):
    reason_zh = "文件超出可处理的规模"
    reason_en = "the file is larger than shenbao reads in one go"


class ExtractionError(ShenbaoError):
    reason_zh = "无法从文件中提取内容"
    reason_en = "extraction failed"


class UnknownFormError(ExtractionError):
    reason_zh = "不是可识别的申报表/申请表/培训计划列表"
    reason_en = "not a known form type"


class RulesError(ShenbaoError):
    reason_zh = "规则集无效"
    reason_en = "invalid rule set"


class MissingOptionError(ShenbaoError):
    reason_zh = "缺少必需的选项"
    reason_en = "a required option is missing"


class ClusterError(ShenbaoError):
    reason_zh = "无法使用 Dask 集群（调度器无法连接或连接中断）"
    reason_en = "the Dask cluster cannot be used"

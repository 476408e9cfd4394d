"""ingest: file -> Document. One backend per format behind one interface.

``load(path)`` detects the format from the content (not the extension), refuses
files whose content and name disagree, and hands the file to its backend.
"""

from __future__ import annotations

from pathlib import Path

from ..models import Document
from .detect import detect_format

__all__ = ["load", "detect_format"]


def _backend(fmt: str):
    # Imported lazily so that reading a TXT file does not pay for pdfplumber.
    if fmt == "pdf":
        from .pdf import PdfBackend as B
    elif fmt == "docx":
        from .docx import DocxBackend as B
    elif fmt == "xlsx":
        from .xlsx import XlsxBackend as B
    elif fmt == "doc":
        from .legacy import LegacyDocBackend as B
    elif fmt == "xls":
        from .legacy import LegacyXlsBackend as B
    elif fmt == "image":
        from .ocr import ImageBackend as B
    elif fmt == "html":
        from .html import HtmlBackend as B
    else:
        from .text import TextBackend as B
    return B()


def load(path: str | Path) -> Document:
    path = Path(path)
    fmt, data = detect_format(path)
    from .base import make_source

    return _backend(fmt).load(path, make_source(path, fmt, data), data)

"""Several filled forms in one PDF (a bureau scans a stack into one file): where each begins.

A form begins on a page whose top repeats the title the file's first page opens with
(国家级高级研修项目申报表 again on page 5 starts a second form). The file is then read
as one Document per form over its page range: the text outside the range is blanked
(offsets, and so every piece of evidence, stay those of the whole file) and its tables
are left empty, so the extractors run unchanged on each form.
"""

from __future__ import annotations

from ...models import Document, Table
from ...normalizers.text import compact

# A title is a line of some length that names a form; shorter first lines (表1, 附件) are no title.
MIN_TITLE_CHARS = 6
TITLE_WORDS = ("申报表", "申请表", "推荐表", "登记表", "汇总表", "计划表", "申报书")
TOP_BLOCKS = 3  # the title is among the first blocks of its page


def _top_texts(doc: Document, page: int) -> list[str]:
    out = []
    for block in doc.blocks:
        if block.page == page and block.kind != "table":
            out.append(compact(block.text))
            if len(out) >= TOP_BLOCKS:
                break
    return out


def _title(doc: Document) -> str | None:
    for text in _top_texts(doc, 1):
        if len(text) >= MIN_TITLE_CHARS and any(word in text for word in TITLE_WORDS):
            return text
    return None


def form_starts(doc: Document) -> list[int]:
    """First pages of the forms a PDF holds ([1] for a file of one form)."""
    if not doc.pages or doc.pages < 2 or doc.source.format != "pdf":
        return [1]
    title = _title(doc)
    if title is None:
        return [1]
    starts = [1] + [p for p in range(2, doc.pages + 1) if title in _top_texts(doc, p)]
    return starts


def page_ranges(doc: Document) -> list[tuple[int, int]]:
    starts = form_starts(doc)
    ends = [s - 1 for s in starts[1:]] + [doc.pages or starts[-1]]
    return list(zip(starts, ends, strict=True))


def _empty_like(table: Table) -> Table:
    return Table(index=table.index, page=table.page, n_rows=0, n_cols=0, cells=[], start=table.start,
                 end=table.start, parent=table.parent)


def pages_of(doc: Document, first: int, last: int) -> Document:
    """The Document of pages first..last: same offsets, the rest blanked out."""
    keep = [b for b in doc.blocks if b.page is not None and first <= b.page <= last]
    chars = [c if c == "\n" else " " for c in doc.text]
    for block in keep:
        chars[block.start:block.end] = doc.text[block.start:block.end]
    in_range = {b.table for b in keep if b.table is not None}
    tables = [t if t.index in in_range or (t.page is not None and first <= t.page <= last) else _empty_like(t)
              for t in doc.tables]
    for table in tables:
        for cell in table.cells:
            chars[cell.start:cell.end] = doc.text[cell.start:cell.end]
    return doc.model_copy(update={
        "text": "".join(chars),
        "blocks": keep,
        "tables": tables,
        "checkboxes": [c for c in doc.checkboxes
                       if first <= ((c.page if c.page is not None else doc.page_at(c.start)) or 0) <= last],
        "words": [w for w in doc.words if first <= w.page <= last],
        "unread_pages": [p for p in doc.unread_pages if first <= p <= last],
        "ocr_pages": [p for p in doc.ocr_pages if first <= p <= last],
        "ocr": [t for t in doc.ocr if first <= t.page <= last],
    })

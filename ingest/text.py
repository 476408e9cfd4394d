"""TXT and Markdown -> Document, repairing the artifacts of text extraction.

Notices arrive as text copied or extracted from a PDF/DOCX: sentences broken
every ~25 characters, narrow table cells written one character per line,
tables flattened with tabs. This backend puts sentences back together while
keeping real paragraph and heading breaks (a line that starts with 一、 （一）
1． ① 附件 or a Markdown ``#`` is always a new block), and reads Markdown and
tab-separated tables into Tables.

The line-classification helpers at the top are shared with the PDF and HTML
backends so that every format splits blocks and names headings alike.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from ..errors import CorruptFileError, NoTextError
from ..models import Document, Format, Source
from ..normalizers.text import normalize_line
from .base import CellSpec, DocumentBuilder
from .checkbox import MARKUP_CHECKED, MARKUP_UNCHECKED, render_normalized

# --------------------------------------------------------------------------- shared line helpers

_CN_NUM = "一二三四五六七八九十百零〇"
_CHAPTER = re.compile(rf"^第[{_CN_NUM}\d]+[章节条部分]")
_LEVEL1 = re.compile(rf"^[{_CN_NUM}]+[、．.]")
_LEVEL2 = re.compile(rf"^[（(][{_CN_NUM}]+[）)]")
_NUMBERED = re.compile(r"^\d{1,2}(?:[、．]|\.(?!\d))")
_PAREN_NUM = re.compile(r"^[（(]\d{1,2}[）)]")
_CIRCLED = re.compile(r"^[\u2460-\u2473\u2776-\u277f]")
_ATTACHMENT = re.compile(r"^附\s*[件表]\s*\d*\s*[：:]?")
_BULLET = re.compile(r"^[•·●◆◇▪\-–—*]\s*")
_BOX_START = re.compile(r"^[☐☑□■☒\ue0c0\ue0c1]")
_INNER_STOP = re.compile(r"[，；。！？,;]")
# A line ending with one of these ends its sentence (or introduces what follows).
SENTENCE_END = "。！？；：!?;:"
_CLOSERS = "”’」』）)》】"


def block_marker_level(text: str) -> int | None:
    """Outline level of a numbering marker at the start of ``text`` (1 = 一、), None if none."""
    if _CHAPTER.match(text) or _LEVEL1.match(text):
        return 1
    if _LEVEL2.match(text):
        return 2
    if _NUMBERED.match(text):
        return 3
    if _PAREN_NUM.match(text) or _CIRCLED.match(text):
        return 4
    return None


def starts_new_block(text: str) -> bool:
    """True when a line opens a block of its own: a numbering marker, 附件, a bullet or a tick box."""
    text = text.lstrip()
    return bool(block_marker_level(text) is not None or _ATTACHMENT.match(text) or _BULLET.match(text)
                or _BOX_START.match(text))


def ends_sentence(text: str) -> bool:
    """True when the line ends a sentence (。；：！？, possibly followed by a closing quote or bracket)."""
    text = text.rstrip().rstrip(_CLOSERS)
    return bool(text) and text[-1] in SENTENCE_END


def classify_block(text: str) -> tuple[str, int | None]:
    """(kind, level) of one paragraph: a short numbered title is a heading, a numbered sentence a list item."""
    level = block_marker_level(text)
    if level is None:
        return ("list_item", None) if _BULLET.match(text) else ("paragraph", None)
    short = len(text) <= (40 if level <= 2 else 16) and not _INNER_STOP.search(text[:-1]) and text[-1:] not in "，；,;"
    if short and not (level >= 3 and text.endswith("。")):
        return "heading", level
    return "list_item", None


def join_lines(head: str, tail: str) -> str:
    """Join two pieces of one wrapped sentence: no space in CJK text, one between Latin words."""
    if head and tail and head[-1].isascii() and head[-1].isalpha() and tail[0].isascii() and tail[0].isalpha():
        return f"{head} {tail}"
    return head + tail


_INPUT_TAG = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_CHECKED_ATTR = re.compile(r"\bchecked\b", re.IGNORECASE)


def input_tags_to_markup(text: str) -> tuple[str, list[str]]:
    """``<input type="checkbox" [checked]>`` -> the checkbox module's markup sentinels."""
    origins: list[str] = []

    def swap(match: re.Match) -> str:
        tag = match.group(0)
        if "checkbox" not in tag.lower():
            return ""
        origins.append("input")
        return MARKUP_CHECKED if _CHECKED_ATTR.search(tag.replace('type="checkbox"', "")) else MARKUP_UNCHECKED

    return _INPUT_TAG.sub(swap, text), origins


def render_boxes(text: str, markup: list[str] | None = None) -> tuple[str, list[str]]:
    """Tick boxes (glyphs, [x], <input> tags) -> ☑/☐ with their original spellings, then every
    line cleaned. Give it the text before the clean-up: the spaces it removes are what tell a
    tick before the next option from a mark after the previous one."""
    if "<input" in text.lower():
        text, origins = input_tags_to_markup(text)
        markup = (markup or []) + origins
    return render_normalized(text, markup)


# --------------------------------------------------------------------------- parsing model


@dataclass
class _Para:
    kind: str
    text: str  # normalised, boxes not rendered yet: what the block decisions look at
    level: int | None = None
    raw: str = ""  # the same text before the clean-up, which the boxes are rendered from


@dataclass
class _TableSpec:
    cells: list[CellSpec] = field(default_factory=list)


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+(?!\[[ xX√]\]\s*$)")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_EMPHASIS = re.compile(r"(\*\*)(.+?)\1")
_INLINE_TAG = re.compile(r"</?(p|span|div|br|b|strong|em|i|u|font|sup|sub)\b[^>]*>", re.IGNORECASE)
_ONLY_TAB_CELL = re.compile(r"^\t[^\t]*$")


def _unmark(line: str) -> str:
    """One raw line with inline markup removed (tick-box inputs kept), spaces left as they are."""
    line = _INLINE_TAG.sub(" ", line)
    return _MD_EMPHASIS.sub(r"\2", line)


def _clean(line: str) -> str:
    """One raw line -> normalised text, with inline markup removed (tick-box inputs kept)."""
    return normalize_line(_unmark(line))


def _is_tsv_row(line: str) -> bool:
    # A row of a tab-flattened table: a tab after some content (``a\tb``), not just an indent.
    return "\t" in line.strip("\n").lstrip("\t") or line.count("\t") >= 2


def _is_md_table_row(line: str) -> bool:
    s = line.strip()
    return len(s) >= 3 and s.startswith("|") and s.endswith("|")


# --------------------------------------------------------------------------- tables


def _tsv_table(rows: list[str]) -> _TableSpec:
    """Rows of a tab-separated table, one line per row; empty fields stay empty cells."""
    split = [row.rstrip("\n").split("\t") for row in rows]
    while split and all(r and not r[-1].strip() for r in split):  # trailing tabs on every row
        split = [r[:-1] for r in split]
    spec = _TableSpec()
    for r, fields in enumerate(split):
        for c, value in enumerate(fields):
            spec.cells.append(_cell(value, r, c))
    return spec


def _md_table(rows: list[str]) -> _TableSpec:
    spec = _TableSpec()
    r = 0
    for row in rows:
        if _MD_TABLE_SEP.match(row):
            continue
        fields = row.strip().strip("|").split("|")
        for c, value in enumerate(fields):
            spec.cells.append(_cell(value.replace("<br>", "\n").replace("<br/>", "\n"), r, c))
        r += 1
    return spec


def _cell(value: str, row: int, col: int) -> CellSpec:
    """A cell from its raw text, one paragraph per line."""
    raw = "\n".join(line for line in (_unmark(part).strip() for part in value.split("\n")) if line)
    text, glyphs = render_boxes(raw)
    paragraphs = [p for p in text.split("\n") if p]
    return CellSpec(text="\n".join(paragraphs), row=row, col=col, paragraphs=paragraphs, glyphs=glyphs)


def _column_table(lines: list[str]) -> _TableSpec:
    """A table flattened one cell per line: ``\\tcell`` starts a cell, a plain line continues it,
    and a blank line before a ``\\t`` line starts a new row."""
    rows: list[list[list[str]]] = []
    blank_before = True
    for line in lines:
        if not line.strip() and "\t" not in line:
            blank_before = True
            continue
        if line.startswith("\t"):
            if blank_before or not rows:
                rows.append([])
            rows[-1].append([line[1:]])
        elif rows and rows[-1]:
            rows[-1][-1].append(line)
        blank_before = False
    spec = _TableSpec()
    for r, cells in enumerate(rows):
        for c, parts in enumerate(cells):
            paragraphs: list[str] = []
            raws: list[str] = []  # the same paragraphs before the clean-up, for the boxes
            for raw in parts:
                part = _clean(raw)
                if not part:
                    continue
                raw = _unmark(raw).strip()
                if paragraphs and not starts_new_block(part) and not ends_sentence(paragraphs[-1]) \
                        and not part.startswith(("（", "(")):
                    paragraphs[-1] = join_lines(paragraphs[-1], part)
                    raws[-1] = join_lines(raws[-1], raw)
                else:
                    paragraphs.append(part)
                    raws.append(raw)
            spec.cells.append(_cell("\n".join(raws), r, c))
    return spec


def _column_table_end(lines: list[str], start: int) -> int:
    """Index just past a one-cell-per-line table beginning at ``start``."""
    i = start
    blanks = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() and "\t" not in line:
            blanks += 1
        elif line.startswith("\t"):
            blanks = 0
        else:
            text = _clean(line)
            if blanks >= 2 or _MD_HEADING.match(line) or block_marker_level(text) == 1 or _ATTACHMENT.match(text):
                break
            blanks = 0
        i += 1
    while i > start and not lines[i - 1].strip() and "\t" not in lines[i - 1]:
        i -= 1
    return i


# --------------------------------------------------------------------------- paragraph repair


@dataclass
class _Line:
    text: str  # normalised
    raw: str
    blank_before: int  # blank lines before it
    hard_end: bool = False  # the extraction marked the line as the end of a paragraph


def _trailing_space_convention(lines: list[str]) -> bool:
    """True for extractions that end every real paragraph with a space and wrapped lines without one."""
    nonblank = [ln for ln in lines if ln.strip()]
    spaced = [ln for ln in nonblank if ln.endswith((" ", "\u3000"))]
    closing = [ln for ln in nonblank if ends_sentence(ln)]
    if len(nonblank) < 10 or len(spaced) < 0.1 * len(nonblank) or len(closing) < 3:
        return False
    return sum(ln.endswith((" ", "\u3000")) for ln in closing) >= 0.8 * len(closing)


def _wrap_width(lines: list[_Line]) -> int:
    """The width a hard-wrapped text was wrapped at (less a small margin), 0 if it is not wrapped."""
    lengths = [len(ln.text) for ln in lines if len(ln.text) >= 12]
    if len(lengths) >= 8:
        mode = statistics.mode(lengths)
        near = sum(mode - 3 <= n <= mode + 1 for n in lengths)
        if near >= 0.3 * len(lengths) and mode < 60:
            return max(12, mode - 3)
    return 0


def _continues(prev: _Line, nxt: _Line, width: int, spaced_convention: bool) -> bool:
    """Whether ``nxt`` continues the sentence that ``prev`` leaves unfinished."""
    if starts_new_block(nxt.text) or _MD_HEADING.match(nxt.raw.strip()) or _MD_HEADING.match(prev.raw.strip()):
        return False  # a Markdown heading is a line of its own
    if prev.raw.rstrip().endswith("  ") and not spaced_convention:  # Markdown hard break
        return False
    if spaced_convention:
        return not prev.hard_end
    if ends_sentence(prev.text):
        return False
    if prev.text[-1] in "，、,":
        return True
    if classify_block(prev.text)[0] == "heading":
        return False
    if width:  # hard-wrapped text: a full line goes on
        return len(prev.text) >= width
    if prev.text[-1] in "）)":  # a closing remark in brackets ends its line
        return False
    # Text with one paragraph per line: only prose cut in the middle (a page break in the
    # extraction) goes on; a title has no inner punctuation and is not that long.
    return len(prev.text) > 60 or bool(_INNER_STOP.search(prev.text))


def _paragraphs(raw_lines: list[str], spaced_convention: bool) -> list[_Para]:
    lines: list[_Line] = []
    blanks = 0
    for raw in raw_lines:
        text = _clean(raw)
        if not text:
            blanks += 1
            continue
        hard = raw.endswith((" ", "\u3000"))
        lines.append(_Line(text=text, raw=raw, blank_before=blanks, hard_end=hard))
        blanks = 0
    width = _wrap_width(lines)
    out: list[_Para] = []
    current: list[_Line] = []
    for line in lines:
        if current and _continues(current[-1], line, width, spaced_convention):
            current.append(line)
            continue
        if current:
            out.append(_make_para(current))
        current = [line]
    if current:
        out.append(_make_para(current))
    return out


def _make_para(lines: list[_Line]) -> _Para:
    first = lines[0].raw.strip()
    heading = _MD_HEADING.match(first)
    text = raw = ""
    for line in lines:
        piece, raw_piece = line.text, _unmark(line.raw).strip()
        if line is lines[0] and heading:
            raw_piece = _MD_EMPHASIS.sub(r"\2", heading.group(2)).strip()
            piece = normalize_line(raw_piece)
        text = join_lines(text, piece) if text else piece
        raw = join_lines(raw, raw_piece) if raw else raw_piece
    if heading:  # a numbering marker says more about the level than the number of #s
        return _Para("heading", text, block_marker_level(text) or len(heading.group(1)), raw)
    bullet = _MD_BULLET.match(lines[0].raw)
    if bullet:
        if text[:1] in "-*+":
            text, raw = text[1:].lstrip(), raw.lstrip()[1:].lstrip()
        return _Para("list_item", text, raw=raw)
    kind, level = classify_block(text)
    return _Para(kind, text, level, raw)


# --------------------------------------------------------------------------- segmentation


# Dashed or 第N页 page numbers only: bare digits may be the row numbers of a flattened table.
_PAGE_FOOTER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)\s*$")


def parse_text(text: str) -> list[_Para | _TableSpec]:
    """Text -> paragraphs and tables in reading order, with line-break artifacts repaired."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    spaced = _trailing_space_convention(lines)
    items: list[_Para | _TableSpec] = []
    prose: list[str] = []

    def flush() -> None:
        if prose:
            items.extend(_paragraphs(prose, spaced))
            prose.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if _PAGE_FOOTER.match(line):
            i += 1  # "- 3 -" left by a PDF extraction: page furniture, not text
            continue
        if _is_md_table_row(line):
            j = i
            while j < len(lines) and _is_md_table_row(lines[j]):
                j += 1
            if j - i >= 2:
                flush()
                items.append(_md_table(lines[i:j]))
                i = j
                continue
        if _ONLY_TAB_CELL.match(line) and line.strip():
            end = _column_table_end(lines, i)
            block = lines[i:end]
            if sum(1 for ln in block if ln.startswith("\t") and ln.strip()) >= 3:
                flush()
                items.append(_column_table(block))
                i = end
                continue
        if _is_tsv_row(line) and line.strip():
            j = i
            rows = []
            while j < len(lines):
                if _is_tsv_row(lines[j]) and lines[j].strip():
                    rows.append(lines[j])
                    j += 1
                elif not lines[j].strip() and j + 1 < len(lines) and _is_tsv_row(lines[j + 1]) \
                        and lines[j + 1].strip() and not _ONLY_TAB_CELL.match(lines[j + 1]):
                    j += 1  # one blank line inside a table
                else:
                    break
            if len(rows) >= 2 or len([f for f in rows[0].split("\t") if f.strip()]) >= 3:
                flush()
                items.append(_tsv_table(rows))
                i = j
                continue
            prose.append(line.replace("\t", " "))
            i += 1
            continue
        prose.append(line)
        i += 1
    flush()
    return items


# --------------------------------------------------------------------------- backend


class TextBackend:
    """Plain text and Markdown (the Source says which)."""

    format: ClassVar[Format] = "txt"

    def load(self, path: Path, source: Source, data: bytes | None = None) -> Document:
        return build_document(read_text_file(path, data), source)


def read_text_file(path: Path, data: bytes | None = None) -> str:
    """A text file's content (``data`` when the bytes were already read), decoded."""
    from .detect import decode_text

    path = Path(path)
    try:
        return decode_text(path.read_bytes() if data is None else data)
    except UnicodeDecodeError as err:
        raise CorruptFileError(path, "无法识别的文本编码 / unknown text encoding") from err


def build_document(text: str, source: Source) -> Document:
    """Text (already decoded) -> Document. Raises NoTextError when nothing readable is left."""
    builder = DocumentBuilder(source)
    for item in parse_text(text):
        if isinstance(item, _TableSpec):
            if item.cells:
                builder.add_table(item.cells)
            continue
        rendered, glyphs = render_boxes(item.raw or item.text)
        builder.add_block(item.kind, rendered, level=item.level, glyphs=glyphs)
    if not builder.blocks:
        raise NoTextError(source.file)
    return builder.build()

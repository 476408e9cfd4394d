"""Document -> units of text (paragraphs and table cells) placed in the heading
hierarchy of the notice.

Chinese official documents number their outline 一、 （一） 1． （1） ①; a short
numbered line is a heading, a numbered sentence is a list item that still closes
deeper sections. Annexes (附件1, 附表) restart the outline; an annex that is a
form (its title ends with 表) holds no rules, only blanks to fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...ingest.text import block_marker_level, classify_block
from ...models import Document

# 一、 （一） 1． 1、 1. (1) ① and the Markdown/DOCX heading text that follows them.
MARKER = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[章节条部分]\s*"
    r"|[一二三四五六七八九十百零〇]+[、．.]\s*"
    r"|[（(][一二三四五六七八九十百零〇]+[）)]\s*"
    r"|\d{1,2}(?:[、．]|\.(?!\d))\s*"
    r"|[（(]\d{1,2}[）)]\s*"
    r"|[\u2460-\u2473\u2776-\u277f]\s*)"
)
ANNEX_LINE = re.compile(r"^附\s*(?P<kind>[件表])\s*(?P<n>[\d一二三四五六七八九十]*)\s*[：:]?\s*$")
# A page number left in the text of a PDF or a PDF converted to text: "- 3 -", "3 -", "第3页".
# A bare number is not one (a flattened table numbers its rows 1, 2, 3 …).
FORM_TITLE = re.compile(r"(?:表|清单|名单|模板|样表|格式)(?:（[^）]*）)?$")


def strip_marker(text: str) -> str:
    return MARKER.sub("", text, count=1).strip()


@dataclass
class Heading:
    level: int
    text: str  # the whole heading line
    title: str  # without its numbering marker
    start: int
    end: int
    listy: bool = False  # one of a run of bare numbered lines: a list, not a section
    program: str | None = None  # set by the programme finder
    index: int = 0


@dataclass
class Unit:
    """A paragraph, list item or table cell with where it sits in the outline."""

    text: str
    start: int
    end: int
    kind: str  # heading | paragraph | cell
    headings: list[Heading] = field(default_factory=list)  # enclosing headings, outermost first
    annex: str | None = None  # the annex label (附件1, 附表) or None for the body
    annex_title: str | None = None
    form_annex: bool = False  # inside a form template: no rules here
    table: int | None = None
    row: int | None = None
    col: int | None = None
    marker_level: int | None = None
    heading: Heading | None = None  # for kind == heading

    @property
    def in_annex_table(self) -> bool:
        return self.annex is not None and self.annex.startswith("附表")


def _marker_level(text: str) -> int | None:
    return block_marker_level(text) if MARKER.match(text) else None


def _is_heading(kind: str, text: str, level: int | None) -> bool:
    if level is None:
        return False
    return kind == "heading" or classify_block(text)[0] == "heading"


def build_units(doc: Document) -> list[Unit]:
    """Every paragraph and table cell of the document, in reading order, with its headings."""
    blocks = doc.blocks
    units: list[Unit] = []
    stack: list[Heading] = []
    annex: str | None = None
    annex_title: str | None = None
    form_annex = False
    expect_title = False
    levels = _effective_levels(doc)
    n_heading = 0
    for bi, block in enumerate(blocks):
        if block.kind == "table" and block.table is not None:
            table = doc.tables[block.table]
            for cell in table.cells:
                if cell.text.strip():
                    units.append(Unit(text=cell.text, start=cell.start, end=cell.end, kind="cell",
                                      headings=list(stack), annex=annex, annex_title=annex_title,
                                      form_annex=form_annex, table=table.index, row=cell.row, col=cell.col))
            expect_title = False
            continue
        text = block.text
        m = ANNEX_LINE.match(text)
        if m:
            annex = f"附{m.group('kind')}{m.group('n')}"
            annex_title, form_annex, expect_title = None, False, True
            stack = []
            continue
        if expect_title:
            # The first line after 附件N is the annex's title.
            annex_title = strip_marker(text)
            form_annex = bool(FORM_TITLE.search(annex_title)) and annex.startswith("附件")
            expect_title = False
            units.append(Unit(text=text, start=block.start, end=block.end, kind="title", headings=[],
                              annex=annex, annex_title=annex_title, form_annex=form_annex))
            continue
        level = levels.get(bi)
        if _is_heading(block.kind, text, level):
            heading = Heading(level=level, text=text, title=strip_marker(text), start=block.start,
                              end=block.end, index=n_heading)
            n_heading += 1
            heading.listy = _listy(blocks, bi, levels)
            stack = [h for h in stack if h.level < level] + [heading]
            units.append(Unit(text=text, start=block.start, end=block.end, kind="heading", headings=list(stack),
                              annex=annex, annex_title=annex_title, form_annex=form_annex,
                              marker_level=level, heading=heading))
            continue
        if level is not None:  # a numbered sentence closes the deeper sections
            stack = [h for h in stack if h.level < level]
        units.append(Unit(text=text, start=block.start, end=block.end, kind="paragraph", headings=list(stack),
                          annex=annex, annex_title=annex_title, form_annex=form_annex, marker_level=level))
    return units


def _effective_levels(doc: Document) -> dict[int, int]:
    """Outline level of each numbered block.

    A document whose first section is numbered 1、 and whose next top section is 二、
    (a typing slip for 一、) gets that first heading at level 1.
    """
    levels: dict[int, int] = {}
    for i, block in enumerate(doc.blocks):
        if block.kind == "table":
            continue
        level = _marker_level(block.text)
        if level is not None:
            levels[i] = level
    indices = sorted(levels)
    next_top = _next_top_level(indices, levels)
    annex_lines = [j for j, b in enumerate(doc.blocks) if b.kind != "table" and ANNEX_LINE.match(b.text)]
    last_annex, a = -1, 0  # the last annex line before block i (an annex restarts the outline)
    last_outline = -1  # the last numbered block of level <= 3 so far
    for pos, i in enumerate(indices):
        while a < len(annex_lines) and annex_lines[a] < i:
            last_annex, a = annex_lines[a], a + 1
        text = doc.blocks[i].text
        if ANNEX_LINE.match(text):
            continue
        if levels[i] == 3 and re.match(r"^1[、．.]", text) and _is_heading(doc.blocks[i].kind, text, 3):
            later_top = next_top[pos]
            if last_outline <= last_annex and later_top is not None and doc.blocks[later_top].text.startswith("二"):
                levels[i] = 1
        # only the first section of a region can be such a slip
        if levels[i] <= 3:
            last_outline = i
    return levels


def _next_top_level(indices: list[int], levels: dict[int, int]) -> list[int | None]:
    """For each position in ``indices``, the next block after it at level 1 (one pass from the end)."""
    out: list[int | None] = [None] * len(indices)
    following = None
    for pos in range(len(indices) - 1, -1, -1):
        out[pos] = following
        if levels[indices[pos]] == 1:
            following = indices[pos]
    return out


def _listy(blocks, i: int, levels: dict[int, int]) -> bool:
    """A heading directly followed or preceded by a sibling heading (no text between) is a list entry."""
    level = levels.get(i)
    for j in (i - 1, i + 1):
        if 0 <= j < len(blocks) and blocks[j].kind != "table" and levels.get(j) == level \
                and _is_heading(blocks[j].kind, blocks[j].text, level):
            return True
    return False

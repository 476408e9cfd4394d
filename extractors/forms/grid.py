"""The generic label/value reader for forms laid out as a grid of cells.

Every anchor cell of every table is classified as a label (of a field, of a
block of sub-fields such as 承办单位信息, of a people table such as 团组成员, of
a sub-field or people column inside those) or as a value. A field's value is
the cell to its right; a label at the end of its row takes the cell below.
Positions are never assumed: the synonyms in corpus/form_labels.yaml decide, so
a re-ordered or re-worded layout reads the same.

A block or people label usually spans its rows (a merged cell at the left).
When a PDF table breaks across pages the spanning label is cut (申报单位 / 信息)
and the next page's rows start with an empty cell: the section then carries on
until a row starts with another field's label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from ...models import Cell, Document, Table
from .checkboxes import has_options
from .labels import (
    LabelMatch,
    clean_label,
    label_candidates,
    looks_like_label,
    match_label,
    match_name,
    rescue_label,
    split_inline_label,
)
from .values import strip_leading_hint

OPTION_SCORE = 80.0
_CJK_WORD = re.compile(r"[\u3400-\u9fff]{2}")
# A cell with a digit left after its enumerator is cut (第3批国家级…基地, 2027年3月8日) is a value, never a field's label.
_DIGIT = re.compile(r"\d")
# Kinds whose value may run on over a page break; a part ending a sentence starts a new paragraph.
CONTINUED_KINDS = ("text", "paragraphs", "opinion", "list", "choice", "category_detail")
SENTENCE_ENDS = ("。", "！", "？", "；", ".", "!", "?", ";")
IGNORE_COLUMN = "_ignore"
# A units table (类别 | 单位名称 | 联系人 | 手机 …): its header is in the first rows and names this many details.
ROSTER_HEADER_ROWS = 2
ROSTER_MIN_COLUMNS = 3  # people columns read as nothing (性别, 序号)

SectionKind = str  # "block" | "people"


@dataclass
class Located:
    """A value cell (or part of one) found for a label."""

    cell: Cell
    table: Table
    text: str  # the value text (a suffix of the cell text when a hint or label was cut off)
    start: int  # offsets into Document.text
    end: int
    label_cell: Cell | None = None


@dataclass
class Section:
    kind: SectionKind
    key: str
    label_cell: Cell
    table: Table
    rows: list[tuple[Table, list[Cell]]] = field(default_factory=list)  # rows after the label cell


@dataclass
class GridRead:
    fields: dict[str, Located] = field(default_factory=dict)
    blocks: dict[str, dict[str, Located]] = field(default_factory=dict)
    block_cells: dict[str, list[tuple[Table, Cell]]] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    # People given as labelled rows (带头人姓名 | 韩松 | 出生年月 | …): key -> one column -> value dict a person.
    people_pairs: dict[str, list[dict[str, Located]]] = field(default_factory=dict)
    # A tick-box group written one option per row ("选题范围：对接产业需求" | 山地特色农业): key -> (option, value).
    option_rows: dict[str, list[tuple[str, Located]]] = field(default_factory=dict)
    # (label cell, value cell, table) of filled values beside labels no field knows.
    unknown: list[tuple[Cell, Cell, Table]] = field(default_factory=list)
    # Filled values of labels that lost their field to a better-scoring label: (label cell, value, field, winner).
    lost: list[tuple[Cell, Located, str, str]] = field(default_factory=list)


@dataclass
class Claim:
    """A label that named a plain field while the tables were read, with the value found for it."""

    label: str  # the label's own text (without an inline value)
    label_cell: Cell
    loc: Located
    match: LabelMatch


def located(table: Table, cell: Cell, label_cell: Cell | None = None, inline_value: str | None = None) -> Located:
    """The value of a cell, with a hint paragraph left above the real text removed."""
    text = cell.text if inline_value is None else inline_value
    stripped = strip_leading_hint(text)
    start = cell.end - len(stripped) if cell.text.endswith(stripped) else cell.start
    if not stripped:
        start = cell.end
    return Located(cell=cell, table=table, text=stripped, start=start, end=cell.end, label_cell=label_cell)


class GridReader:
    def __init__(self, doc: Document, spec: dict[str, Any]) -> None:
        self.doc = doc
        self.spec = spec
        fields = spec.get("fields", {})
        self.plain_fields = {k: v for k, v in fields.items() if v["kind"] not in ("block", "people")}
        self.block_fields = {k: v for k, v in fields.items() if v["kind"] == "block"}
        self.people_fields = {k: v for k, v in fields.items() if v["kind"] == "people"}
        self.people_columns = {k: v for k, v in (spec.get("people_columns") or {}).items()}
        self.people_ignore = list(spec.get("people_ignore") or [])
        self.out = GridRead()
        # A table nested in a cell belongs to the section of the row holding that cell.
        self._nested_sections: dict[int, Section | None] = {}
        self._memo: dict[tuple[str, str], Any] = {}
        # The person the last pair row named (people key, details so far), for the bare labels after it.
        self._pair_person: tuple[str, dict[str, Located]] | None = None
        # The plain field stored last (key, table, its last row): a row continued on the next page appends to it.
        self._last_field: tuple[str, Table, int] | None = None
        # Every label that named a plain field, in reading order: which one keeps it is decided at the end.
        self._claims: list[Claim] = []

    def _cached(self, kind: str, text: str, compute) -> Any:
        # Each cell is asked "are you a label?" several times while a row is read.
        key = (kind, text)
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    # -- classification

    def section_label(self, cell: Cell) -> tuple[SectionKind, LabelMatch] | None:
        return self._cached("section", cell.text, lambda: self._section_label(cell))

    def _section_label(self, cell: Cell) -> tuple[SectionKind, LabelMatch] | None:
        m = match_label(cell.text, self.block_fields)
        if m:
            return "block", m
        m = match_label(cell.text, self.people_fields)
        if m:
            return "people", m
        return None

    def field_label(self, cell: Cell) -> LabelMatch | None:
        return self._cached("field", cell.text, lambda: None if _DIGIT.search(clean_label(cell.text))
                            else match_label(cell.text, self.plain_fields))

    def sub_label(self, cell: Cell, section: Section | None) -> LabelMatch | None:
        if section is None:
            return None
        if section.kind == "block":
            subs = self.block_fields[section.key]["fields"]
            return self._cached(f"sub:{section.key}", cell.text, lambda: match_label(cell.text, subs))
        return self.people_column(cell)

    def people_column(self, cell: Cell) -> LabelMatch | None:
        names = dict(self.people_columns)
        names[IGNORE_COLUMN] = self.people_ignore
        return self._cached("person", cell.text, lambda: match_name(cell.text, names))

    def is_label(self, cell: Cell, section: Section | None) -> bool:
        return bool(self.sub_label(cell, section) or self.field_label(cell) or self.section_label(cell)
                    or self.inline_target(cell, section))

    def inline_target(self, cell: Cell, section: Section | None) -> tuple[tuple[str, str], str] | None:
        """(target, value) of a cell holding "label：value" whose label is a known one."""
        parts = split_inline_label(cell.text)
        if not parts:
            return None
        label, value = parts
        probe = cell.model_copy(update={"text": label})
        sub = self.sub_label(probe, section) if section and section.kind == "block" else None
        if sub:
            return ("sub", sub.key), value
        m = self.field_label(probe)
        return (("field", m.key), value) if m else None

    def people_pair_label(self, cell: Cell) -> tuple[str, str] | None:
        """(people key, column key) of a label naming one person's detail (带头人姓名, 团长出生年月)."""
        return self._cached("pair", cell.text, lambda: self._people_pair_label(cell))

    def _people_pair_label(self, cell: Cell) -> tuple[str, str] | None:
        if not looks_like_label(cell.text):
            return None
        cleaned = clean_label(cell.text)
        prefixes = sorted(((clean_label(s), k) for k, v in self.people_fields.items() for s in v.get("labels", [])),
                          key=lambda p: len(p[0]), reverse=True)
        for prefix, key in prefixes:
            rest = cleaned[len(prefix):]
            if not prefix or not cleaned.startswith(prefix) or not rest:
                continue
            m = match_name(rest, self.people_columns)
            if m:
                return key, m.key
        return None

    def block_pair_label(self, cell: Cell) -> tuple[str, str] | None:
        """(block key, sub-field key) of a label naming a unit's detail (承办单位名称, 承办单位地址)."""
        return self._cached("blockpair", cell.text, lambda: self._block_pair_label(cell))

    def _block_pair_label(self, cell: Cell) -> tuple[str, str] | None:
        if not looks_like_label(cell.text):
            return None
        cleaned = clean_label(cell.text)
        prefixes = sorted(((clean_label(s), k) for k, v in self.block_fields.items() for s in v.get("labels", [])),
                          key=lambda p: len(p[0]), reverse=True)
        for prefix, key in prefixes:
            rest = cleaned[len(prefix):]
            if not prefix or not cleaned.startswith(prefix) or not rest:
                continue
            m = match_label(rest, self.block_fields[key]["fields"])
            if m:
                return key, m.key
        return None

    def option_of(self, key: str, text: str) -> str | None:
        """The category of a one-option-per-row group that ``text`` names (对接产业需求)."""
        categories = self.plain_fields.get(key, {}).get("categories") or []
        probe = clean_label(text)
        scored = max(((fuzz.ratio(probe, c), c) for c in categories), default=(0.0, None))
        return scored[1] if scored[0] >= OPTION_SCORE else None

    # -- walking the tables

    def read(self) -> GridRead:
        section: Section | None = None
        for table in self.doc.tables:
            if table.parent is not None and table.index in self._nested_sections:
                section = self._nested_sections[table.index]
            section = self._heading_section(table) or section
            if self._unit_roster(table):
                section = None
                continue
            for r in range(table.n_rows):
                cells = table.row_cells(r)
                if not cells:
                    continue
                section = self._row_section(table, cells, r, section)
                for cell in cells:
                    for inner in cell.nested:
                        self._nested_sections[inner] = section
                if section is not None and section.kind == "people":
                    rest = [c for c in cells if c is not section.label_cell]
                    if not rest and cells[0] is section.label_cell:
                        continue  # the label spans the whole row (出访人员情况): the people follow below
                    if rest and not (self.field_label(rest[0]) and not self.people_column(rest[0])):
                        section.rows.append((table, rest))
                        continue
                    section = None
                section = self._read_row(table, cells, r, section) or section
        self._assign_fields()
        self._collect_unknown()
        return self.out

    # -- the units' details as one table, a row per unit

    def _unit_roster(self, table: Table) -> bool:
        """A table of unit details with a column naming each row's unit (类别 | 单位名称 | 联系人 | … over
        申报单位 | … and 承办单位 | …): every row is read into the block its unit names. The header is the
        first row where several cells are a unit's detail labels; every row below must name a unit."""
        if not self.block_fields or table.n_rows < 2:
            return False
        subs = next(iter(self.block_fields.values()))["fields"]
        for r in range(min(table.n_rows - 1, ROSTER_HEADER_ROWS)):
            header = {c.col: c for c in table.row_cells(r) if c.row == r}
            mapping: dict[int, str] = {}
            for col, cell in header.items():
                m = match_label(cell.text, subs)
                if m is not None and m.key not in mapping.values():
                    mapping[col] = m.key
            if len(mapping) < ROSTER_MIN_COLUMNS:
                continue
            rows = [self._roster_row(table, rr, mapping) for rr in range(r + 1, table.n_rows)]
            rows = [row for row in rows if row != ()]  # blank rows
            if not rows or any(row is None for row in rows):
                return False
            for block_key, role_cell, cells in rows:
                unit = Section(kind="block", key=block_key, label_cell=role_cell, table=table)
                self.out.sections.append(unit)
                for cell in cells:
                    if cell.col in mapping:
                        self._store(("sub", mapping[cell.col]), located(table, cell, label_cell=header[cell.col]),
                                    unit, table, header[cell.col])
            return True
        return False

    def _roster_row(self, table: Table, r: int, mapping: dict[int, str]):
        """(block key, the cell naming it, the row's cells); () for a blank row, None for a row naming no unit."""
        cells = [c for c in table.row_cells(r) if c.row == r]
        if not any(c.text.strip() for c in cells):
            return ()
        for cell in cells:
            found = self.section_label(cell) if cell.col not in mapping else None
            if found is not None and found[0] == "block":
                return found[1].key, cell, cells
        return None

    # -- one label per field over the whole form

    def _assign_fields(self) -> None:
        """Each plain field goes to one label: where two labels named one field, the best-scoring one
        (ties: the one met first) keeps it, and the other takes the next field it could label if that
        is free; a filled value left without a field is kept in ``lost`` for the form's warnings."""
        by_label: dict[str, list[Claim]] = {}
        for claim in self._claims:
            by_label.setdefault(claim.label, []).append(claim)
        keys: dict[str, set[str]] = {}
        for label, claims in by_label.items():
            keys.setdefault(claims[0].match.key, set()).add(label)
        contested = {label for labels in keys.values() if len(labels) > 1 for label in labels}
        if not contested:
            return  # the usual case: every field was named by one wording only
        taken = {key for key, labels in keys.items() if not labels & contested}
        options = [(m.rank, -by_label[label][0].label_cell.start, label, m.key) for label in contested
                   for m in label_candidates(by_label[label][0].label, self.plain_fields)]
        winner: dict[str, str] = {}  # field -> label
        placed: set[str] = set()
        for _, _, label, key in sorted(options, reverse=True):
            if label in placed or key in taken or key in winner:
                continue
            winner[key] = label
            placed.add(label)
        for key in {by_label[label][0].match.key for label in contested}:
            self.out.fields.pop(key, None)
        for key, label in winner.items():
            for claim in by_label[label]:
                self._keep_better(self.out.fields, key, claim.loc)
        for label in sorted(contested - placed, key=lambda x: by_label[x][0].label_cell.start):
            key = by_label[label][0].match.key
            for claim in by_label[label]:
                if _filled(claim.loc.text):
                    self.out.lost.append((claim.label_cell, claim.loc, key, winner.get(key, "")))

    def _used_cells(self) -> set[int]:
        """Ids of every cell read as a label or a value, and of the rows people tables took."""
        out = self.out
        locs = list(out.fields.values()) + [loc for b in out.blocks.values() for loc in b.values()]
        locs += [loc for people in out.people_pairs.values() for p in people for loc in p.values()]
        locs += [loc for rows in out.option_rows.values() for _, loc in rows]
        locs += [loc for _, loc, _, _ in out.lost]
        used = {id(c) for loc in locs for c in (loc.cell, loc.label_cell) if c is not None}
        used |= {id(c) for cells in out.block_cells.values() for _, c in cells}
        for section in out.sections:
            used.add(id(section.label_cell))
            if section.kind == "people":
                used |= {id(c) for _, cells in section.rows for c in cells}
        return used

    def _collect_unknown(self) -> None:
        """Label-like cells no field knows with a filled cell to their right that nothing read."""
        used = self._used_cells()
        rescued: list[tuple[LabelMatch, Cell, Cell, Table]] = []
        for table in self.doc.tables:
            for r in range(table.n_rows):
                cells = [c for c in table.row_cells(r) if c.row == r]
                for label, value in zip(cells, cells[1:], strict=False):
                    if id(label) in used or id(value) in used or not _unknown_label(label.text):
                        continue
                    if _filled(value.text) and not self.is_label(value, None):
                        used |= {id(label), id(value)}
                        found = rescue_label(label.text, self.plain_fields)
                        if found is None:
                            self.out.unknown.append((label, value, table))
                        else:
                            rescued.append((found, label, value, table))
        self._place_rescued(rescued)

    def _place_rescued(self, rescued: list[tuple[LabelMatch, Cell, Cell, Table]]) -> None:
        """Labels placed only on a second look take a field no other label has; best score first."""
        for m, label, value, table in sorted(rescued, key=lambda x: (-x[0].score, x[1].start)):
            if m.key in self.out.fields:
                self.out.unknown.append((label, value, table))
                continue
            self.out.fields[m.key] = located(table, value, label_cell=label)
        self.out.unknown.sort(key=lambda x: x[0].start)

    def _heading_section(self, table: Table) -> Section | None:
        """A block or people table titled by the paragraph just above it (二、承办单位信息 / 团组成员)."""
        if table.parent is not None:
            return None
        before = None
        for block in self.doc.blocks:
            if block.kind == "table" and block.table == table.index:
                break
            before = block
        if before is None or before.kind == "table" or not before.text.strip():
            return None
        heading = Cell(text=before.text, row=0, col=0, start=before.start, end=before.end)
        found = self.section_label(heading)
        if not found:
            return None
        kind, m = found
        new = Section(kind=kind, key=m.key, label_cell=heading, table=table)
        self.out.sections.append(new)
        return new

    def _row_section(self, table: Table, cells: list[Cell], r: int, section: Section | None) -> Section | None:
        first = cells[0]
        found = self.section_label(first)
        if found:
            kind, m = found
            if section is not None and section.label_cell is first:
                return section
            new = Section(kind=kind, key=m.key, label_cell=first, table=table)
            self.out.sections.append(new)
            return new
        if first.row == r and (self.field_label(first) and not self.sub_label(first, section)):
            return None  # a row that starts with a field's own label ends the section
        return section

    def _read_row(self, table: Table, cells: list[Cell], r: int, section: Section | None) -> Section | None:
        """Reads one row; returns the block section the row opened, if any."""
        if section is None and self._continue_field(table, cells, r):
            return None
        consumed: set[int] = set()
        opened: Section | None = None
        if cells and cells[0].row == r and (self.field_label(cells[0]) or self.section_label(cells[0])):
            self._pair_person = None  # a row led by another field's label closes the person of pair rows
        for i, cell in enumerate(cells):
            if id(cell) in consumed or cell.row != r:
                continue
            if section is not None and cell is section.label_cell:
                self._unit_name_beside(table, cells, i, section, consumed)
                continue
            own = None  # 承办单位联系人 inside the host's block: the unit named again before the detail
            if section is not None and section.kind == "block" and section.label_cell is not cell:
                other = self.block_pair_label(cell)
                if other is not None and other[0] != section.key:
                    section = None  # 承办单位名称 after the applicant's rows opens the host's block
                elif other is not None:
                    own = other[1]
            sub = self.sub_label(cell, section) if section and section.kind == "block" and own is None else None
            target = None
            if own is not None:
                target = ("sub", own)
            elif sub:
                target = ("sub", sub.key)
            else:
                m = self.field_label(cell)
                if m:
                    target = ("field", m.key)
            if target is None:
                pair = self.people_pair_label(cell) if section is None else None
                if pair is None and section is None and self._pair_person is not None:
                    pair = self._bare_detail(cell)
                if pair is not None:
                    value_cell = self._store_pair(pair, table, cells, i, section)
                    if value_cell is not None:
                        consumed.add(id(value_cell))
                    continue
                block_pair = self.block_pair_label(cell) if section is None else None
                if block_pair is not None:
                    # 承办单位名称 | … opens the unit's block: 联系人, 手机 … after it, on this row and
                    # the next ones, belong to it.
                    opened = Section(kind="block", key=block_pair[0], label_cell=cell, table=table)
                    self.out.sections.append(opened)
                    value_cell = self._value_cell(table, cells, i, opened)
                    if value_cell is not None:
                        consumed.add(id(value_cell))
                        self._store(("sub", block_pair[1]), located(table, value_cell, label_cell=cell), opened,
                                    table, cell)
                    section = opened
                    continue
                if self._option_row(table, cells, i):
                    if i + 1 < len(cells):
                        consumed.add(id(cells[i + 1]))
                    continue
                self._maybe_inline(table, cell, section)
                continue
            value_cell = self._value_cell(table, cells, i, section, embedded=target[0] == "sub")
            subhead = self._after_subheading(cells, i, section) if target[0] == "field" else None
            if subhead is not None:
                consumed.add(id(value_cell))
                value_cell = subhead
            spanned = self._spanned_rows_value(table, cell, value_cell, section) if target[0] == "field" else None
            if spanned is not None:
                loc = spanned
            elif value_cell is not None:
                consumed.add(id(value_cell))
                loc = located(table, value_cell, label_cell=cell)
            else:
                loc = Located(cell=cell, table=table, text="", start=cell.end, end=cell.end, label_cell=cell)
            self._store(target, loc, section, table, cell)
        return opened

    def _after_subheading(self, cells: list[Cell], i: int, section: Section | None) -> Cell | None:
        """A field label that heads its row, then a sub-heading of its own, then the value (继续教育基地 |
        类别 | ☑国家级…, 审核意见 | 主管部门意见 | 同意推荐。): the value is the last cell, not the sub-heading."""
        rest = cells[i + 1:]
        while rest and not rest[-1].text.strip():
            rest = rest[:-1]  # the empty cells a narrower row leaves at its end
        if len(rest) != 2:
            return None
        middle, last = rest
        if not _unknown_label(middle.text) or self.is_label(middle, section) or not _filled(last.text) \
                or self.is_label(last, section):
            return None
        if looks_like_label(last.text) and not last.text.rstrip().endswith(SENTENCE_ENDS):
            return None  # 农业 | 备注 …: a short value and another label, not a sub-heading
        return last

    def _unit_name_beside(self, table: Table, cells: list[Cell], i: int, section: Section, consumed: set[int]) -> None:
        """承办单位 | 攀枝花学院 | 联系人 | …: a unit's label with a plain value beside it gives the unit's name."""
        if section.kind != "block" or i + 1 >= len(cells) or "name" not in self.block_fields[section.key]["fields"]:
            return
        right = cells[i + 1]
        if id(right) in consumed or right.row != cells[i].row or not _filled(right.text) \
                or self.is_label(right, section) or has_options(right.text):
            return
        consumed.add(id(right))
        self._store(("sub", "name"), located(table, right, label_cell=cells[i]), section, table, cells[i])

    def _inline_only(self, cell: Cell, section: Section | None) -> bool:
        """A cell that is a label only through a "label：value" inside it, not by its whole text."""
        return not (self.sub_label(cell, section) or self.field_label(cell) or self.section_label(cell)) \
            and self.inline_target(cell, section) is not None

    def _bare_detail(self, cell: Cell) -> tuple[str, str] | None:
        """(people key, column) of a bare detail label (出生年月) after a pair that named the person
        (带头人姓名 | 庞立新 | 出生年月 | 1975.03): the detail is that person's."""
        m = self.people_column(cell)
        if m is None or m.key in (IGNORE_COLUMN, "name"):
            return None
        return self._pair_person[0], m.key

    def _value_cell(self, table: Table, cells: list[Cell], i: int, section: Section | None,
                    embedded: bool = False) -> Cell | None:
        label = cells[i]
        if i + 1 < len(cells):
            right = cells[i + 1]
            if embedded and self._inline_only(right, section):
                return right  # 联系人 | 王建国 办公电话：028-…: the unit's details are split from it (_embedded_parts)
            return None if self.is_label(right, section) else right
        below = table.cell_at(label.row + label.row_span, label.col)
        if below is not None and below is not label and not self.is_label(below, section):
            return below
        return None

    def _spanned_rows_value(self, table: Table, label: Cell, value_cell: Cell | None,
                            section: Section | None) -> Located | None:
        """The value of a label merged down over several rows: the cells to its right on every row.

        A tick-box group laid out one option per row (是否继续教育基地 over 是第_批国家级 /
        是省级 / 否) is one value; cells follow each other in Document.text row by row, so
        the value is the text from the first to the last of them."""
        if label.row_span < 2 or value_cell is None:
            return None
        cells: list[Cell] = []
        for r in range(label.row, label.row + label.row_span):
            for c in table.row_cells(r):
                if c.col <= label.col or c.row != r or any(c is x for x in cells):
                    continue
                if self.is_label(c, section):
                    return None  # other label/value pairs share the rows: not one value
                cells.append(c)
        filled = [c for c in cells if c.text.strip()]
        if len({c.row for c in cells}) < 2 or not filled:
            return None
        start, end = filled[0].start, filled[-1].end
        return Located(cell=filled[0], table=table, text=self.doc.text[start:end], start=start, end=end,
                       label_cell=label)

    def _store_pair(self, pair: tuple[str, str], table: Table, cells: list[Cell], i: int,
                    section: Section | None) -> Cell | None:
        """Stores one person's detail; a name, or a detail the open person already has, starts the next."""
        key, column = pair
        value_cell = self._value_cell(table, cells, i, section)
        if value_cell is None:
            return None
        people = self.out.people_pairs.setdefault(key, [])
        current = self._pair_person[1] if self._pair_person and self._pair_person[0] == key else None
        if current is None or column in current or (column == "name" and current):
            current = {}
            people.append(current)
        current[column] = located(table, value_cell, label_cell=cells[i])
        self._pair_person = (key, current)
        return value_cell

    def _option_row(self, table: Table, cells: list[Cell], i: int) -> bool:
        """"选题范围：对接产业需求" | 山地特色农业: one option of a group with its detail in the next cell."""
        parts = split_inline_label(cells[i].text)
        if not parts:
            return False
        m = self.field_label(cells[i].model_copy(update={"text": parts[0]}))
        if not m or self.plain_fields[m.key]["kind"] != "category_detail":
            return False
        option = self.option_of(m.key, parts[1])
        if option is None:
            return False
        cell = cells[i]
        if i + 1 < len(cells):
            loc = located(table, cells[i + 1], label_cell=cell)
        else:
            loc = Located(cell=cell, table=table, text="", start=cell.end, end=cell.end, label_cell=cell)
        self.out.option_rows.setdefault(m.key, []).append((option, loc))
        return True

    def _maybe_inline(self, table: Table, cell: Cell, section: Section | None) -> None:
        """A cell holding "label：value" (办班时间：2025年5月9日) gives both at once."""
        found = self.inline_target(cell, section)
        if not found or not found[1].strip():
            return
        target, value = found
        label = split_inline_label(cell.text)[0]
        self._store(target, located(table, cell, label_cell=cell, inline_value=value), section, table, cell, label)

    def _store(self, target: tuple[str, str], loc: Located, section: Section | None, table: Table,
               label_cell: Cell, label_text: str | None = None) -> None:
        kind, key = target
        if kind == "sub" and section is not None:
            block = self.out.blocks.setdefault(section.key, {})
            for sub_key, part in self._embedded_parts(section.key, key, loc):
                self._keep_better(block, sub_key, part)
            self.out.block_cells.setdefault(section.key, []).append((table, label_cell))
            return
        text = label_cell.text if label_text is None else label_text
        match = self.field_label(label_cell.model_copy(update={"text": text})) if label_text is not None \
            else self.field_label(label_cell)
        if match is not None:
            self._claims.append(Claim(label=clean_label(text), label_cell=label_cell, loc=loc, match=match))
        self._keep_better(self.out.fields, key, loc)
        if self.out.fields.get(key) is loc:
            self._last_field = (key, table, label_cell.row + label_cell.row_span - 1)

    def _embedded_parts(self, block_key: str, key: str, loc: Located) -> list[tuple[str, Located]]:
        """A unit's detail cell that also holds others as "label：value" (王建国 办公电话：028-… 手机：138…):
        the text before the first such label is ``key``'s, each labelled part its own sub-field's."""
        subs = self.block_fields[block_key]["fields"]
        pattern = _sub_label_pattern(tuple(sorted({x for v in subs.values() for x in v.get("labels", [])},
                                                  key=len, reverse=True)))
        found = [(m, match_label(m.group(1), subs)) for m in pattern.finditer(loc.text)]
        found = [(m, sub) for m, sub in found if sub is not None and sub.key != key]
        if not found:
            return [(key, loc)]

        def part(start: int, end: int) -> Located:
            text = loc.text[start:end]
            lead = len(text) - len(text.lstrip())
            text = text.strip()
            return Located(cell=loc.cell, table=loc.table, text=text, start=loc.start + start + lead,
                           end=loc.start + start + lead + len(text), label_cell=loc.label_cell)

        parts = [(key, part(0, found[0][0].start()))] if loc.text[:found[0][0].start()].strip() else []
        for i, (m, sub) in enumerate(found):
            end = found[i + 1][0].start() if i + 1 < len(found) else len(loc.text)
            parts.append((sub.key, part(m.end(), end)))
        return parts

    def _continue_field(self, table: Table, cells: list[Cell], r: int) -> bool:
        """A row with an empty label cell right after a field's row: the field's value carried on to the
        next page (the PDF cut the row and its label); its text is appended to that field's."""
        last = self._last_field
        if last is None or last[1] is not table or last[2] != r - 1:
            return False
        first, rest = cells[0], [c for c in cells[1:] if c.row == r]
        if first.row != r or first.text.strip() or len(rest) != 1 or not rest[0].text.strip():
            return False
        key = last[0]
        if self.plain_fields.get(key, {}).get("kind") not in CONTINUED_KINDS:
            return False
        old, more = self.out.fields[key], located(table, rest[0])
        joiner = "\n" if old.text.rstrip().endswith(SENTENCE_ENDS) else ""
        self.out.fields[key] = Located(cell=old.cell, table=table, text=old.text.rstrip() + joiner + more.text,
                                       start=old.start, end=more.end, label_cell=old.label_cell)
        for claim in self._claims:  # the claim holds the value as it now stands
            if claim.loc is old:
                claim.loc = self.out.fields[key]
        self._last_field = (key, table, r)
        return True

    @staticmethod
    def _keep_better(store: dict[str, Located], key: str, loc: Located) -> None:
        # The first occurrence wins unless it was empty and a later one is filled.
        old = store.get(key)
        if old is None or (not old.text.strip() and loc.text.strip()):
            store[key] = loc


_NOT_FILLED = re.compile(r"[\s_＿/／—\-年月日（）()：:]|盖章|签字|签名")


def _filled(text: str) -> bool:
    """A value cell with something written in it (not only blanks, slashes or a 年 月 日 line)."""
    return bool(_NOT_FILLED.sub("", text))


def _unknown_label(text: str) -> bool:
    """Could this cell be a label the corpus does not know: short Chinese words, no digits, no boxes."""
    return looks_like_label(text) and bool(_CJK_WORD.search(text)) and not any(ch.isdigit() for ch in text) \
        and not has_options(text)


_SUB_PATTERNS: dict[tuple[str, ...], re.Pattern] = {}


def _sub_label_pattern(labels: tuple[str, ...]) -> re.Pattern:
    """Any of a block's sub-field labels followed by a colon, the label in group 1."""
    if labels not in _SUB_PATTERNS:
        alternatives = "|".join(re.escape(x) for x in labels if len(x) >= 2)
        _SUB_PATTERNS[labels] = re.compile(f"({alternatives})\\s*[：:]\\s*")
    return _SUB_PATTERNS[labels]

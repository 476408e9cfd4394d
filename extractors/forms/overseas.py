"""People tables (团组带头人 / 团组成员) -> lists of people.

Two layouts occur under a people label and both are read:
- a header row (姓名 性别 出生年月 职称 所在单位) with one person per row below;
- label/value pairs (姓名 | 程涛刚 | 出生年月 | 1980.11), a person spread over
  one or more rows; a new 姓名 starts the next person. A pair may also share
  its cell ("姓名：马骁" | "出生年月：1975-09").
Columns are found by their header labels (corpus people_columns), never by
position; columns such as 性别 or 序号 are ignored.
"""

from __future__ import annotations

import re
from typing import Any

from ...models import Cell, Table
from ...normalizers.text import compact
from ...normalizers.titles import normalize_title
from .grid import GridReader, Located, Section, located
from .labels import looks_like_label, split_inline_label
from .values import as_birth_month

IGNORE = "_ignore"
Person = dict[str, Located]


def _covering(cells: list[Cell], col: int) -> Cell | None:
    for c in cells:
        if c.col <= col < c.col + c.col_span:
            return c
    return None


def read_people(reader: GridReader, section: Section, seen: set[str] | None = None) -> list[Person]:
    """The people of a section; ``seen`` collects the detail keys whose labels the section has."""
    seen = set() if seen is None else seen
    people: list[Person] = []
    header: dict[int, str] = {}
    current: Person | None = None
    for table, cells in section.rows:
        labels = [reader.people_column(c) for c in cells]
        filled = [c for c in cells if c.text.strip()]
        n_labels = sum(1 for m in labels if m)
        if _header_row(cells, labels, n_labels, filled) and not _alternating(cells, labels):
            header = {c.col: m.key for c, m in zip(cells, labels, strict=True) if m and m.key != IGNORE}
            seen.update(header.values())
            continue
        if n_labels and _alternating(cells, labels):
            seen.update(m.key for m in labels if m and m.key != IGNORE)
            current = _read_pairs(table, cells, labels, current, people)
            continue
        if not n_labels and _inline_pairs(reader, cells):
            seen.update(key for _, key, _ in _inline_pairs(reader, cells))
            current = _read_inline_pairs(table, _inline_pairs(reader, cells), current, people)
            continue
        if header:
            person = _read_data_row(table, cells, header)
            if person:
                people.append(person)
    return people


def _header_row(cells: list[Cell], labels: list[Any], n_labels: int, filled: list[Cell]) -> bool:
    """A roster's header: every filled cell a column label, or all but one when three or more are
    (a column the corpus does not know, such as 护照号码, must not hide the whole roster)."""
    if n_labels >= 2 and n_labels == len(filled):
        return True
    unknown = [c for c, m in zip(cells, labels, strict=True) if not m and c.text.strip()]
    return n_labels >= 3 and len(unknown) == 1 and looks_like_label(unknown[0].text) \
        and not any(ch.isdigit() for ch in unknown[0].text)


def _alternating(cells: list[Cell], labels: list[Any]) -> bool:
    """True for a row of label, value, label, value (the value may be empty)."""
    pairs = 0
    for i, m in enumerate(labels):
        if m and i + 1 < len(cells) and not labels[i + 1]:
            pairs += 1
    return pairs >= 1 and pairs * 2 >= sum(1 for m in labels if m) * 2


def _read_pairs(table: Table, cells: list[Cell], labels: list[Any], current: Person | None,
                people: list[Person]) -> Person | None:
    for i, m in enumerate(labels):
        if not m or m.key == IGNORE or i + 1 >= len(cells) or labels[i + 1]:
            continue
        if m.key == "name" and (current is None or "name" in current):
            current = {}
            people.append(current)
        if current is None:
            current = {}
            people.append(current)
        current[m.key] = located(table, cells[i + 1], label_cell=cells[i])
    return current


def _inline_pairs(reader: GridReader, cells: list[Cell]) -> list[tuple[Cell, str, str]]:
    """(cell, column key, value) of the cells written "姓名：马骁" in a row."""
    found = []
    for cell in cells:
        parts = split_inline_label(cell.text)
        if not parts:
            continue
        m = reader.people_column(cell.model_copy(update={"text": parts[0]}))
        if m and m.key != IGNORE:
            found.append((cell, m.key, parts[1]))
    return found


def _read_inline_pairs(table: Table, pairs: list[tuple[Cell, str, str]], current: Person | None,
                       people: list[Person]) -> Person | None:
    for cell, key, value in pairs:
        if current is None or (key == "name" and "name" in current):
            current = {}
            people.append(current)
        current[key] = located(table, cell, label_cell=cell, inline_value=value)
    return current


def _read_data_row(table: Table, cells: list[Cell], header: dict[int, str]) -> Person:
    person: Person = {}
    for col, key in header.items():
        cell = _covering(cells, col)
        if cell is not None and cell.text.strip():
            person[key] = located(table, cell)
    return person if person.get("name") else {}


# --------------------------------------------------------------------------- people written out in a sentence

# One person written "name（detail，detail，detail）"; the details are told apart by what they hold.
_PERSON = re.compile(r"([^\s（(）)；;、，,。：:]{2,8})\s*[（(]([^（()）]*)[)）]")
_DETAIL_SEP = re.compile(r"[^，,、；;/]+")


def people_in_text(text: str) -> list[dict[str, tuple[int, int]]]:
    """People of a list written as a sentence (张三（1979年5月，副研究员，XX所）；李四（…）): key -> (start, end)
    offsets into ``text``. A detail that reads as a date is the birth month, one that reads as a title is the
    title, and the remaining one is the unit."""
    people = []
    for m in _PERSON.finditer(text):
        person = {"name": m.span(1)}
        for d in _DETAIL_SEP.finditer(m.group(2)):
            detail = d.group().strip()
            if not detail:
                continue
            lead = len(d.group()) - len(d.group().lstrip())
            span = (m.start(2) + d.start() + lead, m.start(2) + d.start() + lead + len(detail))
            key = _detail_kind(detail)
            if key and key not in person:
                person[key] = span
        if "birth_date" in person or "title" in person:  # else ordinary bracketed text (项目（含现场教学）)
            people.append(person)
    return people


def _detail_kind(detail: str) -> str | None:
    if as_birth_month(detail):
        return "birth_date"
    if len(compact(detail)) <= 10 and normalize_title(detail):  # a unit's name may hold a title word
        return "title"
    return "unit" if len(compact(detail)) >= 4 else None

"""Forms -> Submissions: 申报表 / 申请表 (DOCX, PDF) and plan lists (XLSX).

``parse_form(doc)`` detects the form type (detect.py), reads label/value
cells (grid.py), people tables (overseas.py) or list rows (plan_list.py), and
normalises every value by its kind (values.py, checkboxes.py). Labels and
options come from corpus/form_labels.yaml, never from positions, so unseen
layouts of the same forms read the same. A field that is not found is null
with a Chinese warning naming it; every value carries its Evidence.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ...errors import UnknownFormError
from ...ingest.text import ends_sentence, starts_new_block
from ...models import Document, Evidence, Field_, Submission, Unmatched
from ...normalizers.text import compact
from ...normalizers.titles import normalize_title
from .checkboxes import canonical_option, has_options, read_blank, read_options, split_category
from .detect import _title_text, detect_form_type
from .grid import GridRead, GridReader, Located
from .labels import type_spec
from .overseas import people_in_text, read_people
from .plan_list import read_rows
from .stacked import page_ranges, pages_of
from .values import (
    as_birth_month,
    as_date,
    as_int,
    as_list,
    as_number,
    as_opinion,
    as_paragraphs,
    as_period,
    as_phone,
    as_text,
    clean_paragraphs,
    find_participants,
    year_in,
)

__all__ = ["parse_form", "parse_form_file"]

# The details a person record carries besides the name (person_record); a people table without
# a column for one of them leaves it unread, not blank.
PERSON_DETAILS = frozenset({"birth_date", "title", "unit"})

# Between a label and its colon: spaces, and an English gloss of a bilingual form (申报时间 Date of application：).
_GLOSS_BEFORE_COLON = r"\s*(?:[A-Za-z][A-Za-z.'’&/\- ]*)?"
# Pieces of a "period, venue" cell and the inline words (时间：/地点：) that may name them.
_PLACE_PIECE = re.compile(r"[^，,；;、\n]+")
_INLINE_WORD = re.compile(r"^\s*(?:[^\s：:]{0,4}(?:时间|日期|地点)\s*[：:])?\s*|\s*$")


def parse_form_file(path: str | Path) -> list[Submission]:
    from ...ingest import load

    return parse_form(load(path))


def parse_form(doc: Document) -> list[Submission]:
    """The submissions a Document holds: one per form (a PDF may stack several), one per row of a list."""
    ranges = page_ranges(doc)
    if len(ranges) == 1:
        return _parse_with_ocr(doc)
    out: list[Submission] = []
    failed: list[str] = []
    for k, (first, last) in enumerate(ranges, start=1):
        where = f"第{first}–{last}页" if last > first else f"第{first}页"
        try:
            parts = _parse_with_ocr(pages_of(doc, first, last))
        except UnknownFormError as err:
            failed.append(f"{where}（{err.detail or err.reason_zh}）")
            continue
        for sub in parts:
            sub.page_range = [first, last]
            sub.warnings.append(f"本文件含 {len(ranges)} 份申报表，此为第 {k} 份（{where}），按重复出现的表头“"
                                f"{doc.blocks[0].text.strip()[:30] if doc.blocks else ''}”拆分，请核对 / form {k} of "
                                f"{len(ranges)} in this file, pages {first}-{last}")
            out.append(sub)
    if not out:
        raise UnknownFormError(doc.source.file, "文件中的各份表格都未能识别 / none of the stacked forms was recognised")
    if failed:
        out[0].warnings.append("本文件中以下部分未能读成申报表：" + "；".join(failed) + " / parts not read")
    return out


def _parse_with_ocr(doc: Document) -> list[Submission]:
    submissions = _parse_form(doc)
    if doc.ocr:
        for sub in submissions:
            with_ocr_evidence(sub, doc)
    return submissions


def with_ocr_evidence(sub: Submission, doc: Document) -> Submission:
    """Each field read from OCR'd text gets the box it came from and the OCR confidence (the lowest
    of its lines): screening treats a value read with low confidence as unknown."""
    sub.ocr_pages = list(doc.ocr_pages)
    for field in sub.fields.values():
        ev = field.evidence
        if ev is None or ev.page not in doc.ocr_pages and ev.page is not None:
            continue
        lines = doc.ocr_at(ev.start, ev.end)
        if not lines:
            continue
        field.evidence = ev.model_copy(update={
            "confidence": min(t.confidence for t in lines),
            "page": ev.page if ev.page is not None else lines[0].page,
            "bbox": _union([t.bbox for t in lines if t.page == lines[0].page])})
    return sub


def _union(boxes: list[list[float]]) -> list[float]:
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]


def _parse_form(doc: Document) -> list[Submission]:
    detection = detect_form_type(doc)
    submissions = _read_as(doc, detection)
    if detection.undecided:  # never a silent guess: the reader says which types it could not tell apart
        for sub in submissions:
            sub.type_undecided = detection.undecided
            sub.warnings.append(detection.undecided)
    return submissions


def _read_as(doc: Document, detection) -> list[Submission]:
    spec = type_spec(detection.form_type)
    if "columns" in spec:
        rows = read_rows(doc, spec)
        if not rows:
            raise UnknownFormError(doc.source.file, "未找到培训计划列表的表头 / no list header found")
        return [Submission(source=doc.source, form_type=detection.form_type, row=n, fields=fields,
                           warnings=list(doc.warnings) + warnings, unread_pages=doc.unread_pages)
                for n, fields, warnings in rows]
    return [FormAssembler(doc, detection.form_type, spec).build()]


def _display(spec: dict[str, Any], key: str) -> str:
    labels = spec.get("labels") or [key]
    return labels[0]


class FormAssembler:
    """Turns what the grid reader located into typed, normalised fields."""

    def __init__(self, doc: Document, form_type: str, spec: dict[str, Any]) -> None:
        self.doc = doc
        self.form_type = form_type
        self.spec = spec
        self.fields: dict[str, Field_] = {}
        self.warnings: list[str] = list(doc.warnings)
        self.default_year = year_in(_title_text(doc))
        self.by_role: set[str] = set()  # people fields already filled from a roster's role column

    # -- evidence and plumbing

    def evidence(self, loc: Located, start: int | None = None, end: int | None = None) -> Evidence:
        s = loc.start if start is None else start
        e = loc.end if end is None else end
        cell = loc.cell
        if s >= e and loc.label_cell is not None:  # empty value: point at its label
            cell = loc.label_cell
            s, e = cell.start, cell.end
        if loc.table.index < 0:  # a paragraph outside the tables
            return self.doc.evidence(s, e)
        return self.doc.evidence(s, e, table=loc.table.index, row=cell.row, col=cell.col)

    def put(self, key: str, value: Any, loc: Located | None, raw: str | None = None,
            start: int | None = None, end: int | None = None) -> None:
        ev = self.evidence(loc, start, end) if loc is not None else None
        self.fields[key] = Field_(value=value, evidence=ev, raw=raw if raw is not None else (loc.text if loc else None))

    def paragraphs(self, loc: Located) -> list[str]:
        return clean_paragraphs(loc.text.split("\n"))

    def missing(self, key: str, fspec: dict[str, Any], targets: list[str] | None = None) -> None:
        for k in targets or [key]:
            self.fields[k] = Field_(value=None, found=False)
        if fspec.get("optional"):
            return  # a row this form type does not require (corpus: optional)
        self.warnings.append(f"未找到“{_display(fspec, key)}”栏，字段 {key} 为空")

    # -- build

    def build(self) -> Submission:
        grid = GridReader(self.doc, self.spec).read()
        for key, fspec in self.spec["fields"].items():
            try:
                self.read_field(grid, key, fspec)
            except Exception as err:  # one odd cell must not lose the whole form
                self.missing(key, fspec, fspec.get("targets"))
                self.warnings.append(f"读取“{_display(fspec, key)}”栏时出错：{err}")
        self.promote_marked_leader()
        unmatched = self.unmatched(grid)
        order = self.spec.get("order", [])
        ordered = {k: self.fields[k] for k in order if k in self.fields}
        ordered.update({k: v for k, v in self.fields.items() if k not in ordered})
        return Submission(source=self.doc.source, form_type=self.form_type, fields=ordered, warnings=self.warnings,
                          unread_pages=self.doc.unread_pages, unmatched=unmatched)

    def unmatched(self, grid: GridRead) -> list[Unmatched]:
        """Filled values beside labels no field knows: kept, and named in a warning, never dropped."""
        out = []
        for label, value, table in grid.unknown:
            text = as_text(clean_paragraphs(value.text.split("\n")))
            name = compact(label.text)
            ev = self.doc.evidence(value.start, value.end, table=table.index, row=value.row, col=value.col)
            out.append(Unmatched(label=name, value=text, evidence=ev))
            shown = text if len(text) <= 30 else text[:29] + "…"
            self.warnings.append(f"未识别的栏目“{name}”填有“{shown}”，未读入任何字段，请核对 / unknown label")
        for label, loc, key, winner in grid.lost:
            out.append(self.lost_label(label, loc, key, winner))
        return out

    def lost_label(self, label, loc: Located, key: str, winner: str) -> Unmatched:
        """A filled label that named a field another, better-matching label of the form took: kept and named."""
        text = as_text(clean_paragraphs(loc.text.split("\n")))
        name = compact(label.text)
        field_name = _display(self.spec["fields"].get(key, {}), key)
        shown = text if len(text) <= 30 else text[:29] + "…"
        self.warnings.append(f"栏目“{name}”与“{winner}”都对应“{field_name}”栏，已按更接近的“{winner}”读入；"
                             f"“{name}”填有“{shown}”，未读入任何字段，请核对 / label lost its field to a closer one")
        return Unmatched(label=name, value=text, evidence=self.evidence(loc))

    def read_field(self, grid: GridRead, key: str, fspec: dict[str, Any]) -> None:
        kind = fspec["kind"]
        if kind == "block":
            self.read_block(grid, key, fspec)
            return
        if kind == "people":
            self.read_people(grid, key, fspec)
            return
        loc = grid.fields.get(key)
        if kind in ("date_part", "period_place"):
            if loc is not None:  # an alternative layout of other fields: absent is the usual case
                getattr(self, f"read_{kind}")(key, fspec, loc)
            return
        if loc is None and key in grid.option_rows:
            self.read_option_rows(key, fspec, grid.option_rows[key])
            return
        if loc is None and (fspec.get("outside_table") or kind in OUTSIDE_KINDS):
            loc = self.find_outside_table(fspec)
        if loc is None and kind in BOX_KINDS:
            loc = self.boxes_outside_table(fspec)
        if loc is None and "derive" in fspec:
            self.derive(key, fspec)
            return
        if loc is None:
            self.missing(key, fspec, fspec.get("targets"))
            if "blanks" in fspec:
                for blank in fspec["blanks"]:
                    self.fields[blank] = Field_(value=None, found=False)
            return
        reader = getattr(self, f"read_{kind}")
        reader(key, fspec, loc)

    # -- kinds

    def read_text(self, key: str, fspec: dict[str, Any], loc: Located) -> None:
        self.put(key, as_text(self.paragraphs(loc)), loc)

    def read_paragraphs(self, key: str, fspec: dict[str, Any], loc: Located) -> None:
        self.put(key, as_paragraphs(self.paragraphs(loc)), loc)

    def read_opinion(self, key: str, fspec: dict[str, Any], loc: Located) -> None:
        self.put(key, as_opinion(self.paragraphs(loc)), loc)

    def read_list(self, key: str, fspec: dict[str, Any], loc: Located) -> None:
        self.put(key, as_list("\n".join(self.paragraphs(loc))), loc)

    def read_int(self, key: str, fspec: dict[str, Any], loc: Located) -> None:
        self._read_quantity(key, fspec, loc, as_int, "不是一个整数")

    def read_number(self, key: str, fspec: dict[str, Any], loc: Located) -> None:
        self._read_quantity(key, fspec, loc, as_number, "不是一个数")

    def _read_quantity(self, key: str, fspec: dict[str, Any], loc: Located, parse, what: str) -> None:
        """A count or an amount; a filled box that gives none is a warning naming what was written."""
        text = as_text(self.paragraphs(loc))
        value = parse(text)
        if text and value is None:
            self.warnings.append(f"“{_display(fspec, key)}”栏的“{text}”{what}")
        self.put(key, value, loc)

    def read_phone(self, key: str, fspec: dict[str, Any], loc: Located) -> None:
        text = as_text(self.paragraphs(loc))
        phone, valid = as_phone(text)
        if not valid:
            self.warnings.append(f"“{_display(fspec, key)}”栏的电话号码“{text}”格式不正确")
        self.put(key, phone, loc)

    def read_date(self, key: str, fspec: dict[str, Any], loc: Located) -> None:
        text = as_text(self.paragraphs(loc))
        value = as_date(text, self.default_year)
        if text and value is None and any(ch.isdigit() for ch in text):
            self.warnings.append(f"“{_display(fspec, key)}”栏的日期“{text}”无法识别")
        self.put(key, value, loc)

    def read_date_range(self, key: str, fspec: dict[str, Any], loc: Located) -> None:
        start_key, end_key = fspec["targets"]
        text = as_text(self.paragraphs(loc))
        found = as_period(text, self.default_year)
        if found is None:
            if text:
                self.warnings.append(f"“{_display(fspec, key)}”栏的日期“{text}”无法识别")
            self.put(start_key, None, loc)
            self.put(end_key, None, loc)
            return
        self.put(start_key, found[0], loc)
        self.put(end_key, found[1], loc)

    def read_date_part(self, key: str, fspec: dict[str, Any], loc: Located) -> None:
        """One end of a period on a row of its own (办班开始日期 | 2026年10月19日)."""
        target = fspec["target"]
        whole = self.spec["fields"].get(fspec.get("part_of", ""), {})
        period = as_period(as_text(self.paragraphs(loc)) or "", self.default_year)
        if period is not None and period[0] != period[1] and whole.get("targets"):
            # 开班时间 | 2027年11月29日—12月3日: the label names one end, the cell gives the whole period.
            for end_key, value in zip(whole["targets"], period, strict=True):
                self.put(end_key, value, loc)
        else:
            self.read_date(target, fspec, loc)
        missing_whole = f"未找到“{_display(whole, fspec.get('part_of', ''))}”栏"
        self.warnings = [w for w in self.warnings if not w.startswith(missing_whole)]

    def read_period_place(self, key: str, fspec: dict[str, Any], loc: Located) -> None:
        """Period and venue in one cell (办班时间及地点 | 2026年11月3日至7日，福建省福州市)."""
        start_key, end_key, place_key = fspec["targets"]
        pieces = [(m.start(), m.group()) for m in _PLACE_PIECE.finditer(loc.text)]
        dated = [(pos, p) for pos, p in pieces if any(ch.isdigit() for ch in p)]
        places = [(pos, _INLINE_WORD.sub("", p)) for pos, p in pieces if not any(ch.isdigit() for ch in p)]
        places = [(pos, p) for pos, p in places if p.strip()]
        found = as_period("".join(p for _, p in dated), self.default_year) if dated else None
        if found is not None:
            self.put(start_key, found[0], loc, start=loc.start + dated[0][0],
                     end=loc.start + dated[-1][0] + len(dated[-1][1]))
            self.put(end_key, found[1], loc, start=loc.start + dated[0][0],
                     end=loc.start + dated[-1][0] + len(dated[-1][1]))
        if places:
            place = "".join(p for _, p in places).strip()
            at = loc.text.find(places[0][1], places[0][0])
            end = loc.text.find(places[-1][1], places[-1][0]) + len(places[-1][1])
            self.put(place_key, place, loc, start=loc.start + at, end=loc.start + end)
        covered = [self.spec["fields"].get(k, {}) for k in fspec.get("covers", [])]
        names = [f"未找到“{_display(c, k)}”栏" for c, k in zip(covered, fspec.get("covers", []), strict=True)]
        self.warnings = [w for w in self.warnings if not w.startswith(tuple(names))]
        if found is None:
            self.warnings.append(f"“{_display(fspec, key)}”栏中未能识别办班日期：“{loc.text}”")
        if not places:
            self.warnings.append(f"“{_display(fspec, key)}”栏中未找到地点：“{loc.text}”")

    def read_option_rows(self, key: str, fspec: dict[str, Any], rows: list[tuple[str, Located]]) -> None:
        """A group written one option per row, its detail (or 是/否) in the next cell: a filled row is chosen."""
        from .labels import form_labels

        words = form_labels().get("option_row_words", {})
        chosen, locs = [], []
        for option, loc in rows:
            detail = as_text(self.paragraphs(loc))
            if not detail or detail in words.get("no", []):
                continue
            chosen.append({"category": option, "detail": None if detail in words.get("yes", []) else detail})
            locs.append(loc)
            if detail in words.get("yes", []):
                self.warnings.append(f"“{_display(fspec, key)}”勾选了“{option}”但未填写具体内容")
        if not locs:
            self.put(key, [], rows[0][1])
            return
        first, last = locs[0], locs[-1]
        anchor = first.label_cell or first.cell
        ev = self.doc.evidence(anchor.start, max(last.end, anchor.end), table=first.table.index, row=anchor.row,
                               col=anchor.col)
        self.fields[key] = Field_(value=chosen, evidence=ev, raw=None)

    def read_choice(self, key: str, fspec: dict[str, Any], loc: Located) -> None:
        name = _display(fspec, key)
        options_map = fspec.get("options")
        blanks = fspec.get("blanks") or {}
        for blank in blanks:
            self.fields[blank] = Field_(value=None)
        if not has_options(loc.text):
            self.choice_without_boxes(key, fspec, loc)
            return
        ticked = [o for o in read_options(loc.text) if o.checked]
        values = [canonical_option(o.label, options_map) for o in ticked]
        single = fspec.get("single", False)
        if not ticked:
            self.put(key, None if single else [], loc)
            if single:
                self.warnings.append(f"“{name}”未勾选任何选项")
        elif single and len(ticked) == 1:
            o = ticked[0]
            self.put(key, values[0], loc, raw=o.label, start=loc.start + o.start, end=loc.start + o.end)
        else:
            if single:
                self.warnings.append(f"“{name}”为单选，但勾选了{len(ticked)}项：{'、'.join(values)}")
            self.put(key, values, loc)
        for blank, bspec in blanks.items():
            for o, value in zip(ticked, values, strict=True):
                if value != bspec["option"]:
                    continue
                filled = read_blank(o.label, bspec)
                if bspec.get("kind") == "int":
                    filled = as_int(filled)
                self.put(blank, filled, loc, raw=o.label, start=loc.start + o.start, end=loc.start + o.end)
                break

    def choice_without_boxes(self, key: str, fspec: dict[str, Any], loc: Located) -> None:
        """A choice cell with no tick box: the text written there is the choice."""
        text = as_text(self.paragraphs(loc))
        if not text:
            self.put(key, None if fspec.get("single") else [], loc)
            self.warnings.append(f"“{_display(fspec, key)}”栏为空")
            return
        self.warnings.append(f"“{_display(fspec, key)}”栏没有勾选框，按所填文字读取")
        if fspec.get("single"):
            value = canonical_option(text, fspec.get("options"))
            self.put(key, value, loc)
            for blank, bspec in (fspec.get("blanks") or {}).items():  # 第3批国家级…基地 written out: batch 3
                if value == bspec["option"] and bspec.get("kind") == "int":
                    filled = read_blank(text, bspec)
                    self.put(blank, as_int(filled) if filled else None, loc)
        else:
            self.put(key, [canonical_option(x, fspec.get("options")) for x in as_list(text)], loc)

    def read_category_detail(self, key: str, fspec: dict[str, Any], loc: Located) -> None:
        categories = fspec.get("categories") or []
        if not has_options(loc.text):
            self.choice_without_boxes(key, {**fspec, "single": False}, loc)
            return
        chosen = []
        for o in read_options(loc.text):
            if o.checked:
                category, detail = split_category(o.label, categories)
                chosen.append({"category": category, "detail": detail})
                if detail is None:
                    self.warnings.append(f"“{_display(fspec, key)}”勾选了“{category}”但未填写具体内容")
        self.put(key, chosen, loc)

    # -- composite kinds

    def read_block(self, grid: GridRead, key: str, fspec: dict[str, Any]) -> None:
        subs = fspec["fields"]
        found = grid.blocks.get(key)
        section = next((s for s in grid.sections if s.kind == "block" and s.key == key), None)
        found = dict(found or {})
        if "name" in subs and "name" not in found:
            outside = self.unit_name_outside(fspec)
            if outside is not None:
                found["name"] = outside
        if not found and section is None:
            self.fields[key] = Field_(value={k: None for k in subs}, found=False)
            self.warnings.append(f"未找到“{_display(fspec, key)}”栏，字段 {key} 为空")
            return
        value: dict[str, Any] = {}
        unread: list[str] = []
        for sub, sspec in subs.items():
            loc = found.get(sub)
            if loc is None:
                value[sub] = None
                unread.append(sub)
                self.warnings.append(f"“{_display(fspec, key)}”中未找到“{_display(sspec, sub)}”")
                continue
            text = as_text(self.paragraphs(loc))
            if sspec["kind"] == "phone":
                phone, valid = as_phone(text)
                if not valid:
                    self.warnings.append(f"“{_display(fspec, key)}”的“{_display(sspec, sub)}”“{text}”格式不正确")
                value[sub] = phone
            else:
                value[sub] = text
        locs = [loc for loc in found.values() if loc.table.index >= 0] or list(found.values())
        anchor = section.label_cell if section else (locs[0].label_cell or locs[0].cell)
        table = section.table if section else locs[0].table
        end = max([loc.end for loc in locs] + [anchor.end])
        ev = self.doc.evidence(anchor.start, end) if table.index < 0 else \
            self.doc.evidence(anchor.start, end, table=table.index, row=anchor.row, col=anchor.col)
        self.fields[key] = Field_(value=value, evidence=ev, raw=None, unread=unread)

    def read_people(self, grid: GridRead, key: str, fspec: dict[str, Any]) -> None:
        if key in self.by_role:  # filled from a roster with a role column under another label
            return
        sections = [s for s in grid.sections if s.kind == "people" and s.key == key]
        multiple = fspec.get("multiple", True)
        pairs = [p for p in grid.people_pairs.get(key, []) if "name" in p]
        if not sections and pairs:
            self.read_person_rows(key, fspec, pairs)
            return
        if not sections and self.read_people_sentence(key, fspec):
            return
        if not sections:
            self.fields[key] = Field_(value=[] if multiple else None, found=False)
            self.warnings.append(f"未找到“{_display(fspec, key)}”栏，字段 {key} 为空")
            return
        seen: set[str] = set()
        people = [p for s in sections for p in read_people_safe(self, s, seen)]
        unread = sorted(PERSON_DETAILS - seen) if people else []
        if not people:  # the section's cell holds a sentence (张三（1979年5月，副研究员，XX所）；…)
            people = [p for s in sections for p in _people_in_cells(s)]
        records = [self.person_record(p, _display(fspec, key)) for p in people]
        first = sections[0].label_cell
        last_end = max([loc.end for p in people for loc in p.values()] + [first.end])
        ev = self.doc.evidence(first.start, last_end, table=sections[0].table.index, row=first.row, col=first.col)
        rule = self.spec.get("people_roles")
        if rule and any(rule["role_column"] in p for p in people):
            self.split_by_role(rule, people, records, ev)
            return
        if multiple:
            self.fields[key] = Field_(value=records, evidence=ev, unread=unread)
        else:
            if len(records) > 1:
                self.warnings.append(f"“{_display(fspec, key)}”栏填写了{len(records)}人，取第一人")
            if not records:
                self.warnings.append(f"“{_display(fspec, key)}”栏未填写")
            self.fields[key] = Field_(value=records[0] if records else None, evidence=ev if records else None,
                                      unread=unread)

    def split_by_role(self, rule: dict[str, Any], people: list[dict[str, Located]], records: list[dict[str, Any]],
                      ev: Evidence) -> None:
        """The whole group in one roster with a role column (带头人 / 成员): the role, not the heading,
        says who leads. A role holding neither word goes to the members, with a warning."""
        leader_key, members_key = rule["leader"], rule["members"]
        leaders, members = [], []
        for person, record in zip(people, records, strict=True):
            role_loc = person.get(rule["role_column"])
            role = compact(role_loc.text) if role_loc else ""
            if any(w in role for w in rule["leader_words"]):
                leaders.append(record)
                continue
            if not any(w in role for w in rule.get("member_words", [])):
                self.warnings.append(f"“{record['name']}”的角色“{role or '（空）'}”无法判断是带头人还是成员，列为成员")
            members.append(record)
        self.by_role.update((leader_key, members_key))
        self.fields[members_key] = Field_(value=members, evidence=ev)
        leader_name = _display(self.spec["fields"][leader_key], leader_key)
        old = self.fields.get(leader_key)
        if old is not None and old.value:  # a leader row of its own wins; the roster only says who else went
            if leaders and leaders[0]["name"] != old.value.get("name"):
                self.warnings.append(f"名单中标为带头人的“{leaders[0]['name']}”与“{leader_name}”栏"
                                     f"“{old.value.get('name')}”不一致")
            return
        self.warnings = [w for w in self.warnings if not w.startswith(f"未找到“{leader_name}”栏")]
        if not leaders:
            self.fields[leader_key] = Field_(value=None, found=False)
            self.warnings.append(f"名单中没有标为带头人的人员，字段 {leader_key} 为空")
            return
        if len(leaders) > 1:
            self.warnings.append(f"名单中有{len(leaders)}人标为带头人，取第一人“{leaders[0]['name']}”，其余列为成员")
            self.fields[members_key].value[:0] = leaders[1:]
        self.fields[leader_key] = Field_(value=leaders[0], evidence=ev)

    def read_people_sentence(self, key: str, fspec: dict[str, Any]) -> bool:
        """People listed in a paragraph instead of a table (团组成员：张三（1979年5月，副研究员，XX所）；…)."""
        for block in self.doc.blocks:
            if block.kind == "table":
                continue
            for synonym in sorted(fspec["labels"], key=len, reverse=True):
                pattern = (r"^\s*" + r"\s*".join(map(re.escape, synonym))
                           + r"\s*(?:名单)?\s*(?:[（(][^）)]*[)）])?\s*[：:]")
                m = re.match(pattern, block.text)
                if not m:
                    continue
                found = people_in_text(block.text[m.end():])
                if not found:
                    continue
                base = block.start + m.end()
                people = [{k: _paragraph_located(self.doc, base + s, base + e, block.text[m.end() + s:m.end() + e])
                           for k, (s, e) in person.items()} for person in found]
                records = [self.person_record(p, _display(fspec, key)) for p in people]
                ev = self.doc.evidence(block.start, block.end)
                multiple = fspec.get("multiple", True)
                if not multiple and len(records) > 1:
                    self.warnings.append(f"“{_display(fspec, key)}”栏填写了{len(records)}人，取第一人")
                self.fields[key] = Field_(value=records if multiple else records[0], evidence=ev)
                return True
        return False

    def read_person_rows(self, key: str, fspec: dict[str, Any], people: list[dict[str, Located]]) -> None:
        """People given as labelled rows (带头人姓名 | 韩松, 带头人职称 | 研究员; 成员姓名 | … on each row)."""
        name = _display(fspec, key)
        records = [self.person_record(person, name) for person in people]
        locs = [loc for person in people for loc in person.values()]
        first = min(locs, key=lambda loc: loc.start)
        anchor = first.label_cell or first.cell
        end = max(loc.end for loc in locs)
        ev = self.doc.evidence(anchor.start, end, table=first.table.index, row=anchor.row, col=anchor.col)
        if fspec.get("multiple", True):
            self.fields[key] = Field_(value=records, evidence=ev)
            return
        if len(records) > 1:
            self.warnings.append(f"“{name}”栏填写了{len(records)}人，取第一人")
        self.fields[key] = Field_(value=records[0], evidence=ev)

    def person_record(self, person: dict[str, Located], section_name: str) -> dict[str, Any]:
        def text(k: str) -> str | None:
            loc = person.get(k)
            return as_text(self.paragraphs(loc)) if loc else None

        name = text("name")
        marker = self.leader_marker()
        shown = marker.sub("", name) if marker and name else name  # the name as warnings show it
        birth_raw, title_raw = text("birth_date"), text("title")
        birth = as_birth_month(birth_raw)
        if birth_raw and birth is None:
            self.warnings.append(f"{section_name}“{shown}”的出生年月“{birth_raw}”无法识别")
        age = text("age")
        if not birth_raw and age:
            self.warnings.append(f"{section_name}“{shown}”只填写了年龄（{age}），未填写出生年月，出生年月为空")
        title = normalize_title(title_raw)
        if title_raw and title is None:
            self.warnings.append(f"{section_name}“{shown}”的职称“{title_raw}”无法归入正高级/副高级/中级/初级")
            title = title_raw
        return {"name": name, "birth_date": birth, "title": title, "unit": text("unit")}

    def leader_marker(self) -> re.Pattern | None:
        rule = self.spec.get("leader_in_members")
        if not rule:
            return None
        return re.compile("[（(](?:" + "|".join(map(re.escape, rule["markers"])) + ")[)）]")

    def promote_marked_leader(self) -> None:
        """The leader listed among the members with a marker (周明（带头人）) when no leader row exists.

        Names keep no marker: a marked member without a leader row becomes the
        leader and leaves the members list; with a leader row, the marker is only dropped."""
        rule = self.spec.get("leader_in_members")
        if not rule:
            return
        leader_key, members_key = rule["leader"], rule["members"]
        members = self.fields.get(members_key)
        if members is None or not isinstance(members.value, list):
            return
        marker = self.leader_marker()
        marked = [i for i, p in enumerate(members.value) if p.get("name") and marker.search(p["name"])]
        for i in marked:
            members.value[i]["name"] = marker.sub("", members.value[i]["name"]).strip() or None
        leader = self.fields.get(leader_key)
        if not marked or (leader is not None and leader.value):
            return
        record = members.value.pop(marked[0])
        self.fields[leader_key] = Field_(value=record, evidence=members.evidence)
        leader_name = _display(self.spec["fields"].get(leader_key, {}), leader_key)
        self.warnings = [w for w in self.warnings if not (w.startswith(f"未找到“{leader_name}”栏")
                                                          or w.startswith(f"“{leader_name}”栏未填写"))]
        self.warnings.append(f"未找到“{leader_name}”栏，取成员名单中标注为带头人的“{record['name']}”")

    # -- derived and outside-table fields

    def derive(self, key: str, fspec: dict[str, Any]) -> None:
        source_key = fspec["derive"]["from"]
        source = self.fields.get(source_key)
        found = find_participants(source.value if source else None)
        if found is None:
            self.fields[key] = Field_(value=None, found=False)
            source_name = _display(self.spec["fields"].get(source_key, {}), source_key)
            self.warnings.append(f"未能从“{source_name}”栏读出{_display(fspec, key)}，字段 {key} 为空")
            return
        value, s, e = found
        ev = source.evidence
        if ev is not None:
            # The derived number's own place in the document, found in the source cell's text.
            cell_text = self.doc.text[ev.start:ev.end]
            text_value = source.value
            pos = cell_text.find(text_value[max(0, s - 8):e]) if text_value else -1
            if pos >= 0:
                offset = ev.start + pos + (s - max(0, s - 8))
                ev = self.doc.evidence(offset, offset + (e - s), table=ev.table, row=ev.row, col=ev.col)
        self.fields[key] = Field_(value=value, evidence=ev, raw=source.value[s:e] if source else None)

    def find_outside_table(self, fspec: dict[str, Any], follow: bool = False) -> Located | None:
        """"申报时间：2025年1月24日" in a paragraph outside the tables (also mid-line in a PDF).

        The value ends where the next known label and its colon start (申报单位：X填报日期：Y, the
        spaces between them lost); with ``follow``, a label ending its paragraph takes the next one
        (a heading 申报项目类别： over a paragraph of boxes). Lines a PDF broke into several blocks
        are searched as one (paragraph_runs)."""
        stop = self.next_label_pattern()
        pattern = _outside_label_pattern(tuple(fspec["labels"]))
        runs = self.paragraph_runs()
        for k, run in enumerate(runs):
            m = pattern.search(run.text)
            if not m:
                continue
            at = m.end()
            if not run.text[at:].strip() and k + 1 < len(runs) and runs[k + 1].follows(run, self.doc) \
                    and (follow or self.value_line(runs[k + 1])):
                run, at = runs[k + 1], 0
            rest = run.text[at:]
            cut = stop.search(rest, 1)
            value = rest[:cut.start()] if cut else rest.split("\n")[0]
            lead = len(value) - len(value.lstrip())
            value = value.strip()
            if not value:
                return _paragraph_located(self.doc, run.offset(at), run.offset(at), "")
            start, end = run.offset(at + lead), run.offset(at + lead + len(value) - 1) + 1
            return _paragraph_located(self.doc, start, end, value)
        return None

    def value_line(self, run: _Run) -> bool:
        """Whether a short line after "label：" ending its block is that label's value (a PDF wrapped the
        line after the colon): not a label line, not a numbered heading, no boxes."""
        text = run.text.strip()
        return (0 < len(text) <= MAX_UNIT_NAME and run.blocks[0].page is not None and not has_options(text)
                and not starts_new_block(text) and not self.next_label_pattern().match(text)
                and not re.search("[：:]", text))

    def paragraph_runs(self) -> list[_Run]:
        """The paragraphs outside the tables, a PDF line wrapped over several blocks joined into one."""
        if not hasattr(self, "_runs"):
            self._runs = _paragraph_runs(self.doc, self.next_label_pattern())
        return self._runs

    def unit_name_outside(self, fspec: dict[str, Any]) -> Located | None:
        """The unit's name on a line above the table (承办单位（盖章）：XX学院　填报日期：…) when its
        block has no name row."""
        loc = self.find_outside_table(fspec)
        if loc is None or has_options(loc.text) or len(loc.text) > MAX_UNIT_NAME:
            return None
        if not _BRACKETED_HINT.sub("", loc.text).strip("_＿ 　"):  # 申报单位：（盖章） left unfilled
            return None
        return loc

    def boxes_outside_table(self, fspec: dict[str, Any]) -> Located | None:
        """A tick-box group outside the tables: a heading paragraph (项目类别：) then a paragraph of boxes."""
        loc = self.find_outside_table(fspec, follow=True)
        return loc if loc is not None and has_options(loc.text) else None

    def next_label_pattern(self) -> re.Pattern:
        """Where a paragraph's next "label：" starts: any label of this form type followed by a colon."""
        if not hasattr(self, "_next_label"):
            self._next_label = _outside_label_pattern(tuple(_all_labels(self.spec)))
        return self._next_label


class _Run:
    """Adjacent paragraph blocks read as one text (a PDF line wrapped into several blocks)."""

    def __init__(self, block) -> None:
        self.blocks = [block]
        self.text = block.text
        self.bases = [0]  # where each block's text starts in ``text``

    def add(self, block) -> None:
        self.bases.append(len(self.text))
        self.blocks.append(block)
        self.text += block.text

    def offset(self, i: int) -> int:
        """The Document.text offset of character ``i`` of ``text``."""
        n = max(k for k, b in enumerate(self.bases) if b <= i) if self.bases else 0
        return self.blocks[n].start + (i - self.bases[n])

    def follows(self, other: _Run, doc: Document) -> bool:
        """Whether this run's first block comes right after ``other``'s last, no table between."""
        blocks = doc.blocks
        last = next((i for i, b in enumerate(blocks) if b is other.blocks[-1]), None)
        return last is not None and last + 1 < len(blocks) and blocks[last + 1] is self.blocks[0]


def _paragraph_runs(doc: Document, stop: re.Pattern) -> list[_Run]:
    runs: list[_Run] = []
    prev = None
    for block in doc.blocks:
        if block.kind == "table":
            prev = None
            continue
        if prev is not None and _wrapped_on(prev, block, runs[-1], stop):
            runs[-1].add(block)
        else:
            runs.append(_Run(block))
        prev = block
    return runs


def _wrapped_on(prev, block, run: _Run, stop: re.Pattern) -> bool:
    """Whether ``block`` is the rest of a line the PDF wrapped (only PDFs wrap; a DOCX paragraph is whole).

    It is when the line before it ends mid-sentence and it opens nothing of its own: no numbering, no tick
    boxes, and no "label：" unless its colon ends a known label cut by the wrap (填报 / 日期：…)."""
    if prev.page is None or block.page != prev.page or ends_sentence(prev.text) or has_options(block.text):
        return False
    if starts_new_block(block.text) or has_options(prev.text[-1:]):
        return False
    colon = re.search("[：:]", block.text)
    if colon is None:
        return True
    joined = run.text + block.text
    m = stop.search(joined, max(0, len(run.text) - 12))
    if m is not None and m.start() < len(run.text) < m.end():
        return True  # 填报 / 日期：the wrap cut a label
    if stop.match(block.text):
        return False  # a line of its own that opens with a label
    # Value text before a later label (…联合培训基地填报日期：) goes on; a short unknown "备注：" opens a line.
    return colon.start() > MAX_LINE_LABEL


# Characters before a colon that can still be a label of its own (备注：, 邮政编码：).
MAX_LINE_LABEL = 6
_BRACKETED_HINT = re.compile(r"[（(][^（()）]*[)）]")
# A unit's name is short; a longer text after "申报单位：" is an instruction or a sentence.
MAX_UNIT_NAME = 60
# Kinds of a short fact a form may state as a "label：value" line above its table (项目名称：…, 举办时间：…)
# when its table has no row for it.
OUTSIDE_KINDS = ("text", "date", "date_range", "int", "number")
# Kinds read from tick boxes: also found as a heading paragraph with the boxes in the next paragraph.
BOX_KINDS = ("choice", "category_detail")


def _all_labels(spec: dict[str, Any]) -> list[str]:
    """Every label of a form type: fields, blocks and their sub-fields (at least two characters)."""
    out: list[str] = []
    for fspec in spec.get("fields", {}).values():
        out += fspec.get("labels", [])
        for sub in (fspec.get("fields") or {}).values():
            out += sub.get("labels", [])
    return sorted({x for x in out if len(x) >= 2}, key=len, reverse=True)


_LABEL_PATTERNS: dict[tuple[str, ...], re.Pattern] = {}


def _outside_label_pattern(labels: tuple[str, ...]) -> re.Pattern:
    """One of ``labels`` (spaces allowed inside, a bracketed hint such as （盖章） after it) and a colon."""
    if labels not in _LABEL_PATTERNS:
        alternatives = "|".join(r"\s*".join(map(re.escape, x)) for x in sorted(labels, key=len, reverse=True))
        _LABEL_PATTERNS[labels] = re.compile(f"(?:{alternatives})" + _GLOSS_BEFORE_COLON
                                             + r"(?:[（(][^（()）]{0,8}[)）])?\s*[：:]\s*")
    return _LABEL_PATTERNS[labels]


def _people_in_cells(section) -> list[dict[str, Located]]:
    people = []
    for table, cells in section.rows:
        for cell in cells:
            for person in people_in_text(cell.text):
                people.append({k: Located(cell=cell, table=table, text=cell.text[s:e], start=cell.start + s,
                                          end=cell.start + e, label_cell=section.label_cell)
                               for k, (s, e) in person.items()})
    return people


def read_people_safe(assembler: FormAssembler, section, seen: set[str] | None = None) -> list[dict[str, Located]]:
    reader = GridReader(assembler.doc, assembler.spec)
    return read_people(reader, section, seen)


def _lines(text: str, offset: int):
    pos = offset
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _paragraph_located(doc: Document, start: int, end: int, value: str) -> Located:
    from ...models import Cell, Table

    cell = Cell(text=value, row=0, col=0, start=start, end=end)
    table = Table(index=-1, n_rows=0, n_cols=0, cells=[], start=start, end=end)
    return Located(cell=cell, table=table, text=value, start=start, end=end)


"""The typed models that cross stage boundaries.

Data flows one way: ingest -> normalizers -> extractors -> checker -> outputs.
Each stage takes and returns only these models, so every stage can be tested
and replaced on its own. JSON shapes follow DESIGN.md (the CLI contract).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Format = Literal["pdf", "docx", "xlsx", "txt", "md", "html", "doc", "xls", "image"]


class Model(BaseModel):
    # Validators and serializers are built on first use, not at import: a command pays only
    # for the models it uses (a start-up cost, see benchmarks/bench_startup.py).
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


# --------------------------------------------------------------------------- provenance


class Evidence(Model):
    """Where a value came from: character offsets into ``Document.text``.

    ``page`` is 1-based where the format has pages. For a table cell, ``table``,
    ``row`` and ``col`` locate the cell (0-based, in the table's grid).
    """

    text: str
    page: int | None = None
    start: int
    end: int
    table: int | None = None
    row: int | None = None
    col: int | None = None
    file: str | None = None  # set when evidence is shown outside its document (reports)
    # Set for a value read by OCR: its box on the page (x0, top, x1, bottom, points from the page's
    # top-left) and the OCR confidence (0..1, the lowest of the lines it was read from).
    bbox: list[float] | None = None
    confidence: float | None = None


class Source(Model):
    file: str
    sha256: str
    format: Format


# --------------------------------------------------------------------------- ingest: Document


class Checkbox(Model):
    """One tick box. In ``Document.text`` every box is rendered as ☑ (ticked) or ☐."""

    checked: bool
    glyph: str  # what the file had: ☐ ☑ ☒ ■ □ √ [√] [x] sdt formfield input
    label: str = ""  # the text after the box, up to the next box or the end of the cell
    start: int  # offset of the rendered box glyph in Document.text
    end: int
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None


class Cell(Model):
    """A table cell anchored at (row, col), spanning row_span x col_span grid positions."""

    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    start: int  # offsets of the cell text in Document.text (start == end for an empty cell)
    end: int
    paragraphs: list[str] = Field(default_factory=list)
    nested: list[int] = Field(default_factory=list)  # indices of tables nested in this cell


class Table(Model):
    index: int
    page: int | None = None
    n_rows: int
    n_cols: int
    cells: list[Cell]  # anchor cells only (a merged cell appears once), in reading order
    start: int
    end: int
    parent: int | None = None  # index of the table this one is nested in
    header: list[str] | None = None  # XLSX: the header row's labels
    header_rows: int = 0  # XLSX: how many rows at the top of the table are header rows (data follow)
    # (row, col) -> the cell covering it, built on first lookup: a plan list of 20,000 rows is
    # looked up cell by cell, and a scan of every cell per lookup made reading it quadratic.
    _index: dict[tuple[int, int], Cell] | None = PrivateAttr(default=None)
    _indexed: tuple[int, int] = PrivateAttr(default=(0, 0))

    def _covering(self) -> dict[tuple[int, int], Cell]:
        key = (id(self.cells), len(self.cells))  # rebuilt when cells are replaced or added
        if self._index is None or self._indexed != key:
            index: dict[tuple[int, int], Cell] = {}
            for cell in self.cells:
                for r in range(cell.row, cell.row + cell.row_span):
                    for c in range(cell.col, cell.col + cell.col_span):
                        index.setdefault((r, c), cell)  # the first in reading order wins, as before
            self._index, self._indexed = index, key
        return self._index

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering grid position (row, col), following merges."""
        return self._covering().get((row, col))

    def row_cells(self, row: int) -> list[Cell]:
        """Distinct cells covering grid row ``row``, left to right."""
        seen: dict[int, Cell] = {}
        for col in range(self.n_cols):
            cell = self.cell_at(row, col)
            if cell is not None:
                seen.setdefault(id(cell), cell)
        return list(seen.values())

    def grid(self) -> list[list[str]]:
        """Rows of cell texts with merged cells repeated: convenient for tabular data."""
        out = []
        for r in range(self.n_rows):
            row = []
            for c in range(self.n_cols):
                cell = self.cell_at(r, c)
                row.append(cell.text if cell else "")
            out.append(row)
        return out


BlockKind = Literal["heading", "paragraph", "list_item", "table"]


class Block(Model):
    kind: BlockKind
    text: str
    start: int
    end: int
    page: int | None = None
    level: int | None = None  # heading level, 1 = top
    table: int | None = None  # index into Document.tables for kind == "table"


class Word(Model):
    """A PDF word with its box (pdfplumber's coordinates, points from the page's top-left)."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float


class OcrText(Model):
    """One line read by OCR: where it is on its page, how sure the reader was, where it is in the text."""

    text: str
    page: int
    bbox: list[float]  # x0, top, x1, bottom in points from the page's top-left
    confidence: float
    start: int | None = None  # offsets in Document.text where the line was found (None: not found)
    end: int | None = None


class Document(Model):
    source: Source
    text: str
    blocks: list[Block] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    checkboxes: list[Checkbox] = Field(default_factory=list)
    pages: int | None = None
    words: list[Word] = Field(default_factory=list, exclude=True)  # PDF only; not in JSON output
    warnings: list[str] = Field(default_factory=list)
    unread_pages: list[int] = Field(default_factory=list)  # pages with no text layer (scanned), 1-based
    ocr_pages: list[int] = Field(default_factory=list)  # pages read by OCR (scans, photographs), 1-based
    ocr: list[OcrText] = Field(default_factory=list)  # every line OCR read, with page, box and confidence

    def ocr_at(self, start: int, end: int) -> list[OcrText]:
        """The OCR'd lines the span [start, end) of the text was read from."""
        return [t for t in self.ocr if t.start is not None and t.end is not None
                and t.start < max(end, start + 1) and start < t.end]

    def evidence(self, start: int, end: int, **cell: int | None) -> Evidence:
        """Evidence for the span [start, end) of the text, with its page looked up."""
        return Evidence(text=self.text[start:end], page=self.page_at(start), start=start, end=end, **cell)

    def page_at(self, offset: int) -> int | None:
        if self.pages is None:
            return None
        for block in self.blocks:
            if block.start <= offset < max(block.end, block.start + 1):
                return block.page
        last = [b.page for b in self.blocks if b.start <= offset and b.page is not None]
        return last[-1] if last else None


# --------------------------------------------------------------------------- normalizers: Span


class Span(Model):
    """A typed value a normalizer found in a text, with its place in that text.

    ``value`` is the normalised value (int/float, ISO date string, CNY amount,
    ``[lo, hi]`` for ranges, a list for ``in``). ``op``/``unit``/``strength`` are
    set by the comparison reader (不少于3天 -> op ">=", value 3, unit "天").
    ``approximate`` marks values read loosely (2020年1月 -> month end; 约, 左右).
    """

    value: Any
    text: str
    start: int
    end: int
    unit: str | None = None
    op: Literal[">=", "<=", "==", "between", "approx", "in"] | None = None
    strength: Literal["required", "guideline"] | None = None
    approximate: bool = False


# --------------------------------------------------------------------------- notices: RuleSet

Op = Literal[">=", "<=", "==", "between", "approx", "in"]
Strength = Literal["required", "guideline"]
NoticeKind = Literal["call_for_applications", "application_guide", "pre_notice", "guideline", "relay",
                     "enrollment", "guide"]


class NoticeMeta(Model):
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    issued_on: str | None = None  # ISO date
    year: int | None = None
    kind: NoticeKind | None = None
    addressees: list[str] = Field(default_factory=list)
    disclosure: str | None = None
    evidence: dict[str, Evidence] = Field(default_factory=dict)  # per metadata field


class Program(Model):
    name: str
    tier: str | None = None
    aliases: list[str] = Field(default_factory=list)
    evidence: Evidence | None = None


class Condition(Model):
    attribute: str
    op: Op
    value: Any


# The attribute of a condition the notice states in words rather than as a measure:
# "每个设区市申报不超过3个" applies to 设区市 (value: the words), "公需科目不少于30学时" to
# 公需科目. Screening cannot tell from a form whether it holds, so it asks a person.
SCOPE_CONDITION = "applies_to"


class Requirement(Model):
    id: str
    program: str | None = None  # None: applies to every programme
    attribute: str
    op: Op
    value: Any
    unit: str | None = None
    strength: Strength = "required"
    condition: Condition | None = None
    evidence: Evidence | None = None
    # An open requirement (attribute "other"): the Chinese head phrase of its clause (折算学时).
    label: str | None = None
    # What the notice's own reading said before a reviewer edited this requirement
    # ({"op": ">=", "value": 30}); None when the requirement is as read from the notice.
    edited_from: dict[str, Any] | None = None


class TopicScope(Model):
    category: str
    program: str | None = None
    items: list[str] = Field(default_factory=list)
    evidence: Evidence | None = None


class PriorityDirection(Model):
    program: str | None = None
    text: str
    keywords: list[str] = Field(default_factory=list)
    evidence: Evidence | None = None


class Deadline(Model):
    what: str
    date: str | None  # ISO date
    approximate: bool = False  # "2020年1月" read as the month's end
    program: str | None = None
    evidence: Evidence | None = None


class Contact(Model):
    name: str | None = None
    phone: list[str] = Field(default_factory=list)
    email: str | None = None
    role: str | None = None
    evidence: Evidence | None = None


class Attachment(Model):
    number: int | None = None
    title: str
    evidence: Evidence | None = None


class RuleSet(Model):
    source: Source
    notice: NoticeMeta = Field(default_factory=NoticeMeta)
    programs: list[Program] = Field(default_factory=list)
    requirements: list[Requirement] = Field(default_factory=list)
    topic_scope: list[TopicScope] = Field(default_factory=list)
    priority_directions: list[PriorityDirection] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    # Normative sentences with a quantity from which nothing was read: what the reader did not understand.
    unparsed: list[Evidence] = Field(default_factory=list)


# --------------------------------------------------------------------------- forms: Submission

FormType = Literal["fj_national_seminar", "fj_provincial_seminar", "cas_overseas_training", "cas_training_plan"]


class Field_(Model):
    """One extracted form field: its normalised value and where it was read."""

    value: Any = None
    evidence: Evidence | None = None
    raw: str | None = None  # the text as written, before normalisation
    # Whether the field's label was found on the form. A field whose label was found and whose
    # box is empty was left blank by the applicant; one whose label was not found was not read,
    # and nothing can be said about it.
    found: bool = True
    unread: list[str] = Field(default_factory=list)  # sub-fields (host.contact, leader.birth_date) not found


class Unmatched(Model):
    """A filled value under a label the reader does not know: kept so nothing a unit wrote vanishes."""

    label: str
    value: str
    evidence: Evidence | None = None


class Submission(Model):
    source: Source
    form_type: FormType | None = None
    row: int | None = None  # 1-based data row for multi-row files (XLSX plan lists)
    fields: dict[str, Field_] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)
    unread_pages: list[int] = Field(default_factory=list)  # pages of the file that were not read (scans)
    ocr_pages: list[int] = Field(default_factory=list)  # pages of the file read by OCR
    page_range: list[int] | None = None  # [first, last] page of this form when one PDF holds several
    unmatched: list[Unmatched] = Field(default_factory=list)  # filled values under labels not known
    type_undecided: str | None = None  # why the form type could not be decided (two types scored alike)

    def value(self, key: str, default: Any = None) -> Any:
        """The plain value of a field (dotted keys reach into dict values: ``host.name``)."""
        head, _, rest = key.partition(".")
        field = self.fields.get(head)
        if field is None or field.value is None:
            return default
        value = field.value
        for part in rest.split(".") if rest else []:
            if not isinstance(value, dict):
                return default
            value = value.get(part)
        return default if value is None else value

    def label_found(self, key: str) -> bool:
        """Whether the form's label for ``key`` (dotted: ``host.contact``, ``leader[0].birth_date``) was found.

        False for a field the form has no box for at all, or whose label was not recognised:
        its value is unknown, not blank."""
        head, _, rest = key.partition(".")
        field = self.fields.get(head.partition("[")[0])
        if field is None or not field.found:
            return False
        return not rest or rest.partition(".")[0] not in field.unread


# --------------------------------------------------------------------------- topics


class DirectionSet(Model):
    """The list of directions a proposal was classified onto, and where it came from: the notice
    given with --rules, or (without one) the built-in list shipped in corpus/taxonomy.json."""

    kind: Literal["builtin", "rules"]
    name: str  # 内置方向表, or the rules / notice file's name
    source: str  # corpus/taxonomy.json, or the path the rules were read from
    directions: int = 0  # how many directions the list has
    categories: list[str] = Field(default_factory=list)


class TopicMatch(Model):
    category: str
    direction: str
    score: float = Field(ge=0.0, le=1.0)
    matched_terms: list[str] = Field(default_factory=list)
    evidence: str = ""
    program: str | None = None
    # The glossary nodes, root first, through which the direction was matched (empty when its
    # name or a hand-written alias matched).
    glossary_path: list[str] = Field(default_factory=list)
    # Which list of directions answered (always set by the classifier).
    taxonomy: DirectionSet | None = None


class Proposal(Model):
    id: str
    title: str
    description: str | None = None


class NearestDirection(Model):
    """For a proposal in no direction: the direction that came closest, and why it was rejected."""

    category: str
    direction: str
    score: float = Field(ge=0.0, le=1.0)
    matched_terms: list[str] = Field(default_factory=list)
    program: str | None = None
    glossary_path: list[str] = Field(default_factory=list)
    reason: str = ""


class ProposalResult(Model):
    id: str
    title: str
    matches: list[TopicMatch]
    # Only when ``matches`` is empty: the nearest direction (null when nothing came near at all)
    # and, always, why the proposal is in no direction.
    nearest: NearestDirection | None = None
    none_reason: str | None = None
    # Which list of directions answered, also when nothing matched.
    taxonomy: DirectionSet | None = None


# --------------------------------------------------------------------------- screening

Verdict = Literal["pass", "fail", "review", "error"]


class Finding(Model):
    requirement_id: str | None = None
    attribute: str
    status: Literal["violated", "satisfied", "unknown"]
    severity: Literal["error", "warning", "info"]
    message: str
    field: str | None = None  # the form field the finding rests on
    form_value: Any = None
    form_evidence: Evidence | None = None
    notice_evidence: Evidence | None = None
    group: str | None = None  # a batch rule's finding: the batch finding (B1 …) that lists the group


class ScreeningResult(Model):
    file: str
    row: int | None = None
    form_type: str | None = None
    program: str | None = None
    programs: list[str] = Field(default_factory=list)  # every programme the submission is held to
    title: str | None = None  # project / class name, for people reading the report
    unit: str | None = None
    verdict: Verdict
    error: str | None = None
    findings: list[Finding] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    fields: dict[str, Any] = Field(default_factory=dict)  # the submission's plain values, for reports


class BatchFinding(Model):
    attribute: str
    unit: str | None = None
    files: list[str]
    rows: list[int | None] = Field(default_factory=list)
    message: str
    requirement_id: str | None = None
    notice_evidence: Evidence | None = None
    group: str | None = None  # B1, B2 …: what the members' own findings refer to


class Summary(Model):
    total: int = 0
    pass_: int = Field(0, alias="pass", serialization_alias="pass")
    fail: int = 0
    review: int = 0
    error: int = 0


class RuleSetRef(Model):
    title: str | None = None
    sha256: str | None = None
    issuer: str | None = None
    year: int | None = None

    # Which rules exactly: the hash of the rule set's content (an edit changes it, the notice's
    # sha256 stays), and where the run took them from in the registry, when it did.
    content_sha256: str | None = None
    registry_id: int | None = None
    version: int | None = None
    status: str | None = None  # draft | approved
    approved_at: str | None = None
    file: str | None = None  # the rule-set or notice file given with --rules

    @classmethod
    def of(cls, ruleset: RuleSet, **details: Any) -> RuleSetRef:
        """The reference reports and diffs carry: which notice the rules were read from."""
        return cls(title=ruleset.notice.title, sha256=ruleset.source.sha256, issuer=ruleset.notice.issuer,
                   year=ruleset.notice.year, **details)


class ScreeningReport(Model):
    ruleset: RuleSetRef
    results: list[ScreeningResult] = Field(default_factory=list)
    batch_findings: list[BatchFinding] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)
    ignored: list[str] = Field(default_factory=list)  # files not screened on purpose (Office lock files ~$…)
    # A run stopped by Ctrl-C or SIGTERM: the report holds what finished; these files were not reached.
    partial: bool = False
    not_reached: list[str] = Field(default_factory=list)

    @property
    def all_clear(self) -> bool:
        """No result failed and every file was read (what the exit code of ``shenbao screen`` says)."""
        return self.summary.fail == 0 and self.summary.error == 0


# --------------------------------------------------------------------------- rule-set diff


class RequirementChange(Model):
    program: str | None
    attribute: str
    change: Literal["added", "removed", "changed"]
    old: Requirement | None = None
    new: Requirement | None = None
    summary: str  # one readable line, in Chinese


class RuleDiff(Model):
    old: RuleSetRef
    new: RuleSetRef
    programs_added: list[str] = Field(default_factory=list)
    programs_removed: list[str] = Field(default_factory=list)
    programs_renamed: dict[str, str] = Field(default_factory=dict)  # old name -> new name (fuzzy match)
    requirements: list[RequirementChange] = Field(default_factory=list)
    requirements_unchanged: int = 0  # requirements identical in both rule sets
    topic_items_added: dict[str, list[str]] = Field(default_factory=dict)
    topic_items_removed: dict[str, list[str]] = Field(default_factory=dict)
    deadlines_changed: list[str] = Field(default_factory=list)


def dump_json(model: BaseModel | list, **kwargs: Any) -> str:
    """UTF-8 JSON as the CLI prints it (Chinese kept readable, aliases used)."""
    import json

    if isinstance(model, list):
        data = [m.model_dump(mode="json", by_alias=True) if isinstance(m, BaseModel) else m for m in model]
        return json.dumps(data, ensure_ascii=False, indent=kwargs.get("indent", 2))
    return model.model_dump_json(by_alias=True, indent=kwargs.get("indent", 2))

"""Which form is this? Scored from the title and the labels (corpus/form_types.yaml).

The title is looked for in the paragraphs above the first table (and in the
first cells, for forms whose title row is part of the table); labels are the
short cells of all tables; XLSX lists are recognised by their column headers.
Every cue found adds its weight (title cues weighted by how well they match),
negative cues subtract theirs. Besides the hand-picked cues, every field of
the type whose label (any synonym in corpus/form_labels.yaml, also written as
"label：value" in a cell) is found adds ``field_label_weight``: a form of
another province whose title and labels are all reworded is still recognised
by how many of the type's fields it has. The best type above ``min_score``
wins, else the document is no known form and UnknownFormError names the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ...errors import UnknownFormError
from ...models import Document
from ...normalizers.text import compact
from .labels import (
    clean_label,
    form_labels,
    form_types,
    looks_like_label,
    match_label,
    matching,
    split_inline_label,
)

TITLE_WINDOW = 600  # characters of text before the first table that can hold the title
LABEL_THRESHOLD = 86.0


@dataclass
class Detection:
    form_type: str
    score: float
    scores: dict[str, float]
    runner_up: str | None = None  # the next type when it scored within decide_margin: the type is undecided

    @property
    def undecided(self) -> str | None:
        """Why the type could not be decided (two types scored alike), or None."""
        if self.runner_up is None:
            return None
        return (f"申报表类型无法确定：按标题和栏目，{_describe(self.form_type)}（{self.score:g}）与"
                f"{_describe(self.runner_up)}（{self.scores[self.runner_up]:g}）得分接近，暂按前者读取，请人工核对 / "
                f"form type undecided between {self.form_type} and {self.runner_up}")


def _describe(name: str) -> str:
    return str(form_types()["types"].get(name, {}).get("description") or name)


def _title_text(doc: Document) -> str:
    head = []
    for block in doc.blocks:
        if block.kind == "table":
            break
        head.append(block.text)
    text = compact("\n".join(head))[:TITLE_WINDOW]
    if doc.tables:
        first = doc.tables[0]
        text += compact("".join(c.text for c in first.cells[:3]))
    return text


# Rows below a list's header that may still hold labels (a system export puts its field names
# above the Chinese labels); the data rows after them are values.
LIST_LABEL_ROWS = 3


def _label_cells(table):
    """Cells that may hold labels: all of a form's table; only the top rows of a list (a plan
    list of 20,000 rows must not be matched cell by cell)."""
    if table.header:
        return [cell for cell in table.cells if cell.row < table.header_rows + LIST_LABEL_ROWS]
    return table.cells


def _labels(doc: Document) -> list[str]:
    out = []
    for table in doc.tables:
        for cell in _label_cells(table):
            if looks_like_label(cell.text):
                out.append(cell.text)
            else:
                inline = split_inline_label(cell.text)
                if inline and inline[1].strip():
                    out.append(inline[0])
        if table.header:
            out.extend(h for h in table.header if h)
    return list(dict.fromkeys(out))  # each distinct text once


def _type_fields(name: str) -> dict[str, dict]:
    """Field (or list column) key -> spec with ``labels``, for one form type."""
    spec = form_labels()["types"].get(name, {})
    return {k: v for k, v in (spec.get("fields") or spec.get("columns") or {}).items() if not v.get("internal")}


def fields_found(labels: list[str], name: str) -> set[str]:
    """The fields of form type ``name`` whose label is among ``labels``."""
    fields = _type_fields(name)
    found = set()
    for text in labels:
        m = match_label(text, fields)
        if m:
            found.add(m.key)
    return found


def _cue_score(haystack: str, cue: str, fuzzy: bool = True) -> float:
    """1.0 when the cue is in the text, else the best partial ratio (0-1) when close (≥ 0.92).

    The threshold is high on purpose: 省级高级研修项目申报表 and 高级研修项目申报表
    differ only by the two characters that tell the forms apart."""
    cue_c = compact(cue)
    if not cue_c or not haystack:
        return 0.0
    if cue_c in haystack:
        return 1.0
    if not fuzzy:
        return 0.0
    score = fuzz.partial_ratio(cue_c, haystack) / 100.0
    return score if score >= 0.92 else 0.0


def _label_found(cleaned_labels: list[str], cue: str) -> bool:
    """Is one of the (cleaned) labels the cue, or close to it? Short cues must match exactly."""
    target = clean_label(cue)
    if target in cleaned_labels:
        return True
    if len(target) <= matching("short_label"):
        return False
    return process.extractOne(target, cleaned_labels, scorer=fuzz.ratio, score_cutoff=LABEL_THRESHOLD) is not None


def score_types(doc: Document) -> dict[str, float]:
    title = _title_text(doc)
    labels = _labels(doc)
    cleaned = sorted({clean_label(x) for x in labels})
    field_weight = float(form_types().get("field_label_weight", 0.0))
    headers = sorted({clean_label(h) for t in doc.tables for h in (t.header or []) if h})
    scores: dict[str, float] = {}
    for name, spec in form_types()["types"].items():
        score = sum(c["weight"] * _cue_score(title, c["text"]) for c in spec.get("title_cues", []))
        score -= sum(c["weight"] * _cue_score(title, c["text"], fuzzy=False) for c in spec.get("negative_title_cues", []))
        for cue in spec.get("labels", []):
            if _label_found(cleaned, cue["text"]):
                score += cue["weight"]
        for cue in spec.get("negative_labels", []):
            if _label_found(cleaned, cue["text"]):
                score -= cue["weight"]
        for cue in spec.get("headers", []):
            if _label_found(headers, cue["text"]):
                score += cue["weight"]
        score += field_weight * len(fields_found(labels, name))
        scores[name] = round(score, 3)
    return scores


def _preamble_chars(doc: Document) -> int:
    first_table = next((b.start for b in doc.blocks if b.kind == "table"), len(doc.text))
    return len(compact(doc.text[:first_table]))


def detect_form_type(doc: Document) -> Detection:
    limit = form_types().get("max_preamble_chars")
    if limit and doc.tables and _preamble_chars(doc) > int(limit):
        raise UnknownFormError(doc.source.file, "表格前有大段正文，像是通知/指南而不是填好的申报表 / "
                                                "long prose before the first table: a notice, not a form")
    scores = score_types(doc)
    best = max(scores, key=lambda k: scores[k]) if scores else None
    min_score = float(form_types().get("min_score", 4.0))
    if best is None or scores[best] < min_score:
        raise UnknownFormError(doc.source.file, "未识别出申报表/申请表的标题或栏目 / no known form title or labels")
    margin = float(form_types().get("decide_margin", 0.0))
    others = sorted((k for k in scores if k != best), key=lambda k: scores[k], reverse=True)
    close = others[0] if others and scores[best] - scores[others[0]] < margin and scores[others[0]] >= min_score \
        else None
    return Detection(form_type=best, score=scores[best], scores=scores, runner_up=close)

"""Notice -> RuleSet.

``parse_notice(doc)`` reads a Document (any format, see shenbao.ingest) and
returns its RuleSet: metadata, programmes, requirements, topic scope, priority
directions, deadlines, contacts and attachments, each with evidence offsets
into ``Document.text``. ``parse_notice_file(path)`` loads the file first.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import ExtractionError, UnknownFormError
from ...models import Document, RuleSet
from .attachments import numbered, parse_attachments
from .contacts import parse_contacts
from .coverage import unparsed_sentences
from .deadlines import date_windows, deadline_candidates
from .metadata import parse_metadata
from .programs import ProgramIndex, find_programs, to_models
from .requirements import extract, mark_subject_headings, sentence_contexts, to_requirements
from .scope import parse_scope
from .sections import build_units
from .tables import row_labels, table_layouts

__all__ = ["parse_notice", "parse_notice_file"]


class NotANoticeError(ExtractionError):
    reason_zh = "不是通知或申报指南"
    reason_en = "not a notice"


def parse_notice_file(path: str | Path) -> RuleSet:
    from ...ingest import load

    doc = load(path)
    refuse_filled_form(doc)
    return parse_notice(doc)


def refuse_filled_form(doc: Document) -> None:
    """A filled 申报表 handed in as a notice: say so, rather than read rules out of its cells."""
    if parse_metadata(doc)[0].kind:
        return  # titled as a notice (通知/指南/意见): its annexed blank forms are not a filled form
    from ..forms.detect import detect_form_type  # only now: a notice command need not load the form readers

    try:
        found = detect_form_type(doc)
    except UnknownFormError:
        return
    raise NotANoticeError(doc.source.file, f"看起来是填好的申报表（{found.form_type}）/ looks like a filled form")


def parse_notice(doc: Document) -> RuleSet:
    meta, warnings = parse_metadata(doc)
    units = build_units(doc)
    attachments = parse_attachments(doc)
    annex_titles = numbered(attachments) or _annex_titles(units)
    layouts = table_layouts(doc)
    programs = [] if meta.kind == "guideline" else find_programs(doc, units, layouts)
    index = ProgramIndex(programs)
    mark_subject_headings(units, index)
    contexts = list(sentence_contexts(units, index, layouts, row_labels(doc, layouts)))
    candidates = extract(doc, units, index, programs, annex_titles, contexts)
    deadlines = []
    for ctx in contexts:
        candidates.extend(date_windows(ctx, meta.year))
        for cand, deadline, is_rule in deadline_candidates(ctx, meta.year):
            if is_rule:
                candidates.append(cand)
            deadline.evidence = doc.evidence(cand.start, cand.end)
            if all((d.what, d.date) != (deadline.what, deadline.date) for d in deadlines):
                deadlines.append(deadline)
    requirements = to_requirements(doc, candidates)
    topic_scope, directions = parse_scope(doc, units, index)
    if not requirements:
        warnings.append("未识别到任何要求 / no requirements found")
    unparsed = unparsed_sentences(doc, contexts, requirements, deadlines)
    if unparsed:
        warnings.append(f"有 {len(unparsed)} 句含数量的规定未能读出要求，见 unparsed / "
                        f"{len(unparsed)} normative sentences not understood")
    return RuleSet(source=doc.source, notice=meta, programs=to_models(doc, programs), requirements=requirements,
                   topic_scope=topic_scope, priority_directions=directions, deadlines=deadlines,
                   contacts=parse_contacts(doc), attachments=attachments, warnings=warnings + list(doc.warnings),
                   unparsed=unparsed)


def _annex_titles(units) -> dict[int, str]:
    """附件N titles read from the annexes themselves when the notice lists none."""
    out: dict[int, str] = {}
    for unit in units:
        if unit.kind == "title" and unit.annex and unit.annex.startswith("附件") and unit.annex[2:].isdigit():
            out.setdefault(int(unit.annex[2:]), unit.annex_title)
    return out

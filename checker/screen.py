"""Screening: RuleSet x Submission -> ScreeningResult, and a batch of results -> a report.

``screen_submission`` holds one submission to the requirements that apply to it
and to its form's own rules; ``finish_report`` adds the batch rules over all
results and the summary. Only models come in and go out: collecting files,
parsing them, workers, progress and writing reports are the pipeline's.
"""

from __future__ import annotations

from typing import Any

from ..models import Finding, Requirement, RuleSet, ScreeningReport, ScreeningResult, Submission, Summary
from .applicability import Applicability, applicable_programs, requirement_applies, resolve_alternatives
from .batch import batch_rules
from .belonging import notice_match, unconfirmed_note
from .evaluate import condition_holds, evaluate
from .form_rules import check_form_rules
from .measure import as_date, field_value, form_spec, measure

_STATUS_ORDER = {"violated": 0, "unknown": 1, "satisfied": 2}


# --------------------------------------------------------------------------- one submission


def programme_year(ruleset: RuleSet) -> int | None:
    """The year the programmes run in: ages are counted at its start."""
    if ruleset.notice.year:
        return ruleset.notice.year
    for req in ruleset.requirements:
        if req.attribute == "completion_deadline" and as_date(req.value):
            return as_date(req.value).year
    issued = as_date(ruleset.notice.issued_on)
    return issued.year if issued else None


def verdict_of(findings: list[Finding]) -> str:
    if any(f.status == "violated" and f.severity == "error" for f in findings):
        return "fail"
    if any(f.status == "unknown" or (f.status == "violated" and f.severity == "warning") for f in findings):
        return "review"
    return "pass"


def requirement_findings(sub: Submission, ruleset: RuleSet, programs: Any, notes: list[str]) -> list[Finding]:
    findings: list[Finding] = []
    year = programme_year(ruleset)
    open_requirements: list[str] = []
    for req in ruleset.requirements:
        if not requirement_applies(req, programs, ruleset):
            continue
        if req.attribute == "other":  # read from the notice, but no form field measures it
            open_requirements.append(_open_requirement_text(req))
            continue
        flag_label = str(req.value.get("field", "")) if isinstance(req.value, dict) else None
        if req.attribute == "system_flag":
            measured = measure(sub, req.attribute, flag_label=flag_label)
            req_value = req.value.get("value") if isinstance(req.value, dict) else None
            if measured is not None:
                req = req.model_copy(update={"value": req_value})
        else:
            measured = measure(sub, req.attribute, year=year)
        if measured is None:
            continue  # nothing on this form measures the attribute: not this form's concern
        if req.condition is not None:
            holds = condition_holds(req.condition, measure(sub, req.condition.attribute, year=year), sub.form_type)
            if holds is False:
                continue
            if holds is None:
                notes.append(f"无法判断要求“{req.evidence.text if req.evidence else req.id}”的适用条件，未核对")
                continue
        finding = evaluate(req, measured, sub.form_type)
        if finding is not None:
            findings.append(finding)
    findings, alt_notes = resolve_alternatives(findings, ruleset)
    notes += alt_notes
    if open_requirements:
        notes.append(f"通知中以下 {len(open_requirements)} 项要求无法自动核对，需人工核对："
                     + "；".join(open_requirements))
    return findings


def _open_requirement_text(req: Requirement) -> str:
    """An open requirement as a reviewer reads it: its head phrase and the notice's words."""
    quote = req.evidence.text if req.evidence is not None else ""
    label = req.label or ""
    if label and quote:
        return f"{label}（“{quote}”）"
    return label or (f"“{quote}”" if quote else req.id)


def screen_submission(sub: Submission, ruleset: RuleSet, *, file: str | None = None) -> ScreeningResult:
    """Hold one submission to the rule set and its form's own rules."""
    app = applicable_programs(sub, ruleset)
    notes = list(app.notes)
    spec = form_spec(sub.form_type)
    belonging = notice_match(sub, ruleset, app.primary)
    if belonging is not None:
        findings = [belonging]  # another notice's form: this notice's rules say nothing about it
        app = Applicability()
    else:
        findings = requirement_findings(sub, ruleset, app, notes)
        findings += check_form_rules(sub, ruleset)
        findings += unread_page_findings(sub)
        findings += undecided_type_findings(sub)
        findings = low_confidence_findings(sub, findings)
        notes += filter(None, [unconfirmed_note(sub, ruleset), ocr_note(sub)])
    findings.sort(key=lambda f: _STATUS_ORDER.get(f.status, 3))
    title = field_value(sub, spec.get("title_field", "project_name"))
    unit = field_value(sub, spec.get("unit_field", "unit"))
    return ScreeningResult(
        file=file or sub.source.file, row=sub.row, form_type=sub.form_type,
        program=app.primary or (app.programs[0] if app.programs else None), programs=app.programs,
        title=str(title)[:200] if title else None, unit=str(unit) if unit else None,
        verdict=verdict_of(findings), findings=findings, notes=notes + list(sub.warnings),
        fields=report_fields(sub))


def undecided_type_findings(sub: Submission) -> list[Finding]:
    """A form whose type the reader could not decide was read as the closer type: its rules may be the
    wrong ones, so the verdict is at most review."""
    if not sub.type_undecided:
        return []
    return [Finding(requirement_id="form.type_undecided", attribute="form_type", status="unknown", severity="warning",
                    message=sub.type_undecided)]


def unread_page_findings(sub: Submission) -> list[Finding]:
    """A page with no text layer was not read: whatever it holds is unknown, so the verdict is at
    most review, never a pass on the pages that happened to have text."""
    if not sub.unread_pages:
        return []
    pages = "、".join(f"第 {n} 页" for n in sub.unread_pages)
    return [Finding(requirement_id="form.unread_pages", attribute="unread_pages", status="unknown", severity="warning",
                    message=f"{pages}无文本层（可能是扫描页），该页内容未读取，请人工核对")]


def ocr_threshold() -> float:
    """Below this OCR confidence a value is not trusted (corpus/ocr.yaml)."""
    import yaml

    from ..config import corpus_file

    global _OCR_THRESHOLD
    if _OCR_THRESHOLD is None:
        data = yaml.safe_load(corpus_file("ocr.yaml").read_text(encoding="utf-8")) or {}
        _OCR_THRESHOLD = float(data.get("review_below", 0.85))
    return _OCR_THRESHOLD


_OCR_THRESHOLD: float | None = None


def _low_confidence(sub: Submission) -> dict[str, float]:
    """Fields read by OCR with a confidence below the threshold: {field: confidence}."""
    limit = ocr_threshold()
    return {key: f.evidence.confidence for key, f in sub.fields.items()
            if f.evidence is not None and f.evidence.confidence is not None and f.evidence.confidence < limit}


def low_confidence_findings(sub: Submission, findings: list[Finding]) -> list[Finding]:
    """A value OCR read with low confidence decides nothing: a finding resting on it becomes unknown,
    and every such value is listed for a person to check against the paper (verdict review)."""
    low = _low_confidence(sub)
    if not low:
        return findings
    out = []
    for finding in findings:
        head = (finding.field or "").partition(".")[0].partition("[")[0]
        if head in low and finding.status != "unknown":
            finding = finding.model_copy(update={
                "status": "unknown", "severity": "warning",
                "message": f"{finding.message}（该值经 OCR 识别，置信度 {low[head]:.2f}，请对照原件核对）"})
        out.append(finding)
    names = "、".join(f"{key}（{conf:.2f}）" for key, conf in low.items())
    out.append(Finding(requirement_id="form.ocr_confidence", attribute="ocr_confidence", status="unknown",
                       severity="warning", field=next(iter(low)),
                       message=f"以下栏目由 OCR 识别且置信度低于 {ocr_threshold():.2f}，请对照原件人工核对：{names}"))
    return out


def ocr_note(sub: Submission) -> str | None:
    if not sub.ocr_pages:
        return None
    return "、".join(f"第 {n} 页" for n in sub.ocr_pages) + "为扫描件，经 OCR 识别后审查"


# Free text (content, purpose, experts …) is left out of results: reports show it from the
# form itself, and a run over thousands of forms keeps only the short values.
REPORT_TEXT_LIMIT = 120


def report_fields(sub: Submission) -> dict[str, Any]:
    """The submission's short plain values, for report columns and the 汇总表."""
    def short(value: Any) -> bool:
        return not (isinstance(value, str) and len(value) > REPORT_TEXT_LIMIT)

    return {key: field.value for key, field in sub.fields.items() if field.value is not None and short(field.value)}


def _count(summary: Summary, verdict: str) -> None:
    summary.total += 1
    attr = "pass_" if verdict == "pass" else verdict
    setattr(summary, attr, getattr(summary, attr) + 1)


def finish_report(report: ScreeningReport, ruleset: RuleSet) -> ScreeningReport:
    """Batch rules over all results, then verdicts and the summary recomputed.

    ``report.results`` is a list, or a spool on disk (pipeline/spool.py) that the batch rules
    read through its heads and that is rewritten once with their findings."""
    results = report.results
    report.batch_findings, added = batch_rules(getattr(results, "heads", results), ruleset)
    report.summary = Summary()

    def finish(index: int, res: ScreeningResult) -> None:
        res.findings.extend(added.get(index, ()))
        if res.verdict != "error":
            res.findings.sort(key=lambda f: _STATUS_ORDER.get(f.status, 3))
            res.verdict = verdict_of(res.findings)
        _count(report.summary, res.verdict)

    rewrite = getattr(results, "rewrite", None)
    if rewrite is not None:
        rewrite(finish)
    else:
        for index, res in enumerate(results):
            finish(index, res)
    return report

"""Screening: RuleSet x Submission -> ScreeningResult, one by one and in bulk.

``screen_submission`` holds one submission to the requirements that apply to it
and to its form's own rules. ``iter_results`` streams results for many files
(in parallel worker processes, each loading the rule set once) in the sorted
order of the inputs, so a run over the same folder always gives the same report;
only the small results are kept, never the documents. ``screen`` adds the batch
rules and the summary; ``screen_command`` is what ``shenbao screen`` runs.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ..errors import FileMissingError, RulesError, ShenbaoError
from ..models import (
    Finding,
    RuleSet,
    RuleSetRef,
    ScreeningReport,
    ScreeningResult,
    Submission,
    Summary,
    dump_json,
)
from .applicability import applicable_programs, requirement_applies, resolve_alternatives
from .batch import batch_findings
from .evaluate import condition_holds, evaluate
from .form_rules import check_form_rules
from .measure import as_date, field_value, form_spec, measure

# Files a folder is searched for; a file named on the command line is always screened.
FORM_SUFFIXES = (".docx", ".pdf", ".xlsx", ".xlsm", ".xls", ".doc", ".wps", ".et")

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
    for req in ruleset.requirements:
        if not requirement_applies(req, programs, ruleset):
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
    return findings


def screen_submission(sub: Submission, ruleset: RuleSet, *, file: str | None = None) -> ScreeningResult:
    """Hold one submission to the rule set and its form's own rules."""
    app = applicable_programs(sub, ruleset)
    notes = list(app.notes)
    findings = requirement_findings(sub, ruleset, app, notes)
    findings += check_form_rules(sub, ruleset)
    findings.sort(key=lambda f: _STATUS_ORDER.get(f.status, 3))
    spec = form_spec(sub.form_type)
    title = field_value(sub, spec.get("title_field", "project_name"))
    unit = field_value(sub, spec.get("unit_field", "unit"))
    return ScreeningResult(
        file=file or sub.source.file, row=sub.row, form_type=sub.form_type,
        program=app.primary or (app.programs[0] if app.programs else None), programs=app.programs,
        title=str(title)[:200] if title else None, unit=str(unit) if unit else None,
        verdict=verdict_of(findings), findings=findings, notes=notes + list(sub.warnings),
        fields=report_fields(sub))


# Free text (content, purpose, experts …) is left out of results: reports show it from the
# form itself, and a run over thousands of forms keeps only the short values.
REPORT_TEXT_LIMIT = 120


def report_fields(sub: Submission) -> dict[str, Any]:
    """The submission's short plain values, for report columns and the 汇总表."""
    def short(value: Any) -> bool:
        return not (isinstance(value, str) and len(value) > REPORT_TEXT_LIMIT)

    return {key: field.value for key, field in sub.fields.items() if field.value is not None and short(field.value)}


# --------------------------------------------------------------------------- one file


def error_result(path: str | Path, message: str) -> ScreeningResult:
    return ScreeningResult(file=str(path), verdict="error", error=message.splitlines()[0] if message else "error")


def screen_path(path: str | Path, ruleset: RuleSet) -> list[ScreeningResult]:
    """Every submission of one file screened; an unreadable file gives one error row."""
    from ..extractors.forms import parse_form_file

    try:
        if not Path(path).exists():
            raise FileMissingError(path)
        if Path(path).is_dir():
            return [error_result(path, f"{path}: 文件夹中没有申报材料 / no form files in this folder")]
        submissions = parse_form_file(Path(path))
        if not submissions:
            return [error_result(path, f"{path}: 未读出任何申报项目 / no submission found")]
        return [screen_submission(sub, ruleset, file=str(path)) for sub in submissions]
    except ShenbaoError as err:
        return [error_result(path, str(err))]
    except Exception as err:  # noqa: BLE001 - one bad file never stops the batch
        return [error_result(path, f"{path}: 处理失败 / processing failed ({type(err).__name__}: {err})")]


# --------------------------------------------------------------------------- inputs


def collect_inputs(forms: Iterable[str | Path]) -> list[Path]:
    """Files, folders (searched recursively for form files) and glob patterns -> sorted paths.

    A name that matches nothing is kept, so that it appears in the report as an error row.
    """
    found: set[Path] = set()
    for item in forms:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            inside = {p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORM_SUFFIXES
                      and not p.name.startswith(("~$", "."))}
            found.update(inside or {path})  # an empty folder is reported, not silently skipped
        elif path.exists():
            found.add(path)
        elif any(ch in text for ch in "*?["):
            matches = [Path(m) for m in glob.glob(text, recursive=True)]
            files = [m for m in matches if m.is_file()]
            for folder in (m for m in matches if m.is_dir()):
                files += [p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in FORM_SUFFIXES]
            found.update(files if files else [path])
        else:
            found.add(path)
    return sorted(found, key=lambda p: str(p))


# --------------------------------------------------------------------------- streaming, in parallel

_WORKER_RULESET: RuleSet | None = None


def _init_worker(ruleset_json: str) -> None:
    global _WORKER_RULESET
    _WORKER_RULESET = RuleSet.model_validate_json(ruleset_json)


def _screen_chunk(paths: list[str]) -> list[ScreeningResult]:
    assert _WORKER_RULESET is not None, "worker not initialised"
    out: list[ScreeningResult] = []
    for path in paths:
        out += screen_path(path, _WORKER_RULESET)
    return out


def _chunks(items: list[Path], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield [str(p) for p in items[i:i + size]]


def iter_results(paths: list[Path], ruleset: RuleSet, jobs: int = 1,
                 on_file_done: Any = None) -> Iterator[ScreeningResult]:
    """Results for ``paths`` in their order; with ``jobs`` > 1 in worker processes.

    At most a few chunks are in flight at once, so memory stays flat however many files.
    """
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            for res in screen_path(path, ruleset):
                yield compact_result(res)
            if on_file_done:
                on_file_done(1)
        return
    size = max(1, min(25, len(paths) // (jobs * 4) or 1))
    window = jobs * 3
    chunks = _chunks(paths, size)
    pending: list[tuple[Future, int]] = []
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(ruleset.model_dump_json(),)) as pool:
        def refill() -> None:
            while len(pending) < window:
                chunk = next(chunks, None)
                if chunk is None:
                    return
                pending.append((pool.submit(_screen_chunk, chunk), len(chunk)))

        refill()
        shared = {req.id: req.evidence for req in ruleset.requirements if req.evidence is not None}
        while pending:
            future, count = pending.pop(0)
            results = future.result()
            refill()
            for res in results:
                _share_notice_evidence(res, shared)
                compact_result(res)
            yield from results
            if on_file_done:
                on_file_done(count)


def _share_notice_evidence(result: ScreeningResult, shared: dict) -> None:
    """Results from workers carry their own copies of the notice's evidence: point them back at
    the rule set's, so that a run over thousands of forms keeps one copy of each quote."""
    for finding in result.findings:
        if finding.requirement_id in shared:
            finding.notice_evidence = shared[finding.requirement_id]


# Every pydantic object keeps its own set of the field names it was given; a result with
# six findings and their evidence carries a dozen such sets, more than a third of its
# memory. Objects of one class given the same fields share one set: the sets only
# matter to dumps that leave unset fields out, and those see the same names.
_FIELD_SETS: dict[tuple[type, frozenset[str]], set[str]] = {}


def _share_field_set(obj: Any) -> None:
    names = obj.__pydantic_fields_set__
    shared = _FIELD_SETS.setdefault((type(obj), frozenset(names)), names)
    if shared is not names:
        object.__setattr__(obj, "__pydantic_fields_set__", shared)


def compact_result(result: ScreeningResult) -> ScreeningResult:
    """The result with its findings' and evidence's field-name sets shared (memory of bulk runs)."""
    _share_field_set(result)
    for finding in result.findings:
        _share_field_set(finding)
        for evidence in (finding.form_evidence, finding.notice_evidence):
            if evidence is not None:
                _share_field_set(evidence)
    return result


def ruleset_ref(ruleset: RuleSet) -> RuleSetRef:
    return RuleSetRef(title=ruleset.notice.title, sha256=ruleset.source.sha256, issuer=ruleset.notice.issuer,
                      year=ruleset.notice.year)


def _count(summary: Summary, verdict: str) -> None:
    summary.total += 1
    attr = "pass_" if verdict == "pass" else verdict
    setattr(summary, attr, getattr(summary, attr) + 1)


def finish_report(report: ScreeningReport, ruleset: RuleSet) -> ScreeningReport:
    """Batch rules over all results, then verdicts and the summary recomputed."""
    report.batch_findings = batch_findings(report.results, ruleset)
    report.summary = Summary()
    for res in report.results:
        if res.verdict != "error":
            res.findings.sort(key=lambda f: _STATUS_ORDER.get(f.status, 3))
            res.verdict = verdict_of(res.findings)
        _count(report.summary, res.verdict)
    return report


def screen(forms: Iterable[str | Path], ruleset: RuleSet, jobs: int = 1, progress: bool = False
           ) -> ScreeningReport:
    """Screen every form file named by ``forms`` (files, folders, globs)."""
    paths = collect_inputs(forms)
    if not paths:
        raise FileMissingError(None, "没有找到要审查的申报材料 / no form files given")
    report = ScreeningReport(ruleset=ruleset_ref(ruleset))
    with _progress(len(paths), enabled=progress) as advance:
        for result in iter_results(paths, ruleset, jobs=jobs, on_file_done=advance):
            report.results.append(result)
    return finish_report(report, ruleset)


class _progress:
    """A rich progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self._bar = total, enabled and sys.stderr.isatty(), None

    def __enter__(self):
        if not self.enabled:
            return lambda n=1: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._bar = Progress("审查中", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                             console=Console(stderr=True), transient=True)
        self._bar.start()
        task = self._bar.add_task("screen", total=self.total)
        return lambda n=1: self._bar.advance(task, n)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()


# --------------------------------------------------------------------------- rules and the command


def load_rules(rules: Path | None, issuer: str | None) -> RuleSet:
    """The rule set a run screens against: a file (RuleSet JSON, exported YAML, notice) or the
    latest approved rule set of an issuer in the registry."""
    if rules is None and not issuer:
        raise RulesError(None, "请用 --rules 指定规则集文件或用 --issuer 指定发文单位 / give --rules or --issuer")
    from .registry import approved_ruleset, load_ruleset

    if rules is None:
        return approved_ruleset(issuer)
    rules = Path(rules)
    if not rules.exists():
        raise FileMissingError(rules)
    return load_ruleset(rules)


def write_outputs(report: ScreeningReport, ruleset: RuleSet, out: list[Path], summary_table: Path | None
                  ) -> list[str]:
    from ..outputs import write_report, write_summary_table

    written: list[str] = []
    for path in out:
        write_report(report, Path(path), ruleset)
        written.append(str(path))
    if summary_table is not None:
        write_summary_table(report, Path(summary_table), ruleset)
        written.append(str(summary_table))
    return written


_VERDICT_ZH = {"pass": "通过", "fail": "不通过", "review": "需复核", "error": "无法读取"}


def summary_text(report: ScreeningReport, written: list[str]) -> str:
    s = report.summary
    lines = [f"规则集：{report.ruleset.title or '（无标题）'}",
             f"共 {s.total} 份/行：通过 {s.pass_}，不通过 {s.fail}，需复核 {s.review}，无法读取 {s.error}", ""]
    for res in report.results:
        if res.verdict == "pass":
            continue
        where = Path(res.file).name + (f" 第 {res.row} 行" if res.row is not None else "")
        lines.append(f"[{_VERDICT_ZH[res.verdict]}] {where}  {res.title or ''}")
        if res.error:
            lines.append(f"    {res.error}")
        for f in res.findings:
            if f.status != "satisfied":
                lines.append(f"    - {f.message}")
    if report.batch_findings:
        lines += ["", "批量检查："] + [f"  - {b.message}" for b in report.batch_findings]
    if written:
        lines += ["", "报告已写入："] + [f"  {w}" for w in written]
    return "\n".join(lines)


def screen_command(forms: list[str], rules: Path | None, issuer: str | None, out: list[Path] | None = None,
                   summary_table: Path | None = None, jobs: int = 1, as_json: bool = False) -> str:
    ruleset = load_rules(rules, issuer)
    report = screen(forms, ruleset, jobs=max(1, int(jobs or 1)), progress=True)
    written = write_outputs(report, ruleset, list(out or []), summary_table)
    if as_json:
        return dump_json(report)
    return summary_text(report, written)


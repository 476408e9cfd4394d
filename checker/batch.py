"""Rules over all submissions of one run.

- ``max_per_unit``: a unit may submit at most N projects to a programme; when it
  submits more, one batch finding lists them and each of those results gets a
  violation (so each is failed or reviewed, and the reader sees why);
- the same project submitted twice (same normalised title and unit) -> warning.
  The same file in two formats (a.docx and a.pdf) is one submission, noted only.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..models import BatchFinding, Finding, RuleSet, ScreeningResult
from .applicability import resolve_program
from .evaluate import severity_of
from .measure import as_number, fmt_number, normalize_name


def _place(result: ScreeningResult) -> str:
    name = Path(result.file).name
    return f"{name} 第 {result.row} 行" if result.row is not None else name


def _unit_key(unit: str | None) -> str:
    return normalize_name(unit or "")


def max_per_unit_findings(results: list[ScreeningResult], ruleset: RuleSet) -> list[BatchFinding]:
    out: list[BatchFinding] = []
    for req in ruleset.requirements:
        if req.attribute != "max_per_unit":
            continue
        limit = as_number(req.value)
        if limit is None:
            continue
        prog = resolve_program(req.program, ruleset) or req.program
        groups: dict[str, list[ScreeningResult]] = defaultdict(list)
        for res in results:
            if res.verdict == "error" or not res.unit:
                continue
            if prog is None or prog in res.programs:
                groups[_unit_key(res.unit)].append(res)
        for members in groups.values():
            if len(_distinct(members)) <= limit:
                continue
            unit = members[0].unit
            places = "、".join(_place(r) for r in members)
            what = f"申报{prog}" if prog else "申报项目"
            message = (f"{unit}{what} {len(_distinct(members))} 项（{places}），超过通知要求的每个单位最多 "
                       f"{fmt_number(limit)} 项")
            out.append(BatchFinding(attribute="max_per_unit", unit=unit, files=[r.file for r in members],
                                    rows=[r.row for r in members], message=message, requirement_id=req.id,
                                    notice_evidence=req.evidence))
            for res in members:
                res.findings.append(Finding(requirement_id=req.id, attribute="max_per_unit", status="violated",
                                            severity=severity_of(req.strength), message=message,
                                            field=None, form_value=len(members), notice_evidence=req.evidence))
    return out


def _distinct(members: list[ScreeningResult]) -> set[tuple[str, int | None]]:
    """Submissions counted once when the same file comes in several formats (a.docx, a.pdf)."""
    return {(str(Path(r.file).with_suffix("")), r.row) for r in members}


def _title_key(title: str | None) -> str:
    # spacing, quotes and brackets aside; 第二期 and 第三期 stay different classes
    return normalize_name(title or "")


def duplicate_findings(results: list[ScreeningResult]) -> list[BatchFinding]:
    groups: dict[tuple[str, str], list[ScreeningResult]] = defaultdict(list)
    for res in results:
        if res.verdict == "error" or not res.title:
            continue
        groups[(_title_key(res.title), _unit_key(res.unit))].append(res)
    out: list[BatchFinding] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        stems = _distinct(members)
        places = "、".join(_place(r) for r in members)
        if len(stems) == 1:  # one file in several formats: the same submission
            out.append(BatchFinding(attribute="duplicate_submission", unit=members[0].unit,
                                    files=[r.file for r in members], rows=[r.row for r in members],
                                    message=f"同一申报材料的不同格式：{places}"))
            continue
        if not _unit_key(members[0].unit):
            continue  # no unit read: two units' forms may share a title, so nothing says it is the same one
        message = f"“{members[0].title}”（{members[0].unit}）重复申报：{places}"
        out.append(BatchFinding(attribute="duplicate_submission", unit=members[0].unit,
                                files=[r.file for r in members], rows=[r.row for r in members], message=message))
        for res in members:
            res.findings.append(Finding(attribute="duplicate_submission", status="violated", severity="warning",
                                        message=message))
    return out


def batch_findings(results: list[ScreeningResult], ruleset: RuleSet) -> list[BatchFinding]:
    """Run every batch rule; results concerned get their findings (verdicts are recomputed by the caller)."""
    return max_per_unit_findings(results, ruleset) + duplicate_findings(results)

"""Rules over all submissions of one run.

- ``max_per_unit``: a unit may submit at most N projects to a programme; when it
  submits more, one batch finding lists them and each of those results gets a
  violation (so each is failed or reviewed, and the reader sees why);
- the same project submitted twice (same normalised title and unit) -> warning.
  The same file in two formats (a.docx and a.pdf) is one submission, noted only.

Each batch finding names its group once (``group``: B1, B2 …, and every member's place in its
message); the members' own findings name the group and the count, not every other member, so a
report over thousands of forms with large duplicate groups grows with the batch, not its square.
The rules read only a result's head (file, row, verdict, unit, title, programs), so they run as
well over a report spooled to disk as over a list in memory.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Protocol

from ..models import SCOPE_CONDITION, BatchFinding, Finding, Requirement, RuleSet, ScreeningResult
from .applicability import resolve_program
from .evaluate import severity_of
from .measure import as_number, fmt_number, normalize_name


def _place(result: ScreeningResult) -> str:
    name = Path(result.file).name
    return f"{name} 第 {result.row} 行" if result.row is not None else name


def _unit_key(unit: str | None) -> str:
    return normalize_name(unit or "")


class ResultHead(Protocol):
    """What the batch rules read of a result (a ScreeningResult, or its head kept by a spool)."""

    file: str
    row: int | None
    verdict: str
    unit: str | None
    title: str | None
    programs: list[str]


# Per result (by its index in the batch): the findings the batch rules add to it.
AddedFindings = dict[int, list[Finding]]


class _Groups:
    """Numbers the batch findings' groups in the order they are found: B1, B2 …"""

    def __init__(self) -> None:
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return f"B{self.count}"


def _bodies(req: Requirement) -> list[str]:
    """The kinds of unit a cap is set for (省直单位、高等院校 -> 省直单位, 高等院校); none: every unit."""
    cond = req.condition
    if cond is None or cond.attribute != SCOPE_CONDITION or not isinstance(cond.value, str):
        return []
    words = (re.sub(r"^(?:各|每个|每)", "", w.strip()) for w in re.split(r"[、，,和及与]", cond.value))
    return [w for w in words if w]


def _cap_applies(req: Requirement, unit: str, caps: list[Requirement]) -> bool | None:
    """Whether a unit falls under a cap set for named kinds of unit: yes where its name says so
    (南京市… under 市); no where its name says it is of another capped kind; else not known."""
    bodies = _bodies(req)
    if not bodies:
        return True
    if any(b in unit for b in bodies):
        return True
    others = (b for cap in caps if cap is not req and cap.program == req.program for b in _bodies(cap))
    return False if any(b in unit for b in others) else None


def max_per_unit_rule(heads: list[ResultHead], ruleset: RuleSet, groups: _Groups, added: AddedFindings
                      ) -> list[BatchFinding]:
    out: list[BatchFinding] = []
    caps = [req for req in ruleset.requirements if req.attribute == "max_per_unit"]
    for req in caps:
        limit = as_number(req.value)
        if limit is None:
            continue
        prog = resolve_program(req.program, ruleset) or req.program
        by_unit: dict[str, list[int]] = defaultdict(list)
        for i, res in enumerate(heads):
            if res.verdict == "error" or not res.unit:
                continue
            if prog is None or prog in res.programs:
                by_unit[_unit_key(res.unit)].append(i)
        for members in by_unit.values():
            count = len(_distinct([heads[i] for i in members]))
            unit = heads[members[0]].unit or ""
            applies = _cap_applies(req, unit, caps)
            if count <= limit or applies is False:
                continue
            group = groups.next()
            what = f"申报{prog}" if prog else "申报项目"
            scope = f"对“{req.condition.value}”" if req.condition is not None else ""
            over = f"{unit}{what} {count} 项，超过通知{scope}要求的每个单位最多 {fmt_number(limit)} 项"
            if applies is None:
                over += f"；该单位是否属于“{req.condition.value}”无法判断，需人工核对"
            places = "、".join(_place(heads[i]) for i in members)
            out.append(BatchFinding(attribute="max_per_unit", unit=unit, group=group,
                                    files=[heads[i].file for i in members], rows=[heads[i].row for i in members],
                                    message=f"{over}（{places}）", requirement_id=req.id,
                                    notice_evidence=req.evidence))
            status = "violated" if applies else "unknown"
            for i in members:
                added.setdefault(i, []).append(Finding(
                    requirement_id=req.id, attribute="max_per_unit", status=status,
                    severity=severity_of(req.strength) if applies else "warning",
                    message=f"{over}（各项见批量检查 {group}）",
                    field=None, form_value=count, notice_evidence=req.evidence, group=group))
    return out


def _distinct(members: list[ResultHead]) -> set[tuple[str, int | None]]:
    """Submissions counted once when the same file comes in several formats (a.docx, a.pdf)."""
    return {(str(Path(r.file).with_suffix("")), r.row) for r in members}


def _title_key(title: str | None) -> str:
    # spacing, quotes and brackets aside; 第二期 and 第三期 stay different classes
    return normalize_name(title or "")


def duplicate_rule(heads: list[ResultHead], groups: _Groups, added: AddedFindings) -> list[BatchFinding]:
    by_project: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, res in enumerate(heads):
        if res.verdict == "error" or not res.title:
            continue
        by_project[(_title_key(res.title), _unit_key(res.unit))].append(i)
    out: list[BatchFinding] = []
    for members in by_project.values():
        if len(members) < 2:
            continue
        first = heads[members[0]]
        stems = _distinct([heads[i] for i in members])
        places = "、".join(_place(heads[i]) for i in members)
        files, rows = [heads[i].file for i in members], [heads[i].row for i in members]
        if len(stems) == 1:  # one file in several formats: the same submission
            out.append(BatchFinding(attribute="duplicate_submission", unit=first.unit, group=groups.next(),
                                    files=files, rows=rows, message=f"同一申报材料的不同格式：{places}"))
            continue
        if not _unit_key(first.unit):
            continue  # no unit read: two units' forms may share a title, so nothing says it is the same one
        group = groups.next()
        project = f"“{first.title}”（{first.unit}）"
        out.append(BatchFinding(attribute="duplicate_submission", unit=first.unit, group=group, files=files,
                                rows=rows, message=f"{project}重复申报：{places}"))
        message = f"{project}重复申报，共 {len(members)} 份（各份见批量检查 {group}）"
        for i in members:
            added.setdefault(i, []).append(Finding(attribute="duplicate_submission", status="violated",
                                                   severity="warning", message=message, group=group))
    return out


def batch_rules(heads: list[ResultHead], ruleset: RuleSet) -> tuple[list[BatchFinding], AddedFindings]:
    """Every batch rule over the results' heads: the batch findings, and the findings each
    result concerned gets (by index), leaving the results themselves untouched."""
    groups, added = _Groups(), {}
    found = max_per_unit_rule(heads, ruleset, groups, added) + duplicate_rule(heads, groups, added)
    return found, added


def batch_findings(results: list[ScreeningResult], ruleset: RuleSet) -> list[BatchFinding]:
    """Run every batch rule; results concerned get their findings (verdicts are recomputed by the caller)."""
    found, added = batch_rules(results, ruleset)
    for i, findings in added.items():
        results[i].findings.extend(findings)
    return found

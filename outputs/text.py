"""Plain-text tables for people reading the terminal (the non-``--json`` output).

Rendered with rich into a string, without colour or terminal control codes, so
the output is the same on a TTY, in a pipe or in a file (UTF-8).
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.table import Table

from ..checker.diff import (
    STRENGTH_LABELS,
    attribute_label,
    describe_requirement,
    format_value,
    program_label,
)
from ..models import Evidence, RuleDiff, RuleSet, Submission
from .labels import ruleset_line

if TYPE_CHECKING:
    from ..models import ScreeningReport
    from ..store.registry import Record

MIN_WIDTH = 100
MAX_WIDTH = 200
QUOTE_MAX = 160  # a quote longer than this is cut in the tables (the JSON keeps it whole)

# Display names of the submission field keys of DESIGN.md; other keys show as they are.
FIELD_LABELS: dict[str, str] = {
    "project_name": "项目名称", "start_date": "开始日期", "end_date": "结束日期", "location": "举办地点",
    "industry_field": "行业/专业技术领域", "authority": "行业主管部门", "funding_type": "申报项目类别",
    "self_funding_source": "自筹经费来源", "topic_scope": "选题范围", "purpose": "研修目的",
    "content": "研修内容", "experts": "授课专家", "trainees": "研修对象", "participants": "计划人数",
    "applicant": "申报单位", "host": "承办单位", "ce_base": "继续教育基地", "ce_base_batch": "基地批次",
    "review_opinion": "审核意见", "submitted_on": "申报日期", "category": "类别",
    "special_fields": "专项领域", "leader": "团组带头人", "members": "团组成员", "duration_days": "天数",
    "departure_date": "出发日期", "country": "国家（地区）", "cities": "城市", "institutions": "培训机构",
    "expected_results": "预期成果", "priority_conditions": "优先条件", "unit": "单位",
    "class_name": "班次名称", "days": "天数", "hours": "学时", "sessions": "场次",
    "apply_funding": "是否申请资助", "apply_tech_support": "是否申请专项技术支持", "flagship": "精品项目",
    "also_mohrss": "同时申报人社部高研", "prior_runs": "已举办次数", "audience_scope": "面向范围",
    "contact": "联系人", "phone": "电话", "name": "名称", "office_phone": "办公电话", "mobile": "手机",
    "fax": "传真", "address": "地址", "birth_date": "出生日期", "title": "职称", "detail": "内容",
}
PERSON_FIELDS = {"leader", "members"}  # field values that describe people: their "name" is a 姓名
KIND_LABELS = {
    "call_for_applications": "申报通知", "application_guide": "申报指南",
    "pre_notice": "预通知", "guideline": "指导意见", "relay": "转发通知", "enrollment": "招生（报名）通知",
    "guide": "年度工作通知",
}


# --------------------------------------------------------------------------- rendering helpers


def _width() -> int:
    columns = shutil.get_terminal_size((120, 24)).columns
    env = os.environ.get("COLUMNS")
    if env and env.isdigit():
        columns = int(env)
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def render(*items: Any) -> str:
    """rich renderables (or plain strings) as text, no colour, no control codes."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=_width(), color_system=None, force_terminal=False,
                      no_color=True, highlight=False, emoji=False, soft_wrap=False, legacy_windows=False)
    for item in items:
        console.print(item)
    # rich pads every cell to the column width; trailing blanks only get in the way in files
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    return "\n".join(lines).strip("\n") + "\n"


def _table(title: str | None, *columns: str | tuple[str, dict], show_lines: bool = False) -> Table:
    """A borderless table; a column is a header or (header, rich column options)."""
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", show_lines=show_lines,
                  header_style="bold", pad_edge=False)
    for column in columns:
        name, options = (column, {}) if isinstance(column, str) else column
        table.add_column(name, **{"overflow": "fold", **options})
    return table


# Column shapes: short labels stay narrow, the quote takes the remaining width.
_NARROW = {"max_width": 18}
_LABEL = {"max_width": 14}
_RULE = {"max_width": 26}
_TAG = {"no_wrap": True}
_WIDE = {"ratio": 1, "min_width": 30}


def _cut(text: str | None, limit: int = QUOTE_MAX) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _where(evidence: Evidence | None) -> str:
    """Short location of evidence: p.2 / 表1 行3 列2 / @120."""
    if evidence is None:
        return ""
    parts = []
    if evidence.page is not None:
        parts.append(f"p.{evidence.page}")
    if evidence.table is not None:
        parts.append(f"表{evidence.table + 1} 行{(evidence.row or 0) + 1} 列{(evidence.col or 0) + 1}")
    if not parts:
        parts.append(f"@{evidence.start}")
    return " ".join(parts)


def _plain(value: Any, person: bool = False) -> str:
    """Any field value as readable text (nested dicts and lists on separate lines)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        labels = {**FIELD_LABELS, "name": "姓名"} if person else FIELD_LABELS
        return "；".join(f"{labels.get(k, k)}: {_plain(v)}" for k, v in value.items() if v not in (None, "", []))
    if isinstance(value, list):
        if all(isinstance(v, dict) for v in value):
            return "\n".join(_plain(v, person) for v in value)
        return "、".join(_plain(v) for v in value)
    return str(value)


def _section(title: str, lines: Iterable[str]) -> str | None:
    lines = list(lines)
    if not lines:
        return None
    return title + "\n" + "\n".join(f"  {line}" for line in lines)


# --------------------------------------------------------------------------- rule sets


def _filled_table(title: str, columns: list[str | tuple[str, dict]], rows: list[list[str]]) -> Table:
    """A table without the columns that are empty in every row (no tier, no aliases...)."""
    keep = [i for i in range(len(columns)) if any(row[i] for row in rows)]
    table = _table(title, *(columns[i] for i in keep))
    for row in rows:
        table.add_row(*(row[i] for i in keep))
    return table


def ruleset_table(ruleset: RuleSet) -> str:
    notice = ruleset.notice
    head = [
        f"通知: {notice.title or '（未识别标题）'}",
        f"发文单位: {notice.issuer or '—'}    文号: {notice.doc_number or '—'}    成文日期: {notice.issued_on or '—'}"
        f"    年度: {notice.year or '—'}    类型: {KIND_LABELS.get(notice.kind or '', notice.kind or '—')}",
        f"文件: {ruleset.source.file} ({ruleset.source.format}, sha256 {ruleset.source.sha256[:12]})",
    ]
    parts: list[Any] = ["\n".join(head)]

    if ruleset.programs:
        parts.append(_filled_table(f"项目类别（{len(ruleset.programs)}）", ["项目", "层级", "别名"],
                                   [[p.name, p.tier or "", "、".join(p.aliases)] for p in ruleset.programs]))

    reqs = _table(f"要求（{len(ruleset.requirements)}）", ("项目", _NARROW), ("要求", _LABEL), ("规则", _RULE),
                  ("性质", _TAG), ("原文", _WIDE), ("位置", _TAG))
    for r in ruleset.requirements:
        reqs.add_row(program_label(r.program), attribute_label(r.attribute), describe_requirement(r),
                     STRENGTH_LABELS.get(r.strength, r.strength), _cut(r.evidence.text if r.evidence else ""),
                     _where(r.evidence))
    parts.append(reqs if ruleset.requirements else "要求: 未识别到要求")

    if ruleset.topic_scope:
        parts.append(_filled_table("选题范围", [("类别", _NARROW), ("项目", _NARROW), ("方向", _WIDE)],
                                   [[t.category, t.program or "", "、".join(t.items)] for t in ruleset.topic_scope]))
    if ruleset.priority_directions:
        parts.append(_filled_table(
            "重点支持方向", [("项目", _NARROW), ("方向", {"ratio": 2}), ("关键词", {"ratio": 1})],
            [[program_label(d.program), _cut(d.text, 240), "、".join(d.keywords)] for d in ruleset.priority_directions]))
    if ruleset.deadlines:
        rows = [[d.what, (d.date or "—") + ("（约）" if d.approximate else ""), d.program or "",
                 _cut(d.evidence.text if d.evidence else "")] for d in ruleset.deadlines]
        parts.append(_filled_table("时间节点", [("事项", _NARROW), ("日期", _TAG), ("项目", _NARROW), ("原文", _WIDE)],
                                   rows))
    if ruleset.contacts:
        rows = [[c.name or "—", "、".join(c.phone), c.email or "", c.role or ""] for c in ruleset.contacts]
        parts.append(_filled_table("联系人", ["姓名", "电话", "电子邮件", "职责"], rows))
    if ruleset.unparsed:
        parts.append(_filled_table(f"未能读出要求的规定（{len(ruleset.unparsed)}，请人工核对）",
                                   [("原文", _WIDE), ("位置", _TAG)],
                                   [[_cut(e.text), _where(e)] for e in ruleset.unparsed]))
    extra = [
        _section("附件", (f"{a.number or '-'}. {a.title}" for a in ruleset.attachments)),
        _section("提示", ruleset.warnings),
    ]
    parts.extend(e for e in extra if e)
    return render(*parts)


# --------------------------------------------------------------------------- submissions


def submission_table(submission: Submission) -> str:
    where = f"，第 {submission.row} 行" if submission.row is not None else ""
    head = f"申报材料: {submission.source.file}{where}    类型: {submission.form_type or '（未识别）'}"
    fields = _table(None, ("字段", {"max_width": 24}), ("值", {"ratio": 2, "min_width": 30}), ("原文", {"ratio": 1}),
                    ("位置", _TAG))
    for key, field in submission.fields.items():
        raw = field.raw if field.raw is not None and field.raw != _plain(field.value) else ""
        fields.add_row(f"{FIELD_LABELS.get(key, key)}\n({key})", _plain(field.value, key in PERSON_FIELDS) or "—", _cut(raw, 80),
                       _where(field.evidence))
    parts: list[Any] = [head, fields if submission.fields else "未提取到字段"]
    warnings = _section("提示", submission.warnings)
    if warnings:
        parts.append(warnings)
    return render(*parts)


# --------------------------------------------------------------------------- diff


def _ref_line(label: str, ref) -> str:
    return f"{label}: {ref.title or '—'}（{ref.issuer or '—'}，{ref.year or '—'} 年，sha256 {(ref.sha256 or '')[:12]}）"


def diff_table(diff: RuleDiff) -> str:
    kinds = {"added": "新增", "removed": "删除", "changed": "变化"}
    counts = {k: sum(1 for c in diff.requirements if c.change == k) for k in kinds}
    head = [
        _ref_line("旧", diff.old),
        _ref_line("新", diff.new),
        f"要求: 新增 {counts['added']}，删除 {counts['removed']}，变化 {counts['changed']}，"
        f"未变 {diff.requirements_unchanged}",
    ]
    parts: list[Any] = ["\n".join(head)]
    program_lines = [f"新增项目: {p}" for p in diff.programs_added]
    program_lines += [f"删除项目: {p}" for p in diff.programs_removed]
    program_lines += [f"名称变化: {o} → {n}" for o, n in diff.programs_renamed.items()]
    section = _section("项目类别", program_lines)
    if section:
        parts.append(section)

    if diff.requirements:
        table = _table("要求变化", ("", _TAG), ("摘要", {"ratio": 1, "min_width": 30}), ("原文", {"ratio": 1}),
                       show_lines=True)
        for change in diff.requirements:
            quotes = []
            for label, req in (("旧", change.old), ("新", change.new)):
                if req is not None and req.evidence is not None:
                    quotes.append(f"{label}：{_cut(req.evidence.text)}")
            table.add_row(kinds[change.change], change.summary, "\n".join(quotes))
        parts.append(table)
    else:
        parts.append("要求: 无变化")

    if diff.topic_items_added or diff.topic_items_removed:
        topics = _table("选题方向变化", ("", _TAG), ("类别", {"max_width": 36}), ("方向", _WIDE))
        for label, items_by_category in (("新增", diff.topic_items_added), ("删除", diff.topic_items_removed)):
            for category, items in items_by_category.items():
                topics.add_row(label, category, "、".join(items))
        parts.append(topics)
    section = _section("时间节点", diff.deadlines_changed)
    if section:
        parts.append(section)
    return render(*parts)


# --------------------------------------------------------------------------- registry


def records_table(records: list[Record]) -> str:
    if not records:
        return "登记库中还没有规则集。用 shenbao rules import 通知文件 登记。\n"
    table = _table(f"规则集（{len(records)}）", "id", "发文单位", "年度", "版本", "状态", "标题", "要求数")
    for r in records:
        status = ("已审批（生效）" if r.active else "已审批") if r.status == "approved" else "草稿"
        table.add_row(str(r.id), r.issuer or "—", str(r.year or "—"), str(r.version), status,
                      _cut(r.title, 60), str(r.requirements))
    return render(table)


# --------------------------------------------------------------------------- screening


_VERDICT_ZH = {"pass": "通过", "fail": "不通过", "review": "需复核", "error": "无法读取"}


def screening_summary(report: ScreeningReport, written: list[str]) -> str:
    s = report.summary
    which = ruleset_line(report.ruleset)
    lines = [f"规则集：{report.ruleset.title or '（无标题）'}" + (f"  [{which}]" if which else ""),
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
    if report.partial:
        lines += ["", f"【部分结果】审查被中断，以下 {len(report.not_reached)} 份未审查："]
        lines += [f"  {name}" for name in report.not_reached]
    if report.ignored:
        lines += ["", f"已忽略 {len(report.ignored)} 个 Office 临时/隐藏文件（不是申报材料）："]
        lines += [f"  {name}" for name in report.ignored]
    if written:
        lines += ["", "报告已写入："] + [f"  {w}" for w in written]
    return "\n".join(lines)


def plain_value(value: Any) -> str:
    """Exported for other writers: the same readable rendering as the tables."""
    return _plain(value)


__all__ = ["ruleset_table", "submission_table", "diff_table", "records_table", "screening_summary", "render",
           "plain_value", "format_value"]

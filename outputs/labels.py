"""Chinese labels shared by the human-facing reports (data: corpus/report_labels.yaml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import corpus_yaml
from ..models import RuleSetRef, ScreeningResult


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    return corpus_yaml("report_labels.yaml")


def verdict_label(verdict: str) -> str:
    return labels()["verdicts"].get(verdict, verdict)


def attribute_label(attribute: str) -> str:
    return labels()["attributes"].get(attribute, attribute)


def form_type_label(form_type: str | None) -> str:
    return labels()["form_types"].get(form_type or "", form_type or "")


def status_label(status: str) -> str:
    return labels()["statuses"].get(status, status)


def ruleset_line(ref: RuleSetRef) -> str:
    """Which rules a report applied, in one line a clerk can quote: registry id, version and
    approval (or the file), and the fingerprint of the rule set's content."""
    parts = []
    if ref.registry_id is not None:
        state = "已审批" if ref.status == "approved" else "草稿（未审批）"
        when = f" {ref.approved_at[:10]}" if ref.status == "approved" and ref.approved_at else ""
        parts.append(f"登记库规则集 {ref.registry_id}（第 {ref.version} 版，{state}{when}）")
    elif ref.file:
        parts.append(f"规则集文件 {Path(ref.file).name}（未登记）")
    if ref.content_sha256:
        parts.append(f"内容指纹 {ref.content_sha256[:12]}")
    return "；".join(parts)


def result_title(result: ScreeningResult) -> str:
    """The name people know a submission by: its project or class name, else its file."""
    if result.title:
        return result.title
    for key in labels()["title_fields"]:
        value = result.fields.get(key)
        if value:
            return str(value)
    return result.file.rsplit("/", 1)[-1]


def result_unit(result: ScreeningResult) -> str:
    if result.unit:
        return result.unit
    for key in labels()["unit_fields"]:
        value: Any = result.fields
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value:
            return str(value)
    return ""


def location(result: ScreeningResult) -> str:
    """File name, with the data row for multi-row files."""
    name = result.file.rsplit("/", 1)[-1]
    return f"{name} 第{result.row}行" if result.row is not None else name


def reasons(result: ScreeningResult) -> str:
    """The problems of one submission, one per line: what a reviewer acts on."""
    if result.error:
        return result.error
    lines = [f.message for f in result.findings if f.status != "satisfied"]
    return "\n".join(lines)


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(format_value(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}: {format_value(v)}" for k, v in value.items() if v not in (None, "", []))
    return str(value)

"""Topic classification results for people: the terminal tables and the JSON/JSONL/CSV/XLSX files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..models import DirectionSet, ProposalResult, TopicMatch, dump_json
from .cells import csv_row, text_only


def _terms(match: TopicMatch) -> str:
    return "、".join(dict.fromkeys(match.matched_terms))


def taxonomy_line(taxonomy: DirectionSet | None) -> str:
    """Which list of directions answered, in one line: without a notice the built-in list did, and
    the reader must know it is not the notice's."""
    if taxonomy is None:
        return ""
    if taxonomy.kind == "builtin":
        return (f"未指定通知（--rules），按内置方向表匹配：{taxonomy.source}，{len(taxonomy.categories)} 类 "
                f"{taxonomy.directions} 个方向（{'、'.join(taxonomy.categories)}）")
    return f"按 {taxonomy.name} 的选题范围匹配：{taxonomy.directions} 个方向"


def matches_table(title: str, matches: list[TopicMatch], result: ProposalResult | None = None) -> str:
    taxonomy = result.taxonomy if result is not None else (matches[0].taxonomy if matches else None)
    lines = [line for line in (taxonomy_line(taxonomy),) if line] + [f"选题: {title}"]
    if not matches:
        lines.append("  （不属于任何重点方向 / none）")
        if result is not None and result.none_reason:
            lines.append(f"     原因: {result.none_reason}")
    for rank, m in enumerate(matches, 1):
        program = f" [{m.program}]" if m.program else ""
        lines.append(f"  {rank}. {m.category} / {m.direction}{program}  得分 {m.score:.2f}  依据: {_terms(m)}")
        lines.append(f"     出处: {m.evidence}")
    return "\n".join(lines)


def results_table(results: list[ProposalResult]) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="选题分类结果", show_lines=False)
    for column in ("编号", "选题", "方向", "得分", "依据"):
        table.add_column(column)
    for r in results:
        first = r.matches[0] if r.matches else None
        table.add_row(
            r.id, r.title,
            "\n".join(f"{m.category} / {m.direction}" for m in r.matches) or _none_cell(r),
            "\n".join(f"{m.score:.2f}" for m in r.matches) or (f"{r.nearest.score:.2f}" if r.nearest else ""),
            _terms(first) if first else (r.none_reason or ""),
        )
    buffer = io.StringIO()
    Console(file=buffer, width=160, no_color=True, force_terminal=False).print(table)
    flagged = sum(1 for r in results if not r.matches)
    head = taxonomy_line(results[0].taxonomy) if results else ""
    return (head + "\n" if head else "") + buffer.getvalue().rstrip() + \
        f"\n共 {len(results)} 个选题，{flagged} 个不属于任何重点方向。"


def _none_cell(result: ProposalResult) -> str:
    if result.nearest is None:
        return "（无 / none）"
    return f"（无 / none）\n最接近: {result.nearest.category} / {result.nearest.direction}"


# --------------------------------------------------------------------------- files

# The columns of the CSV and XLSX files, headed in Chinese for the staff who open them.
COLUMN_LABELS = {"id": "编号", "title": "选题", "rank": "名次", "category": "类别", "direction": "方向",
                 "program": "项目类别", "score": "得分", "matched_terms": "依据词", "evidence": "出处"}

def _flat_rows(results: list[ProposalResult]) -> list[dict]:
    """One row per (proposal, match); a proposal without a match keeps one empty row."""
    rows = []
    for r in results:
        for rank, m in enumerate(r.matches or [None], 1):
            rows.append({
                "id": r.id, "title": r.title, "rank": rank if m else "",
                "category": m.category if m else "", "direction": m.direction if m else "",
                "program": (m.program or "") if m else "", "score": m.score if m else "",
                "matched_terms": _terms(m) if m else "", "evidence": m.evidence if m else "",
            })
    return rows


def _write_json(results, out: Path) -> None:
    out.write_text(dump_json(results) + "\n", encoding="utf-8")


def _write_jsonl(results, out: Path) -> None:
    lines = [json.dumps(r.model_dump(mode="json"), ensure_ascii=False) for r in results]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_csv(results, out: Path) -> None:
    rows = _flat_rows(results)
    with out.open("w", encoding="utf-8-sig", newline="") as handle:  # BOM: Excel opens it as UTF-8
        writer = csv.writer(handle)
        writer.writerow(COLUMN_LABELS.values())
        writer.writerows(csv_row([row[k] for k in COLUMN_LABELS]) for row in rows)


def _write_xlsx(results, out: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "选题分类"
    sheet.append(list(COLUMN_LABELS.values()))
    for row in _flat_rows(results):
        sheet.append([row[k] for k in COLUMN_LABELS])
    text_only(workbook).save(out)


WRITERS = {".json": _write_json, ".jsonl": _write_jsonl, ".csv": _write_csv, ".xlsx": _write_xlsx}


def write_results(results: list[ProposalResult], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    WRITERS[out.suffix.lower()](results, out)

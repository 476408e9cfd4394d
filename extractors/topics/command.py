"""``shenbao classify``: one text, or a file of proposals, onto the directions."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

from ...errors import ShenbaoError, UnsupportedFormatError
from ...models import ProposalResult, TopicMatch, dump_json
from .matcher import Classifier
from .proposals import read_proposals

# Show a progress bar on a terminal, or on any stream for files this large.
PROGRESS_MIN_TTY = 50
PROGRESS_MIN_ANY = 5000


class InputError(ShenbaoError):
    reason_zh = "缺少选题"
    reason_en = "nothing to classify"


def build_classifier(rules: Path | None) -> Classifier:
    return Classifier.from_rules(rules) if rules else Classifier()


def split_text(text: str) -> tuple[str, str | None]:
    """First line is the title, the rest (if any) the description."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return "", None
    return lines[0], " ".join(lines[1:]) or None


def classify_command(text: str | None = None, file: Path | None = None, rules: Path | None = None,
                     top: int = 3, out: Path | None = None, as_json: bool = False) -> str:
    if top < 1:
        raise InputError(None, "--top 至少为 1 / --top must be at least 1")
    if file is None and not (text and text.strip()):
        raise InputError(None, "请给出选题文本或 --file / give a TEXT or --file")
    if out is not None and out.suffix.lower() not in WRITERS:
        raise UnsupportedFormatError(out, "输出文件应为 .json/.jsonl/.csv/.xlsx")
    if file is None:
        title, description = split_text(text or "")
        matches = build_classifier(rules).classify(title, description, top=top)
        if out is not None:
            write_results([ProposalResult(id="1", title=title, matches=matches)], out)
        return dump_json(matches) if as_json else matches_table(title, matches)
    proposals = read_proposals(file)
    classifier = build_classifier(rules)
    results = classify_all(classifier, proposals, top=top, progress=progress_for(len(proposals)))
    if out is not None:
        write_results(results, out)
    return dump_json(results) if as_json else results_table(results)


def classify_all(classifier: Classifier, proposals, top: int = 3,
                 progress: Callable | None = None) -> list[ProposalResult]:
    results = []
    iterator = progress(proposals) if progress else proposals
    for proposal in iterator:
        matches = classifier.classify(proposal.title, proposal.description, top=top)
        results.append(ProposalResult(id=proposal.id, title=proposal.title, matches=matches))
    return results


def progress_for(total: int) -> Callable | None:
    """A tqdm wrapper on stderr when someone can see it or the file is large; else nothing."""
    tty = sys.stderr.isatty()
    if not ((tty and total >= PROGRESS_MIN_TTY) or total >= PROGRESS_MIN_ANY):
        return None
    from tqdm import tqdm

    def wrap(items):
        return tqdm(items, total=total, desc="分类 / classifying", unit="题", file=sys.stderr,
                    mininterval=0.2 if tty else 5.0, leave=False)

    return wrap


# --------------------------------------------------------------------------- readable output


def _terms(match: TopicMatch) -> str:
    return "、".join(dict.fromkeys(match.matched_terms))


def matches_table(title: str, matches: list[TopicMatch]) -> str:
    lines = [f"选题: {title}"]
    if not matches:
        lines.append("  （不属于任何重点方向 / none）")
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
            "\n".join(f"{m.category} / {m.direction}" for m in r.matches) or "（无 / none）",
            "\n".join(f"{m.score:.2f}" for m in r.matches),
            _terms(first) if first else "",
        )
    buffer = io.StringIO()
    Console(file=buffer, width=160, no_color=True, force_terminal=False).print(table)
    flagged = sum(1 for r in results if not r.matches)
    return buffer.getvalue().rstrip() + f"\n共 {len(results)} 个选题，{flagged} 个不属于任何重点方向。"


# --------------------------------------------------------------------------- files


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
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["id", "title"])
        writer.writeheader()
        writer.writerows(rows)


def _write_xlsx(results, out: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "选题分类"
    labels = {"id": "编号", "title": "选题", "rank": "名次", "category": "类别", "direction": "方向",
              "program": "项目类别", "score": "得分", "matched_terms": "依据词", "evidence": "出处"}
    sheet.append(list(labels.values()))
    for row in _flat_rows(results):
        sheet.append([row[k] for k in labels])
    workbook.save(out)


WRITERS = {".json": _write_json, ".jsonl": _write_jsonl, ".csv": _write_csv, ".xlsx": _write_xlsx}


def write_results(results: list[ProposalResult], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    WRITERS[out.suffix.lower()](results, out)

"""The ScreeningReport as JSON: the machine-readable contract of DESIGN.md."""

from __future__ import annotations

from pathlib import Path

from ..models import RuleSet, ScreeningReport, dump_json


def write_json(report: ScreeningReport, path: Path, ruleset: RuleSet | None = None) -> None:
    path.write_text(dump_json(report) + "\n", encoding="utf-8")

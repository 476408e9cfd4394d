"""A self-contained HTML report a person reads in a browser.

Summary counts at the top, one section per submission, and for each finding
the form's value next to the notice's sentence it was checked against.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..models import RuleSet, ScreeningReport
from .crops import crop_data_uri
from .labels import (
    attribute_label,
    form_type_label,
    format_value,
    labels,
    location,
    result_title,
    result_unit,
    ruleset_line,
    status_label,
    verdict_label,
)

VERDICT_ORDER = {"fail": 0, "error": 1, "review": 2, "pass": 3}


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    env.filters.update(verdict=verdict_label, attribute=attribute_label, status=status_label,
                       form_type=form_type_label, value=format_value)
    env.globals.update(severity=lambda s: labels()["severities"].get(s, s), title_of=result_title,
                       unit_of=result_unit, location=location, crop_of=crop_data_uri)
    return env


def render_html(report: ScreeningReport, ruleset: RuleSet | None = None) -> str:
    results = sorted(report.results, key=lambda r: (VERDICT_ORDER.get(r.verdict, 9), r.file, r.row or 0))
    notice = ruleset.notice if ruleset else None
    return _env().get_template("report.html.j2").render(
        report=report, results=results, notice=notice, summary=report.summary,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"), ruleset_line=ruleset_line(report.ruleset),
    )


def write_html(report: ScreeningReport, path: Path, ruleset: RuleSet | None = None) -> None:
    path.write_text(render_html(report, ruleset), encoding="utf-8")

"""The ScreeningReport as JSON: the machine-readable contract of DESIGN.md.

Written incrementally: one result at a time, so a report over tens of thousands of forms (whose
results may be spooled on disk) is never built as one string in memory. The JSON is the same
document ``dump_json(report)`` gives, in the same key order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from ..models import RuleSet, ScreeningReport


def write_json(report: ScreeningReport, path: Path, ruleset: RuleSet | None = None) -> None:
    with open(path, "w", encoding="utf-8") as stream:
        stream_json(report, stream)


def _indented(text: str, by: str) -> str:
    return text.replace("\n", "\n" + by)


def stream_json(report: ScreeningReport, stream: TextIO) -> None:
    """Write ``report`` to ``stream`` as indented JSON, result by result, ending with a newline."""
    rest = report.model_dump(mode="json", by_alias=True, exclude={"results"})
    stream.write("{")
    for n, name in enumerate(ScreeningReport.model_fields):
        stream.write(("," if n else "") + f"\n  {json.dumps(name)}: ")
        if name != "results":
            stream.write(_indented(json.dumps(rest[name], ensure_ascii=False, indent=2), "  "))
            continue
        _stream_results(report, stream)
    stream.write("\n}\n")


def _stream_results(report: ScreeningReport, stream: TextIO) -> None:
    if not len(report.results):
        stream.write("[]")
        return
    stream.write("[")
    for n, result in enumerate(report.results):
        text = result.model_dump_json(by_alias=True, indent=2)
        stream.write(("," if n else "") + "\n    " + _indented(text, "    "))
    stream.write("\n  ]")

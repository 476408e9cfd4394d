"""outputs: ScreeningReport -> files for machines (JSON, CSV) and people (XLSX, HTML, 汇总表).

``write_report`` picks the writer from the file suffix, so the CLI can take
any number of ``--out`` paths.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ..errors import ShenbaoError
from ..models import RuleSet, ScreeningReport

__all__ = ["write_report", "write_summary_table", "REPORT_SUFFIXES"]

REPORT_SUFFIXES = (".json", ".csv", ".xlsx", ".html", ".htm")


class OutputError(ShenbaoError):
    reason_zh = "无法写出报告"
    reason_en = "cannot write the report"


def write_report(report: ScreeningReport, path: str | Path, ruleset: RuleSet | None = None) -> Path:
    """Write ``report`` to ``path`` in the format its suffix names."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise OutputError(path, f"支持的报告格式 / supported: {' '.join(REPORT_SUFFIXES)}")
    if suffix == ".json":
        from .json_report import write_json as writer
    elif suffix == ".csv":
        from .csv_report import write_csv as writer
    elif suffix == ".xlsx":
        from .xlsx_report import write_xlsx as writer
    else:
        from .html_report import write_html as writer
    with complete_or_absent(path) as partial:
        writer(report, partial, ruleset)
    return path


@contextlib.contextmanager
def complete_or_absent(path: Path):
    """Write to a temporary file beside ``path`` and rename it into place: a reader never sees half a
    report, and a failure (a full disk) leaves the previous file, or none, and says which file."""
    temporary = path.with_name(f".~{path.stem}.{os.getpid()}{path.suffix}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield temporary
        os.replace(temporary, path)
    except OSError as err:
        raise OutputError(path, f"无法写入：{err.strerror or err}") from err
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def write_summary_table(report: ScreeningReport, path: str | Path, ruleset: RuleSet | None = None) -> Path:
    """The 汇总表 of the passing submissions, the table a bureau forwards."""
    from .summary_table import write_summary

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise OutputError(path, "汇总表只能写成 Excel 文件（.xlsx） / the summary table is written as .xlsx")
    with complete_or_absent(path) as partial:
        write_summary(report, partial, ruleset)
    return path

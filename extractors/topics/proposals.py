"""Reading seminar proposals: JSONL (id/title/description), TXT (one title per line),
XLSX or CSV (a title column and an optional description column)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ...errors import EmptyFileError, FileMissingError, IngestError, UnsupportedFormatError
from ...ingest.detect import decode_text
from ...models import Proposal

# Header labels, compared after removing spaces; the first column that matches wins.
TITLE_HEADERS = ("title", "name", "标题", "选题", "选题名称", "题目", "名称", "项目名称", "研修项目名称", "班次名称",
                 "培训班名称", "研修班名称", "培训项目名称", "课程名称", "主题", "研修主题", "培训主题")
DESCRIPTION_HEADERS = ("description", "desc", "简介", "描述", "说明", "内容", "项目简介", "研修内容", "培训内容",
                       "主要内容", "研修内容和方式", "内容简介", "研修目的", "选题简介")
ID_HEADERS = ("id", "编号", "序号", "项目编号", "no", "no.")


class ProposalFileError(IngestError):
    reason_zh = "选题文件格式不正确"
    reason_en = "bad proposals file"


def read_proposals(path: str | Path) -> list[Proposal]:
    """Proposals in input order; a file with none is an error, not an empty result."""
    proposals = _read_any(Path(path))
    if not proposals:
        raise ProposalFileError(path, "文件中没有选题 / no proposals in the file")
    return proposals


def _read_any(path: Path) -> list[Proposal]:
    if not path.exists():
        raise FileMissingError(path)
    if path.stat().st_size == 0:
        raise EmptyFileError(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(path)
    if suffix == ".json":
        return read_json(path)
    if suffix in (".txt", ".md", ""):
        return read_txt(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix == ".csv":
        return rows_to_proposals(path, list(csv.reader(io.StringIO(_text(path)))))
    raise UnsupportedFormatError(path, f"{suffix}: 支持 JSONL / TXT / XLSX / CSV")


def _text(path: Path) -> str:
    """The file's text in whatever encoding ingest recognises (UTF-8, UTF-16, GB18030)."""
    try:
        return decode_text(path.read_bytes())
    except UnicodeDecodeError as err:
        raise ProposalFileError(path, "无法识别文本编码 / unknown text encoding") from err


def _proposal(path: Path, where: str, record: dict, default_id: str) -> Proposal:
    if not isinstance(record, dict):
        raise ProposalFileError(path, f"{where}: 不是对象 / not an object")
    title = str(record.get("title") or record.get("标题") or record.get("选题") or "").strip()
    if not title:
        raise ProposalFileError(path, f"{where}: 缺少 title / missing title")
    description = record.get("description") or record.get("简介") or None
    ident = record.get("id")
    return Proposal(id=str(ident) if ident not in (None, "") else default_id, title=title,
                    description=str(description).strip() if description else None)


def read_jsonl(path: Path) -> list[Proposal]:
    proposals = []
    for number, line in enumerate(_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise ProposalFileError(path, f"第 {number} 行 JSON 无法解析 / line {number}: {err.msg}") from err
        proposals.append(_proposal(path, f"第 {number} 行", record, str(number)))
    return proposals


def read_json(path: Path) -> list[Proposal]:
    try:
        data = json.loads(_text(path))
    except json.JSONDecodeError as err:
        raise ProposalFileError(path, f"JSON 无法解析: {err.msg}") from err
    if not isinstance(data, list):
        raise ProposalFileError(path, "JSON 应为选题列表 / expected a list of proposals")
    return [_proposal(path, f"第 {i} 项", r, str(i)) for i, r in enumerate(data, 1)]


def read_txt(path: Path) -> list[Proposal]:
    """One title per line; the id is the line number (blank lines keep their number)."""
    return [Proposal(id=str(number), title=line.strip())
            for number, line in enumerate(_text(path).splitlines(), 1) if line.strip()]


def read_xlsx(path: Path) -> list[Proposal]:
    return rows_to_proposals(path, _xlsx_rows(path))


def _xlsx_rows(path: Path) -> list[list[str]]:
    """Rows of the first sheet as the ingest stage reads it (header row first)."""
    from ...ingest import load

    document = load(path)
    if not document.tables:
        raise ProposalFileError(path, "表格为空 / no table in the workbook")
    table = document.tables[0]
    grid = table.grid()
    if table.header:
        # One combined label per column (two-row headers merged), then the data rows.
        return [list(table.header)] + grid[max(1, table.header_rows) :]
    return grid


def _find_column(header: list[str], labels: tuple[str, ...]) -> int | None:
    clean = [h.replace(" ", "").replace("\u3000", "").lower() for h in header]
    for label in labels:
        if label in clean:
            return clean.index(label)
    for i, h in enumerate(clean):  # 研修项目名称（全称） and the like
        if h and any(h.startswith(label) for label in labels if len(label) >= 2):
            return i
    return None


def rows_to_proposals(path: Path, rows: list[list[str]]) -> list[Proposal]:
    """Rows with a header: find the title / description / id columns from the labels.
    Without a recognisable header the first non-empty column is the title."""
    rows = [[str(c or "").strip() for c in row] for row in rows if any(str(c or "").strip() for c in row)]
    if not rows:
        raise ProposalFileError(path, "没有选题 / no proposals")
    header_row = next((i for i, row in enumerate(rows[:10]) if _find_column(row, TITLE_HEADERS) is not None), None)
    if header_row is None:
        title_col = next(c for c in range(max(map(len, rows))) if any(c < len(r) and r[c] for r in rows))
        desc_col = id_col = None
        data = rows
    else:
        header = rows[header_row]
        title_col = _find_column(header, TITLE_HEADERS)
        desc_col = _find_column(header, DESCRIPTION_HEADERS)
        id_col = _find_column(header, ID_HEADERS)
        data = rows[header_row + 1 :]
    proposals = []
    for number, row in enumerate(data, 1):
        title = row[title_col] if title_col < len(row) else ""
        if not title:
            continue
        description = row[desc_col] if desc_col is not None and desc_col < len(row) else None
        ident = row[id_col] if id_col is not None and id_col < len(row) and row[id_col] else str(number)
        proposals.append(Proposal(id=ident, title=title, description=description or None))
    if not proposals:
        raise ProposalFileError(path, "没有选题 / no proposals")
    return proposals

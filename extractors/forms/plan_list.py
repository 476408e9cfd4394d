"""Plan lists (XLSX exports, one class per row) -> one Submission per data row.

Columns are matched by their header labels (corpus ``columns``), so columns
may come in any order, with other wordings, and with extra columns the list
ignores. The header row is the first row where several headers match (a title
row above it is skipped). ``row`` is the 1-based data row under the header;
rows with no value at all (trailing blank rows, a totals row without a class
name) are skipped.
"""

from __future__ import annotations

from typing import Any

from ...models import Cell, Document, Field_, Table
from .labels import match_label
from .values import as_int, as_yesno, normalize_phone

MIN_HEADER_MATCHES = 3


def find_header(table: Table, columns: dict[str, Any]) -> tuple[int, dict[int, str]] | None:
    """(header row index, column index -> field key) of the first row that looks like a header."""
    for r in range(min(table.n_rows, 10)):
        mapping: dict[int, str] = {}
        for cell in table.row_cells(r):
            m = match_label(cell.text, columns)
            if m and m.key not in mapping.values():
                mapping[cell.col] = m.key
        if len(mapping) >= MIN_HEADER_MATCHES:
            return r, mapping
    return None


def read_value(kind: str, text: str, warnings: list[str], label: str) -> Any:
    text = text.strip()
    if not text:
        return None
    if kind == "int":
        value = as_int(text)
        if value is None:
            warnings.append(f"“{label}”栏的值“{text}”不是整数")
        return value
    if kind == "yesno":
        value = as_yesno(text)
        if value is None:
            warnings.append(f"“{label}”栏的值“{text}”不是“是/否”")
            return text
        return value
    if kind == "phone":
        phone, valid = normalize_phone(text)
        if not valid:
            warnings.append(f"“{label}”栏的电话号码“{text}”格式不正确")
        return phone
    return text


def read_rows(doc: Document, spec: dict[str, Any]) -> list[tuple[int, dict[str, Field_], list[str]]]:
    """(data row number, fields, warnings) for every data row of every list table."""
    columns = spec["columns"]
    out = []
    for table in doc.tables:
        found = find_header(table, columns)
        if found is None:
            continue
        header_row, mapping = found
        missing = [k for k in columns if k not in mapping.values()]
        n = 0
        for r in range(header_row + 1, table.n_rows):
            cells = {c.col: c for c in table.row_cells(r)}
            if not any(c.text.strip() for c in cells.values()):
                continue
            n += 1
            fields, warnings = _read_row(doc, table, r, cells, mapping, columns)
            for key in missing:
                fields[key] = Field_(value=None)
                warnings.append(f"未找到“{columns[key]['labels'][0]}”列（字段 {key}）")
            out.append((n, {k: fields[k] for k in spec.get("order", fields) if k in fields}, warnings))
    return out


def _read_row(doc: Document, table: Table, r: int, cells: dict[int, Cell], mapping: dict[int, str],
              columns: dict[str, Any]) -> tuple[dict[str, Field_], list[str]]:
    fields: dict[str, Field_] = {}
    warnings: list[str] = []
    for col, key in mapping.items():
        cell = cells.get(col)
        label = columns[key]["labels"][0]
        if cell is None or not cell.text.strip():
            fields[key] = Field_(value=None, evidence=None)
            continue
        value = read_value(columns[key]["kind"], cell.text, warnings, label)
        evidence = doc.evidence(cell.start, cell.end, table=table.index, row=r, col=col)
        fields[key] = Field_(value=value, evidence=evidence, raw=cell.text)
    return fields, warnings

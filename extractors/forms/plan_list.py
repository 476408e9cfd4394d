"""Plan lists (XLSX exports, one class per row) -> one Submission per data row.

Columns are matched by their header labels (corpus ``columns``), so columns
may come in any order, with other wordings, and with extra columns the list
ignores. The header row is the first row where several headers match (a title
row or a 填表说明 row above it is skipped). A two-row header (a merged parent
such as 培训安排 over 培训天数 / 培训学时) is read column by column: the child
label under a merged parent names the column, and data start below it.
``row`` is the 1-based data row under the header; rows with no value at all
(blank rows between classes, trailing blank rows) and totals rows (合计 /
总计 with no class name, see ``total_words`` in the corpus) are skipped.
"""

from __future__ import annotations

from typing import Any

from ...models import Cell, Document, Field_, Table
from ...normalizers.text import compact
from .labels import form_labels, match_label, split_inline_label
from .values import as_int, as_number, as_phone, as_yesno

MIN_HEADER_MATCHES = 3
HEADER_SCAN_ROWS = 10


def _row_mapping(table: Table, r: int, columns: dict[str, Any]) -> dict[int, str]:
    """Column index -> field key for the header labels found in row ``r`` (anchor cells only)."""
    mapping: dict[int, str] = {}
    for cell in table.row_cells(r):
        if cell.row != r:  # a cell merged down from the row above is not this row's label
            continue
        m = match_label(cell.text, columns)
        if m and m.key not in mapping.values():
            mapping[cell.col] = m.key
    return mapping


def _child_labels(table: Table, r: int, columns: dict[str, Any]) -> dict[int, tuple[int, str]]:
    """Labels in row ``r + 1`` under merged parents of header row ``r``: column -> (parent column, key).

    The child names the column (培训安排 over 培训天数 | 培训学时); when the child
    alone is too short to say what it is (是否申请 over 资助 | 专项技术支持), the
    parent and child read together do."""
    if r + 1 >= table.n_rows:
        return {}
    children: dict[int, tuple[int, str]] = {}
    for parent in table.row_cells(r):
        if parent.row != r or parent.col_span < 2:
            continue
        for col in range(parent.col, parent.col + parent.col_span):
            cell = table.cell_at(r + 1, col)
            if cell is None or cell.row != r + 1 or not cell.text.strip():
                continue
            m = match_label(cell.text, columns) or match_label(compact(parent.text) + compact(cell.text), columns)
            if m:
                children[col] = (parent.col, m.key)
    return children


def find_header(table: Table, columns: dict[str, Any]) -> tuple[int, dict[int, str], int] | None:
    """(header row, column index -> field key, first data row) of the first row that looks like a header."""
    for r in range(min(table.n_rows, HEADER_SCAN_ROWS)):
        mapping = _row_mapping(table, r, columns)
        if len(mapping) < MIN_HEADER_MATCHES:
            continue
        children = _child_labels(table, r, columns)
        for parent_col in {p for p, _ in children.values()}:
            mapping.pop(parent_col, None)  # a parent label names its children's group, not a column
        for col, (_, key) in children.items():
            if key not in mapping.values():
                mapping[col] = key
        first_data = r + 2 if children or _tall_header(table, r) else r + 1
        return r, dict(sorted(mapping.items())), first_data
    return None


def _tall_header(table: Table, r: int) -> bool:
    """Header labels merged down over two rows (a two-row header whose children matched nothing)."""
    cells = [c for c in table.row_cells(r) if c.row == r]
    return bool(cells) and sum(c.row_span >= 2 for c in cells) * 2 > len(cells)


def _is_total_row(cells: dict[int, Cell], mapping: dict[int, str], key_column: str | None) -> bool:
    """A 合计 / 总计 row: a totals word in a cell and no class name (or the class name is the word)."""
    words = {compact(w) for w in form_labels().get("total_words", [])}
    key_col = next((c for c, k in mapping.items() if k == key_column), None)
    key_text = compact(cells[key_col].text) if key_col is not None and key_col in cells else ""
    if key_text and key_text not in words:
        return False
    return any(compact(c.text) in words for c in cells.values())


def read_value(kind: str, text: str, warnings: list[str], label: str) -> Any:
    text = text.strip()
    if not text:
        return None
    if kind == "int":
        value = as_int(text)
        if value is None:
            warnings.append(f"“{label}”栏的值“{text}”不是整数")
        return value
    if kind == "number":
        value = as_number(text)
        if value is None:
            warnings.append(f"“{label}”栏的值“{text}”不是一个数")
        return value
    if kind == "yesno":
        value = as_yesno(text)
        if value is None:
            warnings.append(f"“{label}”栏的值“{text}”不是“是/否”")
            return text
        return value
    if kind == "phone":
        phone, valid = as_phone(text)
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
        header_row, mapping, first_data = found
        missing = [k for k in columns if k not in mapping.values()]
        list_wide = _values_above_header(doc, table, header_row, {k: columns[k] for k in missing})
        data_rows = []
        for r in range(first_data, table.n_rows):
            cells = {c.col: c for c in table.row_cells(r)}
            if not any(c.text.strip() for c in cells.values()):
                continue
            if _is_total_row(cells, mapping, spec.get("key_column")):
                continue
            data_rows.append((r, cells))
        ticked_only = _tick_only_columns(data_rows, mapping, columns)
        for n, (r, cells) in enumerate(data_rows, start=1):
            fields, warnings = _read_row(doc, table, r, cells, mapping, columns, ticked_only)
            for key in missing:
                if key in list_wide:
                    fields[key] = list_wide[key]
                    continue
                fields[key] = Field_(value=None, found=False)
                warnings.append(f"未找到“{columns[key]['labels'][0]}”列（字段 {key}）")
            out.append((n, {k: fields[k] for k in spec.get("order", fields) if k in fields}, warnings))
    return out


def _values_above_header(doc: Document, table: Table, header_row: int,
                         wanted: dict[str, Any]) -> dict[str, Field_]:
    """Columns the list lacks but states once for all rows above its header ("填报单位：XX研究所")."""
    found: dict[str, Field_] = {}
    if not wanted:
        return found
    for block in _paragraphs_before(doc, table):
        pos = block.start
        for line in block.text.split("\n"):
            parts = split_inline_label(line)
            m = match_label(parts[0], wanted) if parts and parts[1].strip() else None
            if m is not None and m.key not in found:
                value_text = parts[1].strip()
                start = pos + line.rfind(value_text)
                value = read_value(wanted[m.key]["kind"], value_text, [], wanted[m.key]["labels"][0])
                found[m.key] = Field_(value=value, evidence=doc.evidence(start, start + len(value_text)), raw=line)
            pos += len(line) + 1
    for r in range(header_row):
        for cell in table.row_cells(r):
            if cell.row != r:
                continue
            parts = split_inline_label(cell.text)
            if not parts or not parts[1].strip():
                continue
            m = match_label(parts[0], wanted)
            if m is None or m.key in found:
                continue
            value = read_value(wanted[m.key]["kind"], parts[1], [], wanted[m.key]["labels"][0])
            start = cell.end - len(parts[1].rstrip()) if cell.text.rstrip().endswith(parts[1].rstrip()) else cell.start
            evidence = doc.evidence(start, cell.end, table=table.index, row=r, col=cell.col)
            found[m.key] = Field_(value=value, evidence=evidence, raw=cell.text)
    return found


def _paragraphs_before(doc: Document, table: Table) -> list:
    """The paragraphs between the previous table (or sheet) and this one: the list's title lines."""
    lines = []
    for block in doc.blocks:
        if block.kind == "table":
            if block.table == table.index:
                return lines
            lines = []
        elif block.kind == "paragraph":
            lines.append(block)
    return []


def _tick_only_columns(data_rows: list[tuple[int, dict[int, Cell]]], mapping: dict[int, str],
                       columns: dict[str, Any]) -> set[int]:
    """Yes/no columns filled by ticking (√ for yes) and never writing no: there a blank cell means 否."""
    marks = set(form_labels().get("tick_marks", []))
    out = set()
    for col, key in mapping.items():
        if columns[key]["kind"] != "yesno":
            continue
        texts = [compact(cells[col].text) for _, cells in data_rows if col in cells]
        filled = [t for t in texts if t]
        if filled and len(filled) < len(data_rows) and all(t in marks for t in filled):
            out.add(col)
    return out


def _read_row(doc: Document, table: Table, r: int, cells: dict[int, Cell], mapping: dict[int, str],
              columns: dict[str, Any], ticked_only: set[int] = frozenset()) -> tuple[dict[str, Field_], list[str]]:
    fields: dict[str, Field_] = {}
    warnings: list[str] = []
    for col, key in mapping.items():
        cell = cells.get(col)
        label = columns[key]["labels"][0]
        if (cell is None or not cell.text.strip()) and col in ticked_only:
            at = cell.start if cell is not None else table.end
            fields[key] = Field_(value="否", evidence=doc.evidence(at, at, table=table.index, row=r, col=col), raw="")
            warnings.append(f"“{label}”栏未打“√”，按“否”读取")
            continue
        if cell is None or not cell.text.strip():
            fields[key] = Field_(value=None, evidence=None)
            continue
        value = read_value(columns[key]["kind"], cell.text, warnings, label)
        evidence = doc.evidence(cell.start, cell.end, table=table.index, row=r, col=col)
        fields[key] = Field_(value=value, evidence=evidence, raw=cell.text)
    return fields, warnings

"""Rule-set files: the RuleSet JSON and the reviewable YAML a person edits.

Reading validates the data as a RuleSet and turns pydantic's errors into one
line that names the file and the field; ids a reviewer left out are generated.
Writing gives the YAML (with a header explaining op and strength) or JSON.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

from ..errors import RulesError
from ..models import RuleSet, dump_json
from .validate import validate_data

YAML_SUFFIXES = {".yaml", ".yml"}
RULESET_SUFFIXES = {".json"} | YAML_SUFFIXES


def read_ruleset_file(path: str | Path) -> RuleSet:
    """A RuleSet from a RuleSet JSON file or an exported (and perhaps edited) YAML."""
    path = Path(path)
    if not path.is_file():
        raise RulesError(path, "文件不存在 / file not found")
    suffix = path.suffix.lower()
    if suffix == ".json":
        return ruleset_from_data(_read_json(path), path)
    if suffix in YAML_SUFFIXES:
        return ruleset_from_data(_read_yaml(path), path)
    raise RulesError(path, "应为规则集 JSON/YAML")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise RulesError(path, f"无法读取: {err.__class__.__name__}") from err


def _read_json(path: Path) -> Any:
    try:
        return json.loads(_read_text(path))
    except json.JSONDecodeError as err:
        raise RulesError(path, f"JSON 格式错误，第 {err.lineno} 行") from err


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(_read_text(path))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"，第 {mark.line + 1} 行" if mark is not None else ""
        raise RulesError(path, f"YAML 格式错误{where}") from err


def ruleset_from_data(data: Any, path: str | Path | None = None) -> RuleSet:
    """Validate plain data as a RuleSet (store/validate.py); ids a person left out are generated."""
    if isinstance(data, dict):
        for i, req in enumerate(data.get("requirements") or []):
            if isinstance(req, dict) and not req.get("id"):
                req["id"] = _generated_id(req, i)
    return validate_data(data, path)


def _generated_id(req: dict, index: int) -> str:
    basis = json.dumps([req.get("program"), req.get("attribute"), req.get("value"), index],
                       ensure_ascii=False, sort_keys=True, default=str)
    return f"{req.get('attribute') or 'req'}-{hashlib.sha1(basis.encode()).hexdigest()[:8]}"


# --------------------------------------------------------------------------- writing


class _FlowDict(dict):
    pass


class _FlowList(list):
    pass


class _ExportDumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ExportDumper.add_representer(str, _represent_str)
_ExportDumper.add_representer(
    _FlowDict, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True)
)
_ExportDumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))

_SCALARS = (str, int, float, bool, type(None))
# Evidence keys whose null is the model default: left out of the export to keep lines short.
_OPTIONAL_LOCATION = {"page", "table", "row", "col", "file"}


def _flowify(value: Any, depth: int = 0) -> Any:
    """Small leaf mappings (evidence, condition, flag) and short lists on one line each."""
    if isinstance(value, dict):
        if depth >= 2 and value and all(isinstance(v, _SCALARS) for v in value.values()):
            return _FlowDict({k: v for k, v in value.items() if not (k in _OPTIONAL_LOCATION and v is None)})
        return {k: _flowify(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        if value and all(isinstance(v, _SCALARS) for v in value) and sum(len(str(v)) for v in value) <= 60:
            return _FlowList(value)
        return [_flowify(v, depth + 1) for v in value]
    return value


_EXPORT_ORDER = ["notice", "source", "programs", "requirements", "topic_scope", "priority_directions",
                 "deadlines", "contacts", "attachments", "warnings"]


def ruleset_yaml(ruleset: RuleSet, header_line: str | None = None) -> str:
    data = ruleset.model_dump(mode="json")
    ordered = {k: data[k] for k in _EXPORT_ORDER if k in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    header = [
        "# 规则集（可编辑）: 修改后运行 shenbao rules import 本文件 → 登记为新版本（草稿），审批后生效。",
        "# op: >= 不少于 | <= 不超过 | == 等于 | between [下限, 上限] | approx 左右 | in 可选值列表",
        "# strength: required 硬性要求 | guideline 指导性（原则上/左右/鼓励）",
    ]
    if header_line:
        header.insert(0, f"# {header_line}")
    body = yaml.dump(_flowify(ordered), Dumper=_ExportDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=4096, indent=2)
    return "\n".join(header) + "\n" + body


def write_ruleset_file(ruleset: RuleSet, out: Path, header_line: str | None = None) -> None:
    """The rule set as .yaml (reviewable, with a header) or .json."""
    suffix = out.suffix.lower()
    if suffix in YAML_SUFFIXES:
        text = ruleset_yaml(ruleset, header_line)
    elif suffix == ".json":
        text = dump_json(ruleset) + "\n"
    else:
        raise RulesError(out, "导出文件应为 .yaml 或 .json")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as err:
        raise RulesError(out, f"无法写入: {err.strerror or err}") from err

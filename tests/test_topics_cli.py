"""``shenbao classify``: the JSON shapes of the command line contract."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shenbao.cli import app
from shenbao.extractors.topics import read_proposals

runner = CliRunner()

BLIND6_NOTICE = Path(__file__).parent / "data" / "topics_rules_blind6" / "notice.txt"
TITLES = ["量子计算软件栈与算法研修班", "公文写作与办文规范培训班", "智慧养老服务体系建设研修班"]


def invoke(*args: str):
    result = runner.invoke(app, ["classify", *args])
    return result


def test_text_gives_a_json_list_of_matches():
    result = invoke("量子计算软件栈与算法研修班", "--json", "--top", "2")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and 1 <= len(data) <= 2
    assert data[0]["direction"] == "量子信息"
    # The contract's keys, extended (never renamed) by the glossary path of the match and the
    # list of directions that answered.
    assert set(data[0]) == {"category", "direction", "score", "matched_terms", "evidence", "program", "glossary_path",
                            "taxonomy"}
    assert isinstance(data[0]["glossary_path"], list)


def test_without_rules_the_builtin_list_is_named():
    result = invoke("量子计算软件栈与算法研修班", "--json")
    taxonomy = json.loads(result.stdout)[0]["taxonomy"]
    assert taxonomy["kind"] == "builtin" and taxonomy["name"] == "内置方向表"
    assert taxonomy["source"] == "corpus/taxonomy.json" and taxonomy["directions"] == 43
    assert taxonomy["categories"] == ["服务重大战略", "对接产业需求", "突出数字技术"]
    # An empty list carries no field: stderr names the list, stdout stays the JSON.
    none = invoke("公文写作与办文规范培训班", "--json")
    assert json.loads(none.stdout) == []
    assert "未指定通知（--rules），按内置方向表匹配" in none.stderr


def test_human_output_names_the_list_that_answered():
    builtin = invoke("量子计算软件栈与算法研修班")
    assert builtin.stdout.splitlines()[0].startswith("未指定通知（--rules），按内置方向表匹配：corpus/taxonomy.json")
    assert "43 个方向" in builtin.stdout.splitlines()[0]
    notice = invoke("低空经济无人机应用研修班", "--rules", str(BLIND6_NOTICE))
    assert notice.exit_code == 0, notice.output
    assert notice.stdout.splitlines()[0].startswith("按 notice.txt 的选题范围匹配")
    assert "内置方向表" not in notice.stdout and "内置方向表" not in notice.stderr


def test_with_rules_every_result_names_the_notice(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps({"id": str(i), "title": t}, ensure_ascii=False)
                              for i, t in enumerate(TITLES, 1)), encoding="utf-8")
    result = invoke("--file", str(path), "--json", "--rules", str(BLIND6_NOTICE))
    assert result.exit_code == 0, result.output
    for entry in json.loads(result.stdout):
        assert entry["taxonomy"]["kind"] == "rules"
        assert entry["taxonomy"]["source"] == str(BLIND6_NOTICE)
        assert all(m["taxonomy"] == entry["taxonomy"] for m in entry["matches"])
    assert "内置方向表" not in result.stderr


def test_file_results_name_the_builtin_list_also_when_nothing_matched(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("\n".join(TITLES), encoding="utf-8")
    data = json.loads(invoke("--file", str(path), "--json").stdout)
    assert data[1]["matches"] == [] and data[1]["taxonomy"]["kind"] == "builtin"
    table = invoke("--file", str(path)).stdout
    assert table.splitlines()[0].startswith("未指定通知（--rules），按内置方向表匹配")


def test_out_of_scope_text_gives_empty_list():
    result = invoke("公文写作与办文规范培训班", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_readable_output_without_json():
    result = invoke("量子计算软件栈与算法研修班")
    assert result.exit_code == 0
    assert "量子信息" in result.stdout and "依据" in result.stdout


@pytest.fixture
def jsonl_file(tmp_path):
    path = tmp_path / "proposals.jsonl"
    rows = [{"id": f"p{i}", "title": t, "description": ""} for i, t in enumerate(TITLES, 1)]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def check_entries(data, ids):
    assert [e["id"] for e in data] == ids
    assert [e["title"] for e in data] == TITLES
    assert data[0]["matches"][0]["direction"] == "量子信息"
    assert data[1]["matches"] == []
    assert data[2]["matches"][0]["direction"] == "生命健康"  # 养老 → health (default taxonomy)


def test_jsonl_file(jsonl_file):
    result = invoke("--file", str(jsonl_file), "--json")
    assert result.exit_code == 0, result.output
    check_entries(json.loads(result.stdout), ["p1", "p2", "p3"])


def test_txt_file_ids_are_line_numbers(tmp_path):
    path = tmp_path / "titles.txt"
    path.write_text("\n".join(TITLES) + "\n", encoding="utf-8")
    result = invoke("--file", str(path), "--json")
    assert result.exit_code == 0, result.output
    check_entries(json.loads(result.stdout), ["1", "2", "3"])


def test_xlsx_file_with_title_and_description_columns(tmp_path):
    path = tmp_path / "proposals.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["序号", "项目名称", "项目简介"])
    for i, title in enumerate(TITLES, 1):
        sheet.append([i, title, ""])
    workbook.save(path)
    assert [p.title for p in read_proposals(path)] == TITLES
    result = invoke("--file", str(path), "--json")
    assert result.exit_code == 0, result.output
    check_entries(json.loads(result.stdout), ["1", "2", "3"])


@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".csv", ".xlsx"])
def test_out_file(jsonl_file, tmp_path, suffix):
    out = tmp_path / f"result{suffix}"
    result = invoke("--file", str(jsonl_file), "--json", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists()
    if suffix == ".json":
        check_entries(json.loads(out.read_text(encoding="utf-8")), ["p1", "p2", "p3"])
    elif suffix == ".jsonl":
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        check_entries(lines, ["p1", "p2", "p3"])
    elif suffix == ".csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
        assert list(rows[0])[:3] == ["编号", "选题", "名次"]  # headed in Chinese for the staff
        assert rows[0]["方向"] == "量子信息" and rows[0]["编号"] == "p1"
        assert any(r["编号"] == "p2" and r["方向"] == "" for r in rows)
    else:
        sheet = openpyxl.load_workbook(out).active
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        assert values[0][:2] == ["编号", "选题"]
        assert values[1][0] == "p1" and values[1][4] == "量子信息"


def test_bad_input_exits_2(tmp_path):
    assert invoke("--file", str(tmp_path / "missing.jsonl"), "--json").exit_code == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "title": "x"}\n{broken\n', encoding="utf-8")
    result = invoke("--file", str(bad), "--json")
    assert result.exit_code == 2
    assert "bad.jsonl" in result.output
    assert invoke("--json").exit_code == 2  # neither TEXT nor --file

"""Rule sets a person wrote or edited: the words of the YAML header are accepted; what cannot
be used is refused in Chinese, naming the requirement and the field; nothing empty is approved."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from shenbao.cli import app
from shenbao.errors import RulesError
from shenbao.pipeline.rules import load_ruleset
from shenbao.store.registry import approve, store

runner = CliRunner()


def ruleset_data(**req_changes) -> dict:
    req = {"id": "r1", "attribute": "participants", "op": ">=", "value": 30, "unit": "人",
           "strength": "required", "evidence": {"text": "学员数量不少于30人", "start": 0, "end": 9}}
    req.update(req_changes)
    return {"source": {"file": "n.txt", "sha256": "a" * 64, "format": "txt"},
            "notice": {"issuer": "某省人社厅", "year": 2031}, "requirements": [req]}


def write(tmp_path, data, suffix=".yaml"):
    path = tmp_path / f"rules{suffix}"
    text = yaml.safe_dump(data, allow_unicode=True) if suffix == ".yaml" else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def test_chinese_op_and_strength_words_are_accepted(tmp_path):
    rs = load_ruleset(write(tmp_path, ruleset_data(op="至少", strength="硬性要求")))
    assert rs.requirements[0].op == ">=" and rs.requirements[0].strength == "required"
    rs = load_ruleset(write(tmp_path, ruleset_data(op="左右", strength="指导性")))
    assert rs.requirements[0].op == "approx" and rs.requirements[0].strength == "guideline"


def test_a_chinese_numeral_value_is_refused_with_the_number_it_means(tmp_path):
    with pytest.raises(RulesError) as err:
        load_ruleset(write(tmp_path, ruleset_data(value="四十")))
    message = str(err.value)
    assert "第 1 条要求（r1）" in message and "应为数字" in message and "40" in message


def test_an_unknown_operator_is_refused_in_chinese(tmp_path):
    with pytest.raises(RulesError) as err:
        load_ruleset(write(tmp_path, ruleset_data(op="差不多")))
    assert "第 1 条要求（r1）的 op" in str(err.value) and "差不多" in str(err.value)


def test_a_bad_date_is_refused(tmp_path):
    with pytest.raises(RulesError) as err:
        load_ruleset(write(tmp_path, ruleset_data(attribute="application_deadline", op="<=", value="三月底", unit=None)))
    assert "应为日期" in str(err.value)


def test_a_json_that_is_not_a_rule_set_is_refused(tmp_path):
    path = tmp_path / "hello.json"
    path.write_text('"hello"', encoding="utf-8")
    result = runner.invoke(app, ["screen", str(path), "--rules", str(path)])
    assert result.exit_code == 2 and "不是规则集" in result.output


def test_an_empty_rule_set_can_be_neither_approved_nor_used(tmp_path, registry_db):
    data = ruleset_data()
    data["requirements"] = []
    path = write(tmp_path, data, ".json")
    db = registry_db  # SQLite, and PostgreSQL when SHENBAO_TEST_PG_URL is set
    record, _ = store(load_ruleset(path), db)
    with pytest.raises(RulesError) as err:
        approve(record.id, db)
    assert "没有任何要求" in str(err.value)
    result = runner.invoke(app, ["screen", str(path), "--rules", str(path)])
    assert result.exit_code == 2 and "没有任何要求" in result.output


def test_an_edited_value_is_shown_with_the_notice_sentence_and_the_version(tmp_path, registry_db):
    """Edit 30 → 40 in the exported YAML, re-import, approve, screen: the report names the
    rule set's version and content, shows the edited value and the notice's own sentence."""
    from shenbao.pipeline.rules import export_command, import_command
    from shenbao.pipeline.screen import screen_command
    from shenbao.store.registry import approve as approve_ref

    db = registry_db  # SQLite, and PostgreSQL when SHENBAO_TEST_PG_URL is set
    data = ruleset_data(attribute="participants", value=30)
    data["notice"]["title"] = "关于申报研修项目的通知"
    data["programs"] = [{"name": "国家级高级研修项目"}]
    import_command(write(tmp_path, data, ".json"), db=db)
    exported = tmp_path / "export.yaml"
    export_command("latest", exported, db=db)
    edited = exported.read_text(encoding="utf-8").replace("value: 30", "value: 40")
    assert edited != exported.read_text(encoding="utf-8")
    exported.write_text(edited, encoding="utf-8")
    import_command(exported, db=db)
    record = approve_ref("latest", db)
    assert record.version == 2

    import os

    os.environ["SHENBAO_DB"] = str(db)
    try:
        from shenbao.config import shared_dir

        form = shared_dir() / "samples" / "forms" / "fj_national_01.docx"
        text, report = screen_command([str(form)], rules=None, issuer="某省人社厅")
    finally:
        del os.environ["SHENBAO_DB"]
    assert report.ruleset.registry_id == record.id and report.ruleset.version == 2
    assert report.ruleset.status == "approved" and report.ruleset.content_sha256
    finding = next(f for r in report.results for f in r.findings if f.attribute == "participants")
    assert "40" in finding.message and "规则集已修改" in finding.message and "学员数量不少于30人" in finding.message
    assert "第 2 版" in text


def test_a_misspelt_attribute_is_refused_with_the_nearest_name(tmp_path):
    with pytest.raises(RulesError) as err:
        load_ruleset(write(tmp_path, ruleset_data(attribute="duration_dayz", unit="天")))
    assert "duration_dayz" in str(err.value) and "duration_days" in str(err.value)

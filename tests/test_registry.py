"""Rule-set registry: import, versions, approval, export/edit/re-import, loader, CLI."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
import yaml

from shenbao.errors import RulesError
from shenbao.models import Evidence, Program, Requirement, RuleSet, Source
from shenbao.pipeline.rules import export_command as export
from shenbao.pipeline.rules import load_ruleset
from shenbao.store.registry import (
    SCHEMA_VERSION,
    NoApprovedRuleSetError,
    UnknownRuleSetError,
    approve,
    approved_ruleset,
    list_records,
    resolve,
    store,
)


def make_ruleset(issuer="某省人社厅", year=2025, days=5, sha="c" * 64, title="关于申报高级研修项目的通知"):
    quote = f"每期研修时间不少于{days}天"
    return RuleSet(
        source=Source(file="notice.txt", sha256=sha, format="txt"),
        notice={"title": title, "issuer": issuer, "year": year},
        programs=[Program(name="国家级高级研修项目")],
        requirements=[
            Requirement(id="r1", program="国家级高级研修项目", attribute="duration_days", op=">=", value=days,
                        unit="天", evidence=Evidence(text=quote, start=10, end=10 + len(quote))),
            Requirement(id="r2", program="国家级高级研修项目", attribute="participants", op="approx", value=50,
                        unit="人", strength="guideline",
                        evidence=Evidence(text="学员数量在50人左右", start=40, end=50)),
        ],
    )


@pytest.fixture
def db(registry_db):
    """Each test runs on SQLite and, with SHENBAO_TEST_PG_URL set, on PostgreSQL (tests/conftest.py)."""
    return registry_db


def test_import_twice_returns_the_same_row(db):
    first, created = store(make_ruleset(), db)
    again, created_again = store(make_ruleset(), db)
    assert created and not created_again
    assert again.id == first.id
    assert (first.version, first.status, first.requirements) == (1, "draft", 2)
    assert len(list_records(db)) == 1


def test_same_content_from_another_path_is_not_a_new_version(db):
    first, _ = store(make_ruleset(), db)
    moved = make_ruleset()
    moved.source.file = "/elsewhere/notice.txt"
    again, created = store(moved, db)
    assert not created and again.id == first.id


def test_changed_ruleset_becomes_version_2(db):
    store(make_ruleset(days=5), db)
    second, created = store(make_ruleset(days=7), db)
    assert created and second.version == 2
    other_year, _ = store(make_ruleset(days=7, year=2024), db)
    assert other_year.version == 1
    record, rs = resolve("某省人社厅/2025", db)
    assert record.version == 2 and rs.requirements[0].value == 7
    record, rs = resolve("某省人社厅/2025/1", db)
    assert rs.requirements[0].value == 5


def test_schema_version_is_set(tmp_path):
    db = tmp_path / "rules.db"  # PRAGMA user_version: SQLite only
    store(make_ruleset(), db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_unknown_ref_is_a_rules_error(db):
    store(make_ruleset(), db)
    with pytest.raises(UnknownRuleSetError) as err:
        resolve("42", db)
    assert isinstance(err.value, RulesError)
    assert "42" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(UnknownRuleSetError):
        resolve("某省人社厅/1999", db)


def test_approve_then_approved_ruleset_by_fuzzy_issuer(db):
    first, _ = store(make_ruleset(days=5), db)
    second, _ = store(make_ruleset(days=7), db)
    with pytest.raises(NoApprovedRuleSetError) as err:
        approved_ruleset("某省人社厅", db)
    assert "没有已审批的规则集" in str(err.value) and "shenbao rules approve" in str(err.value)

    record = approve(first.id, db)
    assert record.status == "approved" and record.approved_at
    assert approved_ruleset("某省人社厅", db).requirements[0].value == 5
    approve(second.id, db)
    assert approved_ruleset("人社厅", db).requirements[0].value == 7  # substring of the issuer
    assert approved_ruleset("某省 人社厅", db).requirements[0].value == 7  # spacing ignored
    with pytest.raises(NoApprovedRuleSetError):
        approved_ruleset("另一个单位教育局", db)


def test_issuer_is_never_guessed_by_a_loose_part_of_its_name(db):
    from shenbao.store.registry import AmbiguousIssuerError

    for issuer in ("甲省人力资源和社会保障厅", "乙省人力资源和社会保障厅"):
        approve(store(make_ruleset(issuer=issuer, sha=issuer[0].encode().hex()[:2] * 32), db)[0].id, db)
    assert approved_ruleset("甲省人力资源和社会保障厅", db).notice.issuer == "甲省人力资源和社会保障厅"
    with pytest.raises(AmbiguousIssuerError) as err:
        approved_ruleset("人力资源和社会保障厅", db)
    assert "甲省" in str(err.value) and "乙省" in str(err.value)
    with pytest.raises(NoApprovedRuleSetError):
        approved_ruleset("厅", db)  # a scrap of a name names nobody


def test_latest_year_wins_among_approved(db):
    old, _ = store(make_ruleset(year=2024, days=3), db)
    new, _ = store(make_ruleset(year=2025, days=4), db)
    approve(new.id, db)
    approve(old.id, db)  # approved later, but an older year
    assert approved_ruleset("某省人社厅", db).notice.year == 2025
    assert {r.id: r.active for r in list_records(db)} == {old.id: False, new.id: True}


def test_ruleset_without_issuer_is_reachable_by_its_ref(db):
    record, _ = store(make_ruleset(issuer=None), db)
    assert record.ref == "-/2025/1"
    assert resolve("-/2025", db)[0].id == record.id
    with pytest.raises(NoApprovedRuleSetError):
        approved_ruleset("某省人社厅", db)


def test_export_yaml_edit_reimport_creates_new_version(db, tmp_path):
    record, _ = store(make_ruleset(days=5), db)
    out = tmp_path / "edited.yaml"
    message = export(str(record.id), out, db)
    assert str(out) in message
    text = out.read_text(encoding="utf-8")
    assert "每期研修时间不少于5天" in text  # readable Chinese, quotes kept
    assert "\\u" not in text
    data = yaml.safe_load(text)
    assert data["requirements"][0]["value"] == 5
    data["requirements"][0]["value"] = 6
    out.write_text(yaml.dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    edited = load_ruleset(out)
    assert edited.requirements[0].value == 6
    assert edited.requirements[0].evidence.text == "每期研修时间不少于5天"
    new, created = store(edited, db)
    assert created and new.version == 2 and new.status == "draft"
    assert resolve(new.id, db)[1].requirements[0].value == 6


def test_export_unchanged_yaml_reimports_as_the_same_row(db, tmp_path):
    record, _ = store(make_ruleset(), db)
    out = tmp_path / "same.yaml"
    export(str(record.id), out, db)
    again, created = store(load_ruleset(out), db)
    assert not created and again.id == record.id


def test_export_json_roundtrip(db, tmp_path):
    record, _ = store(make_ruleset(), db)
    out = tmp_path / "rules.json"
    export(str(record.id), out, db)
    assert load_ruleset(out) == make_ruleset()


def test_yaml_without_requirement_ids_gets_ids(tmp_path):
    data = make_ruleset().model_dump(mode="json")
    for item in data["requirements"]:
        del item["id"]
    path = tmp_path / "noid.yaml"
    path.write_text(yaml.dump(data, allow_unicode=True), encoding="utf-8")
    ids = [r.id for r in load_ruleset(path).requirements]
    assert len(set(ids)) == 2 and all(ids)


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("broken.json", "{", "JSON"),
        ("list.json", "[1, 2]", "source"),
        ("bad.yaml", "a: [1,\n", "YAML"),
        ("wrong.json", json.dumps({"source": {"file": "x"}}), "source"),
        ("rules.csv", "a,b", "JSON/YAML"),
    ],
)
def test_unreadable_rule_files_raise_rules_error(tmp_path, name, content, needle):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_ruleset(path)
    message = str(err.value)
    assert name in message and needle in message and "\n" not in message


def test_missing_file_is_a_rules_error(tmp_path):
    with pytest.raises(RulesError) as err:
        load_ruleset(tmp_path / "nope.json")
    assert "nope.json" in str(err.value)


# --------------------------------------------------------------------------- CLI


def shenbao(*args, db):
    env = {**os.environ, "SHENBAO_DB": str(db), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "shenbao.cli", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env)


def test_cli_registry_workflow(tmp_path, db):
    source = tmp_path / "rules.json"
    source.write_text(make_ruleset().model_dump_json(), encoding="utf-8")

    run = shenbao("rules", "import", source, "--json", db=db)
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    assert (record["id"], record["version"], record["status"], record["created"]) == (1, 1, "draft", True)
    assert json.loads(shenbao("rules", "import", source, "--json", db=db).stdout)["created"] is False

    listing = shenbao("rules", "list", db=db)
    assert listing.returncode == 0 and "某省人社厅" in listing.stdout and "草稿" in listing.stdout
    assert json.loads(shenbao("rules", "list", "--json", db=db).stdout)[0]["requirements"] == 2

    shown = shenbao("rules", "show", "某省人社厅/2025", "--json", db=db)
    assert RuleSet.model_validate_json(shown.stdout) == make_ruleset()
    table = shenbao("rules", "show", "1", db=db).stdout
    assert "不少于5天" in table and "每期研修时间不少于5天" in table

    edited = tmp_path / "edited.yaml"
    assert shenbao("rules", "export", "1", "--out", edited, db=db).returncode == 0
    edited.write_text(edited.read_text(encoding="utf-8").replace("value: 5\n", "value: 8\n"), encoding="utf-8")
    second = json.loads(shenbao("rules", "import", edited, "--json", db=db).stdout)
    assert second["version"] == 2 and second["status"] == "draft"

    approved = shenbao("rules", "approve", "某省人社厅/2025/2", "--json", db=db)
    assert json.loads(approved.stdout)["status"] == "approved"
    assert approved_ruleset("人社厅", db).requirements[0].value == 8

    diff = shenbao("rules", "diff", source, edited, "--json", db=db)
    change = json.loads(diff.stdout)["requirements"][0]
    assert change["summary"] == "国家级高级研修项目 办班时间: 不少于5天 → 不少于8天"
    by_ref = shenbao("rules", "diff", "某省人社厅/2025/1", "2", db=db)  # registry references
    assert by_ref.returncode == 0, by_ref.stderr
    assert "不少于5天 → 不少于8天" in by_ref.stdout


def test_cli_errors_exit_2_with_one_line(tmp_path, db):
    for args in (("rules", "show", "7"), ("rules", "approve", "nobody/2020"), ("rules", "import", tmp_path / "x.json"),
                 ("rules", "export", "1")):
        run = shenbao(*args, db=db)
        assert run.returncode == 2, (args, run.stdout, run.stderr)
        assert len(run.stderr.strip().splitlines()) == 1
        assert "Traceback" not in run.stderr


def test_cli_list_empty_registry(db):
    run = shenbao("rules", "list", db=db)
    assert run.returncode == 0 and "还没有规则集" in run.stdout
    assert json.loads(shenbao("rules", "list", "--json", db=db).stdout) == []


def test_latest_names_the_rule_set_imported_last(db):
    store(make_ruleset(days=5), db)
    last, _ = store(make_ruleset(days=9), db)
    assert resolve("latest", db)[0].id == last.id
    assert approve("latest", db).status == "approved"

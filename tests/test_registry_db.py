"""The registry's database: migrations, a pre-migration SQLite file upgraded in place, concurrent writers."""

from __future__ import annotations

import multiprocessing
import sqlite3

import pytest
from test_registry import make_ruleset

from shenbao.store import db as store_db
from shenbao.store.registry import RegistryError, approve, list_records, resolve, store
from shenbao.store.tables import metadata

# The schema shenbao 0.1 created by hand (PRAGMA user_version = 1), before the migrations.
LEGACY_SCHEMA = """
CREATE TABLE rulesets (
    id INTEGER PRIMARY KEY AUTOINCREMENT, issuer TEXT NOT NULL, year INTEGER, version INTEGER NOT NULL,
    title TEXT, sha256 TEXT NOT NULL, content_sha256 TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
    created_at TEXT NOT NULL, approved_at TEXT, imported_from TEXT, json TEXT NOT NULL
);
CREATE INDEX rulesets_issuer_year ON rulesets (issuer, year, version);
CREATE INDEX rulesets_content ON rulesets (sha256, content_sha256);
PRAGMA user_version = 1;
"""


def test_migrated_schema_is_what_tables_py_says(registry_db):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = store_db.engine_for(registry_db)
    store_db.ensure_schema(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert context.get_current_revision() == store_db.head_revision()
        assert compare_metadata(context, metadata) == []


def test_pre_migration_registry_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(LEGACY_SCHEMA)
        conn.execute(
            "INSERT INTO rulesets (issuer, year, version, title, sha256, content_sha256, status, created_at,"
            " approved_at, imported_from, json) VALUES (?, ?, 1, ?, ?, ?, 'approved', ?, ?, ?, ?)",
            ("某省人社厅", 2025, "旧通知", "c" * 64, "d" * 64, "2025-01-01T00:00:00+00:00",
             "2025-01-02T00:00:00+00:00", "old.json", make_ruleset().model_dump_json()))
    conn.close()

    [record] = list_records(path)
    assert (record.id, record.ref, record.status, record.approved_by) == (1, "某省人社厅/2025/1", "approved", None)
    assert record.approved_at == "2025-01-02T00:00:00+00:00" and record.active
    assert resolve(1, path)[1] == make_ruleset()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == store_db.SCHEMA_VERSION
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = {r[1] for r in conn.execute("PRAGMA table_info(rulesets)")}
    conn.close()
    assert {"rulesets", "users", "audit_log", "jobs", "run_files", "alembic_version"} <= tables
    assert "approved_by" in columns
    second, created = store(make_ruleset(days=9), path)  # the next version follows the old rows
    assert created and second.version == 2
    assert approve(second.id, path, by="张三").approved_by == "张三"


def test_a_registry_from_a_newer_shenbao_is_refused(tmp_path):
    path = tmp_path / "new.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(RegistryError) as err:
        list_records(path)
    assert "高于本程序支持" in str(err.value) and "\n" not in str(err.value)


def test_approval_names_the_approver(registry_db):
    record, _ = store(make_ruleset(), registry_db)
    assert record.approved_by is None
    approved = approve(record.id, registry_db, by="李四")
    assert approved.approved_by == "李四" and approved.as_dict()["approved_by"] == "李四"
    assert approve(record.id, registry_db, by="王五").approved_by == "李四"  # approving again changes nothing


def _store_versions(db, days: list[int]) -> list[int]:
    return [store(make_ruleset(days=d), db)[0].version for d in days]


def test_concurrent_writers_number_versions_without_gaps_or_twins(registry_db):
    """Eight processes import changed rule sets of one issuer and year at once, on a registry
    none of them has seen (so they also race to create the schema)."""
    batches = [[10 + 4 * i + j for j in range(4)] for i in range(8)]
    with multiprocessing.get_context("spawn").Pool(8) as pool:
        versions = [v for got in pool.starmap(_store_versions, [(registry_db, b) for b in batches]) for v in got]
    assert sorted(versions) == list(range(1, 33))
    assert sorted(r.version for r in list_records(registry_db)) == list(range(1, 33))

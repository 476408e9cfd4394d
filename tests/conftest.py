"""Shared fixtures: the registry database under test, SQLite and (when given) PostgreSQL.

``registry_db`` runs a test once on a fresh SQLite file and once on a fresh PostgreSQL
database created on the server named by ``SHENBAO_TEST_PG_URL`` (for instance
``postgresql://postgres@/postgres?host=/tmp/pgsock&port=54329``; the role must be allowed
to create databases). Without that variable the PostgreSQL variants are deselected, so
they are never counted as passed.
"""

from __future__ import annotations

import os
import uuid

import pytest

PG_URL_ENV = "SHENBAO_TEST_PG_URL"


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", f"postgresql: runs against the PostgreSQL server in {PG_URL_ENV}")


def pytest_collection_modifyitems(config, items) -> None:
    if os.environ.get(PG_URL_ENV):
        return
    deselected = [item for item in items if item.get_closest_marker("postgresql")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def registry_db(request, tmp_path):
    """A fresh registry: a SQLite file path, or the URL of a new PostgreSQL database (dropped after)."""
    if request.param == "sqlite":
        yield tmp_path / "registry.db"
        return
    with pg_database() as url:
        yield url


class pg_database:
    """A throw-away database on the test server: ``with pg_database() as url``."""

    def __enter__(self) -> str:
        from sqlalchemy.engine import make_url

        base = make_url(os.environ[PG_URL_ENV])
        self.name = "shenbao_test_" + uuid.uuid4().hex[:12]
        self._admin(f'CREATE DATABASE "{self.name}"')
        self.url = base.set(database=self.name).render_as_string(hide_password=False)
        return self.url

    def __exit__(self, *exc) -> None:
        from shenbao.store.db import dispose

        dispose(self.url)
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    @staticmethod
    def _admin(sql: str) -> None:
        from sqlalchemy import create_engine

        from shenbao.store.db import database_url

        engine = create_engine(database_url(os.environ[PG_URL_ENV]), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(sql)
        finally:
            engine.dispose()

"""One SQLAlchemy engine per database, from a path, a URL or SHENBAO_DB; its schema by Alembic.

``--db`` and ``SHENBAO_DB`` take either a file path (SQLite, the embedded default)
or a URL (``postgresql://user@host/db``, mapped to the psycopg driver). Engines are
cached per URL so a process (a worker, the web server) connects once.

The schema is what the migrations in store/migrations make of it: ``ensure_schema``
upgrades a database to the newest revision the first time a process uses it (a
registry made before the migrations, ``PRAGMA user_version = 1``, is upgraded in
place). Upgrades are serialised: on SQLite by a write transaction, on PostgreSQL by
an advisory lock, so processes starting at once migrate once.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError

from ..config import registry_path

# PRAGMA user_version of a SQLite registry: 1 before the migrations (rulesets only), 2 since.
# An older shenbao refuses a newer file instead of misreading it.
SCHEMA_VERSION = 2
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_PG_MIGRATION_LOCK = 0x5E4B_A0  # pg_advisory_xact_lock key held while migrating

_engines: dict[str, Engine] = {}
_ready: set[str] = set()
_lock = threading.Lock()


class SchemaError(Exception):
    """The database cannot be used by this shenbao (too new, unknown revision)."""


def database_url(db: str | Path | None = None) -> str:
    """The SQLAlchemy URL for ``db`` (a path or URL; None = SHENBAO_DB or the default file)."""
    target = str(db) if db is not None else (os.environ.get("SHENBAO_DB") or str(registry_path()))
    if "://" in target:
        for prefix in ("postgresql://", "postgres://"):
            if target.startswith(prefix):
                return "postgresql+psycopg://" + target[len(prefix):]
        return target
    path = Path(target).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def is_url(db: str | Path | None) -> bool:
    return db is not None and "://" in str(db)


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def display_name(engine: Engine) -> str:
    """How errors name a database: the file, or the URL without its password."""
    if is_sqlite(str(engine.url)):
        return str(engine.url.database)
    return engine.url.render_as_string(hide_password=True)


def engine_for(db: str | Path | None = None) -> Engine:
    url = database_url(db)
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = _create(url)
        return engine


def dispose(db: str | Path | None = None) -> None:
    """Close a database's pooled connections and forget its engine (tests, before dropping it)."""
    url = database_url(db)
    with _lock:
        engine = _engines.pop(url, None)
        _ready.discard(url)
    if engine is not None:
        engine.dispose()


def _create(url: str) -> Engine:
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_conn, _record):  # many readers, one writer, waits instead of failing
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (below): DDL is transactional too
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(conn):  # a writer takes the write lock up front, so read-then-write cannot race
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writer") else "BEGIN")

    return engine


@contextlib.contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn, conn.begin():
        yield conn


@contextlib.contextmanager
def writing(engine: Engine, lock_table: str | None = None) -> Iterator[Connection]:
    """A transaction that writes: SQLite's write lock is taken at BEGIN; on PostgreSQL
    ``lock_table`` is locked against other writers (readers go on) until commit."""
    with engine.connect() as conn:
        conn.execution_options(writer=True)
        with conn.begin():
            if lock_table and not is_sqlite(str(engine.url)):
                conn.exec_driver_sql(f"LOCK TABLE {lock_table} IN SHARE ROW EXCLUSIVE MODE")
            yield conn


def alembic_config(connection: Connection | None = None):
    """An Alembic configuration built in code (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def ensure_schema(engine: Engine) -> None:
    """Upgrade the database to the newest migration, once per process and database."""
    url = str(engine.url)
    if url in _ready:
        return
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.util import CommandError

    sqlite = is_sqlite(url)
    head = head_revision()
    if _up_to_date(engine, head, sqlite):  # the usual case: no write lock taken (a read-only file works)
        with _lock:
            _ready.add(url)
        return
    with engine.connect() as conn:
        conn.execution_options(writer=True)
        with conn.begin():
            if not sqlite:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            else:
                version = conn.exec_driver_sql("PRAGMA user_version").scalar() or 0
                if version > SCHEMA_VERSION:
                    raise SchemaError(f"登记库版本 {version} 高于本程序支持的 {SCHEMA_VERSION}，请升级 shenbao")
            current = MigrationContext.configure(conn).get_current_revision()
            if current != head:
                try:
                    command.upgrade(alembic_config(conn), "head")
                except CommandError as err:  # a revision this shenbao does not know: a newer one made it
                    raise SchemaError(f"数据库版本 {current} 不是本程序所知的版本，请升级 shenbao ({err})") from err
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    with _lock:
        _ready.add(url)


def _up_to_date(engine: Engine, head: str, sqlite: bool) -> bool:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn, conn.begin():
        if sqlite and (conn.exec_driver_sql("PRAGMA user_version").scalar() or 0) != SCHEMA_VERSION:
            return False
        return MigrationContext.configure(conn).get_current_revision() == head


__all__ = ["SQLAlchemyError", "SchemaError", "database_url", "dispose", "engine_for", "ensure_schema",
           "reading", "writing"]


def ready_engine(db: str | Path | None = None) -> Engine:
    """The engine for ``db`` with its schema migrated to this version (once per process)."""
    engine = engine_for(db)
    ensure_schema(engine)
    return engine


def now(timespec: str = "seconds") -> str:
    """The time in UTC as stored in every table (ISO 8601)."""
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec=timespec)

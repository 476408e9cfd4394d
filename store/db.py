"""One SQLAlchemy engine per database, from a path, a URL or SHENBAO_DB.

``--db`` and ``SHENBAO_DB`` take either a file path (SQLite, the embedded default)
or a SQLAlchemy URL (``postgresql+psycopg://user@host/db``). Engines are cached per
URL so a process (a worker, the web server) connects once.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from ..config import registry_path

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def database_url(db: str | Path | None = None) -> str:
    """The SQLAlchemy URL for ``db`` (a path or URL; None = SHENBAO_DB or the default file)."""
    target = str(db) if db is not None else str(registry_path())
    if "://" in target:
        if target.startswith("postgresql://"):
            return "postgresql+psycopg://" + target[len("postgresql://"):]
        return target
    path = Path(target).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def engine_for(db: str | Path | None = None) -> Engine:
    url = database_url(db)
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = _create(url)
        return engine


def _create(url: str) -> Engine:
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_conn, _record):  # many readers, one writer, waits instead of failing
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    return engine


def ensure_schema(engine: Engine) -> None:
    """Create missing tables (the migrations replace this with an Alembic upgrade)."""
    from .tables import metadata

    metadata.create_all(engine)

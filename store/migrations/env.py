"""Alembic environment for shenbao's database.

shenbao runs it from ``store.db.ensure_schema`` with an open connection in
``config.attributes["connection"]``. By hand (``alembic -x db=URL_OR_PATH upgrade head``
with a ``script_location`` pointing here) it connects to that database itself.
"""

from __future__ import annotations

from alembic import context

from shenbao.store.tables import metadata

config = context.config


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from shenbao.store.db import engine_for

    with engine_for(context.get_x_argument(as_dictionary=True).get("db")).connect() as conn:
        _run(conn)
        conn.commit()

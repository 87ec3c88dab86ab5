"""Alembic environment of the graph schema: run by :mod:`newsgraph.store.migrate`.

The caller passes an open SQLAlchemy connection in ``config.attributes["connection"]``, already
inside the transaction (and holding the lock) that makes the upgrade all-or-nothing. Without one
(``alembic upgrade --sql``) the SQL is printed for ``sqlalchemy.url``. SQLite gets batch mode,
since it cannot ALTER most things. Full-text objects are not modelled (an FTS5 virtual table and
its shadow tables; PostgreSQL expression and trigram indexes), so autogenerate leaves them alone.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from newsgraph.store.migrate import include_object
from newsgraph.store.schema import Base

config = context.config


def run_online(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url,
        target_metadata=Base.metadata,
        literal_binds=True,
        render_as_batch=bool(url and url.startswith("sqlite")),
        include_object=include_object,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    connection = config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("newsgraph migrations run through newsgraph.store.migrate")
    run_online(connection)

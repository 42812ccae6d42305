"""Alembic environment for digestbot.

digestbot runs migrations itself (``bot.store.database.upgrade_database``), passing its own
connection.
The ``alembic`` command works too:
``alembic -c bot/store/migrations/alembic.ini -x url=URL upgrade head``.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from bot.store.database import Database, advisory_lock, create_db_engine
from bot.store.tables import metadata  # every table, for autogenerate

# Any fixed number: concurrent upgrades of one PostgreSQL database wait for each other.
_PG_LOCK_KEY = 7_160_431_190


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        advisory_lock(connection, _PG_LOCK_KEY)
        context.run_migrations()


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    url = url or context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("error: give the database with -x url=... or sqlalchemy.url in the ini")
    return url


def main() -> None:
    if context.is_offline_mode():
        context.configure(url=_url(), target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    if context.config.config_file_name:
        fileConfig(context.config.config_file_name, disable_existing_loggers=False)
    db = Database(create_db_engine(_url()))
    try:
        with db.write() as conn:
            _run(conn)
    finally:
        db.close()


main()

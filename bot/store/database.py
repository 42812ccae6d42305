"""The database: engine set-up, migrations, transactions and statements every store uses.

Each kind of row has its own module beside this one (:mod:`bot.store.sources`,
:mod:`bot.store.articles`, ...). All functions here are synchronous; async code calls them
through ``asyncio.to_thread`` so the event loop keeps fetching.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from bot.errors import ConfigError, DigestBotError

__all__ = [
    "MIGRATIONS_DIR",
    "Database",
    "advisory_lock",
    "alembic_config",
    "create_db_engine",
    "insert_ignore",
    "open_database",
    "upgrade_database",
    "utcnow",
]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_S = 30
_WRITE = "digestbot_write"


def utcnow() -> datetime:
    return datetime.now(UTC)


class Database:
    """An engine plus the two kinds of transaction digestbot uses."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(**{_WRITE: True})

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction that will write: on SQLite it takes the write lock up front."""
        with self._writer.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def ping(self) -> None:
        """Run a trivial query: raises when the database does not answer."""
        with self.read() as conn:
            conn.execute(text("SELECT 1"))

    def close(self) -> None:
        self.engine.dispose()


def create_db_engine(url: str | URL) -> Engine:
    """An engine for ``url``; SQLite files get WAL, a busy timeout and foreign keys."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(
            f"storage.url {str(url)!r} is not a database URL; "
            "use sqlite:///var/digestbot.db or postgresql+psycopg://user@host/db"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        hint = "install digestbot[postgres]" if "postgres" in parsed.drivername else "check it"
        raise ConfigError(f"storage.url uses {parsed.drivername!r}: {exc}; {hint}") from None


def _sqlite_engine(url: URL) -> Engine:
    if not url.database or url.database == ":memory:" or "mode=memory" in str(url):
        raise ConfigError(
            "storage.url: an in-memory SQLite database is not kept between connections; "
            "use a file such as sqlite:///var/digestbot.db"
        )
    folder = Path(url.database).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DigestBotError(
            f"cannot create the database folder {folder}: {exc.strerror}"
        ) from None
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself, so that write transactions can be IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode survives a killed process; only a power cut can drop the last commits.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A deferred transaction that later writes gets SQLITE_BUSY at once, ignoring busy_timeout.
        mode = "IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def alembic_config(connection: Connection | None = None) -> AlembicConfig:
    """Alembic configuration for the packaged migrations, optionally bound to ``connection``."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_database(db: Database, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` in one transaction."""
    with db.write() as conn:
        command.upgrade(alembic_config(conn), revision)


def open_database(url: str | URL, *, upgrade: bool = True) -> Database:
    """Open the database at ``url`` and bring its schema up to date."""
    db = Database(create_db_engine(url))
    if upgrade:
        try:
            upgrade_database(db)
        except DBAPIError as exc:
            db.close()
            shown = make_url(url).render_as_string(hide_password=True)
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise DigestBotError(f"cannot open database {shown}: {reason}") from None
    return db


def insert_ignore(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert rows, skipping those that clash with a unique key; returns how many went in."""
    if not rows:
        return 0
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(list(rows)).on_conflict_do_nothing()
    # rowcount is -1 for this statement under psycopg; count the returned keys instead.
    returned = conn.execute(statement.returning(*table.primary_key.columns))
    return len(returned.all())


def advisory_lock(conn: Connection, key: int) -> None:
    """On PostgreSQL, wait for the transaction's advisory lock ``key`` (other writers of ``key``
    wait in turn); a SQLite write transaction holds the whole database already."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

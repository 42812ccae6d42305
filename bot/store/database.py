"""The database: engine set-up, migrations, transactions and the sources repository.

Articles live in :mod:`bot.store.articles`. All functions here are synchronous; async code calls
them through ``asyncio.to_thread`` so the event loop keeps fetching.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Connection, Engine, create_engine, event, insert, select, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from bot.config.sources import SourceConfig
from bot.errors import ConfigError, DigestBotError
from bot.models import SourceState
from bot.store.tables import sources

__all__ = [
    "MIGRATIONS_DIR",
    "Database",
    "SourceRow",
    "alembic_config",
    "create_db_engine",
    "list_sources",
    "load_source_state",
    "open_database",
    "save_source_state",
    "sync_sources",
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


@dataclass(slots=True)
class SourceRow:
    """A source as stored, with what we know about its fetches."""

    id: int
    name: str
    url: str
    kind: str
    tags: list[str]
    enabled: bool
    state: SourceState
    last_success: datetime | None


def sync_sources(conn: Connection, configured: Sequence[SourceConfig]) -> dict[str, int]:
    """Make the sources table match the config: add new, update changed, disable removed.

    Returns the ids of the configured sources by name. A source whose URL changed forgets its
    ETag and failures, as they belonged to the old address.
    """
    stored = {row.name: row for row in conn.execute(select(sources)).all()}
    ids: dict[str, int] = {}
    for source in configured:
        values = {
            "url": source.url,
            "kind": source.kind,
            "tags": list(source.tags),
            "enabled": source.enabled,
        }
        row = stored.get(source.name)
        if row is None:
            ids[source.name] = conn.execute(
                insert(sources)
                .values(name=source.name, created_at=utcnow(), failures=0, **values)
                .returning(sources.c.id)
            ).scalar_one()
            continue
        ids[source.name] = int(row.id)
        changed = {key: value for key, value in values.items() if getattr(row, key) != value}
        if "url" in changed:
            changed.update(etag=None, last_modified=None, failures=0, next_fetch_after=None)
        if changed:
            conn.execute(update(sources).where(sources.c.id == row.id).values(**changed))
    removed = [row.id for name, row in stored.items() if name not in ids and row.enabled]
    if removed:
        conn.execute(update(sources).where(sources.c.id.in_(removed)).values(enabled=False))
    return ids


def _state(row: Any) -> SourceState:
    return SourceState(
        etag=row.etag,
        last_modified=row.last_modified,
        failures=row.failures,
        last_error=row.last_error,
        last_fetch=row.last_fetch,
        next_fetch_after=row.next_fetch_after,
    )


def load_source_state(conn: Connection, source_id: int) -> SourceState:
    row = conn.execute(select(sources).where(sources.c.id == source_id)).one()
    return _state(row)


def save_source_state(
    conn: Connection, source_id: int, state: SourceState, *, succeeded: bool
) -> None:
    """Store ``state``; ``last_success`` moves only when the fetch succeeded."""
    values: dict[str, Any] = {
        "etag": state.etag,
        "last_modified": state.last_modified,
        "failures": state.failures,
        "last_error": state.last_error,
        "last_fetch": state.last_fetch,
        "next_fetch_after": state.next_fetch_after,
    }
    if succeeded:
        values["last_success"] = state.last_fetch
    conn.execute(update(sources).where(sources.c.id == source_id).values(**values))


def list_sources(conn: Connection, *, include_disabled: bool = False) -> list[SourceRow]:
    query = select(sources).order_by(sources.c.name)
    if not include_disabled:
        query = query.where(sources.c.enabled.is_(True))
    return [
        SourceRow(
            id=row.id,
            name=row.name,
            url=row.url,
            kind=row.kind,
            tags=list(row.tags or []),
            enabled=bool(row.enabled),
            state=_state(row),
            last_success=row.last_success,
        )
        for row in conn.execute(query).all()
    ]

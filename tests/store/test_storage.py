"""The database on a SQLite file and on PostgreSQL: migrations, sources and their fetch state."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text

from bot.config.sources import SourceConfig
from bot.errors import ConfigError, DigestBotError
from bot.models import SourceState
from bot.store.database import Database, alembic_config, open_database, upgrade_database
from bot.store.ledger import entries_for
from bot.store.sources import list_sources, load_source_state, save_source_state, sync_sources
from bot.store.tables import actor_positions, metadata, sources
from tests.support.fakes import MAYOR, PUTIN, REPORTED_STANCE, TRUMP, store_article, store_sources


def _only_our_tables(obj: Any, name: str | None, type_: str, reflected: bool, other: Any) -> bool:
    # Tables of modules not imported in this test run are not ours to compare.
    return not (type_ == "table" and reflected and other is None)


def test_migrations_bring_an_empty_database_to_head(db_url: str) -> None:
    db = open_database(db_url)
    try:
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        with db.read() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head
            diff = compare_metadata(
                MigrationContext.configure(
                    conn, opts={"compare_type": True, "include_object": _only_our_tables}
                ),
                metadata,
            )
        assert diff == []
        assert {"sources", "articles"} <= set(inspect(db.engine).get_table_names())
    finally:
        db.close()


def test_opening_again_keeps_data_and_downgrade_upgrade_round_trips(db_url: str) -> None:
    db = open_database(db_url)
    with db.write() as conn:
        sync_sources(conn, [SourceConfig(name="wire", url="https://example.com/feed")])
    db.close()
    db = open_database(db_url)
    with db.read() as conn:
        assert [row.name for row in list_sources(conn)] == ["wire"]
    with db.write() as conn:
        command.downgrade(alembic_config(conn), "base")
    assert "articles" not in inspect(db.engine).get_table_names()
    with db.write() as conn:
        command.upgrade(alembic_config(conn), "head")
    assert "articles" in inspect(db.engine).get_table_names()
    db.close()


def test_upgrading_the_ledger_fills_who_reported_a_position(db_url: str) -> None:
    db = open_database(db_url, upgrade=False)
    try:
        upgrade_database(db, "0004")
        reported = store_article(db, store_sources(db)["wire"], "Talks", actors=[PUTIN, TRUMP])
        own = store_article(db, store_sources(db)["city"], "Budget", actors=[MAYOR])
        rows = [
            (reported, "Vladimir Putin", REPORTED_STANCE, None),
            (reported, "Donald Trump", None, None),
            (own, "Ana Ruiz", "Ruiz rejected the cuts to libraries", None),
        ]
        with db.write() as conn:  # ledger rows as revision 0004 wrote them
            for article, actor, position, quote in rows:
                conn.execute(
                    text(
                        "INSERT INTO actor_positions (article_id, story_id, actor, names, "
                        "actor_type, position, quote, said_at) VALUES (:a, :a, :actor, :names, "
                        "'person', :position, :quote, :said_at)"
                    ),
                    {
                        "a": article,
                        "actor": actor,
                        "names": actor.casefold(),
                        "position": position,
                        "quote": quote,
                        "said_at": datetime(2026, 3, 2, tzinfo=UTC),
                    },
                )
        upgrade_database(db)
        with db.read() as conn:
            filled = conn.execute(
                select(actor_positions.c.actor, actor_positions.c.reported_by).order_by(
                    actor_positions.c.id
                )
            ).all()
            [entry] = [e for e in entries_for(conn, "putin", None) if e.position]
        assert [tuple(row) for row in filled] == [
            ("Vladimir Putin", "Donald Trump"),
            ("Donald Trump", None),
            ("Ana Ruiz", None),
        ]
        assert entry.reported_by == "Donald Trump"
        with db.write() as conn:
            command.downgrade(alembic_config(conn), "0004")
        assert "reported_by" not in {
            column["name"] for column in inspect(db.engine).get_columns("actor_positions")
        }
    finally:
        db.close()


def test_sources_follow_the_config(db: Database) -> None:
    first = [
        SourceConfig(name="wire", url="https://example.com/wire", tags=["world"]),
        SourceConfig(name="city", url="https://example.com/city"),
    ]
    with db.write() as conn:
        ids = sync_sources(conn, first)
        save_source_state(conn, ids["wire"], SourceState(etag='"v1"', failures=2), succeeded=False)
    second = [
        SourceConfig(name="wire", url="https://example.com/wire-v2", tags=["world", "eu"]),
        SourceConfig(name="sport", url="https://example.com/sport", enabled=False),
    ]
    with db.write() as conn:
        ids_again = sync_sources(conn, second)
    assert ids_again["wire"] == ids["wire"]
    with db.read() as conn:
        rows = {row.name: row for row in list_sources(conn, include_disabled=True)}
    assert rows["wire"].url == "https://example.com/wire-v2"
    assert rows["wire"].tags == ["world", "eu"]
    # A new address is a new feed: validators and failures of the old one are forgotten.
    assert rows["wire"].state.etag is None and rows["wire"].state.failures == 0
    assert rows["city"].enabled is False  # removed from the config
    assert rows["sport"].enabled is False
    with db.read() as conn:
        assert [row.name for row in list_sources(conn)] == ["wire"]


def test_fetch_state_round_trips_with_utc_times(db: Database) -> None:
    when = datetime(2026, 3, 1, 12, 30, tzinfo=timezone(timedelta(hours=2)))
    state = SourceState(
        etag='W/"abc"',
        last_modified="Sun, 01 Mar 2026 10:30:00 GMT",
        failures=3,
        last_error="https://example.com/wire answered 503 Service Unavailable",
        last_fetch=when,
        next_fetch_after=when + timedelta(hours=1),
    )
    with db.write() as conn:
        source_id = sync_sources(conn, [SourceConfig(name="wire", url="https://e.com/f")])["wire"]
        save_source_state(conn, source_id, state, succeeded=False)
    with db.read() as conn:
        loaded = load_source_state(conn, source_id)
        last_success = conn.execute(
            select(sources.c.last_success).where(sources.c.id == source_id)
        ).scalar_one()
    assert loaded == state
    assert loaded.last_fetch is not None and loaded.last_fetch.tzinfo == UTC
    assert last_success is None


def test_bad_storage_url_is_one_clear_error() -> None:
    with pytest.raises(ConfigError, match="not a database URL"):
        open_database("not a url")


def test_unreachable_postgresql_is_one_clear_error() -> None:
    with pytest.raises(DigestBotError, match=r"cannot open database postgresql\+psycopg://"):
        open_database("postgresql+psycopg://postgres:secret@127.0.0.1:1/test")


def test_password_is_not_shown_in_errors() -> None:
    with pytest.raises(DigestBotError) as caught:
        open_database("postgresql+psycopg://postgres:secret@127.0.0.1:1/test")
    assert "secret" not in str(caught.value)


def test_sqlite_is_a_wal_file_with_foreign_keys(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    with db.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    db.close()


def test_sqlite_parent_folder_is_created(tmp_path: Any) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'var' / 'deeper' / 'digestbot.db'}")
    db.close()
    assert (tmp_path / "var" / "deeper" / "digestbot.db").exists()


def test_sqlite_writers_wait_for_each_other_instead_of_failing(sqlite_url: str) -> None:
    # A deferred transaction that reads, then writes while another writer holds the lock fails
    # at once with "database is locked"; write transactions must queue instead.
    db = open_database(sqlite_url)
    holding = threading.Event()
    release = threading.Event()
    errors: list[BaseException] = []

    def first_writer() -> None:
        with db.write() as conn:
            sync_sources(conn, [SourceConfig(name="a", url="https://e.com/a")])
            holding.set()
            release.wait(10)

    def second_writer() -> None:
        try:
            with db.write() as conn:
                conn.execute(text("SELECT count(*) FROM sources")).scalar()
                sync_sources(
                    conn,
                    [
                        SourceConfig(name="a", url="https://e.com/a"),
                        SourceConfig(name="b", url="https://e.com/b"),
                    ],
                )
        except BaseException as exc:
            errors.append(exc)

    one = threading.Thread(target=first_writer)
    one.start()
    assert holding.wait(10)
    two = threading.Thread(target=second_writer)
    two.start()
    two.join(0.3)
    release.set()
    one.join()
    two.join()
    assert errors == []
    with db.read() as conn:
        assert [row.name for row in list_sources(conn)] == ["a", "b"]
    db.close()


def test_in_memory_sqlite_is_refused_with_advice() -> None:
    with pytest.raises(ConfigError, match="in-memory SQLite"):
        open_database("sqlite://")


def test_unusable_sqlite_folder_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(DigestBotError, match="cannot create the database folder"):
        open_database(f"sqlite:///{blocker}/digestbot.db")

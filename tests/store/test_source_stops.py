"""Revision 0006 on a SQLite file and on PostgreSQL: a database from before it upgrades, sources
already failing keep the start of their run of failures, and it downgrades cleanly."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import inspect, update

from bot.store.database import alembic_config, open_database, upgrade_database
from bot.store.sources import list_sources
from bot.store.tables import sources
from tests.support.fakes import store_sources

FAILED_AT = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
STOP_COLUMNS = {"failing_since", "stopped_at", "stop_reason"}


def test_an_older_database_upgrades_and_failing_sources_keep_their_run(db_url: str) -> None:
    db = open_database(db_url, upgrade=False)
    try:
        upgrade_database(db, "0005")
        store_sources(db)  # wire and city, as revision 0005 stores them
        with db.write() as conn:  # only columns revision 0005 has
            failing = update(sources).where(sources.c.name == "wire")
            conn.execute(failing.values(failures=4, last_fetch=FAILED_AT, last_error="down"))
        upgrade_database(db)
        with db.read() as conn:
            rows = {row.name: row.state for row in list_sources(conn)}
        assert rows["wire"].failing_since == FAILED_AT and rows["wire"].failures == 4
        assert rows["city"].failing_since is None
        assert all(state.stopped_at is None for state in rows.values())

        with db.write() as conn:
            command.downgrade(alembic_config(conn), "0005")
        columns = {column["name"] for column in inspect(db.engine).get_columns("sources")}
        assert not columns & STOP_COLUMNS and "failures" in columns
    finally:
        db.close()

"""Revision 0007 (articles may share a canonical URL) on a database that already holds articles,
their stories and ledger rows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import Table, delete, func, insert, select, text

from bot.store.database import Database, alembic_config, open_database, upgrade_database
from bot.store.tables import actor_positions, articles, story_articles
from tests.support.fakes import store_article, store_sources

WHEN = datetime(2026, 3, 2, tzinfo=UTC)


def _file_under_stories(db: Database, article_ids: list[int]) -> None:
    """Stories and ledger rows as revision 0006 stores them."""
    with db.write() as conn:
        for article in article_ids:
            conn.execute(
                text(
                    "INSERT INTO stories (id, title, created_at, updated_at) "
                    "VALUES (:a, 'Budget', :when, :when)"
                ),
                {"a": article, "when": WHEN},
            )
            conn.execute(
                text(
                    "INSERT INTO story_articles (article_id, story_id, joined_at) "
                    "VALUES (:a, :a, :when)"
                ),
                {"a": article, "when": WHEN},
            )
            conn.execute(
                text(
                    "INSERT INTO actor_positions (article_id, story_id, actor, names, actor_type, "
                    "position, said_at) VALUES (:a, :a, 'Ana Ruiz', 'ana ruiz', 'person', "
                    "'Ruiz rejected the cuts', :when)"
                ),
                {"a": article, "when": WHEN},
            )


def _count(db: Database, table: Table) -> int:
    with db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _second_article_at(db: Database, article_id: int) -> int:
    with db.read() as conn:
        first = conn.execute(select(articles).where(articles.c.id == article_id)).one()
    values = first._asdict() | {"guid": "another-guid", "content_hash": None}
    del values["id"]
    with db.write() as conn:
        return int(
            conn.execute(insert(articles).values(**values).returning(articles.c.id)).scalar_one()
        )


def test_upgrade_keeps_articles_stories_and_ledger_and_lets_articles_share_a_link(
    db_url: str,
) -> None:
    db = open_database(db_url, upgrade=False)
    try:
        upgrade_database(db, "0006")
        ids = store_sources(db)
        filed = [store_article(db, ids["wire"], "Budget"), store_article(db, ids["city"], "Vote")]
        _file_under_stories(db, filed)

        upgrade_database(db)

        assert _count(db, articles) == 2
        assert _count(db, story_articles) == 2
        assert _count(db, actor_positions) == 2
        shared = _second_article_at(db, filed[0])
        with db.read() as conn:
            links = conn.execute(
                select(articles.c.canonical_url).where(articles.c.id.in_([filed[0], shared]))
            ).scalars()
            assert len(set(links)) == 1

        # The old constraint cannot hold two articles at one link: downgrading says so.
        with pytest.raises(RuntimeError, match="canonical URLs are shared"), db.write() as conn:
            command.downgrade(alembic_config(conn), "0006")
        with db.write() as conn:
            conn.execute(delete(articles).where(articles.c.id == shared))
        with db.write() as conn:
            command.downgrade(alembic_config(conn), "0006")
        assert _count(db, story_articles) == 2
        assert _count(db, actor_positions) == 2
    finally:
        db.close()

"""Revision 0008 (articles keep their language) on a database that already holds articles
filed under stories."""

from __future__ import annotations

from alembic import command
from sqlalchemy import func, select, update

from bot.store.articles import list_articles
from bot.store.database import alembic_config, open_database, upgrade_database
from bot.store.tables import articles, story_articles
from tests.store.test_article_links_migration import _file_under_stories
from tests.support.fakes import store_article, store_sources


def test_older_articles_have_no_language_and_downgrading_keeps_their_stories(
    db_url: str,
) -> None:
    db = open_database(db_url, upgrade=False)
    try:
        upgrade_database(db, "0007")
        ids = store_sources(db)
        filed = [store_article(db, ids["wire"], "Budget"), store_article(db, ids["city"], "Vote")]
        _file_under_stories(db, filed)

        upgrade_database(db)

        with db.write() as conn:
            assert {row.language for row in list_articles(conn)} == {None}
            conn.execute(update(articles).where(articles.c.id == filed[0]).values(language="de"))
            listed = {row.id: row.language for row in list_articles(conn)}
        assert listed == {filed[0]: "de", filed[1]: None}

        with db.write() as conn:
            command.downgrade(alembic_config(conn), "0007")
        with db.read() as conn:
            assert conn.execute(select(func.count()).select_from(story_articles)).scalar() == 2
            assert conn.execute(select(func.count()).select_from(articles)).scalar() == 2
    finally:
        db.close()

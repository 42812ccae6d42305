"""Which fetched items are one article: GUIDs, links that differ only in their fragment, the same
story in two feeds, feeds that reuse GUIDs or give every item the same link."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from alembic import command
from sqlalchemy import delete, select, update

from bot.collect.pipeline import SourceReport, collect_once
from bot.config.settings import Settings, StorageSettings
from bot.config.sources import FetchSettings, SourceConfig
from bot.store.database import Database, alembic_config, open_database
from bot.store.tables import articles, sources
from tests.support.feedserver import FeedServer

PAGE = "https://notes.example/2025/06/02.html"
HOME = "https://ticker.example/"


@dataclass(frozen=True)
class Post:
    link: str
    text: str
    guid: str | None = None
    title: str = ""


def rss(posts: Sequence[Post]) -> bytes:
    """RSS 2.0 whose items may lack a title or a GUID, as some weblogs write it."""
    items = []
    for post in posts:
        title = f"<title>{escape(post.title)}</title>" if post.title else ""
        guid = f'<guid isPermaLink="false">{escape(post.guid)}</guid>' if post.guid else ""
        items.append(
            f"<item>{title}<link>{escape(post.link)}</link>{guid}"
            f"<description>{escape(post.text)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        "<title>Notes</title><link>https://notes.example/</link><description>Notes</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def note(n: int, *, guid: bool = True, link: str | None = None, text: str | None = None) -> Post:
    """One short untitled post of a page that holds a day's posts, each under its own anchor."""
    return Post(
        link=link or f"{PAGE}#a{n:06d}",
        text=text or f"Note {n}: the river rose {n} centimetres overnight; the ferry kept going.",
        guid=f"notes-2025-06-02-{n}" if guid else None,
    )


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as feeds:
        yield feeds


def settings_for(db: Database, server: FeedServer, names: list[str], tmp: Path) -> Settings:
    return Settings(
        storage=StorageSettings(url=str(db.engine.url.render_as_string(hide_password=False))),
        fetch=FetchSettings(allow_private_networks=True, timeout_s=5),
        sources=[
            SourceConfig(name=name, url=server.url(f"/{name}.xml"), full_text="never")
            for name in names
        ],
        base_dir=tmp,
    )


async def collect(settings: Settings, db: Database, name: str) -> SourceReport:
    (report,) = await collect_once(settings, db, only=name, defer_digests=True)
    assert report.status == "fetched", report.error
    return report


def counts(report: SourceReport) -> tuple[int, int, int]:
    return (report.new, report.updated, report.unchanged)


def stored(db: Database, source: str | None = None) -> list[Any]:
    query = (
        select(articles).join(sources, sources.c.id == articles.c.source_id).order_by(articles.c.id)
    )
    if source is not None:
        query = query.where(sources.c.name == source)
    with db.read() as conn:
        return list(conn.execute(query).all())


async def test_posts_of_one_page_with_their_own_guids_are_all_kept(
    db: Database, server: FeedServer, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["notes"], tmp_path)
    server.route("/notes.xml", rss([note(n) for n in range(50)]))

    assert counts(await collect(settings, db, "notes")) == (50, 0, 0)
    assert counts(await collect(settings, db, "notes")) == (0, 0, 50)

    rows = stored(db)
    assert len(rows) == 50
    assert [row.url for row in rows] == [f"{PAGE}#a{n:06d}" for n in range(50)]
    assert rows[7].text.startswith("Note 7:")


async def test_posts_without_guids_are_told_apart_by_their_fragment_not_by_tracking(
    db: Database, server: FeedServer, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["notes"], tmp_path)
    server.route("/notes.xml", rss([note(n, guid=False) for n in range(5)]))
    assert counts(await collect(settings, db, "notes")) == (5, 0, 0)

    # The same posts again, reached through tracking links: nothing new.
    tracked = [
        note(n, guid=False, link=f"{PAGE}?utm_source=rss&utm_medium=feed#a{n:06d}")
        for n in range(5)
    ]
    server.route("/notes.xml", rss(tracked))
    assert counts(await collect(settings, db, "notes")) == (0, 0, 5)
    assert len(stored(db)) == 5


@pytest.mark.parametrize("guids", [True, False], ids=["guids", "no-guids"])
async def test_changed_text_of_a_post_updates_its_article(
    db: Database, server: FeedServer, tmp_path: Path, guids: bool
) -> None:
    settings = settings_for(db, server, ["notes"], tmp_path)
    server.route("/notes.xml", rss([note(n, guid=guids) for n in range(3)]))
    await collect(settings, db, "notes")
    before = stored(db)

    fixed = note(1, guid=guids, text="Note 1: the river rose 12 centimetres, not 1; correction.")
    server.route("/notes.xml", rss([note(0, guid=guids), fixed, note(2, guid=guids)]))

    assert counts(await collect(settings, db, "notes")) == (0, 1, 2)
    after = stored(db)
    assert [row.id for row in after] == [row.id for row in before]
    assert after[1].text.endswith("correction.") and after[1].updated_at is not None


async def test_one_story_in_two_feeds_without_guids_is_one_article(
    db: Database, server: FeedServer, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["wire", "city"], tmp_path)
    story = "https://news.example/2025/dam-opens"
    wire = Post(story, "The new dam on the Elbe opened on Monday after six years of work.", None)
    server.route("/wire.xml", rss([Post(wire.link, wire.text, title="Dam opens")]))
    same = Post(
        "https://NEWS.example/2025/dam-opens?utm_medium=feed#comments",
        "Our reporter watched the gates of the new dam open for the first time.",
        title="Gates open at the Elbe dam",
    )
    # The live updates further down that page are another item: their fragment tells them apart.
    update = Post(f"{story}#update-2", "Update: the first ship passed the dam lock at noon.")
    server.route("/city.xml", rss([same, update]))

    await collect(settings, db, "wire")
    assert counts(await collect(settings, db, "city")) == (1, 0, 1)

    assert [row.url for row in stored(db)] == [story, f"{story}#update-2"]
    assert [row.title for row in stored(db, "wire")] == ["Dam opens"]


async def test_a_feed_giving_one_guid_to_several_posts_loses_none_of_them(
    db: Database, server: FeedServer, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["wire"], tmp_path)
    reused = [
        Post(f"https://news.example/brief/{n}", f"Brief {n}: the port reopened berth {n}.", "x")
        for n in range(1, 4)
    ]
    server.route("/wire.xml", rss(reused))
    assert counts(await collect(settings, db, "wire")) == (3, 0, 0)
    assert counts(await collect(settings, db, "wire")) == (0, 0, 3)

    # The GUID is unique again once the other posts left the feed: still the same article,
    # and a later correction updates it.
    server.route("/wire.xml", rss(reused[2:]))
    assert counts(await collect(settings, db, "wire")) == (0, 0, 1)
    corrected = Post(reused[2].link, "Brief 3: the port reopened berth 3 and berth 4.", "x")
    server.route("/wire.xml", rss([corrected]))
    assert counts(await collect(settings, db, "wire")) == (0, 1, 0)

    assert [row.text for row in stored(db)] == [
        "Brief 1: the port reopened berth 1.",
        "Brief 2: the port reopened berth 2.",
        "Brief 3: the port reopened berth 3 and berth 4.",
    ]


@pytest.mark.parametrize("guid", ["ticker", None], ids=["same-guid", "no-guid"])
async def test_posts_that_all_link_to_the_home_page_are_kept_and_merge_with_no_other_feed(
    db: Database, server: FeedServer, tmp_path: Path, guid: str | None
) -> None:
    settings = settings_for(db, server, ["ticker", "front"], tmp_path)
    ticker = [Post(HOME, f"Flash {n}: trains on line {n} run late.", guid) for n in range(3)]
    server.route("/ticker.xml", rss(ticker))
    server.route("/front.xml", rss([Post(HOME, "Welcome to the ticker: all news as it happens.")]))

    assert counts(await collect(settings, db, "ticker")) == (3, 0, 0)
    assert counts(await collect(settings, db, "ticker")) == (0, 0, 3)
    assert counts(await collect(settings, db, "front")) == (1, 0, 0)
    assert len(stored(db)) == 4


async def test_updates_of_a_live_page_with_their_own_guids_are_all_kept(
    db: Database, server: FeedServer, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["live"], tmp_path)
    page = "https://news.example/live/election"
    posts = [Post(page, f"{n}:00 Turnout reached {n * 7} percent.", f"live-{n}") for n in (9, 10)]
    server.route("/live.xml", rss(posts))
    assert counts(await collect(settings, db, "live")) == (2, 0, 0)

    posts.append(Post(page, "11:00 Turnout reached 77 percent.", "live-11"))
    server.route("/live.xml", rss(posts))
    assert counts(await collect(settings, db, "live")) == (1, 0, 2)
    assert len(stored(db)) == 3


async def test_a_feed_that_starts_giving_guids_keeps_its_articles(
    db: Database, server: FeedServer, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["notes"], tmp_path)
    server.route("/notes.xml", rss([note(n, guid=False) for n in range(3)]))
    await collect(settings, db, "notes")

    server.route("/notes.xml", rss([note(n) for n in range(3)]))
    assert counts(await collect(settings, db, "notes")) == (0, 0, 3)
    # Now known by its GUID, a post keeps its article when its link changes.
    moved = note(1, link="https://notes.example/2025/06/02/river.html", text="Note 1: moved.")
    server.route("/notes.xml", rss([note(0), moved, note(2)]))
    assert counts(await collect(settings, db, "notes")) == (0, 1, 2)

    rows = stored(db)
    assert [row.guid for row in rows] == [f"notes-2025-06-02-{n}" for n in range(3)]
    assert rows[1].url == "https://notes.example/2025/06/02/river.html"


async def test_posts_merged_before_the_upgrade_are_stored_on_the_next_fetch(
    db_url: str, server: FeedServer, tmp_path: Path
) -> None:
    old = open_database(db_url)
    settings = settings_for(old, server, ["notes"], tmp_path)
    server.route("/notes.xml", rss([note(n) for n in range(10)]))
    await collect(settings, old, "notes")
    # What was kept of the page before revision 0007: one post, its link without the fragment.
    with old.write() as conn:
        conn.execute(delete(articles).where(articles.c.guid != "notes-2025-06-02-0"))
        conn.execute(update(articles).values(canonical_url=PAGE))
    # The database as revision 0006 left it (today's collector needs today's columns).
    with old.write() as conn:
        command.downgrade(alembic_config(conn), "0006")
    old.close()

    db = open_database(db_url)
    try:
        assert counts(await collect(settings, db, "notes")) == (9, 0, 1)
        assert len(stored(db)) == 10
    finally:
        db.close()

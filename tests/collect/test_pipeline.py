"""Collecting from a loopback feed server into SQLite and PostgreSQL: what ends up stored."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.collect import language
from bot.collect.pipeline import SourceReport, collect_once
from bot.collect.summarising import Summariser, summarise_pending
from bot.config.settings import Settings, StorageSettings
from bot.config.sources import FetchSettings, SourceConfig
from bot.errors import InputError
from bot.store.database import Database
from bot.store.sources import list_sources
from bot.store.tables import articles
from summarise import detect_language
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

BODY = (
    "The city council of Northbridge approved a budget of {n} million euros on Tuesday.\n"
    "Mayor Anna Keller said the plan would fund new bus lines and repair two schools.\n"
    '"We kept every promise we made to the districts," Keller told reporters after the vote.\n'
    "Opposition leader Tomas Berg called the spending plan reckless and voted against it.\n"
    "The budget takes effect in January after a final reading next month."
)


def item(n: int, *, feed: str = "wire", text: str | None = None, link: str | None = None) -> Any:
    return FeedItem(
        title=f"Northbridge council approves budget {n}",
        link=link or f"https://news.example/{feed}/{n}",
        text=text if text is not None else BODY.format(n=n),
        guid=f"{feed}-{n}",
    )


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as feeds:
        yield feeds


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield pool


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


def stored(db: Database) -> list[Any]:
    with db.read() as conn:
        return list(conn.execute(select(articles).order_by(articles.c.id)).all())


def by_name(reports: list[SourceReport]) -> dict[str, SourceReport]:
    return {report.name: report for report in reports}


async def test_first_run_stores_articles_with_digests_then_304_stores_nothing(
    db: Database, server: FeedServer, executor: ThreadPoolExecutor, tmp_path: Path
) -> None:
    server.route("/wire.xml", rss_feed("Wire", [item(1), item(2), item(3)]), etag='"v1"')
    settings = settings_for(db, server, ["wire"], tmp_path)

    first = await collect_once(settings, db, executor=executor)
    assert [(r.status, r.new, r.unchanged) for r in first] == [("fetched", 3, 0)]
    rows = stored(db)
    assert [row.guid for row in rows] == ["wire-1", "wire-2", "wire-3"]
    for row in rows:
        assert row.summary and all(sentence in row.text for sentence in row.summary)
        assert "Keller" in {actor["name"].split()[-1] for actor in row.actors}
        assert row.digest_pending is False and row.digest_algorithm == "default"

    second = await collect_once(settings, db, executor=executor)
    assert [(r.status, r.new) for r in second] == [("not_modified", 0)]
    assert server.requests[-1].headers.get("if-none-match") == '"v1"'
    assert len(stored(db)) == 3


async def test_same_guid_with_tracking_link_is_not_stored_twice(
    db: Database, server: FeedServer, executor: ThreadPoolExecutor, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["wire"], tmp_path)
    server.route("/wire.xml", rss_feed("Wire", [item(1)]))
    await collect_once(settings, db, executor=executor)
    tracked = item(1, link="https://news.example/wire/1?utm_source=rss#top")
    server.route("/wire.xml", rss_feed("Wire", [tracked, item(2)]))

    report = (await collect_once(settings, db, executor=executor))[0]

    assert (report.new, report.updated, report.unchanged) == (1, 0, 1)
    assert [row.guid for row in stored(db)] == ["wire-1", "wire-2"]


async def test_same_link_in_two_feeds_is_stored_once(
    db: Database, server: FeedServer, executor: ThreadPoolExecutor, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["wire", "city"], tmp_path)
    server.route("/wire.xml", rss_feed("Wire", [item(1)]))
    shared = item(7, feed="city", link="https://NEWS.example/wire/1?fbclid=x", text="Other words.")
    server.route("/city.xml", rss_feed("City", [shared, item(2, feed="city")]))

    await collect_once(settings, db, executor=executor, only="wire")
    reports = by_name(await collect_once(settings, db, executor=executor, only="city"))

    assert (reports["city"].new, reports["city"].unchanged) == (1, 1)
    assert sorted(row.canonical_url for row in stored(db)) == [
        "https://news.example/city/2",
        "https://news.example/wire/1",
    ]


async def test_repost_of_identical_text_under_another_url_is_not_stored(
    db: Database, server: FeedServer, executor: ThreadPoolExecutor, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["wire", "city"], tmp_path)
    server.route("/wire.xml", rss_feed("Wire", [item(1)]))
    # Same words, different spacing and case, new URL and title: a syndicated copy.
    copy = BODY.format(n=1).upper().replace(" ", "  ")
    repost = item(99, feed="city", text=copy)
    server.route("/city.xml", rss_feed("City", [repost]))

    await collect_once(settings, db, executor=executor, only="wire")
    report = (await collect_once(settings, db, executor=executor, only="city"))[0]

    assert (report.new, report.unchanged) == (0, 1)
    assert [row.guid for row in stored(db)] == ["wire-1"]


async def test_short_teasers_shared_by_different_articles_are_all_kept(
    db: Database, server: FeedServer, executor: ThreadPoolExecutor, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["wire"], tmp_path)
    teaser = "Read the full story on our website."
    server.route("/wire.xml", rss_feed("Wire", [item(n, text=teaser) for n in (1, 2, 3)]))

    report = (await collect_once(settings, db, executor=executor))[0]

    assert report.new == 3
    assert len(stored(db)) == 3


async def test_changed_article_updates_its_row_and_digest(
    db: Database, server: FeedServer, executor: ThreadPoolExecutor, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["wire"], tmp_path)
    server.route("/wire.xml", rss_feed("Wire", [item(1)]), etag='"v1"')
    await collect_once(settings, db, executor=executor)
    (before,) = stored(db)
    correction = BODY.format(n=1) + "\nCorrection: the vote was held on Wednesday, not Tuesday."
    server.route("/wire.xml", rss_feed("Wire", [item(1, text=correction)]), etag='"v2"')

    report = (await collect_once(settings, db, executor=executor))[0]

    assert (report.new, report.updated) == (0, 1)
    (after,) = stored(db)
    assert after.id == before.id
    assert after.text.endswith("not Tuesday.")
    assert after.updated_at is not None and after.content_hash != before.content_hash
    assert after.summary and after.summary != [] and after.digest_pending is False


async def test_failures_are_counted_kept_apart_and_reset_on_success(
    db: Database, server: FeedServer, executor: ThreadPoolExecutor, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["wire", "broken", "garbage"], tmp_path)
    server.route("/wire.xml", rss_feed("Wire", [item(1), item(2)]), etag='"w1"')
    server.route("/broken.xml", "oops", status=500, content_type="text/plain")
    server.route("/garbage.xml", "<html><body>Not a feed</body></html>", content_type="text/html")

    reports = by_name(await collect_once(settings, db, executor=executor))
    assert reports["wire"].new == 2 and not reports["wire"].failed
    assert reports["broken"].failed and "500" in (reports["broken"].error or "")
    assert reports["garbage"].failed and server.url("/garbage.xml") in (
        reports["garbage"].error or ""
    )

    # Backing off: a plain run skips the failing sources, a forced one retries them.
    skipped = by_name(await collect_once(settings, db, executor=executor))
    assert skipped["broken"].status == "skipped" and skipped["wire"].status == "not_modified"
    await collect_once(settings, db, executor=executor, force=True)
    with db.read() as conn:
        rows = {row.name: row for row in list_sources(conn)}
    assert rows["broken"].state.failures == 2
    assert "500" in (rows["broken"].state.last_error or "")
    assert rows["broken"].state.next_fetch_after is not None
    assert rows["wire"].state.etag == '"w1"' and rows["wire"].state.failures == 0

    server.route("/broken.xml", rss_feed("Fixed", [item(5, feed="broken")]))
    await collect_once(settings, db, executor=executor, force=True)
    with db.read() as conn:
        fixed = {row.name: row for row in list_sources(conn)}["broken"]
    assert (fixed.state.failures, fixed.state.last_error, fixed.state.next_fetch_after) == (
        0,
        None,
        None,
    )
    assert fixed.last_success is not None
    assert len(stored(db)) == 3


async def test_only_one_source_and_unknown_names(
    db: Database, server: FeedServer, executor: ThreadPoolExecutor, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["wire", "city"], tmp_path)
    server.route("/wire.xml", rss_feed("Wire", [item(1)]))
    server.route("/city.xml", rss_feed("City", [item(1, feed="city")]))

    reports = await collect_once(settings, db, executor=executor, only="city")

    assert [r.name for r in reports] == ["city"]
    assert server.hits("/wire.xml") == 0
    with pytest.raises(InputError, match="no enabled source named 'nope'"):
        await collect_once(settings, db, executor=executor, only="nope")


async def test_disabled_sources_are_not_fetched(
    db: Database, server: FeedServer, executor: ThreadPoolExecutor, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["wire", "city"], tmp_path)
    settings.sources[1] = settings.sources[1].model_copy(update={"enabled": False})
    server.route("/wire.xml", rss_feed("Wire", [item(1)]))

    reports = await collect_once(settings, db, executor=executor)

    assert [r.name for r in reports] == ["wire"]
    assert server.hits("/city.xml") == 0


async def test_deferred_digests_are_written_by_a_follow_up_pass(
    db: Database, server: FeedServer, executor: ThreadPoolExecutor, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["wire"], tmp_path)
    server.route("/wire.xml", rss_feed("Wire", [item(1), item(2), item(3, text="")]))

    await collect_once(settings, db, executor=executor, defer_digests=True)
    assert [(row.summary, row.digest_pending) for row in stored(db)] == [(None, True)] * 3

    summariser = Summariser(settings.digest, executor)
    assert await summarise_pending(db, summariser) == 3
    rows = stored(db)
    assert all(row.digest_pending is False for row in rows)
    assert rows[0].summary and rows[1].summary
    assert rows[2].summary == []  # nothing to summarise in an empty entry
    assert await summarise_pending(db, summariser) == 0


async def test_default_worker_processes_write_digests(
    db: Database, server: FeedServer, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["wire"], tmp_path)
    server.route("/wire.xml", rss_feed("Wire", [item(1), item(2)]))

    await collect_once(settings, db)

    with db.read() as conn:
        summarised = conn.execute(
            select(func.count()).select_from(articles).where(articles.c.digest_pending.is_(False))
        ).scalar_one()
    assert summarised == 2


GERMAN = (
    "Der Stadtrat von Nordbrück hat am Dienstag einen Haushalt von zwölf Millionen Euro "
    "beschlossen. Die Bürgermeisterin sagte, das Geld fließe in neue Buslinien und in die "
    "Sanierung von zwei Schulen."
)


@pytest.mark.parametrize("defer", [False, True])
async def test_only_entries_to_be_written_have_their_language_detected(
    db: Database,
    server: FeedServer,
    executor: ThreadPoolExecutor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    defer: bool,
) -> None:
    # The report's count is checked against the detector's calls.
    calls: list[str] = []

    def detect(text: str, hint: str | None = None) -> str:
        calls.append(text)
        return detect_language(text, hint)

    monkeypatch.setattr(language, "detect_language", detect)
    settings = settings_for(db, server, ["wire"], tmp_path)
    # Declared German, written in English: the text decides, as before.
    server.route("/wire.xml", rss_feed("Wire", [item(1), item(2)], language="de-DE"))

    async def poll() -> SourceReport:
        return (await collect_once(settings, db, executor=executor, defer_digests=defer))[0]

    first = await poll()
    assert (first.new, first.detected, len(calls)) == (2, 2, 2)

    # No ETag: the same items come again in full, all already stored.
    again = await poll()
    assert (again.status, again.new, again.updated, again.unchanged) == ("fetched", 0, 0, 2)
    assert again.detected == 0 and len(calls) == 2
    assert [row.language for row in stored(db)] == ["en", "en"]

    # One new entry, one rewritten in German: only those two are read by the detector.
    rewritten = item(2, text=GERMAN)
    server.route("/wire.xml", rss_feed("Wire", [item(1), rewritten, item(3)], language="de-DE"))
    changed = await poll()
    assert (changed.new, changed.updated, changed.unchanged, changed.detected) == (1, 1, 1, 2)
    assert len(calls) == 4
    assert [row.language for row in stored(db)] == ["en", "de", "en"]


async def test_a_pinned_language_is_stored_without_detection(
    db: Database, server: FeedServer, executor: ThreadPoolExecutor, tmp_path: Path
) -> None:
    settings = settings_for(db, server, ["wire"], tmp_path)
    settings.sources[0] = settings.sources[0].model_copy(update={"language": "nl"})
    server.route("/wire.xml", rss_feed("Wire", [item(1), item(2)]))

    report = (await collect_once(settings, db, executor=executor, defer_digests=True))[0]

    assert (report.new, report.detected) == (2, 0)
    assert [row.language for row in stored(db)] == ["nl", "nl"]

"""Sources that keep failing stop being polled (a loopback feed server, SQLite and PostgreSQL,
the tests' own clock): after enough failures over at least a day, or at once on 410 Gone, and
until someone turns them back on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.collect.net.http import make_client
from bot.collect.pipeline import Collector, SourceReport, collect_once, sync_configured_sources
from bot.config.settings import Settings, StorageSettings
from bot.config.sources import FetchSettings, SourceConfig
from bot.models import SourceState
from bot.store.database import Database, utcnow
from bot.store.sources import list_sources, resume_sources
from tests.support.fakes import Clock
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

TEXT = "The harbour board met on Thursday and agreed to dredge the northern channel in spring."


def feed(name: str) -> bytes:
    return rss_feed(name, [FeedItem(f"{name} news", f"https://news.example/{name}/1", TEXT)])


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as feeds:
        feeds.route("/wire.xml", feed("wire"), etag='"w1"')
        feeds.route("/broken.xml", "down for maintenance", status=500, content_type="text/plain")
        feeds.route("/gone.xml", "this feed was retired", status=410, content_type="text/plain")
        yield feeds


def settings_for(
    db: Database, server: FeedServer, tmp: Path, paths: dict[str, str], **fetch: Any
) -> Settings:
    """One source per name, fetching ``paths[name]`` on the server, every minute by default."""
    every = fetch.pop("every", "1m")
    return Settings(
        storage=StorageSettings(url=db.engine.url.render_as_string(hide_password=False)),
        fetch=FetchSettings(allow_private_networks=True, timeout_s=5, **fetch),
        sources=[
            SourceConfig.model_validate(
                {"name": name, "url": server.url(path), "every": every, "full_text": "never"}
            )
            for name, path in paths.items()
        ],
        base_dir=tmp,
    )


def state_of(db: Database, name: str) -> SourceState:
    with db.read() as conn:
        return {row.name: row.state for row in list_sources(conn)}[name]


async def fail_until_stopped(
    collector: Collector, source: SourceConfig, source_id: int, clock: Clock, attempts: int
) -> list[SourceReport]:
    """Collect ``source`` at each next attempt its backoff allows, until it stops."""
    reports: list[SourceReport] = []
    for _ in range(attempts):
        report = await collector.collect(source, source_id, force=False)
        reports.append(report)
        if report.status != "failed" or report.stopped_at is not None:
            break
        assert report.next_fetch_after is not None
        clock.now = report.next_fetch_after
    return reports


async def test_failing_for_less_than_a_day_keeps_polling_then_a_day_of_failures_stops(
    db: Database, server: FeedServer, clock: Clock, tmp_path: Path
) -> None:
    settings = settings_for(db, server, tmp_path, {"broken": "/broken.xml", "wire": "/wire.xml"})
    assert (settings.fetch.stop_after_failures, settings.fetch.stop_after_failing_for) == (
        10,
        timedelta(days=1),
    )
    ids = sync_configured_sources(db, settings)
    broken, wire = settings.sources
    start = clock.now
    async with make_client(settings.fetch) as client:
        collector = Collector(settings, db, client, None, clock=clock)
        first_ten = await fail_until_stopped(collector, broken, ids["broken"], clock, 10)
        # Ten failures in under a day (the backoff is capped at 6 h): still polled.
        assert [r.status for r in first_ten] == ["failed"] * 10
        assert clock.now - start < timedelta(days=1)
        assert state_of(db, "broken").stopped_at is None
        assert state_of(db, "broken").failing_since == start

        rest = await fail_until_stopped(collector, broken, ids["broken"], clock, 10)
        stopped = rest[-1]
        assert stopped.stopped_at == clock.now
        assert clock.now - start >= timedelta(days=1)
        assert all(r.stopped_at is None for r in rest[:-1])
        fetched = server.hits("/broken.xml")
        assert fetched == 10 + len(rest)

        state = state_of(db, "broken")
        assert state.stopped_at == clock.now and state.failures == fetched
        assert state.stop_reason is not None
        assert state.stop_reason.startswith(f"failed {fetched} times in a row over 26 h")
        assert "500 Internal Server Error" in state.stop_reason

        # Stopped: not fetched a week later, not even when forced; another source carries on.
        clock.advance(timedelta(days=7))
        for force in (False, True):
            report = await collector.collect(broken, ids["broken"], force=force)
            assert (report.status, report.error) == ("stopped", state.stop_reason)
        assert server.hits("/broken.xml") == fetched
        assert (await collector.collect(wire, ids["wire"], force=False)).new == 1


async def test_a_success_ends_the_run_of_failures(
    db: Database, server: FeedServer, clock: Clock, tmp_path: Path
) -> None:
    settings = settings_for(db, server, tmp_path, {"flaky": "/flaky.xml"})
    server.route("/flaky.xml", "busy", status=500, content_type="text/plain")
    ids = sync_configured_sources(db, settings)
    async with make_client(settings.fetch) as client:
        collector = Collector(settings, db, client, None, clock=clock)
        await fail_until_stopped(collector, settings.sources[0], ids["flaky"], clock, 9)
        server.route("/flaky.xml", feed("flaky"))
        clock.advance(timedelta(hours=20))
        assert (await collector.collect(settings.sources[0], ids["flaky"], force=False)).new == 1
        server.route("/flaky.xml", "busy", status=500, content_type="text/plain")
        clock.advance(timedelta(hours=10))
        await collector.collect(settings.sources[0], ids["flaky"], force=False)
    state = state_of(db, "flaky")
    # Ten failures over more than a day, but the latest run is one failure long.
    assert (state.failures, state.failing_since, state.stopped_at) == (1, clock.now, None)


@pytest.mark.parametrize(
    ("failures", "span", "stops_after"),
    [(3, "1d", 3), (3, "3d", 4), (0, "1d", None)],
)
async def test_both_limits_come_from_the_fetch_settings(
    db: Database,
    server: FeedServer,
    clock: Clock,
    tmp_path: Path,
    failures: int,
    span: str,
    stops_after: int | None,
) -> None:
    settings = settings_for(
        db,
        server,
        tmp_path,
        {"broken": "/broken.xml"},
        every="1d",  # one attempt a day, failing or not
        stop_after_failures=failures,
        stop_after_failing_for=span,
    )
    ids = sync_configured_sources(db, settings)
    async with make_client(settings.fetch) as client:
        collector = Collector(settings, db, client, None, clock=clock)
        reports = await fail_until_stopped(collector, settings.sources[0], ids["broken"], clock, 6)
    stopped = [n for n, report in enumerate(reports, 1) if report.stopped_at is not None]
    assert stopped == ([] if stops_after is None else [stops_after])


async def test_410_gone_stops_at_once_also_after_a_redirect(
    db: Database, server: FeedServer, tmp_path: Path
) -> None:
    server.redirect("/moved.xml", "/gone.xml", status=301)
    paths = {"gone": "/gone.xml", "moved": "/moved.xml", "wire": "/wire.xml"}
    settings = settings_for(db, server, tmp_path, paths)

    first = {r.name: r for r in await collect_once(settings, db)}
    assert first["wire"].new == 1
    for name in ("gone", "moved"):
        assert first[name].status == "failed" and first[name].stopped_at is not None
        reason = state_of(db, name).stop_reason or ""
        assert reason.startswith("the address is gone for good (") and "410 Gone" in reason

    server.route("/gone.xml", feed("gone"))  # back again, but nobody turned it on
    again = {r.name: r for r in await collect_once(settings, db, force=True)}
    assert [again[name].status for name in paths] == ["stopped", "stopped", "not_modified"]
    assert server.hits("/gone.xml") == 2  # once directly, once after the redirect


async def test_restarts_keep_a_source_stopped_a_new_address_or_re_adding_starts_afresh(
    db: Database, server: FeedServer, tmp_path: Path
) -> None:
    settings = settings_for(db, server, tmp_path, {"gone": "/gone.xml", "wire": "/wire.xml"})
    await collect_once(settings, db)
    server.route("/gone.xml", feed("gone"))

    # A restart (the config read and stored again) leaves it stopped.
    sync_configured_sources(db, settings)
    assert state_of(db, "gone").stopped_at is not None
    assert (await collect_once(settings, db, only="gone"))[0].status == "stopped"

    # Turned back on: the failures count from zero and it is due at once.
    with db.write() as conn:
        assert resume_sources(conn, utcnow()) == ["gone"]
    resumed = state_of(db, "gone")
    assert (resumed.failures, resumed.failing_since, resumed.stopped_at) == (0, None, None)
    assert (await collect_once(settings, db, only="gone"))[0].new == 1

    # Stopped again; a new address in the config starts afresh.
    server.route("/gone.xml", "retired", status=410, content_type="text/plain")
    assert (await collect_once(settings, db, only="gone", force=True))[0].stopped_at is not None
    server.route("/new.xml", feed("gone"))
    moved = settings_for(db, server, tmp_path, {"gone": "/new.xml", "wire": "/wire.xml"})
    assert (await collect_once(moved, db, only="gone"))[0].status == "fetched"
    assert state_of(db, "gone").stopped_at is None

    # Stopped again; removed from the config and added back, it starts afresh too.
    server.route("/new.xml", "retired", status=410, content_type="text/plain")
    assert (await collect_once(moved, db, only="gone", force=True))[0].stopped_at is not None
    without = settings_for(db, server, tmp_path, {"wire": "/wire.xml"})
    sync_configured_sources(db, without)
    assert state_of(db, "wire").stopped_at is None
    server.route("/new.xml", feed("gone"))
    assert (await collect_once(moved, db, only="gone"))[0].status == "fetched"
    assert state_of(db, "gone").failures == 0

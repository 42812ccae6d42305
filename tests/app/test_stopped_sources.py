"""The running bot and a stopped source: its scheduled job fetches nothing while the others
collect, and a chat admin's /sources enable has it fetched at once."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import httpx
import pytest

from bot.app.run import ChatRuntime
from bot.app.scheduler import build_scheduler
from bot.collect.pipeline import Collector, SourceReport, sync_configured_sources
from bot.collect.summarising import Summariser
from bot.commands import handle
from bot.config.settings import Settings
from bot.config.sources import FetchSettings, SourceConfig
from bot.render.console import console_text
from bot.store.database import Database, utcnow
from tests.support.fakes import Clock, request
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

TEXT = "The county opened a second cycle bridge over the river, two months ahead of schedule."


def feed(name: str) -> bytes:
    return rss_feed(name, [FeedItem(f"{name} bridge", f"https://news.example/{name}/1", TEXT)])


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as feeds:
        feeds.route("/wire.xml", feed("wire"))
        feeds.route("/ferry.xml", "retired", status=410, content_type="text/plain")
        yield feeds


@pytest.fixture
def summariser() -> Iterator[Summariser]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield Summariser(Settings().digest, pool)


async def eventually(condition: Callable[[], bool], what: str, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        await asyncio.sleep(0.05)


async def test_a_stopped_source_is_skipped_by_its_job_until_a_chat_turns_it_back_on(
    db: Database, server: FeedServer, summariser: Summariser
) -> None:
    sources = [
        SourceConfig(name=name, url=server.url(f"/{name}.xml"), full_text="never")
        for name in ("wire", "ferry")
    ]
    settings = Settings(
        fetch=FetchSettings(allow_private_networks=True, timeout_s=5), sources=sources
    )
    ids = sync_configured_sources(db, settings)
    reports: list[SourceReport] = []

    def of(name: str) -> list[str]:
        return [report.status for report in reports if report.name == name]

    async with httpx.AsyncClient() as client:
        collector = Collector(settings, db, client, summariser)
        # Stopped two hours ago (410 Gone), so its job is due as soon as the bot starts.
        earlier = Collector(settings, db, client, None, clock=Clock(utcnow() - timedelta(hours=2)))
        assert (await earlier.collect(sources[1], ids["ferry"], force=False)).stopped_at
        server.route("/ferry.xml", feed("ferry"))

        async def collect(**job: Any) -> None:
            reports.append(await collector.collect(**job))

        scheduler = build_scheduler(
            settings, db, client, summariser=summariser, collect_job=collect
        )
        runtime = ChatRuntime(settings, db, client, ports={})
        await runtime.start(scheduler)
        scheduler.start()
        try:
            await eventually(lambda: bool(of("wire") and of("ferry")), "both jobs ran")
            assert (of("wire"), of("ferry")) == (["fetched"], ["stopped"])
            assert server.hits("/ferry.xml") == 1

            services = runtime.services
            await handle(services, request("/subscribe all"))
            answer = await handle(services, request("/sources enable ferry"))
            assert console_text(answer) == "Turned ferry back on: it is fetched again shortly."
            await eventually(lambda: len(of("ferry")) == 2, "the ferry job ran again")
            assert of("ferry") == ["stopped", "fetched"] and server.hits("/ferry.xml") == 2
        finally:
            await runtime.stop()
            await scheduler.stop()

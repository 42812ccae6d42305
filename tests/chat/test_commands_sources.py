"""/add, /remove and on-demand /summary and /who of a URL, against a loopback web server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from bot.app.run import ChatRuntime
from bot.collect.pipeline import collect_once
from bot.commands import Services, handle
from bot.render.console import console_text
from bot.store.database import Database
from bot.store.sources import chat_source_configs, list_sources
from tests.support.fakes import request, services_for, serving, settings_for, store_sources
from tests.support.feed_shapes import shape_named
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

ARTICLE = """<html><head><title>Harbour plan approved</title></head><body><article>
<h1>Harbour plan approved</h1>
<p>The port authority approved a new harbour plan on Monday after months of debate.</p>
<p>Mayor Ana Ruiz said the plan would "bring jobs back to the waterfront" within two years.</p>
<p>The fishermen's union rejected the plan, saying it ignored the small boats that still land
most of the town's catch, and called for a public inquiry.</p>
<p>Work on the new quay is due to begin in the spring and should take eighteen months.</p>
</article></body></html>"""


@pytest.fixture
def web() -> Iterator[FeedServer]:
    with FeedServer() as server:
        items = [
            FeedItem("Quay opens", "https://harbour.example/1", "The quay opened. " * 30),
            FeedItem("Boats return", "https://harbour.example/2", "Boats came back. " * 30),
        ]
        server.route("/feed.xml", rss_feed("Harbour News", items))
        server.route("/story.html", ARTICLE, content_type="text/html; charset=utf-8")
        server.route("/gone", "", status=404)
        yield server


@pytest.fixture
async def services(db: Database, db_url: str) -> AsyncIterator[Services]:
    store_sources(db)
    async with serving(db, db_url) as services:
        yield services


async def say(services: Services, text: str) -> str:
    return console_text(await handle(services, request(text)))


async def test_add_checks_the_feed_stores_it_and_subscribes(
    services: Services, web: FeedServer
) -> None:
    url = web.url("/feed.xml")
    added = await say(services, f"/add {url}")
    assert added.startswith(f"Added feed 127-0-0-1 ({url}); this chat follows it.")
    assert web.hits("/feed.xml") == 1
    assert (await say(services, f"/add {url}")).startswith(f"{url} is already the source 127-0-0-1")
    assert "127-0-0-1 — not fetched yet" in await say(services, "/sources")
    with services.db.read() as conn:
        assert [c.name for c in chat_source_configs(conn, services.settings)] == ["127-0-0-1"]
        assert "127-0-0-1" in [row.name for row in list_sources(conn)]
    assert (await say(services, "/remove 127-0-0-1")).startswith("Removed 127-0-0-1")
    assert "127-0-0-1" not in await say(services, "/sources")


async def test_add_a_json_feed_and_see_a_broken_feed_named_in_sources(
    services: Services, web: FeedServer
) -> None:
    broken = shape_named("cut-mid-item.xml")
    for shape in (shape_named("notes.json"), broken):
        shape.serve(web)
    notes, cut = web.url("/notes.json"), web.url(broken.path)
    assert (await say(services, f"/add {notes} notes")).startswith(f"Added feed notes ({notes})")
    assert (await say(services, f"/add {cut} cut")).startswith(f"Added feed cut ({cut})")

    reports = await collect_once(
        services.settings, services.db, client=services.client, defer_digests=True
    )

    assert {report.name: report.new for report in reports} == {"notes": 4, "cut": 2}
    listing = await say(services, "/sources")
    assert "notes — ok, checked" in listing
    assert f"cut — malformed feed, checked just now: {cut}: {broken.problem}" in listing


async def test_add_a_page_and_name_it(services: Services, web: FeedServer) -> None:
    added = await say(services, f"/add {web.url('/story.html')} harbour")
    assert added.startswith("Added page harbour")


async def test_add_refuses_what_it_cannot_use(services: Services, web: FeedServer) -> None:
    failed = await say(services, f"/add {web.url('/gone')}")
    assert failed.startswith("Could not add it:") and "404" in failed and "\n" not in failed
    assert (await say(services, "/add file:///etc/passwd")).startswith("Usage: /add")
    assert (await say(services, "/add")).startswith("Usage: /add")
    assert "part of the bot's configuration" in await say(services, "/remove wire")
    assert "no source called nowhere" in await say(services, "/remove nowhere")


async def test_private_addresses_are_refused_by_default(db: Database, db_url: str) -> None:
    settings = settings_for(db_url, fetch={"allow_private_networks": False})
    with FeedServer() as server:
        server.route("/feed.xml", rss_feed("x", [FeedItem("a", "https://a.example/", "text")]))
        async with httpx.AsyncClient() as client:
            services = services_for(db, settings, client)
            refused = await say(services, f"/add {server.url('/feed.xml')}")
        assert refused.startswith("Could not add it:") and "127.0.0.1" in refused
        assert server.hits("/feed.xml") == 0


async def test_summary_and_who_of_a_page(services: Services, web: FeedServer) -> None:
    digest = await say(services, f"/summary {web.url('/story.html')}")
    assert digest.startswith("Harbour plan approved")
    assert "harbour plan" in digest.lower()
    who = await say(services, f"/who {web.url('/story.html')}")
    assert "Ana Ruiz" in who
    assert (await say(services, f"/summary {web.url('/gone')}")).startswith("Sorry:")


class FakeScheduler:
    def __init__(self) -> None:
        self.jobs: dict[str, dict[str, Any]] = {}

    def add_periodic(self, job_id: str, func: Any, **kw: Any) -> None:
        self.jobs[job_id] = kw

    def get_job(self, job_id: str) -> Any:
        return self.jobs.get(job_id)

    def get_jobs(self) -> list[Any]:
        return [type("Job", (), {"id": job_id})() for job_id in self.jobs]

    def remove_job(self, job_id: str) -> None:
        del self.jobs[job_id]


async def test_sources_added_while_running_get_a_collection_job(
    db: Database, db_url: str, web: FeedServer
) -> None:
    async with httpx.AsyncClient() as client:
        runtime = ChatRuntime(settings_for(db_url), db, client, ports={})
        scheduler = FakeScheduler()
        await runtime.start(scheduler)
        assert set(scheduler.jobs) == {"digests:due"}
        await say(runtime.services, f"/add {web.url('/feed.xml')} harbour")
        assert set(scheduler.jobs) == {"digests:due", "collect:harbour"}
        first_run: datetime = scheduler.jobs["collect:harbour"]["first_run"]
        assert first_run - runtime.clock() < timedelta(seconds=1)
        await say(runtime.services, "/remove harbour")
        assert set(scheduler.jobs) == {"digests:due"}
        await runtime.stop()

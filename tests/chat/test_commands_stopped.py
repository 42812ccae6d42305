"""/sources for sources that stopped being polled, and /sources enable to poll them again (only
admins in groups); sources from a loopback feed server, collected for real."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from bot.collect.pipeline import collect_once
from bot.commands import REFUSAL, Services, handle
from bot.config.sources import SourceConfig
from bot.ports import ChatRef
from bot.render.console import console_text
from bot.store.database import Database
from bot.store.sources import find_source
from tests.support.fakes import GROUP, PRIVATE, request, services_for, settings_for
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

TEXT = "The ferry company added a late crossing on Fridays after complaints from commuters."


def feed(name: str) -> bytes:
    return rss_feed(name, [FeedItem(f"{name} crossing", f"https://news.example/{name}/1", TEXT)])


@pytest.fixture
def web() -> Iterator[FeedServer]:
    with FeedServer() as server:
        server.route("/wire.xml", feed("wire"))
        server.route("/ferry.xml", "retired", status=410, content_type="text/plain")
        yield server


@pytest.fixture
async def services(db: Database, db_url: str, web: FeedServer) -> AsyncIterator[Services]:
    sources = [
        SourceConfig(name="wire", url=web.url("/wire.xml")),
        SourceConfig(name="Ferry", url=web.url("/ferry.xml")),
    ]
    async with httpx.AsyncClient() as client:
        yield services_for(db, settings_for(db_url, *sources), client)


async def say(services: Services, text: str, chat: ChatRef = PRIVATE, *, admin: bool = True) -> str:
    return console_text(await handle(services, request(text, chat, admin=admin)))


def stopped(services: Services, name: str) -> bool:
    with services.db.read() as conn:
        row = find_source(conn, name)
    assert row is not None
    return row.state.stopped_at is not None


async def test_sources_shows_why_and_since_when_and_an_admin_turns_it_back_on(
    services: Services, web: FeedServer
) -> None:
    resumed: list[str] = []

    async def source_resumed(name: str) -> None:
        resumed.append(name)

    services.source_resumed = source_resumed
    await collect_once(services.settings, services.db)  # the ferry feed answers 410 Gone
    assert stopped(services, "Ferry")
    await say(services, "/subscribe all", GROUP)

    listed = await say(services, "/sources", GROUP, admin=False)
    [line] = [line for line in listed.splitlines() if line.startswith("Ferry")]
    assert (
        line.startswith("Ferry — stopped since 20")
        and " UTC: the address is gone for good (" in line
    )
    assert "410 Gone" in line and line.endswith("/sources enable Ferry polls it again")
    assert "wire — ok" in listed

    assert await say(services, "/sources enable ferry", GROUP, admin=False) == REFUSAL
    assert stopped(services, "Ferry") and resumed == []

    answer = await say(services, "/sources enable ferry", GROUP)
    assert answer == "Turned Ferry back on: it is fetched again shortly."
    assert not stopped(services, "Ferry") and resumed == ["Ferry"]
    assert "Ferry — turned back on, fetched at the next collection" in await say(
        services, "/sources", GROUP
    )
    web.route("/ferry.xml", feed("ferry"))
    reports = {r.name: r for r in await collect_once(services.settings, services.db)}
    assert reports["Ferry"].new == 1


async def test_enable_answers_one_clear_line_for_what_it_cannot_do(services: Services) -> None:
    await collect_once(services.settings, services.db)
    assert await say(services, "/sources enable Ferry") == (
        "This chat follows no source called Ferry; /sources lists them."
    )
    await say(services, "/subscribe wire")
    assert await say(services, "/sources enable Ferry") == (
        "This chat follows no source called Ferry; /sources lists them."
    )
    assert await say(services, "/sources enable wire") == (
        "wire is not stopped; /sources shows how it is doing."
    )
    usage = "Usage: /sources [enable <source>] — for example /sources · /sources enable wire"
    assert await say(services, "/sources enable") == usage
    assert await say(services, "/sources everything", GROUP, admin=False) == usage
    assert stopped(services, "Ferry")


async def test_a_chat_source_removed_and_added_again_starts_afresh(
    services: Services, web: FeedServer
) -> None:
    web.route("/harbour.xml", feed("harbour"))
    url = web.url("/harbour.xml")
    assert (await say(services, f"/add {url} harbour")).startswith("Added feed harbour")
    web.route("/harbour.xml", "retired", status=410, content_type="text/plain")
    await collect_once(services.settings, services.db)
    assert stopped(services, "harbour")

    assert (await say(services, "/remove harbour")).startswith("Removed harbour")
    web.route("/harbour.xml", feed("harbour"))
    assert (await say(services, f"/add {url}")).startswith(f"Added feed harbour ({url})")
    assert not stopped(services, "harbour")
    reports = {r.name: r for r in await collect_once(services.settings, services.db)}
    assert reports["harbour"].status == "fetched"

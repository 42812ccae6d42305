"""Hostile chat input: what a chat sends is checked with the config's own rules, and a stored
source the rules no longer accept is skipped, named once in the log, while the others carry on."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator

import pytest

from bot.collect.pipeline import collect_once
from bot.commands import Services, handle
from bot.render.console import console_text
from bot.store.database import Database
from bot.store.sources import add_chat_source, chat_source_configs
from tests.support.fakes import NOW, request, serving, store_sources
from tests.support.feedserver import FeedItem, FeedServer, rss_feed


@pytest.fixture
def web() -> Iterator[FeedServer]:
    with FeedServer() as server:
        items = [FeedItem("Quay opens", "https://harbour.example/1", "The quay opened. " * 30)]
        server.route("/feed.xml", rss_feed("Harbour News", items))
        yield server


@pytest.fixture
async def services(db: Database, db_url: str) -> AsyncIterator[Services]:
    store_sources(db)
    async with serving(db, db_url) as services:
        yield services


async def say(services: Services, text: str) -> str:
    return console_text(await handle(services, request(text)))


async def test_add_refuses_a_name_the_config_would_refuse(
    services: Services, web: FeedServer
) -> None:
    refused = await say(services, f"/add {web.url('/feed.xml')} {'n' * 150}")
    assert refused.startswith("Could not add it: that name is not usable")
    assert "100 characters" in refused and "\n" not in refused
    assert web.hits("/feed.xml") == 0
    with services.db.read() as conn:
        assert chat_source_configs(conn, services.settings) == []


async def test_a_stored_source_the_rules_refuse_is_skipped_and_the_others_collected(
    services: Services, web: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    added = await say(services, f"/add {web.url('/feed.xml')} harbour")
    assert added.startswith("Added feed harbour")
    chat = await services.chat(request("/sources").chat)
    with services.db.write() as conn:
        # Stored before the rules were checked (PostgreSQL caps names, SQLite does not).
        add_chat_source(conn, chat.id, "old", "gopher://other.example/", "feed", NOW)

    with caplog.at_level(logging.WARNING, logger="digestbot.sources"):
        reports = await collect_once(
            services.settings, services.db, client=services.client, defer_digests=True
        )

    assert {report.name: report.new for report in reports} == {"harbour": 1}
    skipped = [r.getMessage() for r in caplog.records if r.name == "digestbot.sources"]
    assert len(skipped) == 1 and "skipping chat-added source 'old'" in skipped[0]
    assert "url: " in skipped[0] and "not an http://" in skipped[0]


HUGE = "x" * 1_000_000


@pytest.mark.parametrize(
    ("command", "start"),
    [
        (f"/{HUGE}", "Unknown command /xxx"),
        (f"/remove {HUGE}", "There is no source called xxx"),
        (f"/sources enable {HUGE}", "This chat follows no source called xxx"),
        (f"/subscribe {HUGE}", "No source or tag called xxx"),
        (f"/unsubscribe {HUGE}", "Not subscribed to xxx"),
        (f"/schedule 08:00 Europe/{HUGE}", "Unknown time zone Europe/xxx"),
        (f"/summary {HUGE}", "No stored story mentions xxx"),
        (f"/who {HUGE}", "No one called xxx"),
    ],
)
async def test_a_huge_argument_is_echoed_cut_short(
    services: Services, command: str, start: str
) -> None:
    reply = await say(services, command)
    assert reply.startswith(start) and "x" * 90 + "…" in reply
    assert "x" * 100 not in reply and len(reply) < 1000

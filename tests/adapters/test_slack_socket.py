"""Socket Mode, and the 3-second acknowledgement while a slow digest is still being made."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

import httpx
import pytest

from bot.adapters.slack.port import EVENTS_PATH, SlackPort
from bot.adapters.slack.post import ChannelPacer
from bot.collect.summarising import summarise_article
from bot.commands import Services
from bot.config.channels import SlackChannel
from bot.store.database import Database, open_database
from tests.support.fake_server import served
from tests.support.fake_slack import (
    APP_TOKEN,
    BOT_TOKEN,
    SIGNING_SECRET,
    FakeSlack,
    action_payload,
    form_body,
    post_to_app,
    slash_payload,
)
from tests.support.fakes import Clock, settings_for, store_article, store_sources
from tests.support.feedserver import FeedServer

P = ParamSpec("P")
T = TypeVar("T")

ARTICLE = """<html><head><title>Harbour bridge reopens after repairs</title></head><body>
<article><h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge reopened on Monday after eight months of repairs, the city said.</p>
<p>Mayor Ana Ruiz said the work had finished two weeks ahead of schedule and under budget.</p>
<p>Engineers replaced the deck joints and repainted the steel arches, which had rusted.</p>
<p>Commuters had faced detours of up to forty minutes while the bridge was closed.</p>
<p>The transport authority said bus routes would return to normal from Tuesday morning.</p>
</article></body></html>"""


@dataclass
class SlowSummaries(Services):
    """Services whose summariser waits at a gate: digesting a page takes as long as we like."""

    summarising: asyncio.Event = field(default_factory=asyncio.Event)
    gate: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        if function is summarise_article:
            self.summarising.set()
            await self.gate.wait()
        return await super().run(function, *args, **kwargs)


fake = served(FakeSlack)


@pytest.fixture
async def services(sqlite_url: str) -> AsyncIterator[SlowSummaries]:
    db: Database = open_database(sqlite_url)
    ids = store_sources(db)
    store_article(db, ids["wire"], "Rates held")
    async with httpx.AsyncClient() as client:
        yield SlowSummaries(db=db, settings=settings_for(sqlite_url), client=client, clock=Clock())
    db.close()


def channel(fake: FakeSlack, app_token: str | None = None) -> SlackChannel:
    return SlackChannel(
        bot_token=BOT_TOKEN,
        signing_secret=SIGNING_SECRET,
        base_url=fake.base_url,
        app_token=app_token,
    )


async def test_the_ack_arrives_while_the_digest_is_still_being_made(
    fake: FakeSlack, services: SlowSummaries
) -> None:
    port = SlackPort(channel(fake), services, host="127.0.0.1", port=0, pacer=ChannelPacer(0))
    await port.start()
    try:
        with FeedServer() as pages:
            pages.route("/bridge.html", ARTICLE, content_type="text/html; charset=utf-8")
            payload = slash_payload(
                "/summary", pages.url("/bridge.html"), response_url=fake.response_url("slow")
            )
            url = f"http://127.0.0.1:{port.http_port}{EVENTS_PATH}"
            status, body = await post_to_app(url, form_body(payload))
            # Acknowledged, and the summariser has not been let through: the work goes on.
            assert (status, body) == (200, "")
            assert not services.gate.is_set()
            await asyncio.wait_for(services.summarising.wait(), 30)
            assert fake.posts == []
            services.gate.set()
            await port.drain()
    finally:
        await port.stop()
    [answer] = fake.posts_to("response:slow")
    assert "Harbour bridge reopens after repairs" in answer.all_text()


async def test_socket_mode_commands_and_buttons(fake: FakeSlack, services: SlowSummaries) -> None:
    services.gate.set()
    port = SlackPort(channel(fake, app_token=APP_TOKEN), services, pacer=ChannelPacer(0))
    await port.start()
    try:
        assert port.http_port is None  # no HTTP server in Socket Mode
        payload = slash_payload("/summary", response_url=fake.response_url("socket"))
        ack = await fake.send_envelope("slash_commands", dict(payload))
        assert ack["envelope_id"].startswith("env-")
        await port.drain()
        [answer] = fake.posts_to("response:socket")
        assert "Rates held" in answer.all_text()
        button = next(
            e
            for b in answer.blocks
            if b["type"] == "actions"
            for e in b["elements"]
            if "value" in e
        )
        press = action_payload(
            button["action_id"], button["value"], response_url=fake.response_url("press")
        )
        await fake.send_envelope("interactive", press)
        await port.drain()
        [who] = fake.posts_to("response:press")
        assert "Rates held" in who.all_text()
    finally:
        await port.stop()
    assert fake.calls_of("apps.connections.open")

"""Digests through the shared outbox to Slack channels: limits, refusals and bad tokens."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.adapters.slack.port import SlackPort, build_slack
from bot.adapters.slack.post import ChannelPacer
from bot.commands import Services
from bot.config.channels import SlackChannel
from bot.delivery.outbox import queue_digest
from bot.delivery.sender import DeliveryWorker
from bot.errors import ConfigError
from bot.ports import ChatRef
from bot.render.slack import MAX_BLOCKS, MAX_SECTION_CHARS
from bot.store.chats import Subscription, add_subscription, ensure_chat, update_chat
from bot.store.database import Database
from bot.store.tables import chats
from tests.support.fake_server import served
from tests.support.fake_slack import BOT_TOKEN, SIGNING_SECRET, FakeSlack
from tests.support.fakes import LAGARDE, NOW, Clock, serving, store_article, store_sources

fake = served(FakeSlack)


@pytest.fixture
async def services(db: Database, db_url: str, clock: Clock) -> AsyncIterator[Services]:
    ids = store_sources(db)
    for n in range(3):
        store_article(db, ids["wire"], f"Wire story {n} <!here>", actors=[LAGARDE])
    async with serving(db, db_url, clock) as services:
        yield services


def channel_settings(fake: FakeSlack, **overrides: Any) -> SlackChannel:
    values: dict[str, Any] = {
        "bot_token": BOT_TOKEN,
        "signing_secret": SIGNING_SECRET,
        "base_url": fake.base_url,
    }
    return SlackChannel(**(values | overrides))


@asynccontextmanager
async def running(fake: FakeSlack, services: Services, **options: Any) -> AsyncIterator[SlackPort]:
    """A started SlackPort on ``fake`` (no pacing unless given), stopped afterwards."""
    options = {"pacer": ChannelPacer(0)} | options
    port = SlackPort(channel_settings(fake), services, host="127.0.0.1", port=0, **options)
    await port.start()
    try:
        yield port
    finally:
        await port.stop()


def subscribe(services: Services, channel: str, *, max_stories: int | None = None) -> int:
    with services.db.write() as conn:
        chat = ensure_chat(conn, ChatRef("slack", channel, "group"), NOW, sentences=3)
        add_subscription(conn, chat.id, Subscription("all", ""), NOW)
        if max_stories is not None:
            update_chat(conn, chat.id, max_stories=max_stories)
        return chat.id


def active(services: Services, chat_id: int) -> bool:
    with services.db.read() as conn:
        return bool(conn.execute(select(chats.c.active).where(chats.c.id == chat_id)).scalar())


async def deliver(services: Services, port: SlackPort, clock: Clock) -> None:
    await DeliveryWorker(services.db, {"slack": port}, clock=clock).run_until_idle()


async def test_a_digest_reaches_each_channel_once_escaped(
    fake: FakeSlack, services: Services, clock: Clock
) -> None:
    async with running(fake, services) as port:
        chat_ids = [subscribe(services, channel) for channel in ("C1", "C2")]
        for chat_id in chat_ids:
            assert queue_digest(services.db, chat_id, NOW) is not None
            assert queue_digest(services.db, chat_id, NOW) is None  # nothing new: no repeat
        await deliver(services, port, clock)
        await deliver(services, port, clock)
    for channel in ("C1", "C2"):
        [digest] = fake.posts_to(channel)
        assert digest.blocks[0]["text"]["text"] == "Your digest: 3 stories"
        assert "&lt;!here&gt;" in digest.all_text() and "<!here>" not in digest.all_text()
        assert fake.calls_of("chat.postMessage")[0]["unfurl_links"] is False


async def test_a_large_digest_is_split_within_slack_limits(
    fake: FakeSlack, db: Database, services: Services, clock: Clock
) -> None:
    ids = store_sources(db)
    long_summary = ["A long sentence " + "with many words " * 40 + "ends here."] * 3
    for n in range(37):
        store_article(db, ids["city"], f"City story {n}", summary=long_summary)
    chat_id = subscribe(services, "C0BIG", max_stories=40)
    async with running(fake, services) as port:
        queue_digest(services.db, chat_id, NOW)
        await deliver(services, port, clock)
    posts = fake.posts_to("C0BIG")
    assert len(posts) > 1
    titles = []
    for post in posts:
        assert post.text
        assert len(post.blocks) <= MAX_BLOCKS
        sections = [b["text"]["text"] for b in post.blocks if b["type"] == "section"]
        assert all(len(text) <= MAX_SECTION_CHARS for text in sections)
        titles += [t.split("|", 1)[1].split(">")[0] for t in sections if "|" in t]
    assert len(titles) == 40 and len(set(titles)) == 40


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived"])
async def test_a_channel_slack_refuses_is_stopped_once_and_others_still_get_theirs(
    fake: FakeSlack,
    services: Services,
    clock: Clock,
    error: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake.channel_errors["C0GONE"] = error
    gone, fine = subscribe(services, "C0GONE"), subscribe(services, "C0FINE")
    async with running(fake, services) as port:
        with caplog.at_level(logging.WARNING, logger="digestbot.delivery"):
            for chat_id in (gone, fine):
                queue_digest(services.db, chat_id, NOW)
            await deliver(services, port, clock)
            clock.advance(timedelta(days=1))
            for chat_id in (gone, fine):
                queue_digest(services.db, chat_id, clock.now)
            await deliver(services, port, clock)
    assert not active(services, gone) and active(services, fine)
    assert len(fake.posts_to("C0FINE")) == 1
    assert len(fake.calls_of("chat.postMessage")) == 2  # the gone channel was tried once
    stopped = [r for r in caplog.records if "digests are stopped" in r.getMessage()]
    assert len(stopped) == 1 and error in stopped[0].getMessage()


async def test_http_429_is_waited_out_by_the_client(
    fake: FakeSlack, services: Services, clock: Clock
) -> None:
    fake.rate_limit("C0BUSY", times=1, retry_after_s=1)
    chat_id = subscribe(services, "C0BUSY")
    async with running(fake, services) as port:
        queue_digest(services.db, chat_id, NOW)
        await deliver(services, port, clock)
    assert fake.rate_limited_posts == 1
    assert len(fake.posts_to("C0BUSY")) == 1


async def test_429_beyond_the_client_retries_goes_back_to_the_outbox(
    fake: FakeSlack, services: Services, clock: Clock
) -> None:
    fake.rate_limit("C0BUSY", times=1, retry_after_s=30)
    chat_id = subscribe(services, "C0BUSY")
    # The pacer keeps the outbox's (test) time, so Retry-After is honoured without waiting.
    pacer = ChannelPacer(0, clock=lambda: clock.now.timestamp())
    async with running(fake, services, pacer=pacer, rate_limit_retries=0) as port:
        queue_digest(services.db, chat_id, NOW)
        await deliver(services, port, clock)
        assert fake.posts_to("C0BUSY") == []
        clock.advance(timedelta(seconds=10))
        await deliver(services, port, clock)  # Retry-After (30 s) has not passed yet
        assert fake.posts_to("C0BUSY") == []
        clock.advance(timedelta(seconds=30))
        await deliver(services, port, clock)
    assert len(fake.posts_to("C0BUSY")) == 1


async def test_pages_to_one_channel_respect_one_message_per_second(
    fake: FakeSlack, db: Database, services: Services, clock: Clock
) -> None:
    # Slack, the pacer and the outbox share the test clock: seconds pass when we say so.
    def seconds() -> float:
        return clock.now.timestamp()

    fake.channel_interval_s, fake.clock = 1.0, seconds
    ids = store_sources(db)
    for n in range(8):
        store_article(db, ids["city"], f"City story {n}", summary=["Words " * 400])
    chat_id = subscribe(services, "C0PACE", max_stories=30)
    pacer = ChannelPacer(1.0, clock=seconds)
    async with running(fake, services, pacer=pacer, rate_limit_retries=0) as port:
        queue_digest(services.db, chat_id, NOW)
        await deliver(services, port, clock)
        assert len(fake.posts_to("C0PACE")) == 1  # the next page waits for its turn
        for _ in range(6):
            clock.advance(timedelta(seconds=1))
            await deliver(services, port, clock)
    posts = fake.posts_to("C0PACE")
    assert len(posts) >= 2
    assert fake.rate_limited_posts == 0
    # Every story of the digest arrived, none twice.
    who = [
        e["value"]
        for p in posts
        for b in p.blocks
        if b["type"] == "actions"
        for e in b["elements"]
        if e.get("value", "").startswith("/who")
    ]
    assert len(who) == 11 and len(set(who)) == 11


async def test_a_bad_bot_token_is_one_clear_error_at_start(
    fake: FakeSlack, services: Services
) -> None:
    port = SlackPort(
        channel_settings(fake, bot_token="xoxb-wrong"), services, host="127.0.0.1", port=0
    )
    with pytest.raises(ConfigError, match=r"invalid_auth.*SLACK_BOT_TOKEN"):
        await port.start()
    port = SlackPort(
        channel_settings(fake, app_token="xapp-wrong"), services, host="127.0.0.1", port=0
    )
    with pytest.raises(ConfigError, match=r"invalid_auth.*SLACK_APP_TOKEN"):
        await port.start()


def test_missing_settings_are_named(fake: FakeSlack, services: Services) -> None:
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN"):
        build_slack(channel_settings(fake, bot_token=None), services)
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET"):
        build_slack(channel_settings(fake, signing_secret=None), services)
    assert build_slack(channel_settings(fake, signing_secret=None, app_token="xapp-1"), services)


async def test_a_send_only_port_delivers_without_listening(
    fake: FakeSlack, services: Services, clock: Clock
) -> None:
    chat_id = subscribe(services, "C0SEND")
    port = SlackPort(
        channel_settings(fake, app_token="xapp-unused"),
        services,
        pacer=ChannelPacer(0),
        listen=False,
    )
    await port.start()
    try:
        queue_digest(services.db, chat_id, NOW)
        await deliver(services, port, clock)
    finally:
        await port.stop()
    assert port.http_port is None and fake.calls_of("apps.connections.open") == []
    assert len(fake.posts_to("C0SEND")) == 1

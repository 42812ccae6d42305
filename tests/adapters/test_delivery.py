"""Scheduled digests through the outbox to the fake Bot API with real python-telegram-bot."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.adapters.telegram.port import TelegramPort
from bot.commands import Request, Services, handle
from bot.delivery.outbox import queue_due_digests
from bot.delivery.sender import DeliveryWorker
from bot.ports import ChatRef, PermanentFailure, Reply, RetryLater, StoryView, reply_to_json
from bot.render.telegram import utf16_len
from bot.store.database import Database
from bot.store.messages import stories_of_message
from bot.store.tables import chats, outbox, subscriptions
from tests.support.fake_server import served
from tests.support.fake_telegram import FakeTelegram, parse_html, running_bot
from tests.support.fakes import (
    LAGARDE,
    NOW,
    Clock,
    RecordingPort,
    serving,
    store_article,
    store_sources,
)

NEXT_MORNING = (NOW + timedelta(days=1)).replace(hour=8, minute=0, second=30)


fake = served(FakeTelegram)


@pytest.fixture
async def services(db: Database, db_url: str, clock: Clock) -> AsyncIterator[Services]:
    async with serving(db, db_url, clock) as services:
        yield services


@pytest.fixture
async def port(fake: FakeTelegram, services: Services) -> AsyncIterator[TelegramPort]:
    async with running_bot(fake, services) as telegram:
        yield telegram


def chat(chat_id: int) -> ChatRef:
    return ChatRef("telegram", str(chat_id), "private" if chat_id > 0 else "supergroup")


async def subscribe(services: Services, *chat_ids: int, what: str = "all") -> None:
    for chat_id in chat_ids:
        reply = await handle(services, Request(chat=chat(chat_id), text=f"/subscribe {what}"))
        assert reply.lines[0].startswith("Subscribed"), reply


async def deliver(services: Services, port: TelegramPort, clock: Clock) -> None:
    queue_due_digests(services.db, clock())
    await DeliveryWorker(services.db, {"telegram": port}, clock=clock).run_until_idle()


async def test_scheduled_digests_reach_each_chat_once(
    fake: FakeTelegram, port: TelegramPort, services: Services, clock: Clock
) -> None:
    ids = store_sources(services.db)
    store_article(services.db, ids["wire"], "ECB holds rates", actors=[LAGARDE])
    store_article(services.db, ids["city"], "Council passes budget")
    await subscribe(services, 11, 12, 13)
    clock.now = NEXT_MORNING - timedelta(minutes=1)
    await deliver(services, port, clock)
    assert fake.sent == []  # 07:59: not yet
    clock.now = NEXT_MORNING
    await deliver(services, port, clock)
    await deliver(services, port, clock)  # the same minute again: nothing new
    assert sorted(m.chat_id for m in fake.sent) == [11, 12, 13]
    digest = fake.sent_to(12)[0]
    assert digest.text.startswith("Your digest: 2 stories")
    assert "Who: Christine Lagarde (ECB President)" in digest.text
    assert digest.link_preview_disabled

    before = len(fake.sent)
    await fake.command(12, "/who", reply_to=digest.message_id)
    await fake.wait_for(before + 1)
    assert "“We are not done yet”" in fake.sent[-1].text

    clock.now += timedelta(days=1)
    store_article(services.db, ids["city"], "Bridge reopens", fetched_at=clock.now)
    await deliver(services, port, clock)
    later = fake.sent_to(12)[-1]
    assert later.text.startswith("Your digest: 1 story") and "Bridge reopens" in later.text


async def test_a_large_batch_is_one_digest_with_the_rest_counted(
    fake: FakeTelegram, port: TelegramPort, services: Services, clock: Clock
) -> None:
    ids = store_sources(services.db)
    for n in range(25):
        store_article(services.db, ids["wire"], f"Story number {n}", summary=["Short."])
    await subscribe(services, 21)
    clock.now = NEXT_MORNING
    await deliver(services, port, clock)
    assert len(fake.sent) == 1
    text = fake.sent[0].text
    assert text.count("Story number") == 10
    assert text.rstrip().endswith("…and 15 more stories; /summary <words> finds them.")
    clock.now += timedelta(days=1)
    await deliver(services, port, clock)
    assert len(fake.sent) == 1  # the counted ones do not come back


async def test_a_long_digest_is_split_between_stories(
    fake: FakeTelegram, port: TelegramPort, services: Services, clock: Clock
) -> None:
    ids = store_sources(services.db)
    sentence = "This sentence is long enough to fill a message quickly, " * 8 + "end."
    for n in range(10):
        store_article(services.db, ids["wire"], f"Long story {n}", summary=[sentence] * 3)
    await subscribe(services, 31)
    clock.now = NEXT_MORNING
    await deliver(services, port, clock)
    messages = fake.sent_to(31)
    assert len(messages) > 1
    assert all(utf16_len(m.text) <= 4096 for m in messages)
    titles = [line for m in messages for line in m.text.splitlines() if "Long story" in line]
    assert len(titles) == 10 and len(set(titles)) == 10
    for message in messages:  # every story block keeps its sentences in the same message
        assert message.text.count("Long story") * 3 == message.text.count("end.")
    labels = [label for m in messages for label in m.button_labels()]
    assert len([label for label in labels if label.endswith("Who's involved")]) == 10


async def test_html_in_article_text_is_shown_as_text(
    fake: FakeTelegram, port: TelegramPort, services: Services, clock: Clock
) -> None:
    ids = store_sources(services.db)
    title = '<script>alert("x")</script> & <b>Bold</b> <a href="javascript:evil()">x</a>'
    store_article(services.db, ids["wire"], title, summary=["1 < 2 & <i>not italic</i>."])
    await subscribe(services, 41)
    clock.now = NEXT_MORNING
    await deliver(services, port, clock)
    message = fake.sent_to(41)[0]
    assert f"1. {title}" in message.text
    assert "1 < 2 & <i>not italic</i>." in message.text
    assert message.html is not None
    _, entities, links = parse_html(message.html)
    # Only our own formatting: bold heading, bold linked title, italic source name.
    assert entities == 4
    assert links == ["https://news.example/" + links[0].rsplit("/", 1)[1]]
    assert "<script>" not in message.html and "&lt;script&gt;" in message.html


async def test_the_chat_receives_the_page_exactly_as_it_was_queued(
    fake: FakeTelegram, port: TelegramPort, services: Services, clock: Clock
) -> None:
    ids = store_sources(services.db)
    store_article(services.db, ids["wire"], "ECB holds rates")
    await subscribe(services, 81)
    clock.now = NEXT_MORNING
    queue_due_digests(services.db, clock())
    with services.db.write() as conn:
        row_id, payload = conn.execute(select(outbox.c.id, outbox.c.payload)).one()
        assert payload["platform"] == "telegram"  # rendered once, when it was queued
        body = payload["body"]
        assert body["keyboard"] and "<b>" in body["html"] and "ECB holds rates" in body["html"]
        body["html"] = body["html"].replace("ECB holds rates", "As stored")
        conn.execute(update(outbox).where(outbox.c.id == row_id).values(payload=payload))
    await DeliveryWorker(services.db, {"telegram": port}, clock=clock).run_until_idle()
    [message] = fake.sent_to(81)
    assert "As stored" in message.text and "ECB holds rates" not in message.text
    assert message.button_labels() == [b["label"] for row in body["keyboard"] for b in row]


async def test_a_neutral_page_queued_by_an_earlier_version_is_rendered_and_delivered(
    fake: FakeTelegram, port: TelegramPort, services: Services, clock: Clock
) -> None:
    ids = store_sources(services.db)
    store_article(services.db, ids["wire"], "ECB holds rates")
    await subscribe(services, 82)
    clock.now = NEXT_MORNING
    queue_due_digests(services.db, clock())
    with services.db.write() as conn:
        row_id, chat_id, [story_id] = conn.execute(
            select(outbox.c.id, outbox.c.chat_id, outbox.c.story_ids)
        ).one()
        # What earlier versions stored: the page as a neutral reply, rendered when sent.
        page = Reply(
            heading="Your digest",
            stories=[
                StoryView(
                    title="Rates <held> & steady",
                    url="https://news.example/rates",
                    sentences=["The bank held rates."],
                    story_id=story_id,
                    number=1,
                )
            ],
        )
        legacy = reply_to_json(page)
        conn.execute(update(outbox).where(outbox.c.id == row_id).values(payload=legacy))
    await DeliveryWorker(services.db, {"telegram": port}, clock=clock).run_until_idle()
    [message] = fake.sent_to(82)
    assert message.text.startswith("Your digest\n\n1. Rates <held> & steady")
    assert message.html is not None and "Rates &lt;held&gt; &amp; steady" in message.html
    assert message.button_labels() == ["1. Who's involved", "1. Full article"]
    with services.db.read() as conn:
        assert conn.execute(select(outbox.c.status)).scalar_one() == "sent"
        assert stories_of_message(conn, chat_id, str(message.message_id)) == [story_id]


async def test_a_blocked_chat_is_stopped_once_and_others_still_get_theirs(
    fake: FakeTelegram,
    port: TelegramPort,
    services: Services,
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    ids = store_sources(services.db)
    store_article(services.db, ids["wire"], "ECB holds rates")
    await subscribe(services, 51, 52, 53)
    fake.forbidden.add(52)
    clock.now = NEXT_MORNING
    with caplog.at_level(logging.WARNING, logger="digestbot.delivery"):
        await deliver(services, port, clock)
        clock.now += timedelta(days=1)
        store_article(services.db, ids["wire"], "Another day", fetched_at=clock.now)
        await deliver(services, port, clock)
    assert sorted(m.chat_id for m in fake.sent) == [51, 51, 53, 53]
    attempts = [call for call in fake.calls_of("sendMessage") if call["chat_id"] == "52"]
    assert len(attempts) == 1
    stopped = [r for r in caplog.records if "digests are stopped" in r.getMessage()]
    assert len(stopped) == 1 and "blocked by the user" in stopped[0].getMessage()
    with services.db.read() as conn:
        active = conn.execute(select(chats.c.active).where(chats.c.address == "52")).scalar_one()
    assert active is False


async def test_a_migrated_group_takes_its_subscriptions_along(
    fake: FakeTelegram, port: TelegramPort, services: Services, clock: Clock
) -> None:
    old, new = -4001, -1004503599627370  # a supergroup id near 2**52
    ids = store_sources(services.db)
    store_article(services.db, ids["wire"], "ECB holds rates")
    await subscribe(services, old, what="wire")
    fake.migrations[old] = new
    clock.now = NEXT_MORNING
    await deliver(services, port, clock)
    assert [m.chat_id for m in fake.sent] == [new]
    with services.db.read() as conn:
        stored = conn.execute(select(chats.c.id, chats.c.address)).all()
        kept = conn.execute(select(subscriptions.c.target)).scalars().all()
    assert [row.address for row in stored] == [str(new)] and kept == ["wire"]

    clock.now += timedelta(days=1)
    store_article(services.db, ids["wire"], "Rates again", fetched_at=clock.now)
    await deliver(services, port, clock)
    assert [m.chat_id for m in fake.sent] == [new, new]
    assert len([c for c in fake.calls_of("sendMessage") if c["chat_id"] == str(old)]) == 1


async def test_flood_limit_beyond_the_retries_waits_and_delivers_once(
    fake: FakeTelegram, port: TelegramPort, services: Services, clock: Clock
) -> None:
    ids = store_sources(services.db)
    store_article(services.db, ids["wire"], "ECB holds rates")
    await subscribe(services, 61, 62)
    fake.rate_limit(61, times=4, retry_after_s=1)  # PTB retries 3 times, then gives up
    clock.now = NEXT_MORNING
    await deliver(services, port, clock)
    assert [m.chat_id for m in fake.sent] == [62]
    clock.now += timedelta(minutes=1)
    await deliver(services, port, clock)
    assert sorted(m.chat_id for m in fake.sent) == [61, 62]
    assert fake.too_many_requests == 4


async def test_network_errors_back_off_and_permanent_failures_stop_only_that_message(
    services: Services, clock: Clock
) -> None:
    ids = store_sources(services.db)
    store_article(services.db, ids["wire"], "ECB holds rates")
    console = [ChatRef("console", name) for name in ("flaky", "broken", "fine")]
    for ref in console:
        await handle(services, Request(chat=ref, text="/subscribe all"))
    port = RecordingPort(
        fail_with={
            "flaky": RetryLater("network: connection reset"),
            "broken": PermanentFailure("Bad Request: can't parse entities"),
        }
    )
    worker = DeliveryWorker(services.db, {"console": port}, clock=clock)
    clock.now = NEXT_MORNING
    queue_due_digests(services.db, clock())
    await worker.run_until_idle()
    assert [chat.address for chat, _ in port.sent] == ["fine"]
    del port.fail_with["flaky"]
    clock.now += timedelta(seconds=1)  # still inside the backoff
    await worker.run_until_idle()
    assert [chat.address for chat, _ in port.sent] == ["fine"]
    clock.now += timedelta(minutes=1)
    await worker.run_until_idle()
    assert [chat.address for chat, _ in port.sent] == ["fine", "flaky"]
    with services.db.read() as conn:
        statuses = dict(conn.execute(select(chats.c.address, outbox.c.status).join(outbox)).all())
    assert statuses == {"fine": "sent", "flaky": "sent", "broken": "failed"}

"""Real python-telegram-bot against the fake Bot API: from a user's update to the sent message."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.adapters.telegram.port import TelegramPort
from bot.commands import Services
from bot.delivery.sender import DeliveryWorker
from bot.store.database import Database
from tests.support.fake_server import served
from tests.support.fake_telegram import FakeTelegram, running_bot
from tests.support.fakes import REPORTED_STANCE, serving, store_reported_story, store_two_stories

USER = 1001
GROUP = -1001234567890


fake = served(FakeTelegram)


@pytest.fixture
async def services(db: Database, db_url: str) -> AsyncIterator[Services]:
    store_two_stories(db, "ECB holds rates")
    async with serving(db, db_url) as services:
        yield services


@pytest.fixture
async def port(fake: FakeTelegram, services: Services) -> AsyncIterator[TelegramPort]:
    async with running_bot(fake, services) as telegram:
        yield telegram


async def ask(fake: FakeTelegram, text: str, chat: int = USER, **kw: object) -> str:
    """Send ``text`` as a user and return the visible text of the bot's answer."""
    before = len(fake.sent)
    await fake.command(chat, text, **kw)  # type: ignore[arg-type]
    sent = await fake.wait_for(before + 1)
    return sent[before].text


async def test_start_and_help_answer_in_html_without_link_previews(
    fake: FakeTelegram, port: TelegramPort
) -> None:
    text = await ask(fake, "/start")
    assert text.startswith("digestbot\nI collect news from feeds")
    message = fake.sent[-1]
    assert message.html is not None and "<b>digestbot</b>" in message.html
    assert message.link_preview_disabled
    assert message.reply_to is not None  # answers the command it was given
    assert "/schedule HH:MM" in await ask(fake, "/help")
    assert fake.calls_of("setMyCommands")


async def test_unknown_command_gets_a_hint(fake: FakeTelegram, port: TelegramPort) -> None:
    assert await ask(fake, "/weather") == "Unknown command /weather. Send /help for the list."
    hint = await ask(fake, "/schedule 25:99")
    assert hint.startswith("'25:99' is not a time like 08:00")


async def test_summary_buttons_who_and_reply_who(fake: FakeTelegram, port: TelegramPort) -> None:
    assert (await ask(fake, "/subscribe all")).startswith("Subscribed to all sources.")
    text = await ask(fake, "/summary")
    # Both are fresh; the ECB story names more people, so it ranks first.
    assert "1. ECB holds rates" in text and "2. Council passes budget" in text
    digest = fake.sent[-1]
    assert digest.button_labels() == [
        "1. Who's involved",
        "1. Full article",
        "2. Who's involved",
        "2. Full article",
    ]
    assert digest.buttons[0][1]["url"].startswith("https://news.example/")

    await fake.press(digest, "1. Who's involved")
    await fake.wait_for(len(fake.sent) + 1)
    who = fake.sent[-1]
    # One line per position, "Name (role): stance"; an actor without positions alone.
    assert who.text.splitlines()[2:] == [
        "• Christine Lagarde (ECB President): “We are not done yet”",
        "• European Central Bank",
    ]
    assert who.html is not None
    assert "• <b>Christine Lagarde</b> (ECB President): “We are not done yet”" in who.html
    assert who.reply_to == digest.message_id
    assert fake.callback_answers  # the button stops spinning

    answer = await ask(fake, "/who", reply_to=digest.message_id)
    assert "• Ana Ruiz (Mayor): Ruiz rejected the cuts to libraries" in answer
    assert "• Christine Lagarde (ECB President): “We are not done yet”" in answer


async def test_who_says_who_reported_a_position_escaped_as_html(
    fake: FakeTelegram, port: TelegramPort, services: Services
) -> None:
    store_reported_story(services.db)
    putin = f"• Vladimir Putin (Russian President): {REPORTED_STANCE} (according to Donald Trump)"
    text = await ask(fake, "/who")
    assert text.splitlines()[-2:] == [putin, "• Donald Trump (President)"]
    html = fake.sent[-1].html
    assert html is not None
    assert (
        "• <b>Vladimir Putin</b> (Russian President): indicated an openness to &lt;security&gt; "
        "guarantees &amp; *talks* _soon_ (according to Donald Trump)"
    ) in html
    assert f"{putin} (wire)" in await ask(fake, "/who putin")


async def test_settings_buttons_edit_the_panel(fake: FakeTelegram, port: TelegramPort) -> None:
    assert "Sentences per story: 3" in await ask(fake, "/settings")
    panel = fake.sent[-1]
    await fake.press(panel, "Sentences +")
    await fake.wait_for_call("editMessageText")
    assert "Sentences per story: 4" in fake.edits[-1].text
    assert fake.edits[-1].message_id == panel.message_id


async def test_group_changes_need_an_administrator(fake: FakeTelegram, port: TelegramPort) -> None:
    fake.set_admins(GROUP, 7)
    refused = await ask(fake, "/subscribe all", GROUP, user_id=8, chat_type="supergroup")
    assert refused.startswith("Sorry, only this chat's administrators")
    listing = await ask(fake, "/sources", GROUP, user_id=8, chat_type="supergroup")
    assert listing.startswith("This chat follows no sources yet.")
    allowed = await ask(fake, "/subscribe all", GROUP, user_id=7, chat_type="supergroup")
    assert allowed.startswith("Subscribed to all sources.")
    again = await ask(fake, "/unsubscribe all", GROUP, user_id=8, chat_type="supergroup")
    assert again.startswith("Sorry")
    assert len(fake.calls_of("getChatAdministrators")) == 1  # cached


async def test_group_button_presses_are_checked_too(fake: FakeTelegram, port: TelegramPort) -> None:
    fake.set_admins(GROUP, 7)
    await ask(fake, "/settings", GROUP, user_id=8, chat_type="supergroup")
    await fake.press(fake.sent[-1], "Sentences +", user_id=8)
    await fake.wait_for_call("answerCallbackQuery")
    answer = fake.callback_answers[-1]
    assert "administrators" in answer["text"] and answer["show_alert"] in (True, "true", "True")
    assert not fake.edits


async def test_channel_posts_are_from_admins(fake: FakeTelegram, port: TelegramPort) -> None:
    text = await ask(fake, "/subscribe wire", -100777, chat_type="channel")
    assert text.startswith("Subscribed to source wire.")


async def test_flood_limit_answer_is_retried(fake: FakeTelegram, port: TelegramPort) -> None:
    fake.rate_limit(USER, times=1, retry_after_s=1)
    assert (await ask(fake, "/help")).startswith("Commands")
    assert fake.too_many_requests == 1


@pytest.mark.parametrize(
    ("command", "answer"),
    [
        ("/summary 1", "The last 1 story"),
        ("/summary budget", "Stories about budget"),
        ("/who Ruiz", "Ana Ruiz, Mayor"),
        ("/sources", "Sources (all sources)"),
        ("/schedule 07:00 Asia/Tokyo", "Digests will arrive at 07:00 (Asia/Tokyo)."),
        ("/unsubscribe city", "Not subscribed to city; this chat follows all sources."),
        ("/remove city", "city is part of the bot's configuration"),
        ("/add ftp://example.org/feed", "Usage: /add <feed or page URL> [name]"),
    ],
)
async def test_each_command_answers_through_telegram(
    fake: FakeTelegram, port: TelegramPort, command: str, answer: str
) -> None:
    await ask(fake, "/subscribe all")
    assert (await ask(fake, command)).startswith(answer)


async def test_digest_command_sends_the_digest_through_the_outbox(
    fake: FakeTelegram, port: TelegramPort, services: Services
) -> None:
    worker = DeliveryWorker(services.db, {"telegram": port}, clock=services.clock)
    services.digest_queued = worker.wake
    await ask(fake, "/subscribe all")
    await fake.command(USER, "/digest")
    await fake.wait_for_call("sendMessage", 1)  # the /subscribe answer
    for _ in range(50):  # the command is answered by the worker, not by a reply
        await worker.run_until_idle()
        if len(fake.sent) == 2:
            break
        await asyncio.sleep(0.05)
    assert fake.sent[-1].text.startswith("Your digest: 2 stories")
    assert (await ask(fake, "/digest")) == "No new stories since the last digest."

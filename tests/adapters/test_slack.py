"""Slack end to end: signed requests to the real bolt app, answers seen at a fake Slack."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from itertools import count
from typing import Any

import pytest

from bot.adapters.slack.port import EVENTS_PATH, SlackPort
from bot.adapters.slack.post import ChannelPacer
from bot.commands import Services
from bot.config.channels import SlackChannel
from bot.delivery.sender import DeliveryWorker
from bot.store.database import Database
from tests.support.fake_slack import (
    BOT_TOKEN,
    SIGNING_SECRET,
    FakeSlack,
    Posted,
    action_payload,
    form_body,
    post_to_app,
    slash_payload,
)
from tests.support.fakes import serving, store_reported_story, store_two_stories

ADMIN, CREATOR, MEMBER = "U0ADMIN", "U0CREATOR", "U0MEMBER"
CHANNEL = "C0NEWS"
_keys = count(1)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as server:
        server.add_user(ADMIN, admin=True)
        server.add_user(CREATOR)
        server.add_user(MEMBER)
        server.add_channel(CHANNEL, creator=CREATOR)
        yield server


@pytest.fixture
async def services(db: Database, db_url: str) -> AsyncIterator[Services]:
    store_two_stories(
        db,
        "ECB holds rates <!channel>",
        ["The bank held rates <!here> & waited.", "Markets <@U0BOSS> shrugged."],
    )
    async with serving(db, db_url) as services:
        yield services


def slack_channel(fake: FakeSlack, **overrides: Any) -> SlackChannel:
    values: dict[str, Any] = {
        "bot_token": BOT_TOKEN,
        "signing_secret": SIGNING_SECRET,
        "base_url": fake.base_url,
    }
    values.update(overrides)
    return SlackChannel(**values)


@pytest.fixture
async def port(fake: FakeSlack, services: Services) -> AsyncIterator[SlackPort]:
    slack = SlackPort(
        slack_channel(fake), services, host="127.0.0.1", port=0, pacer=ChannelPacer(0)
    )
    await slack.start()
    yield slack
    await slack.stop()


def app_url(port: SlackPort) -> str:
    return f"http://127.0.0.1:{port.http_port}{EVENTS_PATH}"


async def slash(
    port: SlackPort, fake: FakeSlack, command: str, text: str = "", *, user: str = ADMIN
) -> list[Posted]:
    """Run a slash command as Slack sends it; return what came back through response_url."""
    key = f"cmd{next(_keys)}"
    payload = slash_payload(command, text, user_id=user, response_url=fake.response_url(key))
    status, body = await post_to_app(app_url(port), form_body(payload))
    assert (status, body) == (200, "")
    await port.drain()
    return fake.posts_to(f"response:{key}")


async def press(
    port: SlackPort, fake: FakeSlack, button: dict[str, Any], *, user: str = MEMBER
) -> list[Posted]:
    key = f"act{next(_keys)}"
    payload = action_payload(
        button["action_id"],
        button.get("value", ""),
        url=button.get("url"),
        user_id=user,
        response_url=fake.response_url(key),
    )
    status, _ = await post_to_app(app_url(port), form_body(payload))
    assert status == 200
    await port.drain()
    return fake.posts_to(f"response:{key}")


def buttons(post: Posted) -> list[dict[str, Any]]:
    return [e for b in post.blocks if b["type"] == "actions" for e in b["elements"]]


async def test_summary_shows_stories_with_actors_and_escaped_text(
    port: SlackPort, fake: FakeSlack
) -> None:
    [answer] = await slash(port, fake, "/summary")
    shown = answer.all_text()
    assert "ECB holds rates" in shown and "Council passes budget" in shown
    assert "Christine Lagarde (ECB President)" in shown
    assert "&lt;!channel&gt;" in shown and "&lt;!here&gt; &amp; waited" in shown
    assert "<!" not in shown and "<@U0BOSS>" not in shown
    assert answer.response_type == "ephemeral"
    assert answer.blocks[0]["type"] == "header"


async def test_who_and_its_button(port: SlackPort, fake: FakeSlack) -> None:
    lagarde = "• *Christine Lagarde* (ECB President): “We are not done yet”"
    [answer] = await slash(port, fake, "/who", "Lagarde")
    assert f"{lagarde} (wire)" in answer.all_text()
    [digest] = await slash(port, fake, "/summary", "rates")
    who_button, article_button = buttons(digest)[:2]
    assert who_button["text"]["text"].endswith("Who's involved")
    [who] = await press(port, fake, who_button)
    # One line per position, "Name (role): stance"; an actor without positions alone.
    assert f"\n{lagarde}\n• *European Central Bank*" in who.all_text()
    # "Full article" opens the link in the browser; its click is acknowledged, not answered.
    assert article_button["url"].startswith("https://news.example/")
    assert await press(port, fake, article_button) == []


async def test_who_says_who_reported_a_position_escaped_as_mrkdwn(
    port: SlackPort, fake: FakeSlack, services: Services
) -> None:
    store_reported_story(services.db)
    putin = (
        "• *Vladimir Putin* (Russian President): indicated an openness to &lt;security&gt; "
        "guarantees &amp; *talks* _soon_ (according to Donald Trump)"
    )
    [latest] = await slash(port, fake, "/who")
    assert f"{putin}\n• *Donald Trump* (President)" in latest.all_text()
    [named] = await slash(port, fake, "/who", "Putin")
    assert f"{putin} (wire)" in named.all_text()
    assert "<security>" not in latest.all_text() + named.all_text()


async def test_subscribe_unsubscribe_and_sources(port: SlackPort, fake: FakeSlack) -> None:
    [subscribed] = await slash(port, fake, "/subscribe", "wire")
    assert subscribed.text.startswith("Subscribed to source wire.")
    assert "/digest sends one now" in subscribed.all_text()
    assert subscribed.response_type == "in_channel"
    [sources] = await slash(port, fake, "/sources")
    assert "wire — not fetched yet" in sources.all_text()
    [stopped] = await slash(port, fake, "/unsubscribe", "all")
    assert "Unsubscribed from everything." in stopped.all_text()


async def test_digest_help_names_commands_as_typed_in_slack(
    port: SlackPort, fake: FakeSlack
) -> None:
    [help_answer] = await slash(port, fake, "/digest", "help")
    shown = help_answer.all_text()
    assert "/digest schedule 08:00,18:00 Europe/Berlin" in shown
    assert "/summary" in shown and "/who" in shown
    [schedule] = await slash(port, fake, "/digest", "schedule 07:30 Europe/Berlin")
    assert "07:30" in schedule.all_text()
    [bad] = await slash(port, fake, "/digest", "schedule 25:99")
    assert "/digest schedule" in bad.all_text()


async def test_digest_now_posts_the_digest_to_the_channel(
    port: SlackPort, fake: FakeSlack, services: Services
) -> None:
    await slash(port, fake, "/subscribe", "all")
    assert await slash(port, fake, "/digest") == []  # the digest itself is the answer
    worker = DeliveryWorker(services.db, {"slack": port})
    await worker.run_until_idle()
    [digest] = fake.posts_to(CHANNEL)
    assert digest.blocks[0]["text"]["text"] == "Your digest: 2 stories"
    assert "ECB holds rates" in digest.text
    again = await slash(port, fake, "/digest")
    assert "No new stories since the last digest." in again[0].all_text()


@pytest.mark.parametrize(("user", "allowed"), [(ADMIN, True), (CREATOR, True), (MEMBER, False)])
async def test_only_admins_and_the_channel_creator_change_settings(
    port: SlackPort, fake: FakeSlack, user: str, allowed: bool
) -> None:
    [answer] = await slash(port, fake, "/subscribe", "all", user=user)
    if allowed:
        assert answer.text.startswith("Subscribed to all sources.")
        assert answer.response_type == "in_channel"
    else:
        assert "only this chat's administrators" in answer.text
        assert answer.response_type == "ephemeral"
    # Reading is open to everyone.
    [top] = await slash(port, fake, "/summary", user=user)
    assert "Top stories" in top.all_text()


async def test_forged_and_stale_signatures_are_refused(port: SlackPort, fake: FakeSlack) -> None:
    payload = slash_payload("/summary", response_url=fake.response_url("forged"))
    body = form_body(payload)
    forged = await post_to_app(app_url(port), body, secret="not-the-secret")
    stale = await post_to_app(app_url(port), body, timestamp=int(time.time()) - 301)
    assert forged[0] == 401 and stale[0] == 401
    await port.drain()
    assert fake.posts == []
    assert (await post_to_app(app_url(port), body))[0] == 200


async def test_a_retried_command_is_answered_once(port: SlackPort, fake: FakeSlack) -> None:
    payload = slash_payload("/sources", response_url=fake.response_url("retry"), trigger_id="t-1")
    for retry in ("", "1", "2"):
        headers = {"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "timeout"} if retry else {}
        status, _ = await post_to_app(app_url(port), form_body(payload), extra_headers=headers)
        assert status == 200
    await port.drain()
    assert len(fake.posts_to("response:retry")) == 1


async def test_a_mention_is_answered_in_its_thread_once_despite_retries(
    port: SlackPort, fake: FakeSlack
) -> None:
    event = {
        "type": "event_callback",
        "team_id": "T0FAKE",
        "api_app_id": "A0APP",
        "event_id": "Ev0MENTION",
        "event_time": int(time.time()),
        "event": {
            "type": "app_mention",
            "user": MEMBER,
            "text": "<@U0BOT> who Lagarde",
            "channel": CHANNEL,
            "ts": "1700000000.000200",
        },
    }
    body = json.dumps(event)
    for retry in ("", "1"):
        headers = {"Content-Type": "application/json"}
        if retry:
            headers |= {"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"}
        status, _ = await post_to_app(app_url(port), body, extra_headers=headers)
        assert status == 200
    await port.drain()
    [answer] = fake.posts_to(CHANNEL)
    assert "We are not done yet" in answer.all_text()
    assert fake.calls_of("chat.postMessage")[0]["thread_ts"] == "1700000000.000200"


async def test_settings_panel_buttons_edit_the_panel(port: SlackPort, fake: FakeSlack) -> None:
    [panel] = await slash(port, fake, "/digest", "settings", user=MEMBER)
    assert "Sentences per story: 3" in panel.all_text()
    more = next(b for b in buttons(panel) if b["text"]["text"] == "Sentences +")
    [refused] = await press(port, fake, more, user=MEMBER)
    assert "only this chat's administrators" in refused.text
    [edited] = await press(port, fake, more, user=ADMIN)
    assert edited.replace_original is True and edited.response_type is None
    assert "Sentences per story: 4" in edited.all_text()

"""The chat core's commands, answered as a user sees them (console text), on both databases."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.commands import COMMANDS, Services, handle
from bot.render.console import console_text
from bot.store.database import Database
from bot.store.ledger import entries_for, record_positions
from tests.support.fakes import (
    GROUP,
    REPORTED_STANCE,
    request,
    serving,
    store_reported_story,
    store_two_stories,
)


@pytest.fixture
async def services(db: Database, db_url: str) -> AsyncIterator[Services]:
    store_two_stories(db, "ECB holds rates <steady>")
    async with serving(db, db_url) as services:
        yield services


async def say(services: Services, text: str, **kw: object) -> str:
    return console_text(await handle(services, request(text, **kw)))  # type: ignore[arg-type]


async def test_help_lists_every_command_with_an_example(services: Services) -> None:
    text = await say(services, "/help")
    for name in COMMANDS:
        assert f"/{name}" in text
    assert text.count("Example:") == len(COMMANDS)


async def test_unknown_command_and_plain_text_get_a_one_line_hint(services: Services) -> None:
    assert await say(services, "/frobnicate now") == (
        "Unknown command /frobnicate. Send /help for the list."
    )
    assert "/help" in await say(services, "hello")


async def test_subscribe_is_idempotent_and_names_what_it_did(services: Services) -> None:
    first = await say(services, "/subscribe wire")
    again = await say(services, "/subscribe@digest_test_bot wire")
    assert first.startswith("Subscribed to source wire.")
    assert again.startswith("Already subscribed to source wire.")
    assert "wire — not fetched yet" in await say(services, "/sources")
    assert "city" not in await say(services, "/sources")


async def test_subscribe_by_tag_and_unknown_name(services: Services) -> None:
    assert (await say(services, "/subscribe local")).startswith("Subscribed to tag local.")
    unknown = await say(services, "/subscribe sports")
    assert unknown.startswith("No source or tag called sports.")
    assert "wire" in unknown and "economy" in unknown
    assert "\n" not in unknown


async def test_unsubscribe(services: Services) -> None:
    await say(services, "/subscribe all")
    assert await say(services, "/unsubscribe wire") == (
        "Not subscribed to wire; this chat follows all sources."
    )
    assert await say(services, "/unsubscribe all") == "Unsubscribed from everything."
    assert await say(services, "/unsubscribe all") == "Nothing to stop."


async def test_group_members_may_read_but_only_admins_change(services: Services) -> None:
    refused = await say(services, "/subscribe all", chat=GROUP, admin=False)
    assert "only this chat's administrators" in refused
    assert "Sources:" in await say(services, "/subscribe", chat=GROUP, admin=False)
    assert "Commands" in (await say(services, "/help", chat=GROUP, admin=False)).title()
    for command in ("/digest", "/schedule 07:00", "/settings sentences 2", "/add https://x.org"):
        assert "administrators" in await say(services, command, chat=GROUP, admin=False)
    assert (await say(services, "/subscribe all", chat=GROUP, admin=True)).startswith("Subscribed")


async def test_summary_top_last_n_and_topic(services: Services) -> None:
    await say(services, "/subscribe all")
    top = await say(services, "/summary")
    assert top.startswith("TOP STORIES")
    assert "ECB holds rates <steady>" in top and "Council passes budget" in top
    assert "Who: Christine Lagarde (ECB President), European Central Bank" in top
    last = await say(services, "/summary 1")
    assert "Council passes budget" in last and "ECB" not in last
    about = await say(services, "/summary budget")
    assert "Council passes budget" in about and "ECB" not in about
    assert await say(services, "/summary weather") == "No stored story mentions weather."
    assert "1 to 20" in await say(services, "/summary 500")


async def test_summary_refuses_local_files(services: Services) -> None:
    reply = await say(services, "/summary file:///etc/passwd")
    assert reply.startswith("Usage: /summary")


async def test_who_latest_named_and_by_story(services: Services) -> None:
    latest = await say(services, "/who")
    assert "Council passes budget" in latest
    assert "   - Ana Ruiz (Mayor): Ruiz rejected the cuts to libraries\n" in latest
    named = await say(services, "/who lagarde")
    assert named.startswith("CHRISTINE LAGARDE, ECB PRESIDENT")
    assert "ECB holds rates" in named
    assert "   - Christine Lagarde (ECB President): “We are not done yet” (wire)\n" in named
    assert "No one called Smith" in await say(services, "/who Smith")


async def test_who_says_who_reported_a_position_from_the_story_and_the_ledger(
    services: Services,
) -> None:
    article = store_reported_story(services.db)
    putin = (
        f"   - Vladimir Putin (Russian President): {REPORTED_STANCE} (according to Donald Trump)"
    )
    latest = await say(services, "/who")
    assert "\n\nTalks on guarantees\n   (wire)\n" in latest
    assert f"{putin}\n   - Donald Trump (President)\n" in latest
    # The ledger: first read from the stored actors, then from its recorded rows.
    assert f"{putin} (wire)\n" in await say(services, "/who putin")
    with services.db.write() as conn:
        assert record_positions(conn, [article]) == 2
    with services.db.read() as conn:
        [entry] = [e for e in entries_for(conn, "putin", None) if e.position]
    assert entry.reported_by == "Donald Trump" and entry.position == REPORTED_STANCE
    assert f"{putin} (wire)\n" in await say(services, "/who putin")


async def test_schedule_and_settings(services: Services) -> None:
    saved = await say(services, "/schedule 18:00, 08:00 Europe/Berlin")
    assert saved == "Digests will arrive at 08:00, 18:00 (Europe/Berlin)."
    assert "Unknown time zone Mars/Olympus" in await say(services, "/schedule 08:00 Mars/Olympus")
    assert "not a time like 08:00" in await say(services, "/schedule 8am")
    panel = await say(services, "/settings sentences 2")
    assert "Sentences per story: 2" in panel
    assert "[Sentences +: /settings sentences 3]" in panel
    quiet = await say(services, "/settings quiet 22:00-07:00")
    assert "Quiet hours: 22:00-07:00 (Europe/Berlin)" in quiet
    assert "must be 1 to 10" in await say(services, "/settings sentences 99")


async def test_digest_now_then_nothing_new(services: Services) -> None:
    assert "follows no sources" in await say(services, "/digest")
    await say(services, "/subscribe all")
    assert await say(services, "/digest") == ""  # the digest itself comes through the outbox
    assert await say(services, "/digest") == "No new stories since the last digest."

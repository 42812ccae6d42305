"""Commands given 1,200 words answer once and clearly, on both databases."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.commands import Services, handle
from bot.commands.context import echoed
from bot.render.console import console_text
from bot.store.database import Database
from tests.support.fakes import request, serving, store_two_stories

# 1,200 short words, 600 of them different; no stored story has them all.
MANY = " ".join(["council", "budget"] + [f"w{n % 598}" for n in range(1198)])
# 1,200 words of the council story (title and text), five of them different.
REPEATED = " ".join(["council", "passes", "budget", "body", "text"] * 240)


@pytest.fixture
async def services(db: Database, db_url: str) -> AsyncIterator[Services]:
    store_two_stories(db, "ECB holds rates")
    async with serving(db, db_url) as services:
        yield services


async def say(services: Services, text: str) -> str:
    return console_text(await handle(services, request(text)))  # type: ignore[arg-type]


async def test_summary_with_1200_words_answers_once(services: Services) -> None:
    assert await say(services, f"/summary {MANY}") == f"No stored story mentions {echoed(MANY)}."
    found = await say(services, f"/summary {REPEATED}")
    assert "Council passes budget" in found and "ECB" not in found


async def test_who_with_1200_words_answers_once(services: Services) -> None:
    answer = await say(services, f"/who {MANY}")
    assert answer == f"No one called {echoed(MANY)} appears in the recent stories."
    named = await say(services, "/who " + " ".join(["ana", "ruiz"] * 600))
    assert named.startswith("ANA RUIZ, MAYOR")

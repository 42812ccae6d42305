"""Story look-ups shared by /summary and /who: the chat's scope and pages fetched on demand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot import texts
from bot.collect.fetch import fetch_article
from bot.collect.summarising import summarise_article
from bot.commands.context import Services
from bot.digest.plan import StoryRow, get_stories, newest_stories
from bot.errors import FeedError
from bot.models import actors_from_json
from bot.store.chats import ChatRow, list_subscriptions
from bot.store.sources import source_ids_for

__all__ = ["Scope", "fetch_and_summarise", "scope_of", "stories_by_id"]

ALL_SOURCES_NOTE = texts.ALL_SOURCES_NOTE


@dataclass(frozen=True, slots=True)
class Scope:
    """The sources a chat's questions cover: its subscriptions, or everything if it has none."""

    source_ids: list[int] | None
    note: str | None


def scope_of(services: Services, chat: ChatRow) -> Scope:
    with services.db.read() as conn:
        subs = list_subscriptions(conn, chat.id)
        if not subs:
            return Scope(None, ALL_SOURCES_NOTE)
        return Scope(source_ids_for(conn, subs), None)


def stories_by_id(services: Services, story_ids: Sequence[int]) -> list[StoryRow]:
    with services.db.read() as conn:
        return get_stories(conn, story_ids)


def newest(services: Services, scope: Scope, limit: int) -> list[StoryRow]:
    with services.db.read() as conn:
        return newest_stories(conn, scope.source_ids, limit)


async def fetch_and_summarise(services: Services, url: str, sentences: int) -> StoryRow:
    """Fetch a web page now (SSRF guard, size cap) and digest it; FeedError says what failed."""
    entry = await fetch_article(services.client, url, services.settings.fetch)
    if not entry.text.strip():
        raise FeedError(texts.NO_PAGE_TEXT.format(url=url))
    digest = services.settings.digest
    stored = await services.run(
        summarise_article,
        entry.title,
        entry.text,
        sentences,
        digest.max_chars,
        digest.algorithm,
        nlp_model=digest.nlp_model,
        nlp_models=digest.nlp_models,
    )
    now = services.clock()
    return StoryRow(
        id=0,
        title=entry.title or url,
        url=entry.url or url,
        source=None,
        summary=stored.summary,
        actors=actors_from_json(stored.actors),
        text_chars=len(entry.text),
        published=entry.published,
        fetched_at=now,
        language=stored.language or "en",
    )

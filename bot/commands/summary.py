"""/summary and /digest."""

from __future__ import annotations

from datetime import timedelta

from bot import texts
from bot.collect.urls import web_url
from bot.commands.context import Request, Services, UsageError, echoed
from bot.commands.filter import chat_filters_of
from bot.commands.help import usage
from bot.commands.lookup import Scope, fetch_and_summarise, newest, scope_of
from bot.delivery.outbox import queue_digest
from bot.digest.plan import StoryRow, importance, newest_stories, search_stories, story_view
from bot.filters.match import ChatFilters
from bot.ports import Reply
from bot.store.chats import list_subscriptions

__all__ = ["digest_now", "summary"]

TOP_WINDOW = timedelta(hours=24)
MAX_N = 20
# Stories ranked for "/summary": the freshest ones within the window.
RANKED_POOL = 200


def _reply(heading: str, stories: list[StoryRow], sentences: int, scope: Scope) -> Reply:
    views = [story_view(s, sentences=sentences, number=n) for n, s in enumerate(stories, 1)]
    return Reply(heading=heading, lines=[scope.note] if scope.note else [], stories=views)


def _newest_passing(
    services: Services, scope: Scope, limit: int, filters: ChatFilters
) -> list[StoryRow]:
    if filters.is_empty:
        return newest(services, scope, limit)
    return filters.split(newest(services, scope, RANKED_POOL))[0][:limit]


def _top(services: Services, scope: Scope, limit: int, filters: ChatFilters) -> list[StoryRow]:
    now = services.clock()
    with services.db.read() as conn:
        pool = newest_stories(conn, scope.source_ids, RANKED_POOL, since=now - TOP_WINDOW)
    ranked = sorted(filters.split(pool)[0], key=lambda s: (-importance(s, now), -s.id))
    return ranked[:limit] or _newest_passing(services, scope, limit, filters)


def _hidden_note(stories: list[StoryRow], filters: ChatFilters) -> list[str]:
    hidden = len(filters.split(stories)[1])
    if not hidden:
        return []
    which = texts.THIS_STORY if len(stories) == 1 else texts.SOME_STORIES.format(hidden=hidden)
    return [texts.FILTERS_HIDE.format(which=which)]


def _search(services: Services, scope: Scope, words: list[str], limit: int) -> list[StoryRow]:
    with services.db.read() as conn:
        return search_stories(conn, scope.source_ids, words, limit)


async def summary(services: Services, request: Request, args: str) -> Reply:
    chat = await services.chat(request.chat)
    text = args.strip()
    if text.lower().startswith(("http:", "https:", "file:", "ftp:")):
        url = web_url(text)
        if url is None or " " in text:
            raise UsageError(usage("summary"))
        story = await fetch_and_summarise(services, url, chat.sentences)
        return Reply(stories=[story_view(story, sentences=chat.sentences)])
    scope = await services.run(scope_of, services, chat)
    filters = await services.run(chat_filters_of, services, chat.id)
    note: list[str] = []
    if not text:
        stories = await services.run(_top, services, scope, chat.max_stories, filters)
        heading = texts.TOP_STORIES
    elif text.isdigit():
        count = int(text)
        if not 1 <= count <= MAX_N:
            raise UsageError(texts.ASK_FOR_N.format(most=MAX_N))
        stories = await services.run(_newest_passing, services, scope, count, filters)
        shown = len(stories)
        heading = texts.LAST_N.format(count=shown, stories=texts.counted(shown, "story"))
    else:
        words = text.split()
        stories = await services.run(_search, services, scope, words, chat.max_stories)
        if not stories:
            return Reply(lines=[texts.NO_STORY_MENTIONS.format(words=echoed(text))])
        heading = texts.STORIES_ABOUT.format(words=echoed(text))
        note = _hidden_note(stories, filters)
    if not stories and not filters.is_empty:
        return Reply(lines=[texts.NONE_PASS_FILTERS])
    if not stories:
        return Reply(lines=[texts.NO_STORIES_YET])
    reply = _reply(heading, stories, chat.sentences, scope)
    reply.lines += note
    return reply


def _has_subscriptions(services: Services, chat_id: int) -> bool:
    with services.db.read() as conn:
        return bool(list_subscriptions(conn, chat_id))


async def digest_now(services: Services, request: Request, args: str) -> Reply:
    chat = await services.chat(request.chat)
    if not await services.run(_has_subscriptions, services, chat.id):
        return Reply(lines=[texts.FOLLOWS_NO_SOURCES, usage("subscribe")])
    queued = await services.run(queue_digest, services.db, chat.id, services.clock())
    if queued is None:
        return Reply(lines=[texts.NO_NEW_STORIES])
    services.digest_queued()
    # The digest itself is the answer; it comes through the outbox.
    return Reply()
